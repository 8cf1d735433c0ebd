//! Read access to the explorer state (for the views, tests and the terminal loop).

use super::{App, CheckStatus, Focus, Mode, ModeKind, ReaderState};
use crate::store::Store;
use crate::tui::keymap::KeyContext;
use crate::tui::view::layout::Areas;

impl App {
    /// Forgets a pending count or key prefix (an unbound key followed them).
    pub fn clear_pending(&mut self) {
        self.pending = Default::default();
    }

    /// The keys in force now.
    pub fn key_context(&self) -> KeyContext {
        match self.mode.kind() {
            ModeKind::Browse => KeyContext::Browse,
            ModeKind::Prompt(_) => KeyContext::Prompt,
            ModeKind::Help => KeyContext::Help,
            ModeKind::Reader if self.reader().is_some_and(|r| r.choosing) => KeyContext::Capture,
            ModeKind::Reader => KeyContext::Reader,
            ModeKind::ChooseRelated => KeyContext::Choose,
            ModeKind::Findings => KeyContext::Findings,
            ModeKind::TimeScale => KeyContext::TimeScale,
        }
    }

    /// The pending two-key prefix (`]` of `]y`).
    pub fn prefix(&self) -> Option<char> {
        self.pending.prefix
    }

    /// The count being typed (`5` of `5j`).
    pub fn count(&self) -> Option<usize> {
        self.pending.count
    }

    /// The era lanes given a gutter column at the current width, left to
    /// right; the others are named as hidden in the help.
    pub fn era_lanes_shown(&self) -> &[String] {
        let n = self.timeline.lanes_for_width(self.areas.full.width);
        &self.timeline.lanes[..n]
    }

    /// Every era lane of the store that has a gutter column on a wide terminal.
    pub fn era_lanes(&self) -> &[String] {
        &self.timeline.lanes
    }

    /// Index of the selected event.
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// Id of the selected event.
    pub fn selected_id(&self) -> Option<&str> {
        self.store
            .events
            .get(self.list.selected)
            .map(|e| e.id.as_str())
    }

    /// The timeline row of the selected event (rows include year separators).
    pub fn selected_row(&self) -> usize {
        self.timeline
            .event_row
            .get(self.list.selected)
            .copied()
            .unwrap_or(0)
    }

    /// First visible timeline row.
    pub fn offset(&self) -> usize {
        self.list.offset
    }

    /// Current mode, with its state.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// Which mode is on.
    pub fn mode_kind(&self) -> ModeKind {
        self.mode.kind()
    }

    /// Focused pane.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The store being explored.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// What `check` found, or that it still runs.
    pub fn check_status(&self) -> &CheckStatus {
        &self.check
    }

    /// A reload runs in the background.
    pub fn reloading(&self) -> bool {
        self.reloading
    }

    /// The marked event's id.
    pub fn mark(&self) -> Option<&str> {
        self.mark.as_deref()
    }

    /// The status-line message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The banner text.
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_deref()
    }

    /// The open source reader.
    pub fn reader(&self) -> Option<&ReaderState> {
        match &self.mode {
            Mode::Reader(r) => Some(r),
            _ => None,
        }
    }

    /// Index of the focused excerpt of the selected event.
    pub fn excerpt(&self) -> usize {
        self.excerpts.current
    }

    /// The detail pane's scroll (its first line and the lines hidden).
    pub fn detail_scroll(&self) -> &super::Scroll {
        &self.detail
    }

    /// Whether the explorer should keep running.
    pub fn running(&self) -> bool {
        self.running
    }

    /// Whether dual dating is shown.
    pub fn dual_dating(&self) -> bool {
        self.dual
    }

    /// Pane rectangles for the current size.
    pub fn areas(&self) -> &Areas {
        &self.areas
    }
}
