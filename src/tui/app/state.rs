//! The explorer's state, one struct per pane and per mode: [`super::Mode`]
//! carries the state of the mode it names, so a mode's data exists exactly
//! while the mode does.

use std::cell::Cell;

use super::prompt::Saved;

/// A vertically scrolled pane. The draw records how many lines the content
/// has and how many fit (as gitui's `VerticalScroll`), and the update clamps
/// to what was last drawn: the update never builds a view to count lines.
#[derive(Debug, Clone, Default)]
pub struct Scroll {
    /// First line shown.
    pub top: usize,
    /// (content lines, visible lines) at the last draw; None before it.
    drawn: Cell<Option<(usize, usize)>>,
}

impl Scroll {
    /// Called by the view while drawing: the content has `lines` lines and
    /// `height` of them fit. Returns the first line to show (clamped).
    pub fn record(&self, lines: usize, height: usize) -> usize {
        self.drawn.set(Some((lines, height)));
        self.top.min(lines.saturating_sub(height))
    }

    /// The last first line that still fills the pane, as last drawn.
    fn max_top(&self) -> usize {
        self.drawn
            .get()
            .map_or(usize::MAX, |(lines, height)| lines.saturating_sub(height))
    }

    /// Lines visible at the last draw (1 before the first draw).
    pub fn height(&self) -> usize {
        self.drawn.get().map_or(1, |(_, h)| h.max(1))
    }

    /// Scrolls `n` lines down (or up), within what the last draw showed.
    pub fn by(&mut self, down: bool, n: usize) {
        let top = self.top.min(self.max_top());
        self.top = if down {
            top.saturating_add(n).min(self.max_top())
        } else {
            top.saturating_sub(n)
        };
    }

    /// To the first line.
    pub fn home(&mut self) {
        self.top = 0;
    }

    /// To the last page.
    pub fn end(&mut self) {
        self.top = self.max_top();
    }

    /// Lines hidden above and below the pane at the last draw.
    pub fn hidden(&self) -> (usize, usize) {
        match self.drawn.get() {
            Some((lines, height)) => {
                let top = self.top.min(lines.saturating_sub(height));
                (top, lines.saturating_sub(top + height))
            }
            None => (0, 0),
        }
    }
}

/// The timeline list: the selected event and the first row shown.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Index of the selected event in `store.events`.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
}

/// The excerpts pane: which excerpt of the selected event has the focus.
#[derive(Debug, Clone, Default)]
pub struct ExcerptsState {
    /// Index of the focused excerpt.
    pub current: usize,
}

/// Keys typed ahead of a move: a count (`5` of `5j`) or a prefix (`]` of `]y`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Pending {
    /// The count being typed.
    pub count: Option<usize>,
    /// The first key of a two-key sequence.
    pub prefix: Option<char>,
}

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` go to a date or id.
    Goto,
    /// `/` search.
    Search,
}

/// The bottom-line prompt while it is open.
#[derive(Debug, Clone)]
pub struct PromptState {
    /// What the prompt is for.
    pub kind: PromptKind,
    /// The text typed.
    pub text: String,
    /// The cursor, a byte index into `text`.
    pub cursor: usize,
    /// The last paste or keystroke hit the length cap.
    pub capped: bool,
    /// Where in the search history `Up`/`Down` are.
    pub history_at: Option<usize>,
    /// The text typed before walking the history.
    pub draft: String,
    /// Search: the view before `/`, restored by Esc.
    pub saved: Option<Saved>,
}

impl PromptState {
    /// An empty prompt of `kind`.
    pub fn new(kind: PromptKind) -> Self {
        PromptState {
            kind,
            text: String::new(),
            cursor: 0,
            capped: false,
            history_at: None,
            draft: String::new(),
            saved: None,
        }
    }
}

/// Choosing one of several related events.
#[derive(Debug, Clone, Default)]
pub struct ChooseState {
    /// The highlighted choice.
    pub index: usize,
}

/// The findings list (`!`).
#[derive(Debug, Clone, Default)]
pub struct FindingsState {
    /// The highlighted finding.
    pub selected: usize,
    /// The list's height at the last draw (for paging).
    pub scroll: Scroll,
}

/// What the check of the current store says so far.
#[derive(Debug, Clone, Default)]
pub enum CheckStatus {
    /// The store is parsed and shown; `check` is still running.
    #[default]
    Running,
    /// `check` finished.
    Done {
        /// Every finding, in file order.
        findings: Vec<crate::finding::Finding>,
        /// Errors among them.
        errors: usize,
        /// Warnings among them.
        warnings: usize,
    },
}
