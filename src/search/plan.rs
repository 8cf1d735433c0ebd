//! Running a query: a plan per query, then a scan over candidate events.
//!
//! Where the time goes, and what keeps each keystroke inside a frame:
//! 1. Planning: every distinct short-field string (atom) is fuzzy-scored once
//!    per term (after a character-mask prefilter), and each long-text term is
//!    turned into a range (or set) of vocabulary word ids.
//! 2. Scanning: for each candidate event, filters first (cheapest), then per
//!    term: title mask prefilter + `memchr` subsequence test, the event's atom
//!    scores, and one binary search in its sorted word ids. Candidates are
//!    split across the cores; a cancelled search stops within 1024 events.
//! 3. Ranking: `SkimMatcherV2` costs ~1–3 µs per 80-character title (measured:
//!    ~2 ns per title byte × (8 + term chars)): when all title hits fit in [`SKIM_CELLS`] they are
//!    all scored exactly; otherwise a quick estimate (word start > inside a
//!    word > scattered) ranks them and the best [`SKIM_TOP`] are re-scored
//!    exactly and kept on top. Then a linear-time counting sort.
//!
//! When the user types one more character, the previous hits are the only
//! candidates (see [`Query::narrows`]).

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;

use super::index::{IN_DISCREPANCY, IN_EXCERPT, IN_NOTE, IN_SUMMARY};
use super::query::year_edges;
use super::text::{Pattern, char_bit, char_mask, words};
use super::{
    CancelToken, Engine, Field, Fields, Has, Hit, Order, Query, Results, SKIM_CELLS, SKIM_TOP,
    TermKind,
};
use crate::date::Edge;
use crate::model::Status;
use crate::store::Event;

/// Long text matching of one term.
pub(super) enum Words {
    /// Vocabulary ids starting with the term (`exact` is the term itself).
    Prefix {
        range: Range<u32>,
        exact: Option<u32>,
    },
    /// The same answered from posting lists, per event: field bits, and
    /// [`EXACT`] when the whole word matched (used when the postings are few
    /// next to the events to examine).
    Marked(Vec<u8>),
    /// Vocabulary ids containing a CJK term, as a bitset over the vocabulary.
    Containing(Vec<u64>),
}

pub(super) struct TextPlan {
    pub pattern: Pattern,
    /// Lower-cased term for the word index.
    pub(super) lower: String,
    pub(super) phrase: bool,
    /// Fuzzy score per atom, `i32::MIN` when it does not match.
    pub(super) atom_scores: Vec<i32>,
    /// False when no atom matches (the per-event atom loop is skipped).
    pub(super) any_atom: bool,
    /// For a one-character ASCII letter or digit term, its [`char_bit`]; else 0.
    pub(super) one_letter: u64,
    pub(super) words: Words,
}

enum Check {
    Text(Box<TextPlan>),
    /// Atoms that satisfy a field filter.
    Atoms(Vec<bool>),
    Span(Edge, Edge),
    Has(Has),
}

impl TextPlan {
    /// True for a quoted phrase.
    pub(super) fn is_phrase(&self) -> bool {
        self.phrase
    }
}

pub(super) struct Plan {
    checks: Vec<(bool, Check)>,
}

impl Plan {
    /// The positive free terms.
    fn texts(&self) -> impl Iterator<Item = &TextPlan> {
        self.checks.iter().filter_map(|(neg, c)| match c {
            Check::Text(t) if !neg => Some(&**t),
            _ => None,
        })
    }
}

const NO_MATCH: i32 = i32::MIN;
/// `SkimMatcherV2`'s work per title character that does not depend on the
/// term (collecting chars, in-place bonuses), in term-character units.
const SKIM_FIXED: usize = 8;
/// Mark of an event holding the term as a whole word.
pub(super) const EXACT: u8 = 0x80;
/// The [`char_bit`]s of non-ASCII characters (where CJK words start).
pub(super) const NON_ASCII_BITS: u64 = !((1 << 44) - 1);
const PARALLEL_MIN: usize = 4096;

impl Engine {
    /// Prepares a query for a scan of about `candidates` events.
    pub(super) fn plan(&self, query: &Query, candidates: usize) -> Plan {
        let checks = query
            .terms
            .iter()
            .map(|t| (t.negated, self.check(&t.kind, candidates)))
            .collect();
        Plan { checks }
    }

    fn check(&self, kind: &TermKind, candidates: usize) -> Check {
        let store = &self.store;
        let atoms = &self.index.atoms;
        let select = |field: Field, keep: &dyn Fn(u32, &str) -> bool| {
            Check::Atoms(
                atoms
                    .iter()
                    .map(|a| a.field == field && keep(a.owner, &a.text))
                    .collect(),
            )
        };
        let has = |v: &str, s: &str| s.to_lowercase().contains(v);
        match kind {
            TermKind::Text { text, phrase } => {
                let mut plan = self.text_plan(text, *phrase);
                self.mark_postings(&mut plan, candidates);
                Check::Text(Box::new(plan))
            }
            TermKind::Tag(v) => select(Field::Tag, &|_, s| has(v, s)),
            TermKind::Lane(v) => select(Field::Lane, &|_, s| has(v, s)),
            TermKind::Actor(v) | TermKind::Place(v) => {
                let (field, list) = match kind {
                    TermKind::Actor(_) => (Field::Actor, &store.actors),
                    _ => (Field::Place, &store.places),
                };
                let owners: Vec<bool> = list
                    .iter()
                    .map(|n| {
                        has(v, &n.id) || has(v, &n.name) || n.aliases.iter().any(|a| has(v, a))
                    })
                    .collect();
                select(field, &|o, _| owners[o as usize])
            }
            TermKind::Source(v) => {
                let owners: Vec<bool> = store
                    .sources
                    .iter()
                    .map(|s| has(v, &s.id) || has(v, &s.title) || has(v, &s.publisher))
                    .collect();
                select(Field::Source, &|o, _| owners[o as usize])
            }
            TermKind::Year { from, to } => {
                let (a, b) = year_edges(*from, *to);
                Check::Span(a, b)
            }
            TermKind::Date { from, to } => Check::Span(*from, *to),
            TermKind::Has(h) => Check::Has(*h),
        }
    }

    pub(super) fn text_plan(&self, text: &str, phrase: bool) -> TextPlan {
        let pattern = Pattern::new(text);
        let lower = text.to_lowercase();
        let fuzzy = self.fuzzy(pattern.case_sensitive);
        let atom_scores: Vec<i32> = self
            .index
            .atoms
            .iter()
            .map(|a| {
                let hit = if phrase {
                    contains(&a.text, text, pattern.case_sensitive)
                        .then(|| 20 * pattern.len() as i64)
                } else if pattern.mask & char_mask(&a.text) == pattern.mask {
                    fuzzy.fuzzy_match(&a.text, text)
                } else {
                    None
                };
                hit.map_or(NO_MATCH, |s| s as i32)
            })
            .collect();
        // A phrase is found through its first word, then checked verbatim.
        let key = if phrase {
            words(&lower).next().map_or("", |r| &lower[r]).to_string()
        } else {
            lower.clone()
        };
        let words = if key.chars().any(super::text::is_cjk) {
            let mut bits = vec![0u64; self.index.vocab.len().div_ceil(64)];
            for &id in &self.index.cjk_words {
                if self.index.vocab[id as usize].contains(key.as_str()) {
                    bits[id as usize / 64] |= 1 << (id % 64);
                }
            }
            Words::Containing(bits)
        } else {
            Words::Prefix {
                range: self.index.prefix_range(&key),
                exact: self.index.word_id(&key),
            }
        };
        let any_atom = atom_scores.iter().any(|&s| s != NO_MATCH);
        let mut key_chars = key.chars();
        let one_letter = match (key_chars.next(), key_chars.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => char_bit(c),
            _ => 0,
        };
        TextPlan {
            pattern,
            lower,
            phrase,
            any_atom,
            one_letter,
            atom_scores,
            words,
        }
    }

    /// Examines `candidates`, appending hits (in event order); false if cancelled.
    pub(super) fn scan(
        &self,
        plan: &Plan,
        candidates: &[u32],
        cancel: &CancelToken,
        hits: &mut Vec<Hit>,
    ) -> bool {
        let run = |part: &[u32]| -> Option<Vec<Hit>> {
            let mut out = Vec::new();
            for block in part.chunks(1024) {
                if cancel.is_cancelled() {
                    return None;
                }
                for &e in block {
                    if let Some((score, fields)) = self.eval(plan, e as usize, false) {
                        out.push(Hit {
                            event: e as usize,
                            score,
                            fields,
                        });
                    }
                }
            }
            Some(out)
        };
        let threads = if candidates.len() >= PARALLEL_MIN {
            self.threads
        } else {
            1
        };
        let parts: Vec<Option<Vec<Hit>>> = if threads == 1 {
            vec![run(candidates)]
        } else {
            let size = candidates.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = candidates
                    .chunks(size)
                    .map(|part| s.spawn(move || run(part)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().ok().flatten())
                    .collect()
            })
        };
        for p in parts {
            match p {
                Some(v) => hits.extend(v),
                None => return false,
            }
        }
        true
    }

    /// Ranks the hits: titles are scored exactly by `SkimMatcherV2` when that
    /// fits in [`SKIM_CELLS`]; otherwise the quick estimate ranks them and
    /// only the best [`SKIM_TOP`] are re-scored exactly and kept on top.
    pub(super) fn finish(&self, plan: &Plan, results: &mut Results, cancel: &CancelToken) {
        let pattern_chars: usize = plan.texts().map(|t| t.pattern.len()).sum();
        let cells: usize = results
            .hits
            .iter()
            .filter(|h| h.fields.contains(Field::Title))
            .map(|h| self.index.title_lower[h.event].len() * (SKIM_FIXED + pattern_chars))
            .sum();
        results.exact_rank = cells <= SKIM_CELLS;
        if cells == 0 {
            results.sort(Order::Relevance);
            return;
        }
        let rescore = |part: &mut [Hit], offset: i64| {
            for h in part.iter_mut() {
                if cancel.is_cancelled() {
                    return;
                }
                if h.fields.contains(Field::Title)
                    && let Some((score, _)) = self.eval(plan, h.event, true)
                {
                    h.score = score;
                }
                h.score += offset;
            }
        };
        if results.exact_rank {
            if results.hits.len() >= 512 && self.threads > 1 {
                let size = results.hits.len().div_ceil(self.threads);
                std::thread::scope(|s| {
                    for part in results.hits.chunks_mut(size) {
                        s.spawn(move || rescore(part, 0));
                    }
                });
            } else {
                rescore(&mut results.hits, 0);
            }
            results.sort(Order::Relevance);
        } else {
            results.sort(Order::Relevance);
            let offset = results.hits.first().map_or(0, |h| h.score) + 1;
            let top = SKIM_TOP.min(results.hits.len());
            rescore(&mut results.hits[..top], offset);
            results.hits[..top].sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.event));
        }
        if cancel.is_cancelled() {
            results.complete = false;
        }
    }

    /// Whether event `e` satisfies the plan, with its score and matched fields.
    /// `exact` scores titles with `SkimMatcherV2` instead of the quick estimate.
    pub(super) fn eval(&self, plan: &Plan, e: usize, exact: bool) -> Option<(i64, Fields)> {
        let event = &self.store.events[e];
        let mut score = 0;
        let mut fields = Fields::default();
        for (negated, check) in &plan.checks {
            let ok = match check {
                Check::Text(t) => match self.text_score(t, e, exact) {
                    Some((s, f)) => {
                        if !negated {
                            score += s;
                            fields |= f;
                        }
                        true
                    }
                    None => false,
                },
                Check::Atoms(keep) => self
                    .index
                    .event_atoms
                    .get(e)
                    .iter()
                    .any(|&a| keep[a as usize]),
                Check::Span(from, to) => event.date.overlaps(*from, *to),
                Check::Has(h) => has(event, *h),
            };
            if ok == *negated {
                return None;
            }
        }
        Some((score, fields))
    }

    /// Best score of one term in event `e` (title counts double), if it matches.
    pub(super) fn text_score(&self, t: &TextPlan, e: usize, exact: bool) -> Option<(i64, Fields)> {
        let event = &self.store.events[e];
        let mut best: Option<i64> = None;
        let mut fields = Fields::default();
        let mut offer = |s: i64, f: Field, fields: &mut Fields| {
            best = Some(best.map_or(s, |b| b.max(s)));
            fields.insert(f);
        };
        let title = &event.title;
        let lower = &self.index.title_lower[e];
        if t.phrase {
            if contains(title, &t.pattern.text, t.pattern.case_sensitive) {
                offer(40 * t.pattern.len() as i64, Field::Title, &mut fields);
            }
        } else if t.pattern.mask & self.index.title_mask[e] == t.pattern.mask
            && t.pattern.is_subsequence(title, lower)
        {
            let s = if exact {
                let fuzzy = self.fuzzy(t.pattern.case_sensitive);
                fuzzy.fuzzy_match(title, &t.pattern.text).unwrap_or(0)
            } else {
                t.pattern.quick_score(title, lower)
            };
            offer(2 * s, Field::Title, &mut fields);
        }
        let atoms = if t.any_atom {
            self.index.event_atoms.get(e)
        } else {
            &[]
        };
        for &a in atoms {
            let s = t.atom_scores[a as usize];
            if s != NO_MATCH {
                offer(s.into(), self.index.atoms[a as usize].field, &mut fields);
            }
        }
        if let Some((bits, exact_word)) = self.word_match(t, e) {
            let n = t.pattern.len() as i64;
            let s = if exact_word { 10 * n } else { 8 * n };
            for (bit, f) in [
                (IN_SUMMARY, Field::Summary),
                (IN_EXCERPT, Field::Excerpt),
                (IN_NOTE, Field::Note),
                (IN_DISCREPANCY, Field::Discrepancy),
            ] {
                if bits & bit != 0 {
                    offer(s, f, &mut fields);
                }
            }
        }
        best.map(|b| (b, fields))
    }
}

fn has(e: &Event, h: Has) -> bool {
    match h {
        Has::Discrepancy => !e.discrepancies.is_empty(),
        Has::Excerpt => !e.excerpts.is_empty(),
        Has::Note => e.note.as_deref().is_some_and(|n| !n.trim().is_empty()),
        Has::Context => e.context,
        Has::Scheduled => e.status == Status::Scheduled,
    }
}

/// Substring test with smart case (case-insensitive unless `case_sensitive`).
pub(super) fn contains(hay: &str, needle: &str, case_sensitive: bool) -> bool {
    if case_sensitive {
        hay.contains(needle)
    } else {
        hay.to_lowercase().contains(&needle.to_lowercase())
    }
}
