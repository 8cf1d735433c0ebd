//! The time-scaled view's state: a window of days over the chronology (one
//! row per lane, eras as bands), a cursor day and lane, and the event under
//! it. No drawing here: [`crate::tui::view::timescale`] renders it.
//!
//! Everything is placed once in [`TimeScale::new`] (O(n log n)); moving,
//! zooming and asking what is under the cursor cost O(log n).

pub mod axis;
pub mod index;

use unicode_width::UnicodeWidthStr;

use crate::sanitize::for_terminal;
use crate::store::Store;
use index::{LaneIndex, Placed};

/// The narrowest window: 32 days, so a day is at least two columns wide on
/// an 80-column terminal.
pub const MIN_SPAN: i64 = 32;
/// `h`/`l` move the cursor by this fraction of the window.
const PAN_STEPS: i64 = 16;
/// The cursor scrolls the window when it comes this close (fraction) to an edge.
const MARGIN: i64 = 10;
/// "Under the cursor" means within this fraction of the window (≈ one column
/// at 100 columns), so a point event can be hit at any zoom.
const HIT: i64 = 100;

/// A row of the view: a lane's name and its index.
#[derive(Debug, Clone)]
pub struct Lane {
    /// The `lane:` value as written (or `(no lane)` / `eras`).
    pub name: String,
    /// Its events or eras, by day.
    pub index: LaneIndex,
}

/// State of the time-scaled view.
#[derive(Debug, Clone)]
pub struct TimeScale {
    events: Vec<Placed>,
    event_lane: Vec<usize>,
    lanes: Vec<Lane>,
    eras: Vec<Placed>,
    era_lanes: Vec<Lane>,
    /// The days worth showing: every known edge, with a small margin.
    extent: (i64, i64),
    /// Events before this index have an open start (store order puts them first).
    first_dated: usize,
    /// Display width of the widest lane or era-lane name (as shown, sanitised).
    widest_name: usize,
    start: i64,
    span: i64,
    cursor: i64,
    lane: usize,
    selected: Option<usize>,
}

/// Groups `(lane name, placed)` rows into lanes in order of first appearance.
fn group<'a>(rows: impl Iterator<Item = (&'a str, Placed)>) -> (Vec<Lane>, Vec<usize>) {
    let mut names: Vec<String> = Vec::new();
    let mut by_name = std::collections::HashMap::new();
    let mut items: Vec<Vec<(usize, i64, i64)>> = Vec::new();
    let mut lane_of = Vec::new();
    for (i, (name, p)) in rows.enumerate() {
        let k = *by_name.entry(name.to_string()).or_insert_with(|| {
            names.push(name.to_string());
            items.push(Vec::new());
            names.len() - 1
        });
        items[k].push((i, p.from, p.to));
        lane_of.push(k);
    }
    let lanes = names
        .into_iter()
        .zip(items)
        .map(|(name, it)| Lane {
            name,
            index: LaneIndex::new(it),
        })
        .collect();
    (lanes, lane_of)
}

impl TimeScale {
    /// Places every event and era of `store`; the view starts on the whole
    /// span with the first event selected.
    pub fn new(store: &Store) -> TimeScale {
        let events: Vec<Placed> = store.events.iter().map(|e| Placed::of(&e.date)).collect();
        let eras: Vec<Placed> = store.eras.iter().map(|e| Placed::of(&e.date)).collect();
        let (lanes, event_lane) = group(
            store
                .events
                .iter()
                .map(|e| e.lane.as_deref().unwrap_or("(no lane)"))
                .zip(events.iter().copied()),
        );
        let (era_lanes, _) = group(
            store
                .eras
                .iter()
                .map(|e| e.lane.as_deref().unwrap_or("eras"))
                .zip(eras.iter().copied()),
        );
        let all = events.iter().chain(&eras);
        let lo = all.clone().map(|p| p.from).min();
        let hi = all.map(|p| p.to).max();
        let (lo, hi) = match (lo, hi) {
            (Some(lo), Some(hi)) => (lo, hi.max(lo + MIN_SPAN)),
            _ => {
                let y2000 = axis::day_number(2000, 1, 1);
                (y2000, y2000 + 366)
            }
        };
        let pad = (hi - lo) / 40 + 1;
        let widest_name = lanes
            .iter()
            .chain(&era_lanes)
            .map(|l| UnicodeWidthStr::width(for_terminal(&l.name).as_ref()))
            .max()
            .unwrap_or(0);
        let mut ts = TimeScale {
            widest_name,
            first_dated: events.iter().take_while(|p| p.open_start).count(),
            events,
            event_lane,
            lanes,
            eras,
            era_lanes,
            extent: (lo - pad, hi + pad),
            start: lo - pad,
            span: hi - lo + 2 * pad,
            cursor: lo,
            lane: 0,
            selected: None,
        };
        if !ts.events.is_empty() {
            ts.select(0);
        }
        ts
    }

    /// After a reload: this placement with `old`'s zoom, cursor day and lane
    /// (by name), so an edit on disk does not throw the reader's view away.
    pub fn with_view_of(mut self, old: &TimeScale) -> TimeScale {
        let whole = self.extent.1 - self.extent.0;
        self.span = old.span.clamp(MIN_SPAN, whole.max(MIN_SPAN));
        self.cursor = old.cursor.clamp(self.extent.0, self.extent.1 - 1);
        let name = old.lanes.get(old.lane).map(|l| l.name.as_str());
        self.lane = self
            .lanes
            .iter()
            .position(|l| Some(l.name.as_str()) == name)
            .unwrap_or(0);
        self.start = old.start;
        self.clamp_window();
        self.selected = None;
        self.selected = self.under_cursor();
        self
    }

    /// Display width of the widest lane name, for the gutter (computed once).
    pub fn widest_lane_name(&self) -> usize {
        self.widest_name
    }

    /// The visible days, `[start, end)`.
    pub fn window(&self) -> (i64, i64) {
        (self.start, self.start + self.span)
    }

    /// The day under the cursor.
    pub fn cursor(&self) -> i64 {
        self.cursor
    }

    /// The lane the cursor is in (an index into [`TimeScale::lanes`]).
    pub fn cursor_lane(&self) -> usize {
        self.lane
    }

    /// The event lanes, in order of their first event.
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// The era lanes, in order of their first era.
    pub fn era_lanes(&self) -> &[Lane] {
        &self.era_lanes
    }

    /// Where event `i` (store index) lies.
    pub fn event(&self, i: usize) -> Option<&Placed> {
        self.events.get(i)
    }

    /// The lane of event `i`.
    pub fn lane_of(&self, i: usize) -> Option<usize> {
        self.event_lane.get(i).copied()
    }

    /// Where era `i` (store index) lies.
    pub fn era(&self, i: usize) -> Option<&Placed> {
        self.eras.get(i)
    }

    /// The highlighted event: the one Enter returns to.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// True when the whole chronology is in the window (cannot zoom out).
    pub fn is_whole_span(&self) -> bool {
        self.span >= self.extent.1 - self.extent.0
    }

    /// True at the narrowest window (cannot zoom in).
    pub fn is_narrowest(&self) -> bool {
        self.span <= MIN_SPAN
    }

    /// Halves the window around the cursor, down to [`MIN_SPAN`] days.
    pub fn zoom_in(&mut self) {
        self.rescale((self.span / 2).max(MIN_SPAN));
    }

    /// Doubles the window around the cursor, up to the whole chronology.
    pub fn zoom_out(&mut self) {
        let whole = self.extent.1 - self.extent.0;
        self.rescale((self.span.saturating_mul(2)).min(whole).max(MIN_SPAN));
    }

    /// Zooms around the cursor: it comes to the middle of the window.
    fn rescale(&mut self, span: i64) {
        self.span = span;
        self.start = self.cursor - span / 2;
        self.clamp_window();
    }

    fn clamp_window(&mut self) {
        let (lo, hi) = self.extent;
        if self.span >= hi - lo {
            self.start = lo - (self.span - (hi - lo)) / 2;
        } else {
            self.start = self.start.clamp(lo, hi - self.span);
        }
    }

    /// Moves the cursor a sixteenth of the window back in time.
    pub fn pan_left(&mut self) {
        self.move_cursor(-(self.span / PAN_STEPS).max(1));
    }

    /// Moves the cursor a sixteenth of the window forward in time.
    pub fn pan_right(&mut self) {
        self.move_cursor((self.span / PAN_STEPS).max(1));
    }

    fn move_cursor(&mut self, by: i64) {
        self.cursor = (self.cursor + by).clamp(self.extent.0, self.extent.1 - 1);
        let margin = self.span / MARGIN;
        if self.cursor < self.start + margin {
            self.start = self.cursor - margin;
        } else if self.cursor >= self.start + self.span - margin {
            self.start = self.cursor - self.span + margin + 1;
        }
        self.clamp_window();
        self.selected = self.under_cursor();
    }

    /// The cursor to the lane above, onto its event nearest the cursor.
    pub fn lane_up(&mut self) {
        self.change_lane(self.lane.saturating_sub(1));
    }

    /// The cursor to the lane below, onto its event nearest the cursor.
    pub fn lane_down(&mut self) {
        self.change_lane((self.lane + 1).min(self.lanes.len().saturating_sub(1)));
    }

    fn change_lane(&mut self, lane: usize) {
        if lane == self.lane {
            return;
        }
        self.lane = lane;
        let near = self.lanes[lane].index.nearest(self.cursor, self.span / 2);
        match near {
            Some(i) => self.select(i),
            None => self.selected = None,
        }
    }

    /// Selects event `i` (store index): its lane, the cursor on its first
    /// known day, the window scrolled there if it was out of sight.
    pub fn select(&mut self, i: usize) {
        let (Some(p), Some(&lane)) = (self.events.get(i), self.event_lane.get(i)) else {
            return;
        };
        self.selected = Some(i);
        self.lane = lane;
        self.cursor = p.from;
        if !(self.start..self.start + self.span).contains(&self.cursor) {
            self.start = self.cursor - self.span / 2;
            self.clamp_window();
        }
    }

    /// The next event in time (any lane), like `j` in the list.
    pub fn next_event(&mut self) {
        let next = match self.selected {
            Some(i) => i + 1,
            None => {
                let dated = &self.events[self.first_dated..];
                self.first_dated + dated.partition_point(|p| p.from < self.cursor)
            }
        };
        if next < self.events.len() {
            self.select(next);
        }
    }

    /// The previous event in time (any lane).
    pub fn prev_event(&mut self) {
        let prev = match self.selected {
            Some(i) => i.checked_sub(1),
            None => {
                let dated = &self.events[self.first_dated..];
                (self.first_dated + dated.partition_point(|p| p.from < self.cursor)).checked_sub(1)
            }
        };
        if let Some(i) = prev {
            self.select(i);
        }
    }

    /// The event under the cursor in the cursor's lane: the selection while
    /// the cursor is on it, else the most specific event covering the cursor
    /// day, else one within a hundredth of the window. O(log n).
    pub fn under_cursor(&self) -> Option<usize> {
        let tol = self.span / HIT;
        if let Some(i) = self.selected
            && self.event_lane.get(i) == Some(&self.lane)
            && let Some(p) = self.events.get(i)
            && (p.from - tol..p.to + tol).contains(&self.cursor)
        {
            return Some(i);
        }
        self.lanes.get(self.lane)?.index.nearest(self.cursor, tol)
    }
}
