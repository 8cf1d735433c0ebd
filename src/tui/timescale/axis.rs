//! The time axis: calendar days as numbers, and tick marks that adapt from
//! millennia to single days so that labels never crowd each other.

use chrono::{Datelike, NaiveDate};

/// Day number of a proleptic Gregorian date (1 = 0001-01-01, astronomical
/// years). Dates chronoscope accepts (years −9999…9999) are always in range;
/// anything else is clamped to the nearest representable year.
pub fn day_number(year: i64, month: u8, day: u8) -> i64 {
    let y = i32::try_from(year.clamp(-99_999, 99_999)).unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(y, month.into(), day.into())
        .or_else(|| NaiveDate::from_ymd_opt(y, month.into(), 1))
        .or_else(|| NaiveDate::from_ymd_opt(y, 1, 1))
        .unwrap_or_default();
    date.num_days_from_ce().into()
}

/// The (year, month, day) of a day number.
pub fn civil(day: i64) -> (i64, u8, u8) {
    let n = i32::try_from(day.clamp(-40_000_000, 40_000_000)).unwrap_or(0);
    let d = NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default();
    (d.year().into(), d.month() as u8, d.day() as u8)
}

/// A year as a researcher reads it: `1977`, `44 BCE` (astronomical 0 = 1 BCE).
pub fn year_label(year: i64) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - year)
    } else {
        year.to_string()
    }
}

/// `1977-11`, `-0043-03` (months of BCE years in EDTF's astronomical form).
fn month_label(year: i64, month: u8) -> String {
    if year < 0 {
        format!("-{:04}-{month:02}", -year)
    } else {
        format!("{year:04}-{month:02}")
    }
}

/// `1977-11-15`.
fn day_label(year: i64, month: u8, day: u8) -> String {
    format!("{}-{day:02}", month_label(year, month))
}

/// The spacing of ticks on the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Every `n` days of a month (1, 1+n, 1+2n, … up to the 28th).
    Days(u8),
    /// Every `n` months, aligned to January.
    Months(u8),
    /// Every `n` years, aligned to multiples of `n`.
    Years(i64),
}

impl Unit {
    /// All spacings, finest first.
    const LADDER: [Unit; 20] = [
        Unit::Days(1),
        Unit::Days(2),
        Unit::Days(5),
        Unit::Days(10),
        Unit::Months(1),
        Unit::Months(2),
        Unit::Months(3),
        Unit::Months(6),
        Unit::Years(1),
        Unit::Years(2),
        Unit::Years(5),
        Unit::Years(10),
        Unit::Years(20),
        Unit::Years(50),
        Unit::Years(100),
        Unit::Years(200),
        Unit::Years(500),
        Unit::Years(1000),
        Unit::Years(2000),
        Unit::Years(5000),
    ];

    /// Approximate length in days (for choosing a spacing, never for placing).
    fn approx_days(self) -> f64 {
        match self {
            Unit::Days(n) => f64::from(n),
            Unit::Months(n) => 30.44 * f64::from(n),
            Unit::Years(n) => 365.25 * n as f64,
        }
    }

    /// Widest label this spacing prints.
    fn label_width(self) -> usize {
        match self {
            Unit::Days(_) => 10,
            Unit::Months(_) => 7,
            Unit::Years(_) => 4,
        }
    }

    /// The finest unit a date under the cursor is worth showing at this spacing.
    pub fn cursor_label(self, day: i64) -> String {
        let (y, m, d) = civil(day);
        match self {
            Unit::Days(_) | Unit::Months(1) => day_label(y, m, d),
            Unit::Months(_) | Unit::Years(1) => month_label(y, m),
            Unit::Years(_) => year_label(y),
        }
    }
}

/// The first year from `y` on whose label is a multiple of `n`: `1980`,
/// `100 BCE` (astronomical −99), so ticks read round on both sides of year 1.
fn tick_year(y: i64, n: i64) -> i64 {
    if y > 0 {
        return y + (n - y.rem_euclid(n)) % n;
    }
    let bce = (1 - y) - (1 - y).rem_euclid(n);
    if bce > 0 { 1 - bce } else { n }
}

/// One tick: its day and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// The first day the tick marks.
    pub day: i64,
    /// What is printed above it.
    pub label: String,
}

/// The spacing for `span` days drawn over `cols` columns: the finest whose
/// labels keep two columns between each other.
pub fn unit_for(span: i64, cols: usize, widest_year: usize) -> Unit {
    let per_col = span.max(1) as f64 / cols.max(1) as f64;
    Unit::LADDER
        .into_iter()
        .find(|u| {
            let w = match u {
                Unit::Years(_) => widest_year,
                _ => u.label_width(),
            };
            u.approx_days() / per_col >= (w + 2) as f64
        })
        .unwrap_or(Unit::Years(5000))
}

/// The ticks in `[start, start + span)`: at most `cols + 1` of them, so the
/// cost follows the screen, not the span.
pub fn ticks(start: i64, span: i64, cols: usize) -> (Unit, Vec<Tick>) {
    let end = start + span.max(1);
    let (y0, _, _) = civil(start);
    let (y1, _, _) = civil(end);
    let widest = year_label(y0).len().max(year_label(y1).len());
    let unit = unit_for(span, cols, widest);
    let limit = cols + 1;
    let mut out = Vec::new();
    let mut push = |day: i64, label: String| {
        if (start..end).contains(&day) && out.len() < limit {
            out.push(Tick { day, label });
        }
        day < end && out.len() < limit
    };
    match unit {
        Unit::Years(n) => {
            let mut y = tick_year(y0, n);
            while push(day_number(y, 1, 1), year_label(y)) {
                y = tick_year(y + 1, n);
            }
        }
        Unit::Months(n) => {
            let (_, m0, _) = civil(start);
            let mut k = y0 * 12 + i64::from(m0 - 1);
            k -= k.rem_euclid(i64::from(n));
            loop {
                let (y, m) = (k.div_euclid(12), (k.rem_euclid(12) + 1) as u8);
                if !push(day_number(y, m, 1), month_label(y, m)) {
                    break;
                }
                k += i64::from(n);
            }
        }
        Unit::Days(n) => {
            let mut d = start;
            loop {
                let (y, m, dd) = civil(d);
                // Day ticks restart each month; none after the 27th, so the
                // 1st of the next month never crowds the last tick.
                let on_tick = n == 1 || ((dd - 1) % n == 0 && dd <= 27);
                if on_tick && !push(d, day_label(y, m, dd)) {
                    break;
                }
                if d >= end {
                    break;
                }
                d += 1;
            }
        }
    }
    (unit, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_across_the_era_boundary() {
        for (y, m, d) in [(1977, 11, 15), (0, 3, 1), (-43, 3, 15), (2000, 2, 29)] {
            assert_eq!(civil(day_number(y, m, d)), (y, m, d));
        }
        assert_eq!(day_number(1977, 11, 16) - day_number(1977, 11, 15), 1);
    }

    #[test]
    fn year_labels_name_bce_years() {
        assert_eq!(year_label(1977), "1977");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-43), "44 BCE");
    }

    #[test]
    fn ticks_read_round_before_and_after_year_one() {
        let labels: Vec<i64> = std::iter::successors(Some(tick_year(-150, 50)), |&y| {
            Some(tick_year(y + 1, 50)).filter(|&y| y <= 120)
        })
        .collect();
        assert_eq!(labels, [-149, -99, -49, 50, 100]);
        assert_eq!(year_label(-149), "150 BCE");
        assert_eq!(tick_year(1977, 1), 1977);
        assert_eq!(tick_year(0, 1), 0);
    }

    #[test]
    fn spacing_adapts_from_decades_to_days() {
        let whole = day_number(2024, 1, 1) - day_number(1977, 1, 1);
        assert!(matches!(unit_for(whole, 80, 4), Unit::Years(5 | 10)));
        assert!(matches!(unit_for(400, 80, 4), Unit::Months(2 | 3)));
        assert!(matches!(unit_for(32, 80, 4), Unit::Days(2 | 5)));
    }

    #[test]
    fn ticks_fall_on_calendar_boundaries_inside_the_window() {
        let start = day_number(1976, 6, 1);
        let (unit, ticks) = ticks(start, day_number(2024, 1, 1) - start, 40);
        assert_eq!(unit, Unit::Years(10));
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["1980", "1990", "2000", "2010", "2020"]);
        assert_eq!(ticks[0].day, day_number(1980, 1, 1));
    }

    #[test]
    fn day_ticks_skip_the_short_end_of_months() {
        let start = day_number(2014, 2, 20);
        let (unit, ticks) = ticks(start, 20, 80);
        assert_eq!(unit, Unit::Days(5));
        let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2014-02-21",
                "2014-02-26",
                "2014-03-01",
                "2014-03-06",
                "2014-03-11"
            ]
        );
        let (unit, daily) = super::ticks(start, 20, 300);
        assert_eq!(unit, Unit::Days(1));
        assert_eq!(daily.len(), 20);
    }
}
