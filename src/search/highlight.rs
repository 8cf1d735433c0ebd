//! Matched character positions of one hit, for highlighting.
//!
//! Ranges are byte ranges of [`Highlight::text`], on char boundaries, so a
//! UI can split the text there whatever the script (CJK, tabs, combining marks)
//! and measure each piece with its display width.

use std::ops::Range;

use super::index::long_texts;
use super::matching::Matcher;
use super::{Engine, Field, Query, TermKind};

/// Where one term matched in one field of an event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Highlight {
    /// Index of the term in `query.terms`.
    pub term: usize,
    /// The field.
    pub field: Field,
    /// Which one: the excerpt or discrepancy index within the event; for
    /// actors, places, sources and eras the index in the store's list; else 0.
    pub item: usize,
    /// The text the ranges refer to (a title, an alias, an excerpt…).
    pub text: String,
    /// Matched byte ranges of `text`, in order, not overlapping.
    pub ranges: Vec<Range<usize>>,
}

impl Engine {
    /// Every place where the query's free terms match event `event` (an index
    /// into `store.events`). Empty for filter-only queries.
    pub fn highlights(&self, query: &Query, event: usize) -> Vec<Highlight> {
        let Some(e) = self.store.events.get(event) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (ti, term) in query.terms.iter().enumerate() {
            let TermKind::Text { text, phrase } = &term.kind else {
                continue;
            };
            if term.negated || text.is_empty() {
                continue;
            }
            let matcher = Matcher::new(text);
            let ranges = |t: &str, names: bool| {
                if *phrase {
                    find_folded(t, text, false)
                } else if names {
                    matcher.name_match(t).1
                } else {
                    matcher.text_match(t).1
                }
            };
            let mut push = |field, item, text: &str, ranges: Vec<Range<usize>>| {
                if !ranges.is_empty() {
                    out.push(Highlight {
                        term: ti,
                        field,
                        item,
                        text: text.to_string(),
                        ranges,
                    });
                }
            };
            push(Field::Title, 0, &e.title, ranges(&e.title, false));
            for (a, _) in self.index.event_atoms.get(event) {
                let atom = &self.index.atoms[a as usize];
                let item = match atom.field {
                    Field::Tag | Field::Lane => 0,
                    _ => atom.owner as usize,
                };
                push(atom.field, item, &atom.text, ranges(&atom.text, true));
            }
            let mut excerpt = 0;
            let mut discrepancy_texts = 0;
            for (bit, t) in long_texts(e) {
                let (field, item) = match bit {
                    super::index::IN_SUMMARY => (Field::Summary, 0),
                    super::index::IN_EXCERPT => {
                        excerpt += 1;
                        (Field::Excerpt, excerpt - 1)
                    }
                    super::index::IN_NOTE => (Field::Note, 0),
                    _ => {
                        discrepancy_texts += 1;
                        (Field::Discrepancy, discrepancy_index(e, discrepancy_texts))
                    }
                };
                push(field, item, t, ranges(t, false));
            }
        }
        out
    }
}

/// Which discrepancy the `n`-th discrepancy text (1-based) belongs to, in
/// the order `long_texts` yields them (says, record, basis, quote).
fn discrepancy_index(e: &crate::store::Event, n: usize) -> usize {
    let mut seen = 0;
    for (i, d) in e.discrepancies.iter().enumerate() {
        seen += 3 + usize::from(d.quote.is_some());
        if n <= seen {
            return i;
        }
    }
    0
}

/// Byte ranges of `needle` in `hay`, ignoring case unless `case_sensitive`.
pub(crate) fn find_folded(hay: &str, needle: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    if case_sensitive {
        return hay
            .match_indices(needle)
            .map(|(i, m)| i..i + m.len())
            .collect();
    }
    // Lower-case the haystack, remembering where each lowered byte came from.
    let mut lowered = String::with_capacity(hay.len());
    let mut origin = Vec::with_capacity(hay.len() + 1);
    for (i, c) in hay.char_indices() {
        for l in c.to_lowercase() {
            for _ in 0..l.len_utf8() {
                origin.push(i);
            }
            lowered.push(l);
        }
    }
    origin.push(hay.len());
    let needle = needle.to_lowercase();
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, m) in lowered.match_indices(needle.as_str()) {
        let start = origin[i];
        let last = origin[i + m.len() - 1];
        let end = last + hay[last..].chars().next().map_or(0, char::len_utf8);
        if out.last().is_none_or(|l| l.end <= start) {
            out.push(start..end);
        }
    }
    out
}
