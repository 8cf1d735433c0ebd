//! The `/` and `:` prompt: editing the query (keys, paste, history),
//! opening a search, keeping it with Enter and undoing it with Esc.

use super::{App, Focus, Mode, PromptKind};
use crate::tui::action::Action;
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
}
