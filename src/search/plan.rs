//! Running a query: a plan per query, then a scan over candidate events.
//!
//! Where the time goes, and what keeps each keystroke inside a frame:
//! 1. Planning: every distinct short-field string (atom) is matched once per
//!    term; each free term is matched against the sorted vocabulary once
//!    (prefixes are a range; inner matches one `memmem` pass; typos only among
//!    the words with the term's first letter), and when the matched words'
//!    posting lists are short next to the candidates, they are read into
//!    per-event marks.
//! 2. Scanning: for each candidate event, filters first (cheapest), then per
//!    term the event's marks (or its sorted word ids) and its atoms.
//!    Candidates are split across the cores; a cancelled search stops within
//!    1024 events.
//! 3. Ranking: integer scores, a linear-time counting sort.
//!
//! When the user types one more character, the previous hits are the only
//! candidates (see [`Query::narrows`]).

use super::index::WORD_FIELDS;
use super::matching::{self, Matcher};
use super::query::{Anchor, year_edges};
use super::time::{Reach, TimeCheck, Tri, Window, date_term};
use super::{CancelToken, Engine, Field, Fields, Has, Hit, Order, Query, Results, TermKind};
use crate::date::Edge;
use crate::model::Status;
use crate::store::Event;

pub(super) use super::longtext::Words;

pub(super) struct TextPlan {
    pub(super) matcher: Matcher,
    /// The lower-cased phrase, for a quoted term.
    pub(super) phrase: Option<String>,
    /// The period a date-like term names (`2014`, `2014-03`).
    pub(super) date: Option<(Edge, Edge)>,
    /// Score per atom (field weight × match kind; 0: no match), and the
    /// title score when the atom names a person or place (an alias match
    /// counts in a title naming them).
    pub(super) atom_scores: Vec<(i32, i32)>,
    /// False when no atom matches (the per-event atom loop is skipped).
    pub(super) any_atom: bool,
    pub(super) words: Words,
}

enum Check {
    Text(Box<TextPlan>),
    /// Atoms that satisfy a field filter.
    Atoms(Vec<bool>),
    Span(Edge, Edge),
    Has(Has),
    Time(TimeCheck),
    /// An anchor id that names nothing in the store.
    Never,
}

pub(super) struct Plan {
    checks: Vec<(bool, Check)>,
}

const PARALLEL_MIN: usize = 4096;

/// Weight of a field: titles, people and places first, then tags and eras,
/// summaries, excerpts, notes (see README, Ranking).
pub(super) fn field_weight(f: Field) -> i64 {
    match f {
        Field::Date => 11,
        Field::Title => 10,
        Field::Actor | Field::Place => 9,
        Field::Tag => 6,
        Field::Lane | Field::Era => 5,
        Field::Source | Field::Summary => 4,
        Field::Excerpt => 3,
        Field::Note | Field::Discrepancy => 2,
    }
}

/// Weight of a match kind: whole word, word start, initials, inside, typo.
pub(super) fn kind_weight(k: u8) -> i64 {
    match k {
        matching::EXACT => 10,
        matching::PREFIX => 8,
        matching::ACRONYM => 7,
        matching::INNER => 5,
        matching::TYPO => 4,
        _ => 0,
    }
}

/// Score of a date-like term on an event inside its period, and on one
/// that only overlaps it (an interval reaching in, a year for a month).
const DATE_INSIDE: i64 = 11 * 10;
const DATE_OVERLAP: i64 = 6 * 10;
/// Added per further strong field (title, actor, place, tag, date) the same
/// term matched in: "Yokota" as title and actor beats title alone. Mentions
/// in long text add nothing: on the judged set they favoured long entries.
const MORE_FIELDS: i64 = 2;
const STRONG: i64 = 6;

impl Engine {
    /// Prepares a query for a scan of about `candidates` events.
    pub(super) fn plan(&self, query: &Query, candidates: usize) -> Plan {
        let window = query.terms.iter().find_map(|t| match t.kind {
            TermKind::Within(w) => Some(w),
            _ => None,
        });
        let checks = query
            .terms
            .iter()
            .filter_map(|t| Some((t.negated, self.check(&t.kind, candidates, window)?)))
            .collect();
        Plan { checks }
    }

    /// The check of one term (`within:` has none: it shapes `before:`/`after:`).
    fn check(&self, kind: &TermKind, candidates: usize, window: Option<Window>) -> Option<Check> {
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
        let time = |a: &Anchor, t: &dyn Fn(Reach) -> TimeCheck| {
            self.reach(a).map_or(Check::Never, |r| Check::Time(t(r)))
        };
        Some(match kind {
            TermKind::Text { text, phrase } => {
                Check::Text(Box::new(self.text_plan(text, *phrase, candidates)))
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
            TermKind::Before(a) => time(a, &|r| TimeCheck::Before(r, window)),
            TermKind::After(a) => time(a, &|r| TimeCheck::After(r, window)),
            TermKind::During(a) => time(a, &TimeCheck::During),
            TermKind::Overlaps(d) => Check::Time(TimeCheck::Overlaps(Reach::of_period(d))),
            TermKind::Within(_) => return None,
        })
    }

    /// The reach of an anchor: a typed date is a period; an id names an event
    /// (first) or an era. An unknown id reaches nothing (see [`Engine::parse`]).
    fn reach(&self, a: &Anchor) -> Option<Reach> {
        match a {
            Anchor::Date(d) => Some(Reach::of_period(d)),
            Anchor::Id(id) => match self.store.index_of(id) {
                Some(i) => Some(Reach::of_event(&self.store.events[i].date)),
                None => self
                    .store
                    .eras
                    .iter()
                    .find(|e| e.id == *id)
                    .map(|e| Reach::of_era(&e.date)),
            },
        }
    }

    pub(super) fn text_plan(&self, text: &str, phrase: bool, candidates: usize) -> TextPlan {
        let phrase = phrase.then(|| text.to_lowercase());
        // A phrase is found through its first word, then checked verbatim.
        let key = match &phrase {
            Some(p) => super::text::words(p)
                .next()
                .map_or("", |r| &p[r])
                .to_string(),
            None => text.to_string(),
        };
        let matcher = Matcher::new(&key);
        let atom_kinds: Vec<u8> = self
            .index
            .atoms
            .iter()
            .map(|a| match &phrase {
                Some(p) => {
                    if a.text.to_lowercase().contains(p.as_str()) {
                        matching::EXACT
                    } else {
                        0
                    }
                }
                None => matcher.name_match(&a.text).0,
            })
            .collect();
        let words = self.word_plan(&matcher, phrase.is_some(), candidates);
        TextPlan {
            date: if phrase.is_none() {
                date_term(text)
            } else {
                None
            },
            any_atom: atom_kinds.iter().any(|&k| k != 0),
            atom_scores: self.atom_scores(&atom_kinds),
            matcher,
            phrase,
            words,
        }
    }

    fn atom_scores(&self, kinds: &[u8]) -> Vec<(i32, i32)> {
        let atoms = &self.index.atoms;
        kinds
            .iter()
            .zip(atoms)
            .map(|(&k, a)| {
                let own = field_weight(a.field) * kind_weight(k);
                let in_title = match a.field {
                    Field::Actor | Field::Place => field_weight(Field::Title) * kind_weight(k),
                    _ => 0,
                };
                (own as i32, in_title as i32)
            })
            .collect()
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
                out.extend(block.iter().filter_map(|&e| self.eval(plan, e as usize)));
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

    /// Ranks complete hits.
    pub(super) fn finish(&self, results: &mut Results) {
        results.sort(Order::Relevance);
    }

    /// Whether event `e` satisfies the plan, as a hit with its score.
    pub(super) fn eval(&self, plan: &Plan, e: usize) -> Option<Hit> {
        let event = &self.store.events[e];
        let mut score = 0;
        let mut fields = Fields::default();
        let mut possible = false;
        for (negated, check) in &plan.checks {
            let ok = match check {
                Check::Text(t) => match self.text_score(t, e) {
                    Some((s, f)) => {
                        if !negated {
                            score += s;
                            fields |= f;
                        }
                        true
                    }
                    None => false,
                },
                Check::Atoms(keep) => self.index.event_atoms.get(e).any(|(a, _)| keep[a as usize]),
                Check::Span(from, to) => event.date.overlaps(*from, *to),
                Check::Has(h) => has(event, *h),
                Check::Never => false,
                Check::Time(t) => {
                    let mut answer = t.test(&self.index.reaches(&self.store)[e]);
                    if *negated {
                        answer = answer.not();
                    }
                    possible |= answer == Tri::Possibly;
                    answer != Tri::No
                }
            };
            let wanted = !*negated || matches!(check, Check::Time(_));
            if ok != wanted {
                return None;
            }
        }
        Some(Hit {
            event: e,
            score,
            fields,
            possible,
        })
    }

    /// Best score of one term in event `e`, if it matches: the best field
    /// weight × match kind, plus a little per further field.
    pub(super) fn text_score(&self, t: &TextPlan, e: usize) -> Option<(i64, Fields)> {
        let event = &self.store.events[e];
        let mut best = 0;
        let mut strong = 0;
        let mut fields = Fields::default();
        let mut offer = |s: i64, f: Field, fields: &mut Fields| {
            if s > 0 {
                best = best.max(s);
                if !fields.contains(f) && field_weight(f) >= STRONG {
                    strong += 1;
                }
                fields.insert(f);
            }
        };
        if let Some(kinds) = self.word_kinds(t, e) {
            for (slot, (bit, field)) in WORD_FIELDS.iter().enumerate() {
                let k = kinds[slot];
                if k != 0 && self.phrase_holds(t, event, *bit) {
                    offer(field_weight(*field) * kind_weight(k), *field, &mut fields);
                }
            }
        }
        if t.any_atom {
            for (a, named) in self.index.event_atoms.get(e) {
                let (own, in_title) = t.atom_scores[a as usize];
                if own != 0 {
                    let field = self.index.atoms[a as usize].field;
                    offer(own.into(), field, &mut fields);
                    if in_title != 0 && named {
                        offer(in_title.into(), Field::Title, &mut fields);
                    }
                }
            }
        }
        if let Some((from, to)) = t.date {
            let d = &event.date;
            if d.earliest() >= from && d.latest() <= to {
                offer(DATE_INSIDE, Field::Date, &mut fields);
            } else if d.overlaps(from, to) {
                offer(DATE_OVERLAP, Field::Date, &mut fields);
            }
        }
        (best > 0).then(|| (best + MORE_FIELDS * (strong - 1).max(0), fields))
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
