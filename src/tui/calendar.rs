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

/// The unit an elapsed time is counted to: the coarser of the two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Years, months and days.
    Day,
    /// Years and months.
    Month,
    /// Whole years.
    Year,
}

/// How far apart two dates are, as precise as the coarser of them: a value,
/// worded only by the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed {
    /// Whole years.
    pub years: i64,
    /// Months beyond the years (0 when counted in years).
    pub months: i64,
    /// Days beyond the months (0 unless counted in days).
    pub days: i64,
    /// What was counted.
    pub unit: Unit,
    /// Either date is approximate or an interval: "about".
    pub about: bool,
    /// The second date is before the first.
    pub before: bool,
}

impl Elapsed {
    /// Both dates fall in the same day, month or year (per [`Elapsed::unit`]).
    pub fn is_zero(&self) -> bool {
        self.years == 0 && self.months == 0 && self.days == 0
    }
}

/// One end of an elapsed-time count: where it starts, to what precision,
/// and whether it is fuzzy (approximate or an interval).
#[derive(Debug, Clone, Copy)]
struct End {
    day: Day,
    precision: Precision,
    fuzzy: bool,
}

impl End {
    fn of(date: &EventDate) -> Option<End> {
        Some(End {
            day: date.earliest().day()?,
            precision: date.precision(),
            fuzzy: date.is_approximate() || date.is_interval(),
        })
    }
}

/// How long after (or before) `from` the date `to` is, at the precision both
/// dates support. None when either date is open-ended.
pub fn elapsed(from: &EventDate, to: &EventDate) -> Option<Elapsed> {
    between(End::of(from)?, End::of(to)?)
}

/// How long after `date` the exact day `today` is.
pub fn since(date: &EventDate, today: Day) -> Option<Elapsed> {
    let today = End {
        day: today,
        precision: Precision::Day,
        fuzzy: false,
    };
    between(End::of(date)?, today)
}

fn between(from: End, to: End) -> Option<Elapsed> {
    let (a, b) = (from.day, to.day);
    let precision = from.precision.max(to.precision);
    let before = b < a;
    let (early, late) = if before { (b, a) } else { (a, b) };
    let months = (late.year - early.year) * 12 + i64::from(late.month) - i64::from(early.month);
    let (unit, months, days) = match precision {
        Precision::Day => {
            let whole = if late.day < early.day {
                months - 1
            } else {
                months
            };
            let (e, l) = (early.to_naive()?, late.to_naive()?);
            let anchor = e.checked_add_months(Months::new(u32::try_from(whole).ok()?))?;
            (Unit::Day, whole, (l - anchor).num_days())
        }
        Precision::Month | Precision::Season => (Unit::Month, months, 0),
        _ => (Unit::Year, (late.year - early.year) * 12, 0),
    };
    Some(Elapsed {
        years: months / 12,
        months: months % 12,
        days,
        unit,
        about: from.fuzzy || to.fuzzy,
        before,
    })
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

    fn parts(e: Elapsed) -> (i64, i64, i64, Unit, bool) {
        (e.years, e.months, e.days, e.unit, e.before)
    }

    #[test]
    fn elapsed_is_as_precise_as_the_coarser_date() {
        let e = elapsed(&d("1977-11-15"), &d("2003-09-17")).unwrap();
        assert_eq!(parts(e), (25, 10, 2, Unit::Day, false));
        let e = elapsed(&d("2014-03-22"), &d("2002")).unwrap();
        assert_eq!(parts(e), (12, 0, 0, Unit::Year, true));
        let e = elapsed(&d("2014-03"), &d("2014-03-22")).unwrap();
        assert!(e.is_zero() && e.unit == Unit::Month);
        assert!(elapsed(&d("../2019"), &d("2020")).is_none());
    }

    #[test]
    fn elapsed_since_today_counts_from_the_start_of_the_date() {
        let e = since(&d("1977-11-15"), Day::new(2026, 1, 1)).unwrap();
        assert_eq!(parts(e), (48, 1, 17, Unit::Day, false));
        assert!(!e.about);
        assert!(
            since(&d("1977-09-19/1983-07"), Day::new(2026, 1, 1))
                .unwrap()
                .about
        );
    }
}
