//! The `/` prompt: incremental search into a filtered view, kept with Enter,
//! undone with Esc, stepped through with `n`/`N`.

use std::sync::Arc;

use super::{App, Focus, Mode, PromptKind};
use crate::search::{Highlight, Order, Results};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::rows::Row;
use crate::tui::search::{Filter, PROMPT_CAP};

/// Longest `:` goto input, in bytes.
const GOTO_CAP: usize = 200;

/// The view as it was when `/` was pressed, restored by Esc.
#[derive(Debug, Clone)]
pub(crate) struct Saved {
    filter: Option<Filter>,
    selected: usize,
    offset: usize,
    focus: Focus,
    detail_scroll: usize,
    excerpt: usize,
}

/// How a character arrives in the prompt: tabs and line breaks (from a paste)
/// become spaces; other control, escape and bidi characters are dropped.
fn prompt_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        c if c.is_control() || crate::sanitize::hazard(c).is_some() => None,
        c => Some(c),
    }
}

impl App {
    // ----- the filtered view -------------------------------------------------

    /// The timeline rows shown: the hits when a search filters the view.
    pub(crate) fn rows(&self) -> &[Row] {
        self.filter
            .as_ref()
            .map_or(&self.timeline.rows, |f| &f.rows)
    }

    /// The row of event `e` in the shown rows.
    pub(crate) fn row_of(&self, e: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.row_of(e),
            None => self.timeline.event_row.get(e).copied(),
        }
    }

    /// Number of events shown.
    pub(crate) fn visible_len(&self) -> usize {
        self.filter
            .as_ref()
            .map_or(self.store.events.len(), Filter::len)
    }

    /// The event shown at position `pos` (in display order).
    pub(crate) fn visible_at(&self, pos: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.event_at(pos),
            None => (pos < self.store.events.len()).then_some(pos),
        }
    }

    /// The display position of event `e`, if shown.
    pub(crate) fn pos_of(&self, e: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.pos_of(e),
            None => (e < self.store.events.len()).then_some(e),
        }
    }

    /// Selects the event at display position `pos` (clamped).
    pub(crate) fn select_pos(&mut self, pos: usize) {
        let n = self.visible_len();
        if n == 0 {
            self.offset = 0;
            return;
        }
        if let Some(e) = self.visible_at(pos.min(n - 1)) {
            self.select(e);
        }
    }

    /// The search filtering the view (while typing, or kept with Enter).
    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// The search prompt's current error (a bad filter), if any.
    pub fn search_error(&self) -> Option<&crate::search::QueryError> {
        self.search.error.as_ref()
    }

    /// Queries accepted in this session, oldest first.
    pub fn search_history(&self) -> &[String] {
        &self.search.history
    }

    /// The prompt text and its cursor (a byte index).
    pub fn prompt(&self) -> (&str, usize) {
        (&self.prompt, self.cursor)
    }

    /// Whether the last paste or keystroke hit the prompt's length cap.
    pub fn prompt_capped(&self) -> bool {
        self.capped
    }

    /// Order the hits are shown in.
    pub fn search_order(&self) -> Order {
        self.order
    }

    /// True while a search is waiting or running (poll more often).
    pub fn search_busy(&self) -> bool {
        self.search.busy()
    }

    /// Where the shown search matches event `e` (empty without a search).
    pub fn highlights(&self, e: usize) -> Vec<Highlight> {
        match &self.filter {
            Some(f) => self.search.highlights(f.query(), e),
            None => Vec::new(),
        }
    }

    // ----- driving the searcher ----------------------------------------------

    /// Sends the typed query and takes in results that arrived, without
    /// blocking; true when the view changed. The terminal loop calls it each turn.
    pub fn poll_search(&mut self) -> bool {
        let changed = self.search.pump(false);
        if changed {
            self.take_results();
        }
        changed
    }

    /// Waits until the current search is done and shows its results (for
    /// tests and scripted use: the explorer itself never blocks on a search).
    pub fn wait_for_search(&mut self) {
        while self.search.busy() && !self.search.failed() {
            if self.search.pump(true) {
                self.take_results();
            }
        }
    }

    fn take_results(&mut self) {
        let Some(results) = self.search.results.take() else {
            return;
        };
        let keep = self.selected;
        self.filter = Some(Filter::new(results, self.order, &self.timeline));
        let typing = self.mode == Mode::Prompt(PromptKind::Search);
        match self.pos_of(keep) {
            Some(_) if !typing => self.keep_visible(),
            _ => self.select_pos(0),
        }
    }

    // ----- the prompt ---------------------------------------------------------

    pub(crate) fn open_search(&mut self) {
        self.saved = Some(Saved {
            filter: self.filter.clone(),
            selected: self.selected,
            offset: self.offset,
            focus: self.focus,
            detail_scroll: self.detail_scroll,
            excerpt: self.excerpt,
        });
        self.search.stop();
        self.history_at = None;
        self.open_prompt(PromptKind::Search);
        if self.focus != Focus::Timeline {
            self.focus = Focus::Timeline;
            self.relayout();
        }
    }

    /// Esc: the view, selection and panes exactly as before `/`.
    pub(crate) fn cancel_search(&mut self) {
        self.search.stop();
        self.mode = Mode::Browse;
        if let Some(s) = self.saved.take() {
            let refresh = s
                .filter
                .as_ref()
                .filter(|f| f.partial())
                .map(|f| f.query().raw.clone());
            self.filter = s.filter;
            self.selected = s.selected;
            self.offset = s.offset;
            self.detail_scroll = s.detail_scroll;
            self.excerpt = s.excerpt;
            if self.focus != s.focus {
                self.focus = s.focus;
                self.relayout();
            }
            if let Some(text) = refresh {
                self.search.request(&text);
            }
        }
    }

    fn accept_search(&mut self) {
        if self.search.error.is_some() {
            return; // the error stays on the prompt line until it is fixed
        }
        let text = std::mem::take(&mut self.prompt);
        self.cursor = 0;
        self.mode = Mode::Browse;
        self.saved = None;
        if text.trim().is_empty() {
            self.search.stop();
            self.clear_search();
            return;
        }
        self.search.remember(&text);
    }

    /// Esc in browse with a kept search: back to the whole timeline, on the same event.
    pub(crate) fn clear_search(&mut self) {
        if let Some(f) = self.filter.take() {
            self.search.stop();
            self.last = Some(f);
            self.keep_visible();
            self.message = Some("search cleared · n/N still step through its hits".into());
        }
    }

    fn prompt_changed(&mut self) {
        self.history_at = None;
        self.search_text_changed();
    }

    fn search_text_changed(&mut self) {
        if self.prompt.trim().is_empty() {
            self.search.stop();
            if let Some(s) = &self.saved {
                self.filter = s.filter.clone();
                let (sel, off) = (s.selected, s.offset);
                self.selected = sel;
                self.offset = off;
                self.keep_visible();
            }
        } else {
            let text = self.prompt.clone();
            self.search.request(&text);
        }
    }

    pub(crate) fn update_prompt(&mut self, kind: PromptKind, action: Action) {
        let search = kind == PromptKind::Search;
        let cap = if search { PROMPT_CAP } else { GOTO_CAP };
        let before = self.prompt.len();
        match action {
            Action::PromptInput(c) => {
                let Some(c) = prompt_char(c) else { return };
                if self.prompt.len() + c.len_utf8() > cap {
                    self.capped = true;
                    return;
                }
                self.prompt.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Action::PromptBackspace if self.prompt.is_empty() => {
                return self.close_prompt(kind);
            }
            Action::PromptBackspace => {
                if let Some(c) = self.prompt[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                    self.prompt.remove(self.cursor);
                }
            }
            Action::PromptClear => {
                self.prompt.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Action::PromptDeleteWord => {
                let head = &self.prompt[..self.cursor];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                self.prompt.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::PromptLeft => {
                if let Some(c) = self.prompt[..self.cursor].chars().next_back() {
                    self.cursor -= c.len_utf8();
                }
                return;
            }
            Action::PromptRight => {
                if let Some(c) = self.prompt[self.cursor..].chars().next() {
                    self.cursor += c.len_utf8();
                }
                return;
            }
            Action::PromptOlder | Action::PromptNewer if search => {
                return self.recall(action == Action::PromptOlder);
            }
            Action::ToggleSearchOrder if search => return self.toggle_order(),
            Action::Cancel => return self.close_prompt(kind),
            Action::PromptAccept => {
                if search {
                    return self.accept_search();
                }
                self.mode = Mode::Browse;
                let input = std::mem::take(&mut self.prompt);
                self.cursor = 0;
                return self.goto(input.trim());
            }
            _ => return,
        }
        if self.prompt.len() < cap {
            self.capped = self.capped && self.prompt.len() >= before;
        }
        if search {
            self.prompt_changed();
        }
    }

    fn close_prompt(&mut self, kind: PromptKind) {
        if kind == PromptKind::Search {
            self.cancel_search();
        } else {
            self.mode = Mode::Browse;
        }
    }

    fn recall(&mut self, older: bool) {
        let n = self.search.history.len();
        let at = match (self.history_at, older) {
            (None, true) if n > 0 => {
                self.draft = self.prompt.clone();
                Some(n - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
            _ => return,
        };
        self.prompt = match at {
            Some(i) => self.search.history[i].clone(),
            None => std::mem::take(&mut self.draft),
        };
        self.cursor = self.prompt.len();
        self.search_text_changed();
        self.history_at = at;
    }

    /// Pastes text into the open prompt: capped at the prompt's length, line
    /// breaks and tabs as spaces, control and bidi characters dropped.
    pub fn paste(&mut self, text: &str) {
        let Mode::Prompt(kind) = self.mode else {
            return;
        };
        let cap = if kind == PromptKind::Search {
            PROMPT_CAP
        } else {
            GOTO_CAP
        };
        for c in text.chars().filter_map(prompt_char) {
            if self.prompt.len() + c.len_utf8() > cap {
                self.capped = true;
                break;
            }
            self.update(Action::PromptInput(c));
        }
    }

    // ----- browsing the hits --------------------------------------------------

    pub(crate) fn toggle_order(&mut self) {
        self.order = match self.order {
            Order::Relevance => Order::Timeline,
            Order::Timeline => Order::Relevance,
        };
        let words = match self.order {
            Order::Relevance => "hits by relevance",
            Order::Timeline => "hits in timeline order",
        };
        let keep = self.selected;
        let Some(f) = self.filter.as_mut() else {
            self.message = Some(format!("{words} (for the next search)"));
            return;
        };
        f.reorder(self.order, &self.timeline);
        self.message = Some(words.into());
        if self.pos_of(keep).is_some() {
            self.keep_visible();
        } else {
            self.select_pos(0);
        }
    }

    /// `n` / `N`: the next or previous row of a filtered view; without one,
    /// the next or previous hit of the last search in the timeline.
    pub(crate) fn step_hit(&mut self, forward: bool) {
        if let Some(f) = &self.filter {
            let n = f.len();
            if n == 0 {
                self.message = Some("no hits".into());
                return;
            }
            let pos = self.pos_of(self.selected);
            let next = match (pos, forward) {
                (None, _) => 0,
                (Some(p), true) if p + 1 >= n => {
                    self.message = Some("last hit: continuing from the first".into());
                    0
                }
                (Some(p), true) => p + 1,
                (Some(0), false) => {
                    self.message = Some("first hit: continuing from the last".into());
                    n - 1
                }
                (Some(p), false) => p - 1,
            };
            self.select_pos(next);
            return;
        }
        let Some(last) = &self.last else {
            self.message = Some("no search yet: press / to search".into());
            return;
        };
        let hits = last.results.events_in_order(self.store.events.len());
        let sel = self.selected as u32;
        let target = if forward {
            hits.iter().find(|&&e| e > sel).or(hits.first())
        } else {
            hits.iter().rev().find(|&&e| e < sel).or(hits.last())
        };
        match target {
            Some(&e) => self.jump(e as usize),
            None => self.message = Some("the last search has no hits".into()),
        }
    }

    /// After a reload: the engine is rebuilt and shown hits are mapped to the
    /// new store by event id, then searched again.
    pub(crate) fn reindex(&mut self, old: &Store) {
        self.search.rebuild(Arc::clone(&self.store));
        let remap = |f: &Filter, store: &Store, tl| {
            let mut r: Results = f.results.clone();
            r.hits.retain_mut(|h| {
                let id = &old.events[h.event].id;
                store.index_of(id).map(|i| h.event = i).is_some()
            });
            r.complete = false;
            Filter::new(r, f.results.order, tl)
        };
        if let Some(f) = &self.filter {
            let text = f.query().raw.clone();
            self.filter = Some(remap(f, &self.store, &self.timeline));
            self.search.request(&text);
        }
        if let Some(f) = &self.last {
            let mut g = remap(f, &self.store, &self.timeline);
            g.results.complete = true;
            self.last = Some(g);
        }
    }
}
