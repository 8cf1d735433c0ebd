//! Where each event and era lies on the time axis, and a per-lane index that
//! answers "what is visible between these two days" in time proportional to
//! the answer plus `log n`: built once, so a frame never walks the store.

use edtf_core::{Bound, Edtf, IntervalEndpoint};

use super::axis::day_number;
use crate::date::{EventDate, Precision};

/// The days a dated thing may cover, as half-open day-number ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// First day it may cover (the known edge when the start is open).
    pub from: i64,
    /// Day after the last it may cover (the known edge when the end is open).
    pub to: i64,
    /// Days it certainly covers, `core.0..core.1` (empty when none is certain:
    /// a month-precision point happened on *some* day of the month).
    pub core: (i64, i64),
    /// The start is open or unknown (`../2014`, `/2014`): drawn fading in.
    pub open_start: bool,
    /// The end is open or unknown (`2019/..`, `2014/`): drawn fading out.
    pub open_end: bool,
    /// Marked approximate or uncertain anywhere (a point's marker shows it).
    pub fuzzy: bool,
    /// The start (or the whole single date) is approximate or uncertain:
    /// its imprecise days drawn lighter.
    pub fuzzy_start: bool,
    /// The end is approximate or uncertain.
    pub fuzzy_end: bool,
    /// A single date, not an interval.
    pub point: bool,
}

/// Day range `[lo, hi + 1)` of one EDTF date, or None for an open/unknown end.
fn bound_days(e: &Edtf) -> Option<(i64, i64)> {
    let b = e.bounds();
    match (b.earliest, b.latest) {
        (Bound::Date(a), Bound::Date(z)) => Some((
            day_number(a.year, a.month, a.day),
            day_number(z.year, z.month, z.day) + 1,
        )),
        _ => None,
    }
}

/// Day range `[lo, hi + 1)` of a single date, from the edges it keeps.
fn edge_days(date: &EventDate) -> Option<(i64, i64)> {
    let (a, z) = (date.earliest().day()?, date.latest().day()?);
    Some((
        day_number(a.year, a.month, a.day),
        day_number(z.year, z.month, z.day) + 1,
    ))
}

fn endpoint_days(e: &IntervalEndpoint) -> Option<(i64, i64)> {
    match e {
        IntervalEndpoint::Date(d)
        | IntervalEndpoint::OnOrBefore(d)
        | IntervalEndpoint::OnOrAfter(d) => bound_days(&Edtf::Date(*d)),
        IntervalEndpoint::Open | IntervalEndpoint::Unknown => None,
    }
}

/// An interval end marked approximate or uncertain (`1975~/1990`: the start only).
fn endpoint_fuzzy(e: &IntervalEndpoint) -> bool {
    match e {
        IntervalEndpoint::Date(d)
        | IntervalEndpoint::OnOrBefore(d)
        | IntervalEndpoint::OnOrAfter(d) => d.is_approximate() || d.is_uncertain(),
        IntervalEndpoint::Open | IntervalEndpoint::Unknown => false,
    }
}

impl Placed {
    /// Places a date: never a day more precise than the date itself.
    pub fn of(date: &EventDate) -> Placed {
        let fuzzy = date.is_approximate() || date.is_uncertain();
        let point = |(lo, hi): (i64, i64)| Placed {
            from: lo,
            to: hi,
            core: if date.precision() == Precision::Day {
                (lo, hi)
            } else {
                (lo, lo)
            },
            open_start: false,
            open_end: false,
            fuzzy,
            fuzzy_start: fuzzy,
            fuzzy_end: fuzzy,
            point: true,
        };
        match date.interval() {
            Some(iv) => {
                let (s, t) = (endpoint_days(&iv.start), endpoint_days(&iv.end));
                let (from, to, core) = match (s, t) {
                    // Certain from the last possible start to the first possible end.
                    (Some(s), Some(t)) => (s.0, t.1, (s.1 - 1, (t.0 + 1).max(s.1 - 1))),
                    (Some(s), None) => (s.0, s.1, (s.0, s.0)),
                    (None, Some(t)) => (t.0, t.1, (t.0, t.0)),
                    (None, None) => (0, 1, (0, 0)),
                };
                Placed {
                    from,
                    to,
                    core,
                    open_start: s.is_none(),
                    open_end: t.is_none(),
                    fuzzy,
                    fuzzy_start: endpoint_fuzzy(&iv.start),
                    fuzzy_end: endpoint_fuzzy(&iv.end),
                    point: false,
                }
            }
            None => point(edge_days(date).unwrap_or((0, 1))),
        }
    }
}

/// One lane's items, sorted by their first day, with a max-of-`to` segment
/// tree so that overlap and stabbing queries skip everything that ended before.
#[derive(Debug, Clone, Default)]
pub struct LaneIndex {
    ids: Vec<usize>,
    from: Vec<i64>,
    to: Vec<i64>,
    to_sorted: Vec<i64>,
    /// Implicit tree: node 1 is the root, leaves start at `size`.
    max_to: Vec<i64>,
    size: usize,
}

/// Steps of index work, counted so tests can check growth without a clock.
pub type Work = usize;

/// Binary-search cost: what `partition_point` on `n` items does.
fn search_cost(n: usize) -> Work {
    (usize::BITS - n.leading_zeros()) as usize + 1
}

impl LaneIndex {
    /// Builds the index over `(id, from, to)` items (any order).
    pub fn new(mut items: Vec<(usize, i64, i64)>) -> LaneIndex {
        items.sort_by_key(|&(id, from, to)| (from, to, id));
        let size = items.len().next_power_of_two().max(1);
        let mut max_to = vec![i64::MIN; 2 * size];
        for (k, &(_, _, to)) in items.iter().enumerate() {
            max_to[size + k] = to;
        }
        for k in (1..size).rev() {
            max_to[k] = max_to[2 * k].max(max_to[2 * k + 1]);
        }
        let mut to_sorted: Vec<i64> = items.iter().map(|i| i.2).collect();
        to_sorted.sort_unstable();
        LaneIndex {
            ids: items.iter().map(|i| i.0).collect(),
            from: items.iter().map(|i| i.1).collect(),
            to: items.iter().map(|i| i.2).collect(),
            to_sorted,
            max_to,
            size,
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the lane has no item.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many items overlap days `[a, b)`: those starting before `b`
    /// minus those over by `a`. Two binary searches, whatever the count.
    pub fn count(&self, a: i64, b: i64, work: &mut Work) -> usize {
        *work += 2 * search_cost(self.len());
        let started = self.from.partition_point(|&f| f < b);
        let ended = self.to_sorted.partition_point(|&t| t <= a);
        started.saturating_sub(ended)
    }

    /// The items overlapping `[a, b)`, in order of their first day; cost
    /// O((k + 1) log n) for k results.
    pub fn overlapping(&self, a: i64, b: i64, work: &mut Work) -> Vec<usize> {
        *work += search_cost(self.len());
        let end = self.from.partition_point(|&f| f < b);
        let mut out = Vec::new();
        self.collect(1, 0, self.size, end, a, &mut out, work);
        out.into_iter().map(|k| self.ids[k]).collect()
    }

    #[allow(clippy::too_many_arguments)] // one recursive walk; the node's span travels with it
    fn collect(
        &self,
        node: usize,
        lo: usize,
        hi: usize,
        end: usize,
        a: i64,
        out: &mut Vec<usize>,
        work: &mut Work,
    ) {
        *work += 1;
        if lo >= end || self.max_to[node] <= a {
            return;
        }
        if hi - lo == 1 {
            out.push(lo);
            return;
        }
        let mid = (lo + hi) / 2;
        self.collect(2 * node, lo, mid, end, a, out, work);
        self.collect(2 * node + 1, mid, hi, end, a, out, work);
    }

    /// The rightmost position below `end` whose `to` exceeds `above`.
    fn rightmost(
        &self,
        node: usize,
        lo: usize,
        hi: usize,
        end: usize,
        above: i64,
    ) -> Option<usize> {
        if lo >= end || self.max_to[node] <= above {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = (lo + hi) / 2;
        self.rightmost(2 * node + 1, mid, hi, end, above)
            .or_else(|| self.rightmost(2 * node, lo, mid, end, above))
    }

    /// The item nearest to day `x` within `tolerance` days: among those
    /// covering `x` the one starting last (the most specific), else the
    /// closest edge on either side. O(log n).
    pub fn nearest(&self, x: i64, tolerance: i64) -> Option<usize> {
        let end = self.from.partition_point(|&f| f <= x);
        if let Some(k) = self.rightmost(1, 0, self.size, end, x) {
            return Some(self.ids[k]);
        }
        // Nothing covers x: the latest end before it, or the next start.
        let before = self
            .rightmost(1, 0, self.size, end, i64::MIN)
            .map(|_| self.max_prefix(end));
        let left = before.and_then(|m| {
            let k = self.rightmost(1, 0, self.size, end, m - 1)?;
            Some((x - (self.to[k] - 1), k))
        });
        let right = self.from.get(end).map(|&f| (f - x, end));
        let (dist, k) = match (left, right) {
            (Some(l), Some(r)) => l.min(r),
            (l, r) => l.or(r)?,
        };
        (dist <= tolerance).then(|| self.ids[k])
    }

    fn max_prefix(&self, end: usize) -> i64 {
        let (mut lo, mut hi) = (self.size, self.size + end);
        let mut m = i64::MIN;
        while lo < hi {
            if lo % 2 == 1 {
                m = m.max(self.max_to[lo]);
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                m = m.max(self.max_to[hi]);
            }
            lo /= 2;
            hi /= 2;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(s: &str) -> Placed {
        Placed::of(&EventDate::parse(s).expect("valid date"))
    }

    #[test]
    fn a_year_is_a_year_wide_and_certain_on_no_day() {
        let p = placed("1987");
        assert_eq!(p.to - p.from, 365);
        assert_eq!(p.core.0, p.core.1);
        let d = placed("1977-11-15");
        assert_eq!((d.to - d.from, d.core.1 - d.core.0), (1, 1));
    }

    #[test]
    fn an_interval_is_certain_between_its_imprecise_ends() {
        let p = placed("1977-09-19/1983-07");
        assert_eq!(p.from, day_number(1977, 9, 19));
        assert_eq!(p.to, day_number(1983, 8, 1));
        assert_eq!(p.core, (day_number(1977, 9, 19), day_number(1983, 7, 2)));
        assert!(!p.open_end && !p.point);
    }

    #[test]
    fn open_and_unknown_ends_keep_only_the_known_edge() {
        let p = placed("2011-12/..");
        assert!(p.open_end && !p.open_start);
        assert_eq!(
            (p.from, p.to),
            (day_number(2011, 12, 1), day_number(2012, 1, 1))
        );
        assert!(placed("../2014").open_start);
        assert!(placed("2023-05~").fuzzy);
        let half = placed("1975~/1990");
        assert!(half.fuzzy_start && !half.fuzzy_end);
    }

    fn lane() -> LaneIndex {
        // id, from, to: a long interval and three short items.
        LaneIndex::new(vec![(0, 0, 100), (1, 10, 11), (2, 50, 60), (3, 200, 201)])
    }

    #[test]
    fn overlap_queries_find_long_intervals_that_started_before() {
        let ix = lane();
        let mut w = 0;
        assert_eq!(ix.overlapping(55, 70, &mut w), [0, 2]);
        assert_eq!(ix.count(55, 70, &mut w), 2);
        assert_eq!(ix.overlapping(100, 200, &mut w), Vec::<usize>::new());
        assert_eq!(ix.count(100, 200, &mut w), 0);
        assert_eq!(ix.overlapping(0, 1000, &mut w).len(), 4);
    }

    #[test]
    fn nearest_prefers_the_most_specific_covering_item() {
        let ix = lane();
        assert_eq!(ix.nearest(55, 0), Some(2));
        assert_eq!(ix.nearest(30, 0), Some(0));
        assert_eq!(ix.nearest(150, 10), None);
        assert_eq!(ix.nearest(195, 10), Some(3));
        assert_eq!(ix.nearest(105, 10), Some(0));
    }
}
