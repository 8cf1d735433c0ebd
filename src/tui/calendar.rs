//! Calendar arithmetic the explorer shows: Japanese era years, Juche years and
//! the time elapsed between two events, each only as precise as the dates.

use chrono::Months;

use crate::date::{Day, EventDate, Precision};

/// Japanese eras from Meiji, with the first day of each.
const JAPANESE_ERAS: [(&str, Day); 5] = [
    ("Meiji", Day::new(1868, 1, 25)),
    ("Taishō", Day::new(1912, 7, 30)),
    ("Shōwa", Day::new(1926, 12, 25)),
    ("Heisei", Day::new(1989, 1, 8)),
    ("Reiwa", Day::new(2019, 5, 1)),
];

fn era_year(d: Day) -> Option<(&'static str, i64)> {
    JAPANESE_ERAS
        .iter()
        .rev()
        .find(|(_, start)| *start <= d)
        .map(|(name, start)| (*name, d.year - start.year + 1))
}

fn span(date: &EventDate) -> Option<(Day, Day)> {
    Some((date.earliest().day()?, date.latest().day()?))
}

/// The Japanese era year(s) the date's span covers: "Shōwa 52"; a year that
/// straddles an era change says both ("Shōwa 64 / Heisei 1"); a coarse date
/// gives a range ("Shōwa 45–54"). None before Meiji or for open dates.
pub fn japanese_era(date: &EventDate) -> Option<String> {
    let (a, b) = span(date)?;
    let ((na, ya), (nb, yb)) = (era_year(a)?, era_year(b)?);
    Some(if na == nb {
        if ya == yb {
            format!("{na} {ya}")
        } else {
            format!("{na} {ya}–{yb}")
        }
    } else if a.year == b.year {
        format!("{na} {ya} / {nb} {yb}")
    } else {
        format!("{na} {ya} – {nb} {yb}")
    })
}

/// The Juche year(s) (Gregorian year − 1911, from 1912): "Juche 66", "Juche 59–68".
pub fn juche(date: &EventDate) -> Option<String> {
    let (a, b) = span(date)?;
    if a.year < 1912 {
        return None;
    }
    let (ja, jb) = (a.year - 1911, b.year - 1911);
    Some(if ja == jb {
        format!("Juche {ja}")
    } else {
        format!("Juche {ja}–{jb}")
    })
}

/// Both calendars in one short string for a timeline row: "Shōwa 52 · J66".
pub fn dual_short(date: &EventDate) -> String {
    let era = japanese_era(date).unwrap_or_default();
    match span(date) {
        Some((a, b)) if a.year >= 1912 && a.year == b.year => {
            format!("{era} · J{}", a.year - 1911)
        }
        _ => era,
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// How long after (or before) `from` the date `to` is, at the precision both
/// dates support: "25 years 10 months after", "about 3 years before",
/// "the same month as". None when either date is open-ended.
pub fn elapsed(from: &EventDate, to: &EventDate) -> Option<String> {
    let (a, b) = (from.earliest().day()?, to.earliest().day()?);
    let precision = from.precision().max(to.precision());
    let (early, late, word) = if b >= a {
        (a, b, "after")
    } else {
        (b, a, "before")
    };
    let months = (late.year - early.year) * 12 + i64::from(late.month) - i64::from(early.month);
    let mut parts = Vec::new();
    let unit = match precision {
        Precision::Day => {
            let whole = if late.day < early.day {
                months - 1
            } else {
                months
            };
            let (e, l) = (early.to_naive()?, late.to_naive()?);
            let anchor = e.checked_add_months(Months::new(u32::try_from(whole).ok()?))?;
            let days = (l - anchor).num_days();
            push_years_months(&mut parts, whole);
            if days > 0 {
                parts.push(plural(days, "day"));
            }
            "day"
        }
        Precision::Month | Precision::Season => {
            push_years_months(&mut parts, months);
            "month"
        }
        _ => {
            let years = late.year - early.year;
            if years > 0 {
                parts.push(plural(years, "year"));
            }
            "year"
        }
    };
    if parts.is_empty() {
        return Some(format!("the same {unit} as"));
    }
    let about =
        if from.is_approximate() || to.is_approximate() || from.is_interval() || to.is_interval() {
            "about "
        } else {
            ""
        };
    Some(format!("{about}{} {word}", parts.join(" ")))
}

fn push_years_months(parts: &mut Vec<String>, months: i64) {
    let (y, m) = (months / 12, months % 12);
    if y > 0 {
        parts.push(plural(y, "year"));
    }
    if m > 0 {
        parts.push(plural(m, "month"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    #[test]
    fn japanese_era_follows_precision() {
        assert_eq!(japanese_era(&d("1977-11-15")).as_deref(), Some("Shōwa 52"));
        assert_eq!(
            japanese_era(&d("1989")).as_deref(),
            Some("Shōwa 64 / Heisei 1")
        );
        assert_eq!(japanese_era(&d("2019-05")).as_deref(), Some("Reiwa 1"));
        assert_eq!(japanese_era(&d("197X")).as_deref(), Some("Shōwa 45–54"));
        assert_eq!(japanese_era(&d("1850")), None);
    }

    #[test]
    fn juche_starts_in_1912() {
        assert_eq!(juche(&d("1977-11-15")).as_deref(), Some("Juche 66"));
        assert_eq!(juche(&d("1911")), None);
    }

    #[test]
    fn elapsed_is_as_precise_as_the_coarser_date() {
        assert_eq!(
            elapsed(&d("1977-11-15"), &d("2003-09-17")).as_deref(),
            Some("25 years 10 months 2 days after")
        );
        assert_eq!(
            elapsed(&d("2014-03-22"), &d("2002")).as_deref(),
            Some("12 years before")
        );
        assert_eq!(
            elapsed(&d("2014-03"), &d("2014-03-22")).as_deref(),
            Some("the same month as")
        );
    }
}
