//! The search grammar: free terms, quoted phrases, field filters and negation.
//!
//! ```text
//! koizumi pyongyang          every term required (smart case: an upper-case letter makes a term case-sensitive)
//! "family members"           a phrase: the words in this order
//! tag:abduction actor:kim    field filters (substring of the id, name or any alias, ignoring case)
//! place:beijing source:kyodo lane:diplomacy
//! year:2002  year:2002..2004  year:..1990  year:2010..
//! date:2014-03               any EDTF date or interval: events whose span overlaps it
//! has:discrepancy has:excerpt has:note has:context has:scheduled   (any unique prefix: has:disc)
//! before:2014-03  after:pyongyang-declaration within:2y   (a date period, or an event or era id)
//! during:koizumi  during:2014   overlaps:2012/2014-03     (see `time.rs` for "possibly")
//! -term  -tag:x  -"a phrase" negation: events that do NOT match
//! ```
//!
//! A bad query is a value, [`QueryError`], with the byte span to underline.

use std::ops::Range;

use super::time::Window;
pub use super::values::year_edges;
use super::values::{check_within, example, parse_anchor, parse_years};
use crate::date::{Edge, EventDate};

/// Longest query accepted, in bytes; longer input is cut at a char boundary.
pub const MAX_QUERY_BYTES: usize = 4096;

/// A query that cannot be run, with the part of the input to underline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at {}..{})", span.start, span.end)]
pub struct QueryError {
    /// What is wrong and what to type instead.
    pub message: String,
    /// Byte range of the offending part in the query text.
    pub span: Range<usize>,
}

/// Which events a `has:` filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    /// At least one discrepancy with the record.
    Discrepancy,
    /// At least one verbatim excerpt.
    Excerpt,
    /// A researcher's note.
    Note,
    /// A context event (not in the sources).
    Context,
    /// Announced ahead of time.
    Scheduled,
}

const HAS_WORDS: [(&str, Has); 5] = [
    ("discrepancy", Has::Discrepancy),
    ("excerpt", Has::Excerpt),
    ("note", Has::Note),
    ("context", Has::Context),
    ("scheduled", Has::Scheduled),
];

/// What one term asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// A free term or a quoted phrase, matched anywhere a researcher would look.
    Text {
        /// The text as typed (without quotes).
        text: String,
        /// True for a quoted phrase (matched as consecutive words).
        phrase: bool,
    },
    /// `tag:`
    Tag(String),
    /// `actor:`
    Actor(String),
    /// `place:`
    Place(String),
    /// `source:` (id, title or publisher of a cited source)
    Source(String),
    /// `lane:`
    Lane(String),
    /// `year:` as an inclusive span of years (either end may be open).
    Year {
        /// First year, if bounded.
        from: Option<i64>,
        /// Last year, if bounded.
        to: Option<i64>,
    },
    /// `date:` as an EDTF span.
    Date {
        /// Earliest day of the span.
        from: Edge,
        /// Latest day of the span.
        to: Edge,
    },
    /// `has:`
    Has(Has),
    /// `before:` a date period, or an event or era id.
    Before(Anchor),
    /// `after:` a date period, or an event or era id.
    After(Anchor),
    /// `during:` an era or event id, or a date period.
    During(Anchor),
    /// `overlaps:` an EDTF date or interval.
    Overlaps(EventDate),
    /// `within:` how far from the `before:`/`after:` anchor.
    Within(Window),
}

/// What a time operator is measured from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// A date typed in the query, taken as the whole period it names.
    Date(EventDate),
    /// The id of an event or an era (checked against the store by
    /// [`crate::search::Engine::parse`]).
    Id(String),
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `-` in front: keep events that do not match.
    pub negated: bool,
    /// What it asks for.
    pub kind: TermKind,
    /// Byte range in the query text.
    pub span: Range<usize>,
}

impl Term {
    /// True when a free term should match case-sensitively (it has an upper-case letter).
    pub fn case_sensitive(&self) -> bool {
        match &self.kind {
            TermKind::Text { text, .. } => text.chars().any(char::is_uppercase),
            _ => false,
        }
    }

    /// True when every event matching `self` also matches `older` (so the
    /// older term's hits can be narrowed instead of searching everything).
    fn implies(&self, older: &Term) -> bool {
        if self.negated == older.negated && self.kind == older.kind {
            return true;
        }
        if self.negated || older.negated {
            return false;
        }
        use TermKind::*;
        match (&self.kind, &older.kind) {
            (
                Text {
                    text: a,
                    phrase: false,
                },
                Text {
                    text: b,
                    phrase: false,
                },
            ) => {
                a.starts_with(b.as_str())
                    && super::matching::liberties(a) == super::matching::liberties(b)
                    && (super::time::date_term(a).is_none() || super::time::date_term(b).is_some())
            }
            (Tag(a), Tag(b))
            | (Actor(a), Actor(b))
            | (Place(a), Place(b))
            | (Source(a), Source(b))
            | (Lane(a), Lane(b)) => a.contains(b.as_str()),
            _ => false,
        }
    }
}

/// A parsed query: terms that must all hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The text as typed (capped at [`MAX_QUERY_BYTES`]).
    pub raw: String,
    /// The terms, in the order typed.
    pub terms: Vec<Term>,
}

impl Query {
    /// Parses a query; see the module documentation for the grammar.
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let raw = cap(input).to_string();
        let mut terms = Vec::new();
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let c = raw[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let negated = bytes[i] == b'-';
            if negated {
                i += 1;
            }
            let (token, end) = read_token(&raw, i)?;
            i = end;
            if token.text.is_empty() && !token.quoted && token.field.is_none() {
                // A lone `-` while the user is still typing: nothing to match yet.
                continue;
            }
            let kind = parse_kind(&token, i)?;
            terms.push(Term {
                negated,
                kind,
                span: start..end,
            });
        }
        check_within(&terms)?;
        Ok(Query { raw, terms })
    }

    /// True when the query has no terms (every event matches).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when every hit of `self` is also a hit of `older`: the query was
    /// extended (a term grew, or terms were added), so `older`'s hits can be
    /// searched instead of the whole store.
    pub fn narrows(&self, older: &Query) -> bool {
        older
            .terms
            .iter()
            .all(|o| self.terms.iter().any(|t| t.implies(o)))
    }

    /// The positive free terms and phrases (what highlighting shows).
    pub fn text_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms
            .iter()
            .filter(|t| !t.negated && matches!(t.kind, TermKind::Text { .. }))
    }
}

fn cap(s: &str) -> &str {
    if s.len() <= MAX_QUERY_BYTES {
        return s;
    }
    let mut end = MAX_QUERY_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

struct Token {
    /// The field name before `:`, with its span.
    field: Option<(String, Range<usize>)>,
    text: String,
    text_span: Range<usize>,
    quoted: bool,
}

/// Reads one token from `at`: `word`, `"a phrase"`, `field:value` or `field:"a value"`.
fn read_token(raw: &str, at: usize) -> Result<(Token, usize), QueryError> {
    let rest = &raw[at..];
    let mut field = None;
    let mut value_at = at;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphabetic()))
        .unwrap_or(rest.len());
    if name_len > 0 && rest[name_len..].starts_with(':') {
        field = Some((rest[..name_len].to_ascii_lowercase(), at..at + name_len));
        value_at = at + name_len + 1;
    }
    let value = &raw[value_at..];
    if let Some(inner) = value.strip_prefix('"') {
        let Some(close) = inner.find('"') else {
            return Err(QueryError {
                message: "unclosed quote: add a closing `\"`".into(),
                span: value_at..raw.len(),
            });
        };
        let end = value_at + 1 + close + 1;
        let token = Token {
            field,
            text: inner[..close].to_string(),
            text_span: value_at + 1..value_at + 1 + close,
            quoted: true,
        };
        return Ok((token, end));
    }
    let len = value.find(char::is_whitespace).unwrap_or(value.len());
    let token = Token {
        field,
        text: value[..len].to_string(),
        text_span: value_at..value_at + len,
        quoted: false,
    };
    Ok((token, value_at + len))
}

const FIELDS: &str =
    "tag, actor, place, source, lane, year, date, has, before, after, during, overlaps, within";

fn parse_kind(token: &Token, end: usize) -> Result<TermKind, QueryError> {
    let err = |message: String, span: Range<usize>| Err(QueryError { message, span });
    let Some((name, name_span)) = &token.field else {
        return Ok(TermKind::Text {
            text: token.text.clone(),
            phrase: token.quoted,
        });
    };
    let value = token.text.trim();
    if value.is_empty() {
        return err(
            format!("`{name}:` needs a value, e.g. {}", example(name)),
            name_span.start..end,
        );
    }
    let vspan = token.text_span.clone();
    let lower = value.to_lowercase();
    Ok(match name.as_str() {
        "tag" => TermKind::Tag(lower),
        "actor" => TermKind::Actor(lower),
        "place" => TermKind::Place(lower),
        "source" => TermKind::Source(lower),
        "lane" => TermKind::Lane(lower),
        "year" => parse_years(value, vspan)?,
        "date" => match EventDate::parse(value) {
            Ok(d) => TermKind::Date {
                from: d.earliest(),
                to: d.latest(),
            },
            Err(e) => return err(format!("date: {e}"), vspan),
        },
        "before" | "after" | "during" => match parse_anchor(value) {
            Ok(a) if name == "before" => TermKind::Before(a),
            Ok(a) if name == "after" => TermKind::After(a),
            Ok(a) => TermKind::During(a),
            Err(m) => return err(format!("{name}: {m}"), vspan),
        },
        "overlaps" => match EventDate::parse(value) {
            Ok(d) => TermKind::Overlaps(d),
            Err(e) => return err(format!("overlaps: {e}"), vspan),
        },
        "within" => match Window::parse(value) {
            Some(w) => TermKind::Within(w),
            None => {
                return err(
                    format!(
                        "`within:{value}` is not a duration; write `2y`, `6m`, `3w`, `10d` or `1y6m`"
                    ),
                    vspan,
                );
            }
        },
        "has" => {
            let found: Vec<Has> = HAS_WORDS
                .iter()
                .filter(|(w, _)| w.starts_with(lower.as_str()))
                .map(|(_, h)| *h)
                .collect();
            match found.as_slice() {
                [one] => TermKind::Has(*one),
                _ => {
                    return err(
                        format!(
                            "`has:{value}` is not one of: discrepancy, excerpt, note, context, scheduled"
                        ),
                        vspan,
                    );
                }
            }
        }
        _ => {
            return err(
                format!(
                    "unknown filter `{name}:`; filters are {FIELDS} (put text with a colon in quotes)"
                ),
                name_span.clone(),
            );
        }
    })
}
