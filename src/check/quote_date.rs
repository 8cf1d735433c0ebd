//! Quote–date consistency: the dates an excerpt writes must fit its event.
//!
//! Scans an excerpt for weekday names, years 1900–2099 (and decades like
//! `1970s`), `Month YYYY`, and month-and-day forms (`March 10`, `10 March`,
//! `March 30 and 31`, `July 12, 2023`), and says which do not fit the
//! event's calendar span.

use chrono::{Datelike, Weekday};

use crate::date::{Day, Edge, EventDate, MONTH_NAMES as MONTHS};

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// A date mention that does not fit, with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// The words in the quote.
    pub words: String,
    /// Why they do not fit.
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Num(u32, usize),
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            // `1970s` is a decade: keep as a word so it is read apart.
            if i < b.len() && b[i] == b's' && i - st == 4 {
                out.push(Tok::Word(&s[st..=i]));
                i += 1;
            } else if i - st <= 6 {
                out.push(Tok::Num(s[st..i].parse().unwrap_or(0), i - st));
            }
        } else if c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Tok::Word(&s[st..i]));
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

fn month_of(w: &str) -> Option<u8> {
    MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1)
}

fn bounds(date: &EventDate) -> Option<(Day, Day)> {
    match (date.earliest(), date.latest()) {
        (Edge::Day(a), Edge::Day(b)) => Some((a, b)),
        _ => None,
    }
}

fn day_fits(a: Day, b: Day, y: Option<i64>, m: u8, d: u8) -> bool {
    let years: Vec<i64> = match y {
        Some(y) => vec![y],
        None => (a.year..=b.year.min(a.year + 200)).collect(),
    };
    years.into_iter().any(|y| {
        let day = Day::new(y, m, d);
        day.to_naive().is_some() && a <= day && day <= b
    })
}

/// Every date mention in `quote` that does not fit `date`.
pub fn misfits(quote: &str, date: &EventDate) -> Vec<Misfit> {
    let Some((a, b)) = bounds(date) else {
        return Vec::new();
    };
    let toks = tokens(quote);
    let mut out = Vec::new();
    let mut used = vec![false; toks.len()];
    let year_at = |i: usize| match toks.get(i) {
        Some(Tok::Num(y, 4)) if (1900..=2099).contains(y) => Some(i64::from(*y)),
        _ => None,
    };
    for i in 0..toks.len() {
        let Tok::Word(w) = toks[i] else { continue };
        let Some(m) = month_of(w) else { continue };
        // Month D[, YYYY] [and D2]
        if let Some(Tok::Num(d, 1..=2)) = toks.get(i + 1).copied() {
            let mut days = vec![d];
            let mut j = i + 2;
            if let (Some(Tok::Word("and" | "to")), Some(Tok::Num(d2, 1..=2))) =
                (toks.get(j), toks.get(j + 1))
            {
                days.push(*d2);
                j += 2;
            }
            let y = year_at(j);
            used[i + 1] = true;
            if y.is_some() {
                used[j] = true;
            }
            for d in days {
                if !day_fits(a, b, y, m, d as u8) {
                    let words = match y {
                        Some(y) => format!("{w} {d}, {y}"),
                        None => format!("{w} {d}"),
                    };
                    out.push(Misfit {
                        words,
                        why: format!("not within {}", date.compact()),
                    });
                }
            }
            continue;
        }
        // D Month [YYYY]
        if i > 0
            && let Tok::Num(d, 1..=2) = toks[i - 1]
            && !used[i - 1]
        {
            used[i - 1] = true;
            let y = year_at(i + 1);
            if y.is_some() {
                used[i + 1] = true;
            }
            if !day_fits(a, b, y, m, d as u8) {
                out.push(Misfit {
                    words: format!("{d} {w}"),
                    why: format!("not within {}", date.compact()),
                });
            }
            continue;
        }
        // Month YYYY
        if let Some(y) = year_at(i + 1) {
            used[i + 1] = true;
            let first = Day::new(y, m, 1);
            let last = Day::new(y, m, 31);
            if !(first <= b && last >= a) {
                out.push(Misfit {
                    words: format!("{w} {y}"),
                    why: format!("does not overlap {}", date.compact()),
                });
            }
        }
    }
    for (i, t) in toks.iter().enumerate() {
        match *t {
            Tok::Num(y, 4) if !used[i] && (1900..=2099).contains(&y) => {
                let y = i64::from(y);
                if y < a.year || y > b.year {
                    out.push(Misfit {
                        words: y.to_string(),
                        why: format!("outside the event's years ({})", date.compact()),
                    });
                }
            }
            Tok::Word(w)
                if w.len() == 5
                    && w.ends_with('s')
                    && w[..4].bytes().all(|c| c.is_ascii_digit()) =>
            {
                let d: i64 = w[..4].parse().unwrap_or(0);
                if (1900..=2099).contains(&d) && (d + 9 < a.year || d > b.year) {
                    out.push(Misfit {
                        words: w.to_string(),
                        why: format!("does not overlap the event's years ({})", date.compact()),
                    });
                }
            }
            Tok::Word(w) => {
                let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == w) else {
                    continue;
                };
                let (Some(na), Some(nb)) = (a.to_naive(), b.to_naive()) else {
                    continue;
                };
                let span = (nb - na).num_days();
                if span >= 7 {
                    continue;
                }
                let fits = na
                    .iter_days()
                    .take(span as usize + 1)
                    .any(|d| d.weekday() == *wd);
                if !fits {
                    let actual: Vec<String> = na
                        .iter_days()
                        .take(span as usize + 1)
                        .map(|d| format!("{} {}", d.weekday(), d))
                        .collect();
                    out.push(Misfit {
                        words: w.to_string(),
                        why: format!("the event's date is {}", actual.join(", ")),
                    });
                }
            }
            _ => {}
        }
    }
    out
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
}
