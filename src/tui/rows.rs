//! The timeline as rows, computed once per load: year separators, gap lines,
//! one row per event; the widths of the date columns; the era spans behind
//! the gutter; plus the per-month counts behind the density strip. What a
//! row shows (its compact date, markers, gutter, title) is made when it is
//! drawn ([`Timeline::event`]): a frame shows a screenful, and keeping five
//! strings for each of 100 000 events cost most of the first frame.

use crate::date::Edge;
use crate::model::Status;
use crate::store::Store;

use super::calendar;
use super::text;

/// Gaps between consecutive events at least this many years long get a line.
pub const GAP_YEARS: i64 = 5;
/// At most this many era lanes get a gutter column (in the order the store
/// first names them); a store with more lanes shows the first ones.
pub const MAX_LANES: usize = 8;
/// Era lanes shown on terminals narrower than [`ALL_LANES_WIDTH`].
pub const NARROW_LANES: usize = 3;
/// Terminal width (columns) from which every era lane gets its column.
pub const ALL_LANES_WIDTH: u16 = 100;

/// One line of the timeline pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A year separator.
    Year(Option<i64>),
    /// A long gap between two events ("· 25 years ·").
    Gap(i64),
    /// An event, by index in `store.events`.
    Event(usize),
}

/// What one event's row shows (see [`Timeline::event`]).
#[derive(Debug, Clone)]
pub struct EventRow {
    /// The date with its true precision, sanitised.
    pub date: String,
    /// `!` discrepancy, excerpt count, `→` scheduled, `○` context.
    pub markers: String,
    /// The title, sanitised.
    pub title: String,
    /// One character per era lane: `┬` era starts, `│` inside, `┴` ends.
    pub gutter: String,
    /// Japanese era and Juche year, for the dual-dating column.
    pub dual: String,
    /// Year the event starts in, when bounded.
    pub year: Option<i64>,
}

/// The precomputed timeline.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// All rows, in order.
    pub rows: Vec<Row>,
    /// The row of each event.
    pub event_row: Vec<usize>,
    /// The year each event starts in, when bounded.
    pub years: Vec<Option<i64>>,
    /// Widest date, in columns.
    pub date_width: usize,
    /// Widest dual-dating label, in columns.
    pub dual_width: usize,
    /// Era lanes shown in the gutter (lane name).
    pub lanes: Vec<String>,
    /// Density data.
    pub density: Density,
    /// Per era in the gutter, in store order: its lane's column and the
    /// events inside it (a run, as events are in order of earliest day).
    spans: Vec<(usize, std::ops::Range<usize>)>,
}

/// Events per month over the store's bounded span, as prefix sums.
#[derive(Debug, Clone, Default)]
pub struct Density {
    /// Month number (year × 12 + month − 1) of the first counted month.
    pub first_month: i64,
    /// `prefix[i]` = events starting before month `first_month + i`.
    prefix: Vec<u32>,
    /// Each event's month number (None when open-ended).
    pub event_month: Vec<Option<i64>>,
}

impl Density {
    fn build(store: &Store) -> Self {
        let event_month: Vec<Option<i64>> = store
            .events
            .iter()
            .map(|e| {
                e.date
                    .earliest()
                    .day()
                    .map(|d| d.year * 12 + i64::from(d.month) - 1)
            })
            .collect();
        let (Some(lo), Some(hi)) = (
            event_month.iter().flatten().min().copied(),
            event_month.iter().flatten().max().copied(),
        ) else {
            return Density::default();
        };
        let mut counts = vec![0u32; usize::try_from(hi - lo + 1).unwrap_or(0)];
        for m in event_month.iter().flatten() {
            counts[(m - lo) as usize] += 1;
        }
        let mut prefix = Vec::with_capacity(counts.len() + 1);
        let mut sum = 0;
        prefix.push(0);
        for c in counts {
            sum += c;
            prefix.push(sum);
        }
        Density {
            first_month: lo,
            prefix,
            event_month,
        }
    }

    /// Last counted month (inclusive).
    pub fn last_month(&self) -> i64 {
        self.first_month + self.prefix.len().saturating_sub(2) as i64
    }

    /// Events starting in months `[from, to)`.
    pub fn count(&self, from: i64, to: i64) -> u32 {
        let idx = |m: i64| (m - self.first_month).clamp(0, self.prefix.len() as i64 - 1) as usize;
        if self.prefix.is_empty() {
            return 0;
        }
        self.prefix[idx(to)] - self.prefix[idx(from)]
    }
}

fn markers(e: &crate::store::Event) -> String {
    let disc = if e.discrepancies.is_empty() { ' ' } else { '!' };
    let n = match e.excerpts.len() {
        0 => "  ".to_string(),
        n if n < 10 => format!("{n}\""),
        _ => "9+".to_string(),
    };
    let kind = if e.status == Status::Scheduled {
        '→'
    } else if e.context {
        '○'
    } else {
        ' '
    };
    format!("{disc}{n}{kind}")
}

fn lanes(store: &Store) -> Vec<String> {
    let mut lanes: Vec<String> = Vec::new();
    for era in &store.eras {
        let lane = era.lane.clone().unwrap_or_default();
        if !lanes.contains(&lane) && lanes.len() < MAX_LANES {
            lanes.push(lane);
        }
    }
    lanes
}

/// Per era of a gutter lane: the lane's column and the events whose
/// earliest day lies in the era. Events are sorted by earliest day, so
/// those are a run found by two binary searches.
fn spans(store: &Store, lanes: &[String]) -> Vec<(usize, std::ops::Range<usize>)> {
    let events = &store.events;
    store
        .eras
        .iter()
        .filter_map(|era| {
            let name = era.lane.as_deref().unwrap_or_default();
            let lane = lanes.iter().position(|l| l == name)?;
            let from = events.partition_point(|e| e.date.earliest() < era.date.earliest());
            let to = events.partition_point(|e| e.date.earliest() <= era.date.latest());
            Some((lane, from..to.max(from)))
        })
        .collect()
}

/// The widest of the rows' dates and dual-dating labels, in columns: over
/// both cores for a big store (this is most of the rows' cost).
fn widths(store: &Store) -> (usize, usize) {
    let events = &store.events;
    if events.len() < 20_000 {
        return widths_of(events);
    }
    let (low, high) = events.split_at(events.len() / 2);
    let ((a, b), (c, d)) = std::thread::scope(|s| {
        let other = s.spawn(|| widths_of(high));
        let mine = widths_of(low);
        (
            mine,
            other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    });
    (a.max(c), b.max(d))
}

/// [`widths`] of some events. Both depend on the date alone, and dates
/// repeat (a third are distinct in the synthetic stores): each is measured
/// once.
fn widths_of(events: &[crate::store::Event]) -> (usize, usize) {
    let mut seen = std::collections::HashSet::new();
    let (mut date, mut dual) = (0, 0);
    for e in events {
        if seen.insert(e.date.edtf()) {
            date = date.max(shown_width(&e.date.compact()));
            dual = dual.max(shown_width(&calendar::dual_short(&e.date)));
        }
    }
    (date, dual)
}

/// Columns `s` takes once made safe: its length when it is printable ASCII
/// (dates nearly always are), else measured.
fn shown_width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        s.len()
    } else {
        text::width(&text::safe(s))
    }
}

impl Timeline {
    /// Builds the rows for a store.
    pub fn build(store: &Store) -> Self {
        let lanes = lanes(store);
        let years: Vec<Option<i64>> = store.events.iter().map(|e| e.date.start_year()).collect();
        let mut rows = Vec::with_capacity(years.len() * 2);
        let mut event_row = Vec::with_capacity(years.len());
        let mut prev: Option<(Option<i64>, Edge)> = None;
        for (i, e) in store.events.iter().enumerate() {
            let year = years[i];
            match prev {
                Some((py, _)) if py == year => {}
                Some((_, platest)) => {
                    if let (Some(a), Some(b)) = (platest.day(), year) {
                        let gap = b - a.year;
                        if gap >= GAP_YEARS {
                            rows.push(Row::Gap(gap));
                        }
                    }
                    rows.push(Row::Year(year));
                }
                None => rows.push(Row::Year(year)),
            }
            event_row.push(rows.len());
            rows.push(Row::Event(i));
            prev = Some((year, e.date.latest()));
        }
        let (date_width, dual_width) = widths(store);
        Timeline {
            rows,
            event_row,
            years,
            date_width,
            dual_width,
            spans: spans(store, &lanes),
            lanes,
            density: Density::build(store),
        }
    }

    /// What the row of event `i` of `store` (the store this was built
    /// from) shows.
    pub fn event(&self, store: &Store, i: usize) -> EventRow {
        let e = &store.events[i];
        let mut gutter = vec![' '; self.lanes.len()];
        for (lane, inside) in &self.spans {
            if inside.contains(&i) {
                gutter[*lane] = match (i == inside.start, i + 1 == inside.end) {
                    (true, true) => '─',
                    (true, false) => '┬',
                    (false, true) => '┴',
                    (false, false) => '│',
                };
            }
        }
        EventRow {
            date: text::safe(&e.date.compact()).into_owned(),
            markers: markers(e),
            title: text::safe(&e.title).into_owned(),
            gutter: gutter.into_iter().collect(),
            dual: calendar::dual_short(&e.date),
            year: self.years.get(i).copied().flatten(),
        }
    }

    /// How many era lanes get a gutter column on a terminal `width` wide:
    /// all of them from [`ALL_LANES_WIDTH`] columns, else the first
    /// [`NARROW_LANES`].
    pub fn lanes_for_width(&self, width: u16) -> usize {
        if width >= ALL_LANES_WIDTH {
            self.lanes.len()
        } else {
            self.lanes.len().min(NARROW_LANES)
        }
    }

    /// The event shown on row `row`, or the next event below a separator.
    pub fn event_at_or_after(&self, row: usize) -> Option<usize> {
        event_at_or_after(&self.rows, row)
    }
}

/// The event on row `row` of `rows`, or the next event below a separator.
pub fn event_at_or_after(rows: &[Row], row: usize) -> Option<usize> {
    rows[row.min(rows.len().saturating_sub(1))..]
        .iter()
        .find_map(|r| match r {
            Row::Event(i) => Some(*i),
            _ => None,
        })
}
