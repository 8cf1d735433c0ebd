//! The explorer's state and the only place it changes: [`App::update`].
//! Rendering reads an `&App` and never changes what it shows; it only
//! records the heights it drew (see [`state::Scroll`]).

mod access;
mod background;
mod browse;
mod capture;
pub mod dated;
mod findings;
mod goto;
mod hits;
mod nav;
mod prompt;
pub mod reader;
mod reload;
pub mod state;
mod time;

use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::layout::Rect;

pub use capture::{Captured, READ_ONLY};
pub use nav::FromMark;
pub use reader::ReaderState;
pub use state::{
    CheckStatus, ChooseState, ExcerptsState, FindingsState, ListState, Pending, PromptKind,
    PromptState, Scroll,
};

use super::action::Action;
use super::rows::Timeline;
use super::search::{Filter, SearchState};
use super::view::layout::{Areas, inner, layout};
use crate::check::Report;
use crate::date::Day;
use crate::store::Store;

/// What the keys currently drive, with the state of that mode.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The timeline and its panes.
    Browse,
    /// Typing into the bottom-line prompt.
    Prompt(PromptState),
    /// The key help overlay, scrolled.
    Help(Scroll),
    /// The source reader.
    Reader(ReaderState),
    /// Choosing one of several related events.
    ChooseRelated(ChooseState),
    /// The list of `check` findings.
    Findings(FindingsState),
    /// The time-scaled view (zoom, pan, the event under the cursor).
    TimeScale(Box<crate::tui::timescale::TimeScale>),
}

/// Which mode is on, without its state (for comparisons and key contexts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeKind {
    /// [`Mode::Browse`].
    Browse,
    /// [`Mode::Prompt`] of this kind.
    Prompt(PromptKind),
    /// [`Mode::Help`].
    Help,
    /// [`Mode::Reader`].
    Reader,
    /// [`Mode::ChooseRelated`].
    ChooseRelated,
    /// [`Mode::Findings`].
    Findings,
    /// [`Mode::TimeScale`].
    TimeScale,
}

impl Mode {
    /// Which mode this is.
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Browse => ModeKind::Browse,
            Mode::Prompt(p) => ModeKind::Prompt(p.kind),
            Mode::Help(_) => ModeKind::Help,
            Mode::Reader(_) => ModeKind::Reader,
            Mode::ChooseRelated(_) => ModeKind::ChooseRelated,
            Mode::Findings(_) => ModeKind::Findings,
            Mode::TimeScale(_) => ModeKind::TimeScale,
        }
    }
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
        /// The file (the store, or a source text).
        path: std::path::PathBuf,
        /// 1-based line.
        line: u64,
    },
    /// Suspend the process (Ctrl-Z).
    Suspend,
    /// The store file was written (a capture or its undo): reload and check it.
    Reload,
}

/// The explorer state.
#[derive(Debug)]
pub struct App {
    pub(crate) store: Arc<Store>,
    /// Rows derived from the store once per load.
    pub(crate) timeline: Timeline,
    /// Today, injected so that screens are reproducible.
    pub(crate) today: Day,
    /// What `check` found (or that it is still running).
    pub(crate) check: CheckStatus,
    /// Quotes looked up of all while `check` runs (the title's percentage).
    pub(crate) check_progress: Option<(usize, usize)>,
    /// A reload is running in the background.
    pub(crate) reloading: bool,
    pub(crate) mode: Mode,
    pub(crate) focus: Focus,
    pub(crate) list: ListState,
    pub(crate) detail: Scroll,
    pub(crate) excerpts: ExcerptsState,
    pub(crate) pending: Pending,
    pub(crate) mark: Option<String>,
    pub(crate) history: Vec<String>,
    pub(crate) message: Option<String>,
    pub(crate) banner: Option<String>,
    /// Why the store on disk no longer loads, whole (the banner has its first line).
    pub(crate) load_error: Option<String>,
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
    pub(crate) order: crate::search::Order,
    /// The last capture, for `u`.
    pub(crate) captured: Option<Captured>,
    /// What the last capture (or undo) wrote, said again once the reload is checked.
    pub(crate) capture_note: Option<String>,
    /// The event to select when the next reload arrives (the captured one).
    pub(crate) after_reload: Option<String>,
}

fn day(d: NaiveDate) -> Day {
    use chrono::Datelike;
    // Month and day of a real date are 1..=12 and 1..=31.
    Day::new(i64::from(d.year()), d.month() as u8, d.day() as u8)
}

impl App {
    /// A new explorer on `store`, with `report` from `check`; `today` is
    /// injected so that screens are reproducible.
    pub fn new(store: Store, report: &Report, today: NaiveDate) -> Self {
        let mut app = Self::parsed(store, today);
        app.set_report(report);
        app
    }

    /// A new explorer on a store that is parsed but not yet checked: the
    /// title says "checking…" until [`App::set_report`].
    pub fn parsed(store: Store, today: NaiveDate) -> Self {
        let timeline = Timeline::build(&store);
        Self::laid_out(store, timeline, None, today)
    }

    /// As [`App::parsed`], with the rows already built (by the loader
    /// thread); the search index is read from `index` when kept there.
    pub fn laid_out(
        store: impl Into<Arc<Store>>,
        timeline: Timeline,
        index: Option<crate::cache::index::IndexCache>,
        today: NaiveDate,
    ) -> Self {
        let store = store.into();
        let mut app = App {
            search: SearchState::new(Arc::clone(&store), index),
            filter: None,
            last: None,
            order: crate::search::Order::default(),
            store,
            timeline,
            today: day(today),
            check: CheckStatus::Running,
            check_progress: None,
            reloading: false,
            mode: Mode::Browse,
            focus: Focus::Timeline,
            list: ListState::default(),
            detail: Scroll::default(),
            excerpts: ExcerptsState::default(),
            pending: Pending::default(),
            mark: None,
            history: Vec::new(),
            message: None,
            banner: None,
            load_error: None,
            dual: false,
            zoom: false,
            areas: Areas::default(),
            running: true,
            captured: None,
            capture_note: None,
            after_reload: None,
        };
        app.resize(80, 24);
        app
    }

    /// Takes in what `check` found for the current store.
    pub fn set_report(&mut self, report: &Report) {
        self.take_findings(report.findings.clone(), report.errors(), report.warnings());
    }

    /// [`App::set_report`], keeping the report's findings rather than a
    /// copy (a 100 000-event store can have 200 000 of them).
    pub fn take_report(&mut self, report: Report) {
        let (errors, warnings) = (report.errors(), report.warnings());
        self.take_findings(report.findings, errors, warnings);
    }

    fn take_findings(
        &mut self,
        findings: Vec<crate::finding::Finding>,
        errors: usize,
        warnings: usize,
    ) {
        self.check_progress = None;
        let n = findings.len();
        self.check = CheckStatus::Done {
            findings,
            errors,
            warnings,
        };
        if let Mode::Findings(f) = &mut self.mode {
            f.selected = f.selected.min(n.saturating_sub(1));
        }
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

    /// Says whether a reload runs in the background (shown in the title).
    pub fn set_reloading(&mut self, on: bool) {
        self.reloading = on;
    }

    /// The store on disk no longer loads: the banner says so (the last good
    /// state stays), the findings list shows `error` whole.
    pub fn store_failed(&mut self, error: &str) {
        // A capture's reload that fails says nothing more about the capture.
        self.capture_note = None;
        self.after_reload = None;
        let first = error.lines().next().unwrap_or_default();
        self.set_banner(Some(format!(
            "the store no longer loads (showing the last good state; ! for the error): {first}"
        )));
        self.load_error = Some(error.to_string());
    }

    /// Why the store on disk no longer loads, when it does not.
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
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
            self.pending.prefix = None;
        }
        if !matches!(action, Action::Count(_)) {
            self.message = None;
        }
        if action == Action::Quit {
            self.running = false;
            return None;
        }
        match std::mem::replace(&mut self.mode, Mode::Browse) {
            Mode::Browse => return self.update_browse(action),
            Mode::Prompt(p) => self.update_prompt(p, action),
            Mode::Help(mut scroll) => match action {
                Action::Down | Action::WheelDown(..) => {
                    scroll.by(true, 1);
                    self.mode = Mode::Help(scroll);
                }
                Action::Up | Action::WheelUp(..) => {
                    scroll.by(false, 1);
                    self.mode = Mode::Help(scroll);
                }
                Action::Cancel | Action::ToggleHelp => {}
                _ => self.mode = Mode::Help(scroll),
            },
            Mode::Reader(r) => return self.update_reader(r, action),
            Mode::ChooseRelated(c) => self.update_choose(c, action),
            Mode::Findings(f) => return self.update_findings(f, action),
            Mode::TimeScale(t) => self.update_timescale(t, action),
        }
        None
    }

    /// Rows of the timeline pane's inside.
    pub(crate) fn page_rows(&self) -> usize {
        usize::from(inner(self.areas.timeline).height).max(1)
    }
}

/// "1 error", "2 errors".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
