//! Resolving a recognised expression against a reference day to an EDTF
//! string, at the precision the words support and never finer.
//!
//! Relative words resolve against the publication day; words that point
//! back ("two days later", "that year") resolve against the previous date
//! in the text only when the caller found exactly one such date.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::finder::{Dir, Expr, Qual, Unit};
use crate::date::{Edge, EventDate};

/// What the resolver knows about where an expression stands.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The publication day (one end of the publication date).
    pub today: NaiveDate,
    /// The sentence speaks of the future (bare weekdays and months point forward).
    pub future: bool,
    /// The one date the text mentioned just before, when it is unambiguous.
    pub anchor: Option<&'a EventDate>,
}

/// Why an expression has no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// It points back, and no single earlier date is clear enough.
    NoAnchor,
    /// It points to an event ("two days after the summit"), not to a date.
    RefersToEvent,
    /// The calendar has no such day, or it falls outside years 1–9999.
    Impossible,
}

impl Unresolved {
    /// The reason in words.
    pub fn words(self) -> &'static str {
        match self {
            Unresolved::NoAnchor => "refers back, but no single earlier date in the text is clear",
            Unresolved::RefersToEvent => "counts from an event, not a date",
            Unresolved::Impossible => "no such calendar day",
        }
    }
}

type R = Result<String, Unresolved>;

fn fy(y: i32) -> String {
    format!("{y:04}")
}

fn fm(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn fd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn span(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        fd(a)
    } else {
        format!("{}/{}", fd(a), fd(b))
    }
}

fn ymd(y: i32, m: u8, d: u8) -> Result<NaiveDate, Unresolved> {
    NaiveDate::from_ymd_opt(y, m.into(), d.into())
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or(Unresolved::Impossible)
}

fn month_end(y: i32, m: u32) -> Result<NaiveDate, Unresolved> {
    let first = NaiveDate::from_ymd_opt(y, m, 1).ok_or(Unresolved::Impossible)?;
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or(Unresolved::Impossible)
}

fn shift(d: NaiveDate, n: i64, u: Unit) -> Result<NaiveDate, Unresolved> {
    let months = |k: i64| -> Option<NaiveDate> {
        let m = Months::new(u32::try_from(k.unsigned_abs()).ok()?);
        if k >= 0 {
            d.checked_add_months(m)
        } else {
            d.checked_sub_months(m)
        }
    };
    let days = |k: i64| -> Option<NaiveDate> {
        let n = Days::new(k.unsigned_abs());
        if k >= 0 {
            d.checked_add_days(n)
        } else {
            d.checked_sub_days(n)
        }
    };
    match u {
        Unit::Day => days(n),
        Unit::Week => days(n.saturating_mul(7)),
        Unit::Month => months(n),
        Unit::Year => months(n.saturating_mul(12)),
        Unit::Decade => months(n.saturating_mul(120)),
    }
    .filter(|d| (1..=9999).contains(&d.year()))
    .ok_or(Unresolved::Impossible)
}

/// `d` written at the precision of `u` (weeks as their Monday–Sunday span).
fn at_unit(d: NaiveDate, u: Unit) -> R {
    Ok(match u {
        Unit::Day => fd(d),
        Unit::Week => {
            let mon = shift(d, -i64::from(d.weekday().num_days_from_monday()), Unit::Day)?;
            span(mon, shift(mon, 6, Unit::Day)?)
        }
        Unit::Month => fm(d.year(), d.month()),
        Unit::Year => fy(d.year()),
        Unit::Decade => format!("{:03}X", d.year() / 10),
    })
}

/// Resolves `e` in `ctx` to an EDTF string.
pub fn resolve(e: &Expr, ctx: &Ctx<'_>) -> R {
    let today = ctx.today;
    let y = today.year();
    match e {
        Expr::Days {
            year,
            month,
            first,
            last,
        } => days_of_month(ctx, *year, *month, *first, *last),
        Expr::Month {
            year,
            month,
            rel_year,
        } => named_month(ctx, *year, *month, *rel_year),
        Expr::Year(y) => Ok(fy(*y)),
        Expr::Decades(ds) => Ok(decades(ds, y)),
        Expr::Weekday(wd, dir) => weekday(today, u32::from(*wd), *dir, ctx.future),
        Expr::Rel(u, off) => at_unit(shift(today, i64::from(*off), *u)?, *u),
        Expr::PartOf(u, later) => {
            let (start, end) = unit_bounds(today, *u)?;
            Ok(if *later {
                span(today, end)
            } else {
                span(start, today)
            })
        }
        Expr::Ago(q, n, u) => ago(today, *q, i64::from(*n), *u),
        Expr::Since(inner) => since(inner, ctx),
        Expr::For(n, u, inner) => lasting(*n, *u, inner, ctx),
        Expr::EndOf(u, inner) => end_of(*u, inner.as_deref(), ctx),
        Expr::Run(n) => Ok(if *n <= 1 {
            fy(y)
        } else {
            format!("{}/{}", fy(y - *n as i32 + 1), fy(y))
        }),
        Expr::Later(n, u) | Expr::Following(n, u) => {
            let a = anchor_in(ctx, *u)?;
            at_unit(shift(a, i64::from(*n), *u)?, *u)
        }
        Expr::That(u) => at_unit(anchor_in(ctx, *u)?, *u),
        Expr::SinceThen => {
            let a = ctx.anchor.ok_or(Unresolved::NoAnchor)?;
            let start = a.edtf().split('/').next().unwrap_or(a.edtf()).to_string();
            Ok(format!("{start}/{}", fd(today)))
        }
        Expr::AfterEvent => Err(Unresolved::RefersToEvent),
        Expr::In(n, u) => in_future(today, *n, *u),
    }
}

/// "12 July", "3-5 March 2014": a day or run of days of one month, the year
/// inferred from the reference day when the text leaves it out.
fn days_of_month(ctx: &Ctx<'_>, year: Option<i32>, month: u8, first: u8, last: u8) -> R {
    let year = match year {
        Some(y) => y,
        None => infer_year(ctx.today, ctx.future, ymd(ctx.today.year(), month, first)),
    };
    Ok(span(ymd(year, month, first)?, ymd(year, month, last)?))
}

/// "in March", "March next year": a month, its year written, relative, or
/// the nearest one before (past) or after (future) the reference day.
fn named_month(ctx: &Ctx<'_>, year: Option<i32>, month: u8, rel_year: Option<i32>) -> R {
    let today = ctx.today;
    let y = today.year();
    let m = u32::from(month);
    let year = match (year, rel_year) {
        (Some(y), _) => y,
        (None, Some(r)) => y + r,
        (None, None) if ctx.future && m < today.month() => y + 1,
        (None, None) if !ctx.future && m > today.month() => y - 1,
        (None, None) => y,
    };
    Ok(fm(year, m))
}

/// "since 2002": from the start of the inner date to the reference day.
fn since(inner: &Expr, ctx: &Ctx<'_>) -> R {
    let s = resolve(inner, ctx)?;
    // A decade's start (`199X`) is its first year as an interval end.
    let start = s.split('/').next().unwrap_or(&s).replace('X', "0");
    Ok(format!("{start}/{}", fd(ctx.today)))
}

/// "for three days from 12 July": `n` units starting on an exact day.
fn lasting(n: u32, u: Unit, inner: &Expr, ctx: &Ctx<'_>) -> R {
    let s = resolve(inner, ctx)?;
    let start = NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| Unresolved::Impossible)?;
    Ok(span(start, shift(start, i64::from(n) - 1, u)?))
}

/// "the end of the month", "the end of 2023": the last stretch of a month
/// or year, no finer than the words allow.
fn end_of(u: Unit, inner: Option<&Expr>, ctx: &Ctx<'_>) -> R {
    let base = match inner {
        None => ctx.today,
        Some(x) => {
            let s = resolve(x, ctx)?;
            NaiveDate::parse_from_str(&format!("{s}-01-01")[..10], "%Y-%m-%d")
                .map_err(|_| Unresolved::Impossible)?
        }
    };
    match u {
        // The last third of the month: "the end of" is no finer than that.
        Unit::Month => Ok(span(
            ymd(base.year(), base.month() as u8, 21)?,
            month_end(base.year(), base.month())?,
        )),
        _ => Ok(fm(base.year(), 12)),
    }
}

/// "in two weeks": `n` units after the reference day.
fn in_future(today: NaiveDate, n: u32, u: Unit) -> R {
    let t = shift(today, i64::from(n), u)?;
    match u {
        // "in two weeks" is no more exact than the week around that day.
        Unit::Week => Ok(span(shift(t, -3, Unit::Day)?, shift(t, 3, Unit::Day)?)),
        _ => at_unit(t, u),
    }
}

/// A month-day without a year: the nearest one before (past) or after (future) the reference day.
fn infer_year(today: NaiveDate, future: bool, this_year: Result<NaiveDate, Unresolved>) -> i32 {
    let y = today.year();
    match this_year {
        Ok(d) if future && d < today => y + 1,
        Ok(d) if !future && d > today => y - 1,
        _ => y,
    }
}

fn decades(ds: &[(u32, bool)], this_year: i32) -> String {
    let mut century = None;
    let mut starts = Vec::with_capacity(ds.len());
    for &(s, has_century) in ds {
        let full = if has_century {
            s as i32
        } else {
            let c = century.unwrap_or(if 2000 + s as i32 <= this_year {
                2000
            } else {
                1900
            });
            c + s as i32
        };
        century = Some(full / 100 * 100);
        starts.push(full);
    }
    let (lo, hi) = (starts.iter().min(), starts.iter().max());
    match (lo, hi) {
        (Some(a), Some(b)) if a == b => format!("{:03}X", a / 10),
        (Some(a), Some(b)) => format!("{}/{}", fy(*a), fy(b + 9)),
        _ => String::new(),
    }
}

fn weekday(today: NaiveDate, wd: u32, dir: Dir, future: bool) -> R {
    let now = today.weekday().num_days_from_monday();
    let back = i64::from((now + 7 - wd) % 7);
    let fwd = i64::from((wd + 7 - now) % 7);
    let off = match dir {
        Dir::Bare if future => fwd,
        Dir::Bare => -back,
        Dir::Last => -(if back == 0 { 7 } else { back }),
        Dir::Next => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Dir::This => i64::from(wd) - i64::from(now),
    };
    Ok(fd(shift(today, off, Unit::Day)?))
}

fn unit_bounds(d: NaiveDate, u: Unit) -> Result<(NaiveDate, NaiveDate), Unresolved> {
    match u {
        Unit::Week => {
            let mon = shift(d, -i64::from(d.weekday().num_days_from_monday()), Unit::Day)?;
            Ok((mon, shift(mon, 6, Unit::Day)?))
        }
        Unit::Month => Ok((
            ymd(d.year(), d.month() as u8, 1)?,
            month_end(d.year(), d.month())?,
        )),
        _ => Ok((ymd(d.year(), 1, 1)?, ymd(d.year(), 12, 31)?)),
    }
}

fn ago(today: NaiveDate, q: Qual, n: i64, u: Unit) -> R {
    let t = shift(today, -n, u)?;
    let around = |k: i64, unit: Unit| -> R {
        let (a, b) = (shift(t, -k, unit)?, shift(t, k, unit)?);
        Ok(match unit {
            Unit::Day | Unit::Week => span(a, b),
            Unit::Month => format!("{}/{}", fm(a.year(), a.month()), fm(b.year(), b.month())),
            _ => format!("{}/{}", fy(a.year()), fy(b.year())),
        })
    };
    match (q, u) {
        (Qual::Less, _) => Ok(span(t, today)),
        (Qual::More, _) => Ok(format!("../{}", fd(t))),
        (Qual::Exact, Unit::Week) => around(3, Unit::Day),
        (Qual::Exact, Unit::Decade) => around(5, Unit::Year),
        (Qual::Exact, _) => at_unit(t, u),
        (Qual::About, Unit::Day) => around(1, Unit::Day),
        (Qual::About, Unit::Week) => around(3, Unit::Day),
        (Qual::About, Unit::Month) => around(1, Unit::Month),
        (Qual::About, Unit::Year) => around(1, Unit::Year),
        (Qual::About, Unit::Decade) => around(5, Unit::Year),
    }
}

/// The anchor's day, when the anchor lies within one `u` (one day for days,
/// one month for months…), so counting from it is exact at that unit.
fn anchor_in(ctx: &Ctx<'_>, u: Unit) -> Result<NaiveDate, Unresolved> {
    let a = ctx.anchor.ok_or(Unresolved::NoAnchor)?;
    let (Edge::Day(lo), Edge::Day(hi)) = (a.earliest(), a.latest()) else {
        return Err(Unresolved::NoAnchor);
    };
    let (lo, hi) = (
        lo.to_naive().ok_or(Unresolved::Impossible)?,
        hi.to_naive().ok_or(Unresolved::Impossible)?,
    );
    let same = match u {
        Unit::Day | Unit::Week => lo == hi,
        Unit::Month => (lo.year(), lo.month()) == (hi.year(), hi.month()),
        Unit::Year => lo.year() == hi.year(),
        Unit::Decade => lo.year() / 10 == hi.year() / 10,
    };
    if same {
        Ok(lo)
    } else {
        Err(Unresolved::NoAnchor)
    }
}

#[cfg(test)]
mod tests;
