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
    /// no particular order; the caller sorts.
    pub(super) fn overlapping(&self, date: &EventDate, out: &mut Vec<u32>) {
        let (from, to) = (date.earliest(), date.latest());
        let starting = self.by_start.partition_point(|e| e.0 <= to);
        self.walk(1, 0..self.by_start.len(), starting, from, out);
    }

    fn walk(
        &self,
        node: usize,
        span: std::ops::Range<usize>,
        starting: usize,
        from: Edge,
        out: &mut Vec<u32>,
    ) {
        if span.start >= starting || span.is_empty() || self.max_end[node] < from {
            return;
        }
        if span.len() == 1 {
            out.push(self.by_start[span.start].2);
            return;
        }
        let mid = span.start + span.len() / 2;
        self.walk(2 * node, span.start..mid, starting, from, out);
        self.walk(2 * node + 1, mid..span.end, starting, from, out);
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

    #[test]
    fn no_eras_overlap_nothing() {
        let lookup = EraLookup::new(std::iter::empty());
        let mut got = Vec::new();
        lookup.overlapping(&date("2014"), &mut got);
        assert!(got.is_empty());
    }
}
