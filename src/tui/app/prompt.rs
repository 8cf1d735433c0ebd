//! The `/` and `:` prompt: editing the query (keys, paste, history),
//! opening a search, keeping it with Enter and undoing it with Esc.

use super::{App, Focus, Mode, PromptKind, PromptState};
use crate::tui::action::Action;
use crate::tui::search::{Filter, PROMPT_CAP};

/// Longest `:` goto input, in bytes.
const GOTO_CAP: usize = 200;

/// The view as it was when `/` was pressed, restored by Esc.
#[derive(Debug, Clone)]
pub struct Saved {
    filter: Option<Filter>,
    selected: usize,
    offset: usize,
    focus: Focus,
    detail_top: usize,
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

fn cap(kind: PromptKind) -> usize {
    match kind {
        PromptKind::Search => PROMPT_CAP,
        PromptKind::Goto => GOTO_CAP,
    }
}

/// One editing key applied to the prompt text; false when nothing changed.
fn edit(p: &mut PromptState, action: Action) -> bool {
    let before = p.text.len();
    match action {
        Action::PromptInput(c) => {
            let Some(c) = prompt_char(c) else {
                return false;
            };
            if p.text.len() + c.len_utf8() > cap(p.kind) {
                p.capped = true;
                return false;
            }
            p.text.insert(p.cursor, c);
            p.cursor += c.len_utf8();
        }
        Action::PromptBackspace => {
            let Some(c) = p.text[..p.cursor].chars().next_back() else {
                return false;
            };
            p.cursor -= c.len_utf8();
            p.text.remove(p.cursor);
        }
        Action::PromptClear => {
            p.text.replace_range(..p.cursor, "");
            p.cursor = 0;
        }
        Action::PromptDeleteWord => {
            let head = &p.text[..p.cursor];
            let start = head
                .trim_end()
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            p.text.replace_range(start..p.cursor, "");
            p.cursor = start;
        }
        Action::PromptLeft => {
            if let Some(c) = p.text[..p.cursor].chars().next_back() {
                p.cursor -= c.len_utf8();
            }
            return false;
        }
        Action::PromptRight => {
            if let Some(c) = p.text[p.cursor..].chars().next() {
                p.cursor += c.len_utf8();
            }
            return false;
        }
        _ => return false,
    }
    if p.text.len() < cap(p.kind) {
        // Deleting clears the "capped" note; typing keeps it.
        p.capped = p.capped && p.text.len() >= before;
    }
    true
}

impl App {
    /// The search prompt's current error (a bad filter), if any.
    pub fn search_error(&self) -> Option<&crate::search::QueryError> {
        self.search.error.as_ref()
    }

    /// Queries accepted in this session, oldest first.
    pub fn search_history(&self) -> &[String] {
        &self.search.history
    }

    /// The open prompt.
    pub fn prompt_state(&self) -> Option<&PromptState> {
        match &self.mode {
            Mode::Prompt(p) => Some(p),
            _ => None,
        }
    }

    /// The prompt text and its cursor (a byte index); empty when closed.
    pub fn prompt(&self) -> (&str, usize) {
        self.prompt_state().map_or(("", 0), |p| (&p.text, p.cursor))
    }

    /// Whether the last paste or keystroke hit the prompt's length cap.
    pub fn prompt_capped(&self) -> bool {
        self.prompt_state().is_some_and(|p| p.capped)
    }

    pub(crate) fn open_search(&mut self) {
        let mut p = PromptState::new(PromptKind::Search);
        p.saved = Some(Saved {
            filter: self.filter.clone(),
            selected: self.list.selected,
            offset: self.list.offset,
            focus: self.focus,
            detail_top: self.detail.top,
            excerpt: self.excerpts.current,
        });
        self.search.stop();
        self.mode = Mode::Prompt(p);
        if self.focus != Focus::Timeline {
            self.focus = Focus::Timeline;
            self.relayout();
        }
    }

    /// Esc: the view, selection and panes exactly as before `/`.
    pub(crate) fn cancel_search(&mut self) {
        self.search.stop();
        let saved = match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Prompt(p) => p.saved,
            _ => None,
        };
        self.restore(saved);
    }

    fn restore(&mut self, saved: Option<Saved>) {
        let Some(s) = saved else { return };
        let refresh = s
            .filter
            .as_ref()
            .filter(|f| f.partial())
            .map(|f| f.query().raw.clone());
        self.filter = s.filter;
        self.list.selected = s.selected;
        self.list.offset = s.offset;
        self.detail.top = s.detail_top;
        self.excerpts.current = s.excerpt;
        if self.focus != s.focus {
            self.focus = s.focus;
            self.relayout();
        }
        if let Some(text) = refresh {
            self.search.request(&text);
        }
    }

    /// Enter on `/`: keep the hits (the mode is already back to browse).
    fn accept_search(&mut self, p: PromptState) {
        if self.search.error.is_some() {
            // The error stays on the prompt line until it is fixed.
            self.mode = Mode::Prompt(p);
            return;
        }
        if p.text.trim().is_empty() {
            self.search.stop();
            self.clear_search();
            return;
        }
        self.search.remember(&p.text);
    }

    /// The search text changed: search again, or show the view before `/`.
    fn search_text_changed(&mut self, p: &PromptState) {
        if p.text.trim().is_empty() {
            self.search.stop();
            if let Some(s) = &p.saved {
                self.filter = s.filter.clone();
                self.list.selected = s.selected;
                self.list.offset = s.offset;
                self.keep_visible();
            }
        } else {
            self.search.request(&p.text);
        }
    }

    /// Keys while the prompt is open; the mode was taken out of `self`.
    pub(crate) fn update_prompt(&mut self, mut p: PromptState, action: Action) {
        let search = p.kind == PromptKind::Search;
        match action {
            Action::PromptBackspace if p.text.is_empty() => return self.close_prompt(p),
            Action::Cancel => return self.close_prompt(p),
            Action::PromptOlder | Action::PromptNewer if search => {
                self.recall(&mut p, action == Action::PromptOlder);
            }
            Action::ToggleSearchOrder if search => self.toggle_order(),
            Action::PromptAccept if search => return self.accept_search(p),
            Action::PromptAccept => return self.goto(p.text.trim()),
            _ => {
                if edit(&mut p, action) && search {
                    p.history_at = None;
                    self.search_text_changed(&p);
                }
            }
        }
        self.mode = Mode::Prompt(p);
    }

    fn close_prompt(&mut self, p: PromptState) {
        if p.kind == PromptKind::Search {
            self.search.stop();
            self.restore(p.saved);
        }
    }

    fn recall(&mut self, p: &mut PromptState, older: bool) {
        let n = self.search.history.len();
        let at = match (p.history_at, older) {
            (None, true) if n > 0 => {
                p.draft = p.text.clone();
                Some(n - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
            _ => return,
        };
        p.text = match at {
            Some(i) => self.search.history[i].clone(),
            None => std::mem::take(&mut p.draft),
        };
        p.cursor = p.text.len();
        self.search_text_changed(p);
        p.history_at = at;
    }

    /// Pastes text into the open prompt: capped at the prompt's length, line
    /// breaks and tabs as spaces, control and bidi characters dropped.
    pub fn paste(&mut self, text: &str) {
        let Some(kind) = self.prompt_state().map(|p| p.kind) else {
            return;
        };
        for c in text.chars().filter_map(prompt_char) {
            if self.prompt().0.len() + c.len_utf8() > cap(kind) {
                if let Mode::Prompt(p) = &mut self.mode {
                    p.capped = true;
                }
                break;
            }
            self.update(Action::PromptInput(c));
        }
    }
}
