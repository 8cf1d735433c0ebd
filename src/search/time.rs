//! Time operators (`before:` `after:` `during:` `overlaps:` `within:`) over
//! EDTF dates, answered honestly: yes, no, or only possibly.
//!
//! An event happened on one day we may not know: `2014` is any day of 2014,
//! `2014-03?` is March 2014 but doubted. Its *reach* is the span of days its
//! start may fall on and the span its end may fall on (the same for a single
//! date; `..` is unbounded; an unknown end `2014/` may be any day from the
//! start on). An operator holds **definitely** when it holds for every day the
//! event may have happened on, **possibly** when it holds for some of them,
//! or when the event's date (or the anchor's) is marked uncertain or
//! approximate. Possible hits are kept, marked (`Hit::possible`) and ranked
//! after the definite ones.
//!
//! - `before:X`: the event starts before X starts; `after:X`: it starts after
//!   X ends. A date X is a period (`before:2014` is before 1 January 2014,
//!   `after:2014-03` after 31 March 2014); an event or era X has its reach.
//! - `within:2y` (also `6m`, `3w`, `10d`, `1y6m`) narrows `before:`/`after:`
//!   to starts no further than that from X.
//! - `during:X`: the event lies inside X (an era, an event, or a date period).
//! - `overlaps:EDTF`: some day of the event lies in the period.

use chrono::{Days, Months};
use edtf_core::{Edtf, IntervalEndpoint};

use crate::date::{Day, Edge, EventDate};

/// How far an operator holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tri {
    No,
    Possibly,
    Yes,
}

impl Tri {
    fn when(yes: bool, possibly: bool) -> Tri {
        if yes {
            Tri::Yes
        } else if possibly {
            Tri::Possibly
        } else {
            Tri::No
        }
    }

    /// The answer for a negated operator: only a definite answer flips.
    pub(crate) fn not(self) -> Tri {
        match self {
            Tri::No => Tri::Yes,
            Tri::Possibly => Tri::Possibly,
            Tri::Yes => Tri::No,
        }
    }
}

/// The days a date's start and end may fall on, and whether it is doubted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reach {
    start: (Edge, Edge),
    end: (Edge, Edge),
    doubted: bool,
}

fn endpoint(e: &IntervalEndpoint) -> Option<(Edge, Edge)> {
    let d = match e {
        IntervalEndpoint::Date(d)
        | IntervalEndpoint::OnOrBefore(d)
        | IntervalEndpoint::OnOrAfter(d) => d,
        _ => return None,
    };
    let b = Edtf::Date(*d).bounds();
    let edge = |b: edtf_core::Bound| match b {
        edtf_core::Bound::Date(d) => Edge::Day(Day::new(d.year, d.month, d.day)),
        edtf_core::Bound::NegativeInfinity => Edge::Before,
        _ => Edge::After,
    };
    let (lo, hi) = (edge(b.earliest), edge(b.latest));
    Some(match e {
        IntervalEndpoint::OnOrBefore(_) => (Edge::Before, hi),
        IntervalEndpoint::OnOrAfter(_) => (lo, Edge::After),
        _ => (lo, hi),
    })
}

impl Reach {
    /// An event's date: one unknown day inside its bounds, or an interval
    /// whose ends each have their own bounds.
    pub(crate) fn of_event(d: &EventDate) -> Reach {
        let doubted = d.is_uncertain() || d.is_approximate();
        let whole = (d.earliest(), d.latest());
        let Some(iv) = d.interval() else {
            return Reach {
                start: whole,
                end: whole,
                doubted,
            };
        };
        let (s, e) = (endpoint(&iv.start), endpoint(&iv.end));
        let start = match (&iv.start, s) {
            (_, Some(s)) => s,
            (IntervalEndpoint::Open, _) => (Edge::Before, Edge::Before),
            _ => (Edge::Before, e.map_or(Edge::After, |e| e.1)),
        };
        let end = match (&iv.end, e) {
            (_, Some(e)) => e,
            (IntervalEndpoint::Open, _) => (Edge::After, Edge::After),
            _ => (start.0, Edge::After),
        };
        Reach {
            start,
            end,
            doubted,
        }
    }

    /// A date typed in a query: the whole period it names, from its first
    /// possible day to its last (`2014` is 1 January to 31 December 2014).
    pub(crate) fn of_period(d: &EventDate) -> Reach {
        let mut r = Reach::of_event(d);
        r.start = (r.start.0, r.start.0);
        r.end = (r.end.1, r.end.1);
        r
    }

    /// An era: its interval's ends with their bounds; a single date is a period.
    pub(crate) fn of_era(d: &EventDate) -> Reach {
        if d.is_interval() {
            Reach::of_event(d)
        } else {
            Reach::of_period(d)
        }
    }
}

/// A duration typed after `within:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Window {
    /// Months (years × 12 included).
    pub months: u32,
    /// Days (weeks × 7 included).
    pub days: u32,
}

impl Window {
    /// Parses `2y`, `18m`, `3w`, `10d` and sums like `1y6m`.
    pub fn parse(s: &str) -> Option<Window> {
        let mut w = Window::default();
        let mut digits = String::new();
        let mut any = false;
        for c in s.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let n: u32 = digits.parse().ok().filter(|&n| n <= 100_000)?;
            digits.clear();
            match c.to_ascii_lowercase() {
                'y' => w.months = w.months.checked_add(n.checked_mul(12)?)?,
                'm' => w.months = w.months.checked_add(n)?,
                'w' => w.days = w.days.checked_add(n.checked_mul(7)?)?,
                'd' => w.days = w.days.checked_add(n)?,
                _ => return None,
            }
            any = true;
        }
        (any && digits.is_empty()).then_some(w)
    }

    fn shift(self, e: Edge, forward: bool) -> Edge {
        let Edge::Day(d) = e else { return e };
        let Some(n) = d.to_naive() else { return e };
        let moved = if forward {
            n.checked_add_months(Months::new(self.months))
                .and_then(|n| n.checked_add_days(Days::new(self.days.into())))
        } else {
            n.checked_sub_months(Months::new(self.months))
                .and_then(|n| n.checked_sub_days(Days::new(self.days.into())))
        };
        match moved {
            Some(m) => Edge::Day(Day::from_naive(m)),
            None if forward => Edge::After,
            None => Edge::Before,
        }
    }
}

/// One resolved time operator.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TimeCheck {
    Before(Reach, Option<Window>),
    After(Reach, Option<Window>),
    During(Reach),
    Overlaps(Reach),
}

impl TimeCheck {
    /// Whether an event dated `d` satisfies the operator.
    #[cfg(test)]
    fn test_date(&self, d: &EventDate) -> Tri {
        self.test(&Reach::of_event(d))
    }

    /// Whether an event with reach `s` ([`Reach::of_event`], kept in the
    /// index: computing EDTF bounds per event per keystroke was the tail of
    /// time-operator queries) satisfies the operator.
    pub(crate) fn test(&self, s: &Reach) -> Tri {
        let (s0, s1) = s.start;
        let (e0, e1) = s.end;
        let (answer, anchor_doubted) = match *self {
            TimeCheck::Before(x, w) => {
                let (lo, hi) = x.start;
                let mut t = Tri::when(s1 < lo, s0 < hi);
                if let Some(w) = w {
                    let near = Tri::when(s0 >= w.shift(hi, false), s1 >= w.shift(lo, false));
                    t = t.min(near);
                }
                (t, x.doubted)
            }
            TimeCheck::After(x, w) => {
                let (lo, hi) = x.end;
                let mut t = Tri::when(s0 > hi, s1 > lo);
                if let Some(w) = w {
                    let near = Tri::when(s1 <= w.shift(lo, true), s0 <= w.shift(hi, true));
                    t = t.min(near);
                }
                (t, x.doubted)
            }
            TimeCheck::During(x) => {
                let (inner_from, outer_from) = (x.start.1, x.start.0);
                let (inner_to, outer_to) = (x.end.0, x.end.1);
                let yes = s0 >= inner_from && e1 <= inner_to;
                let start_may = s1 >= outer_from && s0 <= outer_to;
                let end_may = e1 >= outer_from && e0 <= outer_to;
                (Tri::when(yes, start_may && end_may), x.doubted)
            }
            TimeCheck::Overlaps(x) => {
                let yes = s1 <= x.end.0 && e0 >= x.start.1;
                let may = s0 <= x.end.1 && e1 >= x.start.0;
                (Tri::when(yes, may), x.doubted)
            }
        };
        if answer == Tri::Yes && (s.doubted || anchor_doubted) {
            Tri::Possibly
        } else {
            answer
        }
    }
}

/// A free term that names a date (`1977`, `2014-03`, `2014-03-30`): its
/// period, so the event's date can match before its text does.
pub(crate) fn date_term(text: &str) -> Option<(Edge, Edge)> {
    let b = text.as_bytes();
    let shape = matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    let d = EventDate::parse(text).ok()?;
    Some((d.earliest(), d.latest()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    #[test]
    fn windows_parse_units_and_sums() {
        assert_eq!(
            Window::parse("1y6m"),
            Some(Window {
                months: 18,
                days: 0
            })
        );
        assert_eq!(Window::parse("3w").map(|w| w.days), Some(21));
        for bad in ["", "y", "2", "2x", "2y3"] {
            assert_eq!(Window::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_year_only_event_is_possibly_before_a_day_in_that_year() {
        let x = Reach::of_period(&date("2014-03-22"));
        let before = TimeCheck::Before(x, None);
        assert_eq!(before.test_date(&date("2014")), Tri::Possibly);
        assert_eq!(before.test_date(&date("2013")), Tri::Yes);
        assert_eq!(before.test_date(&date("2014-03-22")), Tri::No);
        assert_eq!(
            before.test_date(&date("2014-03-21?")),
            Tri::Possibly,
            "doubted"
        );
    }

    #[test]
    fn open_and_unknown_interval_ends() {
        let during = TimeCheck::During(Reach::of_era(&date("2011-12/..")));
        assert_eq!(during.test_date(&date("2023-07-12")), Tri::Yes);
        assert_eq!(during.test_date(&date("2011-12-17")), Tri::Possibly);
        assert_eq!(during.test_date(&date("2011-11-30")), Tri::No);
        let overlaps = TimeCheck::Overlaps(Reach::of_period(&date("2020")));
        assert_eq!(
            overlaps.test_date(&date("2014/..")),
            Tri::Yes,
            "still going"
        );
        assert_eq!(
            overlaps.test_date(&date("2014/")),
            Tri::Possibly,
            "unknown end"
        );
        assert_eq!(overlaps.test_date(&date("../2013")), Tri::No);
    }
}
