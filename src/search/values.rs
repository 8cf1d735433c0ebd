//! Values of the field filters and time operators: years, anchors, the
//! `within:` rule, and the examples shown in errors.

use std::ops::Range;

use super::query::{Anchor, QueryError, Term, TermKind};
use crate::date::{Day, Edge, EventDate};

/// `within:` only narrows a `before:` or `after:`, once per query.
pub(super) fn check_within(terms: &[Term]) -> Result<(), QueryError> {
    let windows: Vec<&Term> = terms
        .iter()
        .filter(|t| matches!(t.kind, TermKind::Within(_)))
        .collect();
    let Some(first) = windows.first() else {
        return Ok(());
    };
    let err = |message: &str, span: &Range<usize>| {
        Err(QueryError {
            message: message.into(),
            span: span.clone(),
        })
    };
    if let Some(second) = windows.get(1) {
        return err("give one `within:` per query", &second.span);
    }
    if first.negated {
        return err(
            "`-within:` cannot be negated; write `within:2y` next to `before:` or `after:`",
            &first.span,
        );
    }
    let anchored = terms
        .iter()
        .any(|t| !t.negated && matches!(t.kind, TermKind::Before(_) | TermKind::After(_)));
    if !anchored {
        return err(
            "`within:` needs a `before:` or `after:` to measure from, e.g. `after:pyongyang-declaration within:2y`",
            &first.span,
        );
    }
    Ok(())
}

pub(super) fn parse_anchor(value: &str) -> Result<Anchor, String> {
    if let Ok(d) = EventDate::parse(value) {
        return Ok(Anchor::Date(d));
    }
    let id_like = value
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if id_like && value.chars().any(char::is_alphabetic) {
        Ok(Anchor::Id(value.to_string()))
    } else {
        Err(format!(
            "`{value}` is neither an EDTF date (`2014`, `2014-03-22`) nor an event or era id"
        ))
    }
}

pub(super) fn example(name: &str) -> &'static str {
    match name {
        "year" => "`year:2002` or `year:2002..2004`",
        "date" => "`date:2014-03` (any EDTF date)",
        "has" => "`has:discrepancy`",
        "tag" => "`tag:abduction`",
        "actor" => "`actor:koizumi`",
        "place" => "`place:beijing`",
        "source" => "`source:kyodo`",
        "lane" => "`lane:diplomacy`",
        "before" | "after" => "`before:2014-03` or `after:pyongyang-declaration`",
        "during" => "`during:koizumi` (an era or event id) or `during:2014`",
        "overlaps" => "`overlaps:2012/2014-03` (any EDTF date or interval)",
        "within" => "`within:2y` next to `after:` or `before:`",
        _ => "a word",
    }
}

pub(super) fn parse_years(value: &str, span: Range<usize>) -> Result<TermKind, QueryError> {
    let bad = |what: &str| QueryError {
        message: format!(
            "`year:{value}`: {what}; write `year:2002`, `year:2002..2004`, `year:..1990` or `year:2010..`"
        ),
        span: span.clone(),
    };
    let year = |s: &str| -> Result<Option<i64>, QueryError> {
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<i64>() {
            Ok(y) if (-9999..=9999).contains(&y) => Ok(Some(y)),
            _ => Err(bad(&format!("`{s}` is not a year between -9999 and 9999"))),
        }
    };
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (year(a)?, year(b)?),
        None => {
            let y = year(value)?;
            (y, y)
        }
    };
    if from.is_none() && to.is_none() {
        return Err(bad("give at least one year"));
    }
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(bad("the span starts after it ends"));
    }
    Ok(TermKind::Year { from, to })
}

/// The calendar span of a `year:` filter as edges.
pub fn year_edges(from: Option<i64>, to: Option<i64>) -> (Edge, Edge) {
    (
        from.map_or(Edge::Before, |y| Edge::Day(Day::new(y, 1, 1))),
        to.map_or(Edge::After, |y| Edge::Day(Day::new(y, 12, 31))),
    )
}
