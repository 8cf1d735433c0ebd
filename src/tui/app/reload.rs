//! Taking in a reloaded store (after an edit on disk, `e`, or a capture):
//! the selection, mark and history follow the events by id.

use super::{App, CheckStatus, Mode, ModeKind, PromptKind, count};
use std::sync::Arc;

use crate::check::Report;
use crate::store::Store;
use crate::tui::rows::Timeline;

impl App {
    /// Replaces the store after a reload, keeping the selection, mark and
    /// history by event id.
    pub fn replace_store(&mut self, store: Store, report: &Report) {
        self.store_parsed(store);
        self.set_report(report);
        self.reloaded_message();
    }

    /// Replaces the store with a reloaded one that `check` has not seen yet.
    pub fn store_parsed(&mut self, store: Store) {
        let timeline = Timeline::build(&store);
        self.store_laid_out(store, timeline, None);
    }

    /// As [`App::store_parsed`], with the rows already built (by the loader
    /// thread), and the search index read from `index` when kept there.
    pub fn store_laid_out(
        &mut self,
        store: impl Into<Arc<Store>>,
        timeline: Timeline,
        index: Option<crate::cache::index::IndexCache>,
    ) {
        if self.mode.kind() == ModeKind::Prompt(PromptKind::Search) {
            self.cancel_search();
        }
        let captured = self.after_reload.take();
        let keep = captured
            .clone()
            .or_else(|| self.selected_id().map(str::to_owned));
        self.timeline = timeline;
        let old = std::mem::replace(&mut self.store, store.into());
        self.reindex(&old, index);
        self.check = CheckStatus::Running;
        self.check_progress = None;
        self.history.retain(|id| self.store.index_of(id).is_some());
        if self
            .mark
            .as_deref()
            .is_some_and(|m| self.store.index_of(m).is_none())
        {
            self.mark = None;
        }
        if matches!(
            self.mode,
            Mode::Reader(_) | Mode::ChooseRelated(_) | Mode::TimeScale(_)
        ) {
            self.mode = Mode::Browse;
        }
        let i = keep.and_then(|id| self.store.index_of(&id)).unwrap_or(0);
        self.list.selected = i.min(self.store.events.len().saturating_sub(1));
        self.excerpts.current = 0;
        if self.pos_of(self.list.selected).is_none() {
            self.select_pos(0);
        }
        // A capture appends its excerpt: show that one.
        if let Some(e) = self.selected_event()
            && captured.as_deref() == Some(e.id.as_str())
        {
            self.excerpts.current = e.excerpts.len().saturating_sub(1);
        }
        self.keep_visible();
        self.set_banner(None);
        self.load_error = None;
    }

    /// "reloaded: 48 events, 1 error, 0 warnings" on the status line.
    pub fn reloaded_message(&mut self) {
        let n = self.store.events.len();
        let reloaded = match &self.check {
            CheckStatus::Done {
                errors, warnings, ..
            } => format!(
                "reloaded: {n} events, {}, {}",
                count(*errors, "error"),
                count(*warnings, "warning")
            ),
            CheckStatus::Running => format!("reloaded: {n} events, checking…"),
        };
        // A capture's note stays until its reload is checked.
        let note = match self.check {
            CheckStatus::Done { .. } => self.capture_note.take(),
            CheckStatus::Running => self.capture_note.clone(),
        };
        let undo = if self.captured.is_some() {
            " · u undo"
        } else {
            ""
        };
        self.message = Some(match note {
            Some(note) => format!("{note} · {reloaded}{undo}"),
            None => reloaded,
        });
    }
}
