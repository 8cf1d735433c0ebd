//! Browsing search hits: the filtered view, the background searcher's
//! results, `n`/`N` through the hits, their order, and keeping them across a reload.

use std::sync::Arc;

use super::{App, ModeKind, PromptKind};
use crate::search::{Highlight, Order, Results};
use crate::store::Store;
use crate::tui::rows::Row;
use crate::tui::search::Filter;

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
            self.list.offset = 0;
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
        let keep = self.list.selected;
        self.filter = Some(Filter::new(results, self.order, &self.timeline));
        let typing = self.mode.kind() == ModeKind::Prompt(PromptKind::Search);
        match self.pos_of(keep) {
            Some(_) if !typing => self.keep_visible(),
            _ => self.select_pos(0),
        }
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
        let keep = self.list.selected;
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
            let pos = self.pos_of(self.list.selected);
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
        let sel = self.list.selected as u32;
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
    pub(crate) fn reindex(&mut self, old: &Store, index: Option<crate::cache::index::IndexCache>) {
        self.search.rebuild(Arc::clone(&self.store), index);
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
