//! The explorer's state and the only place it changes: [`App::update`].
//! Rendering reads an `&App` and never mutates it.

mod access;
mod browse;
mod hits;
mod nav;
mod prompt;
mod reader;

use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

pub use reader::Reader;

use super::action::Action;
use super::rows::Timeline;
use super::search::{Filter, SearchState};
use super::view::layout::{Areas, inner, layout};
use crate::check::Report;
use crate::store::Store;

/// What the keys currently drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The timeline and its panes.
    Browse,
    /// Typing into the bottom-line prompt.
    Prompt(PromptKind),
    /// The key help overlay.
    Help,
    /// The source reader.
    Reader,
    /// Choosing one of several related events.
    ChooseRelated,
}

/// What the prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` go to a date or id.
    Goto,
    /// `/` search.
    Search,
}

/// Which pane has the keyboard in [`Mode::Browse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The event list.
    Timeline,
    /// The selected event's detail.
    Detail,
    /// The selected event's excerpts.
    Excerpts,
}

/// Something only the terminal loop can do, asked for by [`App::update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Open an editor on this file at this line, then reload.
    Edit {
        /// The store file.
        path: std::path::PathBuf,
        /// 1-based line of the event.
        line: u64,
    },
    /// Suspend the process (Ctrl-Z).
    Suspend,
}

/// The explorer state.
#[derive(Debug)]
pub struct App {
    pub(crate) store: Arc<Store>,
    pub(crate) timeline: Timeline,
    pub(crate) today: NaiveDate,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) selected: usize,
    pub(crate) offset: usize,
    pub(crate) mode: Mode,
    pub(crate) focus: Focus,
    pub(crate) count: Option<usize>,
    pub(crate) prefix: Option<char>,
    pub(crate) mark: Option<String>,
    pub(crate) history: Vec<String>,
    pub(crate) detail_scroll: usize,
    pub(crate) excerpt: usize,
    pub(crate) choose: usize,
    pub(crate) reader: Option<Reader>,
    pub(crate) help_scroll: usize,
    pub(crate) prompt: String,
    pub(crate) message: Option<String>,
    pub(crate) banner: Option<String>,
    pub(crate) dual: bool,
    pub(crate) zoom: bool,
    pub(crate) areas: Areas,
    pub(crate) running: bool,
    /// The search engine, its searcher and the prompt history.
    pub(crate) search: SearchState,
    /// The hits shown instead of the whole timeline.
    pub(crate) filter: Option<Filter>,
    /// The last search cleared from the view (for `n`/`N`).
    pub(crate) last: Option<Filter>,
    /// The view before `/`, restored by Esc.
    pub(crate) saved: Option<prompt::Saved>,
    pub(crate) order: crate::search::Order,
    pub(crate) cursor: usize,
    pub(crate) capped: bool,
    pub(crate) history_at: Option<usize>,
    pub(crate) draft: String,
}

impl App {
    /// A new explorer on `store`, with `report` from `check`; `today` is
    /// injected so that screens are reproducible.
    pub fn new(store: Store, report: &Report, today: NaiveDate) -> Self {
        let timeline = Timeline::build(&store);
        let store = Arc::new(store);
        let mut app = App {
            search: SearchState::new(Arc::clone(&store)),
            filter: None,
            last: None,
            saved: None,
            order: crate::search::Order::default(),
            cursor: 0,
            capped: false,
            history_at: None,
            draft: String::new(),
            store,
            timeline,
            today,
            errors: report.errors(),
            warnings: report.warnings(),
            selected: 0,
            offset: 0,
            mode: Mode::Browse,
            focus: Focus::Timeline,
            count: None,
            prefix: None,
            mark: None,
            history: Vec::new(),
            detail_scroll: 0,
            excerpt: 0,
            choose: 0,
            reader: None,
            help_scroll: 0,
            prompt: String::new(),
            message: None,
            banner: None,
            dual: false,
            zoom: false,
            areas: Areas::default(),
            running: true,
        };
        app.resize(80, 24);
        app
    }

    /// Starts on the event with this id; false when there is none.
    pub fn start_at(&mut self, id: &str) -> bool {
        match self.store.index_of(id) {
            Some(i) => {
                self.select(i);
                true
            }
            None => false,
        }
    }

    /// The terminal was resized.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.areas = layout(
            Rect::new(0, 0, width, height),
            self.banner.is_some(),
            self.focus,
        );
        self.keep_visible();
        self.rewrap_reader();
    }

    fn relayout(&mut self) {
        let full = self.areas.full;
        self.resize(full.width, full.height);
    }

    /// Replaces the store after a reload, keeping the selection, mark and
    /// history by event id.
    pub fn replace_store(&mut self, store: Store, report: &Report) {
        if self.mode == Mode::Prompt(PromptKind::Search) {
            self.cancel_search();
        }
        let keep = self.selected_id().map(str::to_owned);
        self.timeline = Timeline::build(&store);
        let old = std::mem::replace(&mut self.store, Arc::new(store));
        self.reindex(&old);
        self.errors = report.errors();
        self.warnings = report.warnings();
        self.history.retain(|id| self.store.index_of(id).is_some());
        if self
            .mark
            .as_deref()
            .is_some_and(|m| self.store.index_of(m).is_none())
        {
            self.mark = None;
        }
        self.reader = None;
        if self.mode == Mode::Reader || self.mode == Mode::ChooseRelated {
            self.mode = Mode::Browse;
        }
        let i = keep.and_then(|id| self.store.index_of(&id)).unwrap_or(0);
        self.selected = i.min(self.store.events.len().saturating_sub(1));
        self.excerpt = 0;
        if self.pos_of(self.selected).is_none() {
            self.select_pos(0);
        }
        self.keep_visible();
        self.set_banner(None);
        self.message = Some(format!(
            "reloaded: {} events, {} error(s), {} warning(s)",
            self.store.events.len(),
            self.errors,
            self.warnings
        ));
    }

    /// Shows (or clears) the banner line, e.g. a store that no longer loads.
    pub fn set_banner(&mut self, text: Option<String>) {
        let changed = self.banner.is_some() != text.is_some();
        self.banner = text;
        if changed {
            self.relayout();
        }
    }

    /// Sets the status-line message.
    pub fn set_message(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
    }

    /// Applies one action; returns an effect for the terminal loop, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        if !matches!(action, Action::Count(_) | Action::Prefix(_)) {
            self.prefix = None;
        }
        if !matches!(action, Action::Count(_)) {
            self.message = None;
        }
        match self.mode {
            Mode::Browse => self.update_browse(action),
            Mode::Prompt(kind) => {
                self.update_prompt(kind, action);
                None
            }
            Mode::Help => {
                match action {
                    Action::Down | Action::WheelDown(..) => self.help_scroll += 1,
                    Action::Up | Action::WheelUp(..) => {
                        self.help_scroll = self.help_scroll.saturating_sub(1)
                    }
                    Action::Cancel | Action::ToggleHelp | Action::Quit => self.mode = Mode::Browse,
                    _ => {}
                }
                None
            }
            Mode::Reader => {
                self.update_reader(action);
                None
            }
            Mode::ChooseRelated => {
                self.update_choose(action);
                None
            }
        }
    }

    /// Rows of the timeline pane's inside.
    pub(crate) fn page_rows(&self) -> usize {
        usize::from(inner(self.areas.timeline).height).max(1)
    }
}
