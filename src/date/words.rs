//! Dates for people: compact (`2014-03-30…31`), with their precision ("month
//! known, approximate") and in words ("15 November 1977", "from August 2019
//! onwards"), never naming a day or month the date does not know.

use edtf_core::{Edtf, IntervalEndpoint};

use super::{Day, Edge, EventDate, Precision, bound_edge, date_precision, endpoint_date};

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

/// One interval end on its own: its first and last day and its precision.
struct End {
    first: Day,
    last: Day,
    precision: Precision,
}

impl End {
    fn of(e: &IntervalEndpoint) -> Option<End> {
        let d = endpoint_date(e)?;
        let b = Edtf::Date(*d).bounds();
        Some(End {
            first: bound_edge(b.earliest)?.day()?,
            last: bound_edge(b.latest)?.day()?,
            precision: date_precision(d),
        })
    }

    fn words(&self) -> String {
        words_single(self.first, self.last, self.precision)
    }
}

impl EventDate {
    /// The date in words: "15 November 1977", "March 2014", "the 1970s",
    /// "10–14 March 2014"; an interval end that is open or unknown is said
    /// so, with the known end only as precise as written ("from August 2019
    /// onwards", "until March 2001 (start unknown)").
    pub fn long(&self) -> String {
        let Some(iv) = self.interval() else {
            return match (self.earliest(), self.latest()) {
                (Edge::Day(a), Edge::Day(b)) => words_single(a, b, self.precision),
                _ => self.raw.to_string(),
            };
        };
        match (End::of(&iv.start), End::of(&iv.end)) {
            (Some(s), Some(e)) => {
                let days = s.precision == Precision::Day && e.precision == Precision::Day;
                let (a, b) = (s.first, e.last);
                if days && a.year == b.year && a.month == b.month {
                    return format!(
                        "{}–{} {} {}",
                        a.day,
                        b.day,
                        month_name(a.month),
                        year_words(a.year)
                    );
                }
                format!("{} to {}", s.words(), e.words())
            }
            (Some(s), None) if self.is_end_unknown() => format!("from {} (end unknown)", s.words()),
            (Some(s), None) => format!("from {} onwards", s.words()),
            (None, Some(e)) if self.is_start_unknown() => {
                format!("until {} (start unknown)", e.words())
            }
            (None, Some(e)) => format!("until {}", e.words()),
            (None, None) => self.raw.to_string(),
        }
    }

    /// Compact display with true precision: `1977-11-15`, `2014-03`, `2023-05~`,
    /// and intervals with the shared prefix elided: `2014-03-30…31`.
    pub fn compact(&self) -> String {
        if !self.is_interval() {
            return self.raw.to_string();
        }
        let (s, e) = match self.raw.split_once('/') {
            Some(p) => p,
            None => return self.raw.to_string(),
        };
        let (s_str, e_str) = (
            if s.is_empty() { "?" } else { s },
            if e.is_empty() { "?" } else { e },
        );
        if s == ".." || e == ".." {
            return format!("{}…{}", s_str.replace("..", ""), e_str.replace("..", ""));
        }
        // Digits and dashes only: a written date (not an unknown end) with no
        // qualifier, so read from the text without parsing it again.
        let simple = |x: &str| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit() || c == '-');
        if simple(s) && simple(e) && s.len() == e.len() && !s.starts_with('-') {
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
}
