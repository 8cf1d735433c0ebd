//! Dated claims in running text: every temporal expression of an article,
//! resolved against its publication date at the precision the words
//! support, then matched to the store's events ([`matching`]).
//!
//! The shape is the usual one of temporal taggers (HeidelTime, SUTime): a
//! tokenizer ([`lexicon`]), patterns that recognise expressions without
//! knowing the calendar ([`finder`]), and a resolver that turns each into an
//! EDTF date ([`resolve`]). Every stage is one pass over the text, so the
//! whole is linear in its length.

pub mod article;
mod cited;
pub mod expr;
pub mod finder;
pub mod lexicon;
pub mod matching;
pub mod resolve;
pub mod work;

use std::ops::Range;

use chrono::NaiveDate;

use crate::date::{Edge, EventDate};
use finder::{Expr, Mention};
use lexicon::Token;
use resolve::{Ctx, Unresolved};

/// One temporal expression of the text and its date.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The expression as written.
    pub text: String,
    /// Its byte range in the text.
    pub range: Range<usize>,
    /// 1-based line.
    pub line: u64,
    /// 1-based column, in characters.
    pub column: u64,
    /// Byte range of its sentence.
    pub sentence: Range<usize>,
    /// What kind of expression it is (`date`, `weekday`, `relative`, …).
    pub kind: &'static str,
    /// The resolved date, or why there is none.
    pub date: Result<EventDate, Unresolved>,
}

/// Why a text cannot be read for claims.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    /// The publication date has an open end or spans more than a year.
    #[error(
        "publication date `{0}` is too vague to resolve relative dates; give the day (e.g. --published 2014-03-22), or an interval of at most a year"
    )]
    VaguePublication(String),
}

/// The publication date's first and last possible day.
fn publication_days(published: &EventDate) -> Result<(NaiveDate, NaiveDate), ClaimsError> {
    let vague = || ClaimsError::VaguePublication(published.edtf().to_string());
    let (Edge::Day(a), Edge::Day(b)) = (published.earliest(), published.latest()) else {
        return Err(vague());
    };
    let (a, b) = (
        a.to_naive().ok_or_else(vague)?,
        b.to_naive().ok_or_else(vague)?,
    );
    if (b - a).num_days() > 366 {
        return Err(vague());
    }
    Ok((a, b))
}

/// Every temporal expression in `text`, resolved against `published`.
pub fn find_claims(text: &str, published: &EventDate) -> Result<Vec<Claim>, ClaimsError> {
    let (first, last) = publication_days(published)?;
    let toks = lexicon::tokenize(text);
    work::step(toks.len() as u64);
    let mentions = finder::find(&toks);
    let sentences = sentence_ranges(&toks);
    let mut lines = LineCounter::default();
    let mut recent: Vec<(usize, EventDate)> = Vec::new();
    let mut out = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let s = toks[m.toks.start].sentence;
        let range = toks[m.toks.start].span.start..toks[m.toks.end - 1].span.end;
        // Only the dates of this sentence and the one before can be pointed back to.
        work::step(1 + recent.len() as u64);
        recent.retain(|(si, _)| *si + 1 >= s);
        let anchor = single_anchor(&recent);
        let future = speaks_of_future(&toks, m);
        let at = |today| {
            resolve::resolve(
                &m.expr,
                &Ctx {
                    today,
                    future,
                    anchor,
                },
            )
        };
        let date = at(first).and_then(|a| {
            let edtf = if first == last {
                a
            } else {
                union(&a, &at(last)?)
            };
            EventDate::parse(&edtf).map_err(|_| Unresolved::Impossible)
        });
        if let Ok(d) = &date
            && can_anchor(&m.expr)
        {
            remember(&mut recent, s, d);
        }
        let (line, column) = lines.advance(text, range.start);
        out.push(Claim {
            text: text[range.clone()].to_string(),
            range,
            line,
            column,
            sentence: sentences[s].clone(),
            kind: m.expr.kind(),
            date,
        });
    }
    Ok(out)
}

/// Dates a later "that year" or "two days later" may point back to: the ones
/// the text states, not estimates.
fn can_anchor(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Days { .. } | Expr::Month { .. } | Expr::Year(_) | Expr::Weekday(..)
    )
}

/// Keeps the two most recent distinct dates (with the sentence each was
/// last seen in): two are enough to know pointing back is ambiguous, and
/// the list stays small whatever the text.
fn remember(recent: &mut Vec<(usize, EventDate)>, sentence: usize, d: &EventDate) {
    recent.retain(|(_, x)| x.edtf() != d.edtf());
    recent.push((sentence, d.clone()));
    if recent.len() > 2 {
        recent.remove(0);
    }
}

/// The anchor, when the recent dates all agree (else pointing back is ambiguous).
fn single_anchor(recent: &[(usize, EventDate)]) -> Option<&EventDate> {
    let (_, first) = recent.first()?;
    recent
        .iter()
        .all(|(_, d)| d.edtf() == first.edtf())
        .then_some(first)
}

/// The union of two resolutions (one per end of the publication date).
fn union(a: &str, b: &str) -> String {
    if a == b {
        return a.to_string();
    }
    let start = a.split('/').next().unwrap_or(a);
    let end = b.rsplit('/').next().unwrap_or(b);
    if start == end {
        start.to_string()
    } else {
        format!("{start}/{end}")
    }
}

/// Tense of the words nearest the expression in its sentence: a future cue
/// ("will", "scheduled", "upcoming") or a past one ("said", "-ed") decides;
/// with neither, the past (news reports what happened).
fn speaks_of_future(toks: &[Token], m: &Mention) -> bool {
    const WINDOW: usize = 10;
    let s = toks[m.toks.start].sentence;
    let cue = |t: &Token| -> Option<bool> {
        if t.sentence != s {
            return None;
        }
        let w = t.word()?;
        if matches!(
            w,
            "will"
                | "shall"
                | "ll"
                | "scheduled"
                | "upcoming"
                | "planned"
                | "plans"
                | "slated"
                | "tomorrow"
                | "expected"
                | "due"
        ) {
            return Some(true);
        }
        let past = matches!(
            w,
            "said"
                | "was"
                | "were"
                | "had"
                | "did"
                | "made"
                | "met"
                | "took"
                | "held"
                | "went"
                | "came"
                | "gave"
                | "told"
                | "began"
                | "left"
                | "won"
                | "lost"
                | "saw"
                | "became"
                | "ago"
        ) || (w.len() > 4 && w.ends_with("ed"));
        past.then_some(false)
    };
    let before = toks[m.toks.start.saturating_sub(WINDOW)..m.toks.start]
        .iter()
        .rev();
    let after = toks[m.toks.end..(m.toks.end + WINDOW).min(toks.len())].iter();
    let mut b = before.map(cue);
    let mut a = after.map(cue);
    for _ in 0..WINDOW {
        if let Some(Some(f)) = b.next() {
            return f;
        }
        if let Some(Some(f)) = a.next() {
            return f;
        }
    }
    false
}

/// Byte ranges of the sentences of `toks` (first to last token of each).
pub fn sentence_ranges(toks: &[Token]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for t in toks {
        if t.sentence == out.len() {
            out.push(t.span.clone());
        } else if let Some(r) = out.last_mut() {
            r.end = t.span.end;
        }
    }
    out
}

/// Line and column of increasing offsets, in one pass over the text.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u64,
    col: u64,
}

impl LineCounter {
    fn advance(&mut self, text: &str, to: usize) -> (u64, u64) {
        for c in text[self.offset..to].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 0;
            } else {
                self.col += 1;
            }
        }
        self.offset = to;
        (self.line + 1, self.col + 1)
    }
}
