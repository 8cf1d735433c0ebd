//! Event dates: EDTF (ISO 8601-2 levels 0 and 1) parsed by `edtf-core`,
//! with calendar bounds in chrono and display that never claims more
//! precision than the date has.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use edtf_core::{Bound, Date, Edtf, IntervalEndpoint, YearKind};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// Unbounded in the past (`../2014`).
    Before,
    /// A calendar day.
    Day(Day),
    /// Unbounded in the future (`2019/..`).
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
    /// A date whose year the calendar library cannot place.
    #[error("`{0}` lies outside the supported years (-9999 to 9999)")]
    OutOfRange(String),
}

/// A parsed event date: the EDTF text plus its calendar span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    raw: String,
    edtf: Edtf,
    earliest: Edge,
    latest: Edge,
    precision: Precision,
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
        let (e, l) = (bound_edge(bounds.earliest), bound_edge(bounds.latest));
        // An unknown end (`2014/`) is placed at the known end.
        let (earliest, latest) = match (e, l) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, a),
            (None, Some(b)) => (b, b),
            (None, None) => return Err(DateError::OutOfRange(trimmed.to_string())),
        };
        for edge in [earliest, latest] {
            if let Edge::Day(d) = edge
                && !(MIN_YEAR..=MAX_YEAR).contains(&d.year)
            {
                return Err(DateError::OutOfRange(trimmed.to_string()));
            }
        }
        let precision = match &edtf {
            Edtf::Date(d) => date_precision(d),
            Edtf::DateTime(dt) => date_precision(&dt.date),
            Edtf::Interval(iv) => {
                let ps = [&iv.start, &iv.end]
                    .into_iter()
                    .filter_map(endpoint_date)
                    .map(date_precision);
                ps.max().unwrap_or(Precision::Vague)
            }
            Edtf::Set(_) => return Err(DateError::Level2(trimmed.to_string())),
        };
        if let Edtf::Interval(iv) = &edtf
            && let (Some(s), Some(t)) = (endpoint_date(&iv.start), endpoint_date(&iv.end))
        {
            let sb = Edtf::Date(*s).bounds().earliest;
            let tb = Edtf::Date(*t).bounds().latest;
            if let (Some(Edge::Day(a)), Some(Edge::Day(b))) = (bound_edge(sb), bound_edge(tb))
                && a > b
            {
                return Err(DateError::Reversed(trimmed.to_string()));
            }
        }
        Ok(EventDate {
            raw: trimmed.to_string(),
            edtf,
            earliest,
            latest,
            precision,
        })
    }

    /// The EDTF string as written (trimmed).
    pub fn edtf(&self) -> &str {
        &self.raw
    }

    /// The parsed EDTF value.
    pub fn value(&self) -> &Edtf {
        &self.edtf
    }

    /// Earliest possible day (or unbounded).
    pub fn earliest(&self) -> Edge {
        self.earliest
    }

    /// Latest possible day (or unbounded).
    pub fn latest(&self) -> Edge {
        self.latest
    }

    /// The unit the date is known to.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// True for an interval `A/B`.
    pub fn is_interval(&self) -> bool {
        matches!(self.edtf, Edtf::Interval(_))
    }

    /// Marked approximate (`~` or `%`) anywhere.
    pub fn is_approximate(&self) -> bool {
        self.edtf.is_approximate()
    }

    /// Marked uncertain (`?` or `%`) anywhere.
    pub fn is_uncertain(&self) -> bool {
        self.edtf.is_uncertain()
    }

    /// The year the date starts in, if bounded.
    pub fn start_year(&self) -> Option<i64> {
        self.earliest.day().map(|d| d.year)
    }

    /// True when some day of this date lies within `[from, to]`.
    pub fn overlaps(&self, from: Edge, to: Edge) -> bool {
        self.earliest <= to && self.latest >= from
    }

    /// The chronological order of the store: earliest, latest, then finer precision first.
    pub fn chrono_cmp(&self, other: &Self) -> Ordering {
        self.earliest
            .cmp(&other.earliest)
            .then(self.latest.cmp(&other.latest))
            .then(self.precision.cmp(&other.precision))
    }

    /// Compact display with true precision: `1977-11-15`, `2014-03`, `2023-05~`,
    /// and intervals with the shared prefix elided: `2014-03-30…31`.
    pub fn compact(&self) -> String {
        let Edtf::Interval(iv) = &self.edtf else {
            return self.raw.clone();
        };
        let (s, e) = match self.raw.split_once('/') {
            Some(p) => p,
            None => return self.raw.clone(),
        };
        let plain = |d: Option<&Date>| d.is_some_and(|d| !d.year.qualifier.is_qualified());
        let (s_str, e_str) = (
            if s.is_empty() { "?" } else { s },
            if e.is_empty() { "?" } else { e },
        );
        if s == ".." || e == ".." {
            return format!("{}…{}", s_str.replace("..", ""), e_str.replace("..", ""));
        }
        let both_plain = plain(endpoint_date(&iv.start)) && plain(endpoint_date(&iv.end));
        let simple = |x: &str| x.chars().all(|c| c.is_ascii_digit() || c == '-');
        if both_plain && simple(s) && simple(e) && s.len() == e.len() && !s.starts_with('-') {
            // Elide the shared leading fields (year, then month).
            let sp: Vec<&str> = s.split('-').collect();
            let ep: Vec<&str> = e.split('-').collect();
            let mut k = 0;
            while k + 1 < sp.len() && sp[k] == ep[k] {
                k += 1;
            }
            return format!("{s}…{}", ep[k..].join("-"));
        }
        format!("{s_str}…{e_str}")
    }

    /// The qualifier in words: "", "approximate", "uncertain", "approximate and uncertain".
    pub fn qualifier_words(&self) -> &'static str {
        match (self.is_approximate(), self.is_uncertain()) {
            (true, true) => "approximate and uncertain",
            (true, false) => "approximate",
            (false, true) => "uncertain",
            (false, false) => "",
        }
    }

    /// "day known", "month known, approximate", "days known (interval)", …
    pub fn precision_words(&self) -> String {
        let unit = self.precision.noun();
        let mut s = if self.is_interval() {
            format!("interval, {unit}s known")
        } else {
            format!("{unit} known")
        };
        let q = self.qualifier_words();
        if !q.is_empty() {
            s.push_str(", ");
            s.push_str(q);
        }
        s
    }

    /// The date in words: "15 November 1977", "March 2014", "the 1970s",
    /// "10–14 March 2014".
    pub fn long(&self) -> String {
        match (self.earliest, self.latest) {
            (Edge::Day(a), Edge::Day(b)) if !self.is_interval() => {
                words_single(a, b, self.precision)
            }
            (Edge::Day(a), Edge::Day(b)) => {
                let iv = match &self.edtf {
                    Edtf::Interval(iv) => iv,
                    _ => unreachable!("checked is_interval"),
                };
                let ps = |e: &IntervalEndpoint| endpoint_date(e).map(date_precision);
                let (pa, pb) = (ps(&iv.start), ps(&iv.end));
                let end_bounds = endpoint_date(&iv.end).map(|d| Edtf::Date(*d).bounds());
                let start_bounds = endpoint_date(&iv.start).map(|d| Edtf::Date(*d).bounds());
                let sa = start_bounds
                    .and_then(|b| bound_edge(b.latest))
                    .and_then(Edge::day)
                    .unwrap_or(a);
                let eb = end_bounds
                    .and_then(|b| bound_edge(b.earliest))
                    .and_then(Edge::day)
                    .unwrap_or(b);
                let left = pa.map_or("unknown".to_string(), |p| words_single(a, sa, p));
                let right = pb.map_or("unknown".to_string(), |p| words_single(eb, b, p));
                if pa == Some(Precision::Day)
                    && pb == Some(Precision::Day)
                    && a.year == b.year
                    && a.month == b.month
                {
                    return format!(
                        "{}–{} {} {}",
                        a.day,
                        b.day,
                        month_name(a.month),
                        year_words(a.year)
                    );
                }
                format!("{left} to {right}")
            }
            (Edge::Before, Edge::Day(b)) => format!("until {}", Day::to_string(&b)),
            (Edge::Day(a), Edge::After) => {
                format!("from {} onwards", words_single(a, a, Precision::Day))
            }
            _ => self.raw.clone(),
        }
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(m: u8) -> &'static str {
    MONTH_NAMES
        .get(usize::from(m.saturating_sub(1)))
        .copied()
        .unwrap_or("?")
}

fn year_words(y: i64) -> String {
    if y <= 0 {
        format!("{} BCE", 1 - y)
    } else {
        y.to_string()
    }
}

fn words_single(a: Day, b: Day, p: Precision) -> String {
    match p {
        Precision::Day => format!("{} {} {}", a.day, month_name(a.month), year_words(a.year)),
        Precision::Month => format!("{} {}", month_name(a.month), year_words(a.year)),
        Precision::Season => format!(
            "{}–{} {}",
            month_name(a.month),
            month_name(b.month),
            year_words(a.year)
        ),
        Precision::Year => year_words(a.year),
        Precision::Decade => format!("the {}s", a.year),
        Precision::Century => format!("{}–{}", year_words(a.year), year_words(b.year)),
        Precision::Vague => format!("{}–{}", year_words(a.year), year_words(b.year)),
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn precision_follows_the_written_parts() {
        assert_eq!(d("1977-11-15").precision(), Precision::Day);
        assert_eq!(d("2014-03").precision(), Precision::Month);
        assert_eq!(d("1977").precision(), Precision::Year);
        assert_eq!(d("197X").precision(), Precision::Decade);
        assert_eq!(d("19XX").precision(), Precision::Century);
        assert_eq!(d("1985-04-XX").precision(), Precision::Month);
        assert_eq!(d("2001-21").precision(), Precision::Season);
        assert_eq!(d("2014-03-10/2014-03-14").precision(), Precision::Day);
        assert_eq!(d("1977-09-19/1983-07").precision(), Precision::Month);
    }

    #[test]
    fn bounds_never_invent_a_day() {
        let m = d("2014-03");
        assert_eq!(m.earliest(), Edge::Day(Day::new(2014, 3, 1)));
        assert_eq!(m.latest(), Edge::Day(Day::new(2014, 3, 31)));
        let x = d("197X");
        assert_eq!(x.earliest(), Edge::Day(Day::new(1970, 1, 1)));
        assert_eq!(x.latest(), Edge::Day(Day::new(1979, 12, 31)));
        assert_eq!(d("2019/..").latest(), Edge::After);
    }

    #[test]
    fn qualifiers_are_kept() {
        let a = d("2023-05~");
        assert!(a.is_approximate() && !a.is_uncertain());
        assert_eq!(a.precision_words(), "month known, approximate");
        assert!(d("1977?").is_uncertain());
        let both = d("2004-06%");
        assert!(both.is_uncertain() && both.is_approximate());
        assert_eq!(both.qualifier_words(), "approximate and uncertain");
    }

    #[test]
    fn invalid_dates_are_refused_with_reasons() {
        assert!(matches!(
            EventDate::parse("2023-02-30"),
            Err(DateError::Invalid { .. })
        ));
        assert!(matches!(
            EventDate::parse("1977-13"),
            Err(DateError::Invalid { .. })
        ));
        assert!(matches!(
            EventDate::parse("July 1977"),
            Err(DateError::Invalid { .. })
        ));
        let reversed = EventDate::parse("2014-03-31/2014-03-30").unwrap_err();
        assert!(reversed.to_string().contains("precedes"), "{reversed}");
        assert!(matches!(
            EventDate::parse("[1667,1668]"),
            Err(DateError::Level2(_))
        ));
        assert!(EventDate::parse("2000-02-29").is_ok());
        assert!(EventDate::parse("1900-02-29").is_err());
    }

    #[test]
    fn ordering_is_earliest_then_latest_then_precision() {
        let mut v = [
            d("1977"),
            d("1977-11"),
            d("1977-11-15"),
            d("1977-01-01"),
            d("1976/1978"),
        ];
        v.sort_by(EventDate::chrono_cmp);
        let order: Vec<&str> = v.iter().map(EventDate::edtf).collect();
        assert_eq!(
            order,
            ["1976/1978", "1977-01-01", "1977", "1977-11", "1977-11-15"]
        );
        // Same bounds: the finer precision comes first.
        assert_eq!(
            d("2014-03-01/2014-03-31").chrono_cmp(&d("2014-03")),
            Ordering::Less
        );
    }

    #[test]
    fn compact_and_long_forms_keep_precision() {
        assert_eq!(d("2014-03-30/2014-03-31").compact(), "2014-03-30…31");
        assert_eq!(
            d("2012-12-26/2020-09-16").compact(),
            "2012-12-26…2020-09-16"
        );
        assert_eq!(d("2014-03-10/2014-04-02").compact(), "2014-03-10…04-02");
        assert_eq!(d("2019/..").compact(), "2019…");
        assert_eq!(d("2023-05~").compact(), "2023-05~");
        assert_eq!(d("1977-11-15").long(), "15 November 1977");
        assert_eq!(d("2014-03").long(), "March 2014");
        assert_eq!(d("197X").long(), "the 1970s");
        assert_eq!(d("2014-03-10/2014-03-14").long(), "10–14 March 2014");
        assert_eq!(
            d("1977-09-19/1983-07").long(),
            "19 September 1977 to July 1983"
        );
    }
}
