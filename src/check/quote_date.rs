//! Quote–date consistency: the dates an excerpt writes must fit its event.
//!
//! The excerpt is read by the claims finder ([`crate::claims::finder`]), so
//! every form it knows is checked: weekday names in any case, years and
//! decades (`1970s`, `'80s`), `Month YYYY`, and month-and-day forms in any
//! case and style (`March 10`, `MARCH 10`, `Mar. 10`, `10th March`,
//! `March 30 and 31`, `July 12, 2023`), with ASCII or full-width digits.
//! Each is compared with the event's calendar span.

use chrono::Datelike;

use crate::claims::finder::{Expr, find};
use crate::claims::lexicon::tokenize;
use crate::date::{Day, Edge, EventDate, MONTH_NAMES as MONTHS};

/// A date mention that does not fit, with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// The words in the quote.
    pub words: String,
    /// Why they do not fit.
    pub why: String,
}

fn bounds(date: &EventDate) -> Option<(Day, Day)> {
    match (date.earliest(), date.latest()) {
        (Edge::Day(a), Edge::Day(b)) => Some((a, b)),
        _ => None,
    }
}

/// Whether month `m`, day `d` of year `y` (or of any year the event spans) lies in `[a, b]`.
fn day_fits(a: Day, b: Day, y: Option<i64>, m: u8, d: u8) -> bool {
    let years = match y {
        Some(y) => y..=y,
        None => a.year..=b.year.min(a.year + 200),
    };
    years.into_iter().any(|y| {
        let day = Day::new(y, m, d);
        day.to_naive().is_some() && a <= day && day <= b
    })
}

fn month_name(m: u8) -> &'static str {
    MONTHS[usize::from(m.clamp(1, 12)) - 1]
}

/// Every date mention in `quote` that does not fit `date`.
pub fn misfits(quote: &str, date: &EventDate) -> Vec<Misfit> {
    let Some((a, b)) = bounds(date) else {
        return Vec::new();
    };
    let toks = tokenize(quote);
    let mut out = Vec::new();
    for m in find(&toks) {
        let written = &quote[toks[m.toks.start].span.start..toks[m.toks.end - 1].span.end];
        let misfit = |words: String, why: String| Misfit { words, why };
        match m.expr {
            Expr::Days {
                year,
                month,
                first,
                last,
            } => {
                let y = year.map(i64::from);
                for d in if first == last {
                    vec![first]
                } else {
                    vec![first, last]
                } {
                    if !day_fits(a, b, y, month, d) {
                        let words = match y {
                            Some(y) => format!("{} {d}, {y}", month_name(month)),
                            None => format!("{} {d}", month_name(month)),
                        };
                        out.push(misfit(words, format!("not within {}", date.compact())));
                    }
                }
            }
            Expr::Month {
                year: Some(y),
                month,
                ..
            } => {
                let y = i64::from(y);
                if !(Day::new(y, month, 1) <= b && Day::new(y, month, 31) >= a) {
                    out.push(misfit(
                        format!("{} {y}", month_name(month)),
                        format!("does not overlap {}", date.compact()),
                    ));
                }
            }
            Expr::Year(y) if (1900..=2099).contains(&y) => {
                let y = i64::from(y);
                if y < a.year || y > b.year {
                    out.push(misfit(
                        y.to_string(),
                        format!("outside the event's years ({})", date.compact()),
                    ));
                }
            }
            Expr::Decades(ds) => {
                for (start, century) in ds {
                    // `'80s` takes the century of the event.
                    let d = if century {
                        i64::from(start)
                    } else {
                        a.year / 100 * 100 + i64::from(start)
                    };
                    if d + 9 < a.year || d > b.year {
                        out.push(misfit(
                            format!("{d}s"),
                            format!("does not overlap the event's years ({})", date.compact()),
                        ));
                    }
                }
            }
            Expr::Weekday(wd, _) => {
                if let Some(m) = weekday_misfit(a, b, wd, written) {
                    out.push(m);
                }
            }
            _ => {}
        }
    }
    out
}

/// A weekday fits an event of less than a week when one of its days is that weekday.
fn weekday_misfit(a: Day, b: Day, wd: u8, written: &str) -> Option<Misfit> {
    let (na, nb) = (a.to_naive()?, b.to_naive()?);
    let span = (nb - na).num_days();
    if span >= 7 {
        return None;
    }
    let days = || na.iter_days().take(span as usize + 1);
    if days().any(|d| d.weekday().num_days_from_monday() == u32::from(wd)) {
        return None;
    }
    let name = written
        .split_whitespace()
        .last()
        .unwrap_or(written)
        .to_string();
    let actual: Vec<String> = days().map(|d| format!("{} {}", d.weekday(), d)).collect();
    Some(Misfit {
        words: name,
        why: format!("the event's date is {}", actual.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(q: &str, d: &str) -> Vec<String> {
        misfits(q, &EventDate::parse(d).unwrap())
            .into_iter()
            .map(|m| m.words)
            .collect()
    }

    #[test]
    fn weekday_must_match_the_day() {
        // 2023-07-14 was a Friday.
        assert!(check("on Friday, with its envoy", "2023-07-14").is_empty());
        assert_eq!(check("on Thursday", "2023-07-14"), ["Thursday"]);
        // A month-precise event cannot be checked against a weekday.
        assert!(check("on Thursday", "2023-07").is_empty());
    }

    #[test]
    fn years_and_decades_must_overlap() {
        assert!(
            check(
                "in Niigata Prefecture in 1977, when she was 13",
                "1977-11-15"
            )
            .is_empty()
        );
        assert_eq!(
            check("returned to Pyongyang in 2004", "2002-10-15"),
            ["2004"]
        );
        assert!(check("in the 1970s and 1980s", "1977/1983").is_empty());
        assert_eq!(check("in the 1990s", "1977/1983"), ["1990s"]);
    }

    #[test]
    fn month_and_day_forms() {
        assert!(
            check(
                "scheduled for March 30 and 31 in Beijing",
                "2014-03-30/2014-03-31"
            )
            .is_empty()
        );
        assert_eq!(
            check("scheduled for March 30 and 31", "2014-03-30"),
            ["March 31"]
        );
        assert!(check("in Vilnius on July 12, 2023, after", "2023-07-12").is_empty());
        assert_eq!(check("on July 12, 2023", "2023-07-14"), ["July 12, 2023"]);
        assert!(check("For five days from March 10", "2014-03-10/2014-03-14").is_empty());
        assert_eq!(check("in December 2012", "2013-01"), ["December 2012"]);
    }

    #[test]
    fn month_days_in_any_style_are_read() {
        // Each of these passed unnoticed by the rule before the claims finder.
        assert_eq!(
            check("talks on MARCH 10 in Beijing", "2014-03-30"),
            ["March 10"]
        );
        assert_eq!(
            check("talks on Mar. 10 in Beijing", "2014-03-30"),
            ["March 10"]
        );
        assert_eq!(
            check("talks on 10th March in Beijing", "2014-03-30"),
            ["March 10"]
        );
        assert_eq!(
            check("talks on １０ March ２０１４", "2014-03-30"),
            ["March 10, 2014"]
        );
        assert!(check("talks on MARCH 30 in Beijing", "2014-03-30").is_empty());
        assert!(check("talks on 30th March", "2014-03-30").is_empty());
    }

    #[test]
    fn weekday_names_in_any_case_are_read() {
        // 2023-07-14 was a Friday.
        assert_eq!(
            check("on THURSDAY, with its envoy", "2023-07-14"),
            ["THURSDAY"]
        );
        assert_eq!(check("on thursday", "2023-07-14"), ["thursday"]);
        assert!(check("on FRIDAY", "2023-07-14").is_empty());
    }

    #[test]
    fn full_width_years_are_read() {
        assert_eq!(check("returned in ２００４", "2002-10-15"), ["2004"]);
    }
}
