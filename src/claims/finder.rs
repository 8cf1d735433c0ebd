//! Finding temporal expressions in tokens: patterns only, no calendar.
//!
//! Each pattern is tried at each token, longest forms first, and a match
//! consumes its tokens, so the work is linear in the text (every pattern
//! looks at most a fixed number of tokens ahead or behind).

use std::ops::Range;

pub use super::expr::{Dir, Expr, Qual, Unit};
use super::lexicon::{Tok, Token, ordinal_of, weekday_of};

/// An expression and the tokens it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Token range.
    pub toks: Range<usize>,
    /// What it says.
    pub expr: Expr,
}

mod cursor;

use cursor::Cursor;

/// Finds every temporal expression in `toks`.
pub fn find(toks: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    // One sentence at a time: no expression runs across a sentence end.
    let mut from = 0;
    while from < toks.len() {
        let s = toks[from].sentence;
        let to = from + toks[from..].iter().take_while(|t| t.sentence == s).count();
        find_in(&toks[from..to], from, &mut out);
        from = to;
    }
    out
}

/// The expressions of one sentence's tokens (`offset`: index of its first token).
fn find_in(toks: &[Token], offset: usize, out: &mut Vec<Mention>) {
    let c = Cursor { t: toks };
    let mut i = 0;
    while i < toks.len() {
        match at(&c, i) {
            Some((end, expr)) => {
                let start = widen_back(&c, i, &expr);
                out.push(Mention {
                    toks: offset + start..offset + end,
                    expr,
                });
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// "end of the month" is written "at the end of the month": include the lead words.
fn widen_back(c: &Cursor<'_>, i: usize, expr: &Expr) -> usize {
    if matches!(expr, Expr::EndOf(..)) && i >= 1 && c.is(i - 1, &["the"]) {
        return if i >= 2 && c.is(i - 2, &["at", "by", "until"]) {
            i - 2
        } else {
            i - 1
        };
    }
    i
}

/// The expression starting at token `i`, and the index after it.
fn at(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    let w = c.word(i);
    match w {
        Some("for") => return for_phrase(c, i),
        Some("since") => return since_phrase(c, i),
        Some("less" | "more" | "fewer") if c.is(i + 1, &["than"]) => {
            let q = if w == Some("less") || w == Some("fewer") {
                Qual::Less
            } else {
                Qual::More
            };
            return ago(c, i + 2, q);
        }
        Some("over") => return ago(c, i + 1, Qual::More),
        Some("about" | "nearly" | "almost" | "around" | "some" | "roughly" | "approximately") => {
            return ago(c, i + 1, Qual::About);
        }
        Some("earlier" | "later" | "early" | "late") if c.is(i + 1, &["this"]) => {
            let later = matches!(w, Some("later" | "late"));
            let u = c
                .unit(i + 2)
                .filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year))?;
            return Some((i + 3, Expr::PartOf(u, later)));
        }
        Some("today") => return Some((i + 1, Expr::Rel(Unit::Day, 0))),
        Some("yesterday") => return Some((i + 1, Expr::Rel(Unit::Day, -1))),
        Some("tomorrow") => return Some((i + 1, Expr::Rel(Unit::Day, 1))),
        Some("the" | "that") => {
            if let Some(r) = following(c, i) {
                return Some(r);
            }
        }
        Some("end") if c.is(i + 1, &["of"]) => return end_of(c, i),
        Some("in" | "within") => {
            if let (Some(n), Some(u)) = (c.count(i + 1), c.unit(i + 2))
                && !c.is(i + 3, &["ago", "later", "after", "before", "earlier"])
                && !matches!(
                    c.tok(i + 1).map(|t| &t.tok),
                    Some(Tok::Num { digits: 4, .. })
                )
            {
                return Some((i + 3, Expr::In(n, u)));
            }
        }
        _ => {}
    }
    if let Some(r) = ago(c, i, Qual::Exact).or_else(|| later(c, i)) {
        return Some(r);
    }
    if let Some(r) = weekday(c, i) {
        return Some(r);
    }
    if let Some(Unit::Week | Unit::Month | Unit::Year) = c.unit(i + 1) {
        let off = match w {
            Some("this") => Some(0),
            Some("last") => Some(-1),
            Some("next") => Some(1),
            _ => None,
        };
        if let Some(off) = off {
            return Some((i + 2, Expr::Rel(c.unit(i + 1)?, off)));
        }
    }
    absolute(c, i)
}

/// Calendar dates, months, years and decades.
fn absolute(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    if let Some((month, j)) = c.month(i, false) {
        return month_first(c, i, month, j);
    }
    if let Some(first) = c.day(i) {
        return day_first(c, i, first);
    }
    if let Some(Tok::Decade { start, century }) = c.tok(i).map(|t| &t.tok) {
        return Some(decades(c, i, (*start, *century)));
    }
    let y = c.year(i)?;
    if (1800..=2099).contains(&y) && !c.punct(i + 1, '%') && !c.punct(i.wrapping_sub(1), '$') {
        return Some((i + 1, Expr::Year(y)));
    }
    None
}

/// A month name first (`j`: the token after it): "July 12, 2023",
/// "March 30 and 31", "December 2012", "in March", "in May last year".
fn month_first(c: &Cursor<'_>, i: usize, month: u8, mut j: usize) -> Option<(usize, Expr)> {
    if let Some(first) = c.day(j) {
        let mut last = first;
        j += 1;
        if (c.is(j, &["and", "to", "through"]) || c.punct(j, '-') || c.punct(j, '\u{2013}'))
            && let Some(d2) = c.day(j + 1)
            && d2 > first
        {
            last = d2;
            j += 2;
        }
        let comma = usize::from(c.punct(j, ','));
        let year = c.year(j + comma);
        if year.is_some() {
            j += comma + 1;
        }
        return Some((
            j,
            Expr::Days {
                year,
                month,
                first,
                last,
            },
        ));
    }
    let of = usize::from(c.is(j, &["of"]) || c.punct(j, ','));
    if let Some(y) = c.year(j + of) {
        return Some((
            j + of + 1,
            Expr::Month {
                year: Some(y),
                month,
                rel_year: None,
            },
        ));
    }
    c.month(i, true)?;
    let rel = match (c.word(j), c.is(j + 1, &["year"])) {
        (Some("last"), true) => Some(-1),
        (Some("this"), true) => Some(0),
        (Some("next"), true) => Some(1),
        _ => None,
    };
    let end = if rel.is_some() { j + 2 } else { j };
    Some((
        end,
        Expr::Month {
            year: None,
            month,
            rel_year: rel,
        },
    ))
}

/// The day first: "10th March", "12 of July 2023".
fn day_first(c: &Cursor<'_>, i: usize, first: u8) -> Option<(usize, Expr)> {
    let of = usize::from(c.is(i + 1, &["of"]));
    let (month, j) = c.month(i + 1 + of, false)?;
    let year = c.year(j);
    let end = if year.is_some() { j + 1 } else { j };
    Some((
        end,
        Expr::Days {
            year,
            month,
            first,
            last: first,
        },
    ))
}

/// "the 1970s", "the 1970s and '80s": decades joined by "and", "or", "to".
fn decades(c: &Cursor<'_>, i: usize, first: (u32, bool)) -> (usize, Expr) {
    let mut ds = vec![first];
    let mut j = i + 1;
    while c.is(j, &["and", "or", "to"])
        && let Some(Tok::Decade { start, century }) = c.tok(j + 1).map(|t| &t.tok)
    {
        ds.push((*start, *century));
        j += 2;
    }
    (j, Expr::Decades(ds))
}

fn weekday(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    let dir = match c.word(i)? {
        "last" => Dir::Last,
        "next" => Dir::Next,
        "this" => Dir::This,
        _ => Dir::Bare,
    };
    let at = if dir == Dir::Bare { i } else { i + 1 };
    let w = c.word(at)?;
    // Only full names: "sat", "sun", "wed" are ordinary words.
    let d = weekday_of(w).filter(|_| w.len() >= 6)?;
    Some((at + 1, Expr::Weekday(d, dir)))
}

/// "[less than] two months ago".
fn ago(c: &Cursor<'_>, i: usize, q: Qual) -> Option<(usize, Expr)> {
    if let Some(u) = c.unit(i)
        && c.is(i + 1, &["ago"])
        && c.word(i).is_some_and(|w| w.ends_with('s'))
    {
        // "decades ago": at least two.
        return Some((i + 2, Expr::Ago(Qual::More, 2, u)));
    }
    let n = c.count(i)?;
    let u = c.unit(i + 1)?;
    c.is(i + 2, &["ago"]).then_some((i + 3, Expr::Ago(q, n, u)))
}

/// "two days later", "a year after"; "two days after the summit" refers to an event.
fn later(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    let n = c.count(i)? as i32;
    let u = c.unit(i + 1)?;
    match c.word(i + 2)? {
        "later" => Some((i + 3, Expr::Later(n, u))),
        "earlier" => Some((i + 3, Expr::Later(-n, u))),
        "after" | "before" if c.word(i + 3).is_some() => Some((i + 3, Expr::AfterEvent)),
        _ => None,
    }
}

/// "the following month", "the next day", "that year", "the same day".
fn following(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    let off = match c.word(i + 1)? {
        "following" | "next" if c.is(i, &["the"]) => Some(1),
        "previous" | "preceding" if c.is(i, &["the"]) => Some(-1),
        "same" if c.is(i, &["the"]) => None,
        _ if c.is(i, &["that"]) => {
            let u = c
                .unit(i + 1)
                .filter(|u| matches!(u, Unit::Day | Unit::Month | Unit::Year))?;
            return c
                .word(i + 1)
                .filter(|w| !w.ends_with('s'))
                .map(|_| (i + 2, Expr::That(u)));
        }
        _ => return None,
    };
    let u = c
        .unit(i + 2)
        .filter(|_| !c.word(i + 2).is_some_and(|w| w.ends_with('s')))?;
    Some(match off {
        Some(o) => (i + 3, Expr::Following(o, u)),
        None => (i + 3, Expr::That(u)),
    })
}

/// "end of the month", "end of March", "end of the year".
fn end_of(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    if c.is(i + 2, &["the", "this"]) {
        let u = c
            .unit(i + 3)
            .filter(|u| matches!(u, Unit::Month | Unit::Year))?;
        return Some((i + 4, Expr::EndOf(u, None)));
    }
    let (end, e) = absolute(c, i + 2)?;
    let u = match e {
        Expr::Month { .. } => Unit::Month,
        Expr::Year(_) => Unit::Year,
        _ => return None,
    };
    Some((end, Expr::EndOf(u, Some(Box::new(e)))))
}

/// "for five days from March 10", "for the fifth straight year".
fn for_phrase(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    if c.is(i + 1, &["the", "a"])
        && let Some(n) = c.word(i + 2).and_then(ordinal_of)
        && c.is(i + 3, &["straight", "consecutive", "successive", "running"])
        && c.is(i + 4, &["year"])
    {
        return Some((i + 5, Expr::Run(n)));
    }
    let n = c.count(i + 1)?;
    let u = c.unit(i + 2).filter(|u| *u == Unit::Day)?;
    if !c.is(i + 3, &["from", "starting", "beginning"]) {
        return None;
    }
    let (end, start) = absolute(c, i + 4)?;
    matches!(start, Expr::Days { .. }).then(|| (end, Expr::For(n, u, Box::new(start))))
}

/// "since 2020", "since the start of 2022", "since then".
fn since_phrase(c: &Cursor<'_>, i: usize) -> Option<(usize, Expr)> {
    if c.is(i + 1, &["then"]) {
        return Some((i + 2, Expr::SinceThen));
    }
    let mut j = i + 1;
    if c.is(j, &["the"]) && c.is(j + 1, &["start", "beginning"]) && c.is(j + 2, &["of"]) {
        j += 3;
    } else if c.is(j, &["early"])
        || (c.is(j, &["the"]) && matches!(c.tok(j + 1).map(|t| &t.tok), Some(Tok::Decade { .. })))
    {
        j += 1;
    }
    let (end, e) = absolute(c, j)?;
    Some((end, Expr::Since(Box::new(e))))
}
