//! Event dates: EDTF (ISO 8601-2 levels 0 and 1) parsed by `edtf-core`,
//! with calendar bounds in chrono and display that never claims more
//! precision than the date has.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use edtf_core::{Bound, Date, Edtf, Interval, IntervalEndpoint, YearKind};

mod leap;
mod packed;
#[cfg(test)]
mod tests;
mod words;

use packed::{Flags, PackedEdge};
pub use words::MONTH_NAMES;

/// A calendar day in the proleptic Gregorian calendar (astronomical years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Astronomical year (0 = 1 BCE).
    pub year: i64,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Day {
    /// Builds a day; no validation.
    pub const fn new(year: i64, month: u8, day: u8) -> Self {
        Day { year, month, day }
    }

    /// The chrono date, when chrono can represent the year.
    pub fn to_naive(self) -> Option<NaiveDate> {
        let year = i32::try_from(self.year).ok()?;
        NaiveDate::from_ymd_opt(year, self.month.into(), self.day.into())
    }

    /// From a chrono date.
    pub fn from_naive(d: NaiveDate) -> Self {
        Day::new(d.year().into(), d.month() as u8, d.day() as u8)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}-{:02}-{:02}", -self.year, self.month, self.day)
        } else {
            write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
        }
    }
}

/// One end of a date's span: a day, or unbounded.
///
/// An interval end that is *unknown* (`2014/`, `/2014`) is unbounded too:
/// nothing is known about where it lies beyond the other end, so it is never
/// placed on a day. [`EventDate::is_end_unknown`] and
/// [`EventDate::is_start_unknown`] tell it apart from an open end (`..`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// Unbounded in the past: an open (`../2014`) or unknown (`/2014`) start.
    Before,
    /// A calendar day.
    Day(Day),
    /// Unbounded in the future: an open (`2019/..`) or unknown (`2019/`) end.
    After,
}

impl Edge {
    /// The day, if bounded.
    pub fn day(self) -> Option<Day> {
        match self {
            Edge::Day(d) => Some(d),
            _ => None,
        }
    }
}

/// How precisely a date is known: the unit of its least specific part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// The exact day.
    Day,
    /// The month.
    Month,
    /// A season or quarter.
    Season,
    /// The year.
    Year,
    /// The decade (`197X`).
    Decade,
    /// The century (`19XX`).
    Century,
    /// Only a span of more than a century is known.
    Vague,
}

impl Precision {
    /// "day", "month", …
    pub fn noun(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
            Precision::Vague => "era",
        }
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not EDTF at all, or an impossible calendar date.
    #[error("`{input}` is not a valid EDTF date: {message} (at character {offset})")]
    Invalid {
        /// The string.
        input: String,
        /// The parser's reason.
        message: String,
        /// Byte offset of the problem.
        offset: usize,
    },
    /// Valid EDTF, but level 2 (sets, per-component qualifiers, …).
    #[error(
        "`{0}` uses EDTF level 2, which chronoscope does not accept; use a level 0/1 form such as an interval `A/B` or a qualified date `2014-03?`"
    )]
    Level2(String),
    /// An interval whose start is after its end.
    #[error("interval `{0}` starts after it ends")]
    Reversed(String),
    /// Second `60` where no leap second was inserted.
    #[error(
        "`{0}` has second 60, which exists only at 23:59:60 UTC on a day that ended with a leap second (the last was 2016-12-31); write the time with second 59, or in UTC (`Z`) if it is a leap second"
    )]
    LeapSecond(String),
    /// A date whose year the calendar library cannot place.
    #[error("`{0}` lies outside the supported years (-9999 to 9999)")]
    OutOfRange(String),
}

/// A parsed event date: the EDTF text plus its calendar span.
///
/// Every event holds one, so it keeps only what is read often (32 bytes):
/// the text, packed edges, precision and flags derived when parsed. The
/// EDTF tree, read only to word or place an interval's ends, is parsed again
/// from the text when asked for ([`Self::interval`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    raw: Box<str>,
    earliest: PackedEdge,
    latest: PackedEdge,
    precision: Precision,
    flags: Flags,
}

fn bound_edge(b: Bound) -> Option<Edge> {
    match b {
        Bound::NegativeInfinity => Some(Edge::Before),
        Bound::PositiveInfinity => Some(Edge::After),
        Bound::Date(d) => Some(Edge::Day(Day::new(d.year, d.month, d.day))),
        Bound::Unknown => None,
    }
}

fn date_precision(d: &Date) -> Precision {
    // Y-prefixed and exponential years (`Y170000002`) are only ever year-vague.
    if !matches!(d.year.kind, YearKind::Standard { .. }) {
        return Precision::Vague;
    }
    if d.year.has_unspecified() {
        let b = edtf_core::Edtf::Date(*d).bounds();
        let span = match (b.earliest, b.latest) {
            (Bound::Date(a), Bound::Date(z)) => z.year - a.year + 1,
            _ => i64::MAX,
        };
        return match span {
            0..=10 => Precision::Decade,
            11..=100 => Precision::Century,
            _ => Precision::Vague,
        };
    }
    match (d.month, d.day) {
        (None, _) => Precision::Year,
        (Some(m), _) if m.has_unspecified() => Precision::Year,
        (Some(m), None) if m.value().is_some_and(|v| v > 12) => Precision::Season,
        (Some(_), None) => Precision::Month,
        (Some(_), Some(day)) if day.has_unspecified() => Precision::Month,
        (Some(_), Some(_)) => Precision::Day,
    }
}

fn endpoint_date(e: &IntervalEndpoint) -> Option<&Date> {
    match e {
        IntervalEndpoint::Date(d)
        | IntervalEndpoint::OnOrBefore(d)
        | IntervalEndpoint::OnOrAfter(d) => Some(d),
        _ => None,
    }
}

/// The unit a date is known to; None for a set (level 2).
fn edtf_precision(edtf: &Edtf) -> Option<Precision> {
    Some(match edtf {
        Edtf::Date(d) => date_precision(d),
        Edtf::DateTime(dt) => date_precision(&dt.date),
        Edtf::Interval(iv) => {
            let ps = [&iv.start, &iv.end]
                .into_iter()
                .filter_map(endpoint_date)
                .map(date_precision);
            ps.max().unwrap_or(Precision::Vague)
        }
        Edtf::Set(_) => return None,
    })
}

/// An interval whose start's first day is after its end's last.
fn is_reversed(iv: &Interval) -> bool {
    let (Some(s), Some(t)) = (endpoint_date(&iv.start), endpoint_date(&iv.end)) else {
        return false;
    };
    let sb = Edtf::Date(*s).bounds().earliest;
    let tb = Edtf::Date(*t).bounds().latest;
    matches!(
        (bound_edge(sb), bound_edge(tb)),
        (Some(Edge::Day(a)), Some(Edge::Day(b))) if a > b
    )
}

const MIN_YEAR: i64 = -9999;
const MAX_YEAR: i64 = 9999;

impl EventDate {
    /// Parses an EDTF level 0/1 string.
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let trimmed = input.trim();
        let edtf = Edtf::parse(trimmed).map_err(|e| DateError::Invalid {
            input: trimmed.to_string(),
            message: e.message.to_string(),
            offset: e.offset,
        })?;
        if edtf.level() > 1 {
            return Err(DateError::Level2(trimmed.to_string()));
        }
        let bounds = edtf.bounds();
        let (start_unknown, end_unknown) = match &edtf {
            Edtf::Interval(iv) => (
                iv.start == IntervalEndpoint::Unknown,
                iv.end == IntervalEndpoint::Unknown,
            ),
            _ => (false, false),
        };
        // An unknown interval end is unbounded, not the known end's day: per
        // EDTF nothing is known about it but that it is not before the start.
        let earliest = match bound_edge(bounds.earliest) {
            Some(e) => e,
            None if start_unknown => Edge::Before,
            None => return Err(DateError::OutOfRange(trimmed.to_string())),
        };
        let latest = match bound_edge(bounds.latest) {
            Some(e) => e,
            None if end_unknown => Edge::After,
            None => return Err(DateError::OutOfRange(trimmed.to_string())),
        };
        if let Edtf::DateTime(dt) = &edtf
            && dt.time.second == 60
            && !leap::is_leap_second(dt)
        {
            return Err(DateError::LeapSecond(trimmed.to_string()));
        }
        // Packing refuses a day outside the supported years.
        let (Some(earliest), Some(latest)) = (PackedEdge::new(earliest), PackedEdge::new(latest))
        else {
            return Err(DateError::OutOfRange(trimmed.to_string()));
        };
        let Some(precision) = edtf_precision(&edtf) else {
            return Err(DateError::Level2(trimmed.to_string()));
        };
        if let Edtf::Interval(iv) = &edtf
            && is_reversed(iv)
        {
            return Err(DateError::Reversed(trimmed.to_string()));
        }
        let flags = Flags::of([
            (Flags::INTERVAL, matches!(edtf, Edtf::Interval(_))),
            (Flags::APPROXIMATE, edtf.is_approximate()),
            (Flags::UNCERTAIN, edtf.is_uncertain()),
            (Flags::START_UNKNOWN, start_unknown),
            (Flags::END_UNKNOWN, end_unknown),
        ]);
        Ok(EventDate {
            raw: trimmed.into(),
            earliest,
            latest,
            precision,
            flags,
        })
    }

    /// The EDTF string as written (trimmed).
    pub fn edtf(&self) -> &str {
        &self.raw
    }

    /// The interval's parsed ends, for the few readers that need each end
    /// on its own (wording, the time scale, search by time): parsed again
    /// from the text, which the parse that built this date accepted. None
    /// for a single date, without parsing.
    pub fn interval(&self) -> Option<Interval> {
        if !self.is_interval() {
            return None;
        }
        match Edtf::parse(&self.raw) {
            Ok(Edtf::Interval(iv)) => Some(iv),
            _ => None,
        }
    }

    /// Earliest possible day (or unbounded).
    pub fn earliest(&self) -> Edge {
        self.earliest.get()
    }

    /// Latest possible day (or unbounded).
    pub fn latest(&self) -> Edge {
        self.latest.get()
    }

    /// The unit the date is known to.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// An interval whose end is unknown (`2014/`): [`Self::latest`] is
    /// [`Edge::After`], never a day.
    pub fn is_end_unknown(&self) -> bool {
        self.flags.has(Flags::END_UNKNOWN)
    }

    /// An interval whose start is unknown (`/2014`): [`Self::earliest`] is
    /// [`Edge::Before`], never a day.
    pub fn is_start_unknown(&self) -> bool {
        self.flags.has(Flags::START_UNKNOWN)
    }

    /// An interval open at the end (`2019-08/..`): it goes on.
    pub fn is_end_open(&self) -> bool {
        self.latest() == Edge::After && !self.is_end_unknown()
    }

    /// An interval open at the start (`../2001-03`).
    pub fn is_start_open(&self) -> bool {
        self.earliest() == Edge::Before && !self.is_start_unknown()
    }

    /// True for an interval `A/B`.
    pub fn is_interval(&self) -> bool {
        self.flags.has(Flags::INTERVAL)
    }

    /// Marked approximate (`~` or `%`) anywhere.
    pub fn is_approximate(&self) -> bool {
        self.flags.has(Flags::APPROXIMATE)
    }

    /// Marked uncertain (`?` or `%`) anywhere.
    pub fn is_uncertain(&self) -> bool {
        self.flags.has(Flags::UNCERTAIN)
    }

    /// The year the date starts in, if bounded.
    pub fn start_year(&self) -> Option<i64> {
        self.earliest().day().map(|d| d.year)
    }

    /// True when some day of this date lies within `[from, to]`.
    pub fn overlaps(&self, from: Edge, to: Edge) -> bool {
        self.earliest() <= to && self.latest() >= from
    }

    /// The chronological order of the store: earliest, latest, then finer precision first.
    pub fn chrono_cmp(&self, other: &Self) -> Ordering {
        // Packed edges order as the edges they pack: compared without unpacking.
        self.earliest
            .cmp(&other.earliest)
            .then(self.latest.cmp(&other.latest))
            .then(self.precision.cmp(&other.precision))
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}
