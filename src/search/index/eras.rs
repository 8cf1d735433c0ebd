//! The eras a date overlaps, found without testing every era: testing each
//! event against each era was events × eras (a store with a thousand eras
//! paid a thousand comparisons per event).
//!
//! The eras are sorted by their first day; those starting by the date's last
//! day are a prefix (one binary search). Over that order sits an implicit
//! binary tree holding, per node, the latest last day of its eras, so every
//! subtree whose eras all end before the date's first day is skipped: the
//! cost is the number of overlapping eras times the tree's depth.

use crate::date::{Edge, EventDate};

/// Eras by first day, with the tree of latest last days.
pub(super) struct EraLookup {
    /// (first day, last day, era's position in the store), by first day.
    by_start: Vec<(Edge, Edge, u32)>,
    /// Node `n` covers a range of `by_start`; children `2n` and `2n + 1`.
    max_end: Vec<Edge>,
}

impl EraLookup {
    pub(super) fn new<'a>(dates: impl Iterator<Item = &'a EventDate>) -> EraLookup {
        let mut by_start: Vec<(Edge, Edge, u32)> = dates
            .enumerate()
            .map(|(i, d)| (d.earliest(), d.latest(), i as u32))
            .collect();
        by_start.sort_unstable();
        let mut max_end = vec![Edge::Before; 4 * by_start.len().max(1)];
        fill(&by_start, &mut max_end, 1, 0, by_start.len());
        EraLookup { by_start, max_end }
    }

    /// Positions (in the store) of the eras some day of `date` lies in, in
    /// no particular order (the caller sorts); returns the tree nodes
    /// visited, the work a test measures.
    pub(super) fn overlapping(&self, date: &EventDate, out: &mut Vec<u32>) -> usize {
        let (from, to) = (date.earliest(), date.latest());
        let starting = self.by_start.partition_point(|e| e.0 <= to);
        self.walk(1, 0..self.by_start.len(), starting, from, out)
    }

    fn walk(
        &self,
        node: usize,
        span: std::ops::Range<usize>,
        starting: usize,
        from: Edge,
        out: &mut Vec<u32>,
    ) -> usize {
        if span.start >= starting || span.is_empty() || self.max_end[node] < from {
            return 1;
        }
        if span.len() == 1 {
            out.push(self.by_start[span.start].2);
            return 1;
        }
        let mid = span.start + span.len() / 2;
        1 + self.walk(2 * node, span.start..mid, starting, from, out)
            + self.walk(2 * node + 1, mid..span.end, starting, from, out)
    }
}

/// The latest last day under each node; returns the node's.
fn fill(
    by_start: &[(Edge, Edge, u32)],
    max_end: &mut [Edge],
    node: usize,
    lo: usize,
    hi: usize,
) -> Edge {
    let value = match hi - lo {
        0 => Edge::Before,
        1 => by_start[lo].1,
        n => {
            let mid = lo + n / 2;
            let left = fill(by_start, max_end, 2 * node, lo, mid);
            left.max(fill(by_start, max_end, 2 * node + 1, mid, hi))
        }
    };
    max_end[node] = value;
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> EventDate {
        EventDate::parse(s).expect("a date")
    }

    #[test]
    fn finds_the_same_eras_as_testing_each() {
        let eras: Vec<EventDate> = [
            "1950/1957",
            "1958/1965",
            "1960/2000",
            "1966",
            "2001-05",
            "../1940",
            "1990/..",
            "1955/1956",
            "1957",
            "1999/2003",
        ]
        .iter()
        .map(|s| date(s))
        .collect();
        let lookup = EraLookup::new(eras.iter());
        for event in [
            "1950",
            "1957-12-31",
            "1945",
            "1930",
            "2001",
            "2001-05-03",
            "1956/1967",
            "2024",
            "1899/..",
            "../1951",
            "1966-06",
            "1962?",
        ] {
            let e = date(event);
            let mut got = Vec::new();
            lookup.overlapping(&e, &mut got);
            got.sort_unstable();
            let want: Vec<u32> = (0..eras.len() as u32)
                .filter(|&i| e.overlaps(eras[i as usize].earliest(), eras[i as usize].latest()))
                .collect();
            assert_eq!(got, want, "{event}");
        }
    }

    /// Eras one year long each, one after the other, from the year 1000.
    fn years(n: i64) -> Vec<EventDate> {
        (1000..1000 + n).map(|y| date(&y.to_string())).collect()
    }

    #[test]
    fn the_work_per_date_grows_with_the_depth_not_the_number_of_eras() {
        let work = |n: i64| {
            let eras = years(n);
            let lookup = EraLookup::new(eras.iter());
            let mut out = Vec::new();
            let visited = lookup.overlapping(&date("1500-06-01"), &mut out);
            assert_eq!(out.len(), 1, "one era holds that day");
            visited
        };
        let (small, large) = (work(1_000), work(4_000));
        // Four times the eras: two more tree levels, not four times the work.
        assert!(
            large <= small + 8,
            "{small} nodes for 1000 eras, {large} for 4000"
        );
        assert!(large < 200, "{large} nodes of 16 000");
    }

    #[test]
    fn no_eras_overlap_nothing() {
        let lookup = EraLookup::new(std::iter::empty());
        let mut got = Vec::new();
        lookup.overlapping(&date("2014"), &mut got);
        assert!(got.is_empty());
    }
}
