//! The compact form an [`EventDate`](super::EventDate) keeps of its edges and
//! flags: every event holds one, so at a million events each byte saved is a
//! megabyte. An edge is one `i32` whose order is the order of [`Edge`]s.

use std::fmt;

use super::{Day, Edge, MAX_YEAR, MIN_YEAR};

/// An [`Edge`] in four bytes: a day as `year·512 + month·32 + day` (month
/// and day fit in 4 and 5 bits, so the packed order is the calendar order),
/// `Before` and `After` as the least and greatest `i32`, beyond any day of
/// the supported years.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct PackedEdge(i32);

const BEFORE: i32 = i32::MIN;
const AFTER: i32 = i32::MAX;

impl PackedEdge {
    /// Packs an edge; None for a day outside the supported years (or with a
    /// month or day no calendar has), which the parser refuses.
    pub(super) fn new(edge: Edge) -> Option<PackedEdge> {
        let d = match edge {
            Edge::Before => return Some(PackedEdge(BEFORE)),
            Edge::After => return Some(PackedEdge(AFTER)),
            Edge::Day(d) => d,
        };
        if !(MIN_YEAR..=MAX_YEAR).contains(&d.year) || d.month > 15 || d.day > 31 {
            return None;
        }
        let year = i32::try_from(d.year).ok()?;
        Some(PackedEdge(
            year * 512 + i32::from(d.month) * 32 + i32::from(d.day),
        ))
    }

    /// The edge it packs.
    pub(super) fn get(self) -> Edge {
        match self.0 {
            BEFORE => Edge::Before,
            AFTER => Edge::After,
            v => {
                let rest = v.rem_euclid(512);
                // Both fit: rest < 512, so rest / 32 < 16 and rest % 32 < 32.
                Edge::Day(Day::new(
                    v.div_euclid(512).into(),
                    (rest / 32) as u8,
                    (rest % 32) as u8,
                ))
            }
        }
    }
}

impl fmt::Debug for PackedEdge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// What a date's EDTF tree says beyond its edges, derived once when parsed
/// (the tree itself is not kept: see [`super::EventDate::interval`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(super) struct Flags(u8);

impl Flags {
    /// An interval `A/B`.
    pub(super) const INTERVAL: u8 = 1;
    /// `~` or `%` anywhere.
    pub(super) const APPROXIMATE: u8 = 2;
    /// `?` or `%` anywhere.
    pub(super) const UNCERTAIN: u8 = 4;
    /// An interval with an unknown start (`/2014`).
    pub(super) const START_UNKNOWN: u8 = 8;
    /// An interval with an unknown end (`2014/`).
    pub(super) const END_UNKNOWN: u8 = 16;

    /// The flags whose condition holds.
    pub(super) fn of(set: [(u8, bool); 5]) -> Flags {
        Flags(
            set.into_iter()
                .filter(|&(_, on)| on)
                .fold(0, |acc, (bit, _)| acc | bit),
        )
    }

    /// True when `bit` is set.
    pub(super) fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (Flags::INTERVAL, "interval"),
            (Flags::APPROXIMATE, "approximate"),
            (Flags::UNCERTAIN, "uncertain"),
            (Flags::START_UNKNOWN, "start_unknown"),
            (Flags::END_UNKNOWN, "end_unknown"),
        ];
        f.debug_set()
            .entries(names.iter().filter(|(b, _)| self.has(*b)).map(|(_, n)| n))
            .finish()
    }
}
