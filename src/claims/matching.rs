//! Matching dated claims to the store's events, with a verdict per event.
//!
//! A claim is read in its *scope*: the narrowest passage around it that the
//! store already cites (the store's own reading of which event those words
//! are about), else its sentence. Events are scored on the scope's words:
//! +2 per actor named (name, surname or alias), +2 for the place, +1 per
//! distinctive title word. Verdicts:
//! - `recorded`: the store cites the passage for the event and either the
//!   dates are disjoint or a discrepancy on it names a different date (the
//!   disagreement is already written down);
//! - `consistent`: the dates overlap, and the event cites the passage, or
//!   scores at least 2 and within one of the best event whose date fits;
//! - `conflict`: the dates are disjoint, the passage names an actor or place
//!   of the event and a word of its title, it scores at least 4, within one of the best match and
//!   above every event whose date fits, and
//!   the store does not already attribute the passage to an event whose date
//!   fits;
//! - no event at all: the claim is `new`.
//!
//! Lookups go through word indexes built once from the store, and every
//! posting list is capped, so the work per claim is bounded by a constant
//! times its scope's length: linear in the text.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use super::Claim;
use super::cited::{Cited, cited_passages};
use crate::date::EventDate;
use crate::store::Store;

mod words;

use words::{STOP, stem, words};

/// The judgement on one (claim, event) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A clearly matching event whose date is disjoint from the claim's.
    Conflict,
    /// The event's date overlaps the claim's.
    Consistent,
    /// The store already cites this passage for the event (and records any disagreement).
    Recorded,
}

impl Verdict {
    /// The verdict's name.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Consistent => "consistent",
            Verdict::Recorded => "recorded",
        }
    }
}

/// One matched event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// The event's id.
    pub id: String,
    /// The verdict.
    pub verdict: Verdict,
}

/// How well an event matches a passage.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    /// 2 per actor or place of the event named in the passage.
    named: u32,
    /// 1 per distinctive title word in the passage.
    title: u32,
}

impl Score {
    fn total(self) -> u32 {
        self.named + self.title
    }
}

/// Most events reported per claim.
const MAX_EVENTS: usize = 3;
/// Posting lists longer than this are cut (a word in many titles says little).
const MAX_POSTINGS: usize = 32;

/// Word indexes over a store, built once.
pub struct Matcher<'s> {
    store: &'s Store,
    /// First word of a name → (actor or place number, the name's words).
    names: HashMap<String, Vec<(usize, Vec<String>)>>,
    /// Actor or place number → the events naming it (capped).
    named_events: Vec<Vec<usize>>,
    /// Title word stem → event indexes.
    titles: HashMap<String, Vec<usize>>,
    cited: Vec<Cited>,
}

impl<'s> Matcher<'s> {
    /// Indexes `store`; `source` (with its text) enables `recorded`.
    pub fn new(store: &'s Store, source: Option<(&str, &str)>) -> Self {
        let mut names: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
        let mut named_events = Vec::new();
        let mut by_named: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut titles: HashMap<String, Vec<usize>> = HashMap::new();
        // Names score as names: their words are not also title words.
        let name_stems: HashSet<String> = store
            .actors
            .iter()
            .chain(store.places.iter())
            .flat_map(|n| std::iter::once(&n.name).chain(n.aliases.iter()))
            .flat_map(|s| words(s))
            .map(|w| stem(&w))
            .collect();
        for (i, e) in store.events.iter().enumerate() {
            for a in e.actors.iter().chain(e.place.iter()) {
                by_named.entry(a.as_str()).or_default().push(i);
            }
            let mut seen = HashSet::new();
            for w in words(&e.title) {
                if w.len() >= 3
                    && !STOP.contains(&w.as_str())
                    && !name_stems.contains(&stem(&w))
                    && seen.insert(stem(&w))
                {
                    titles.entry(stem(&w)).or_default().push(i);
                }
            }
        }
        // Title words found in many events do not tell events apart.
        let common = (store.events.len() / 8).max(4);
        titles.retain(|_, v| v.len() <= common.min(MAX_POSTINGS));
        for n in store.actors.iter().chain(store.places.iter()) {
            let Some(events) = by_named.get(n.id.as_str()) else {
                continue;
            };
            let k = named_events.len();
            named_events.push(events.iter().copied().take(MAX_POSTINGS).collect());
            let mut forms: Vec<Vec<String>> = std::iter::once(&n.name)
                .chain(n.aliases.iter())
                .map(|s| words(s))
                .filter(|w| !w.is_empty())
                .collect();
            // Surnames: news text names people by the family name ("Kishida").
            let surnames: Vec<Vec<String>> = forms
                .iter()
                .filter(|f| f.len() >= 2 && f.last().is_some_and(|w| w.len() >= 4))
                .filter_map(|f| f.last().map(|w| vec![w.clone()]))
                .collect();
            forms.extend(surnames);
            for f in forms {
                let list = names.entry(f[0].clone()).or_default();
                if list.len() < MAX_POSTINGS {
                    list.push((k, f));
                }
            }
        }
        let cited = source.map_or_else(Vec::new, |(id, text)| cited_passages(store, id, text));
        Matcher {
            store,
            names,
            named_events,
            titles,
            cited,
        }
    }

    /// The verdicts of each claim (in text order) of `text`, best first
    /// (empty: the claim is new).
    ///
    /// One sweep over the cited passages (sorted by start, with a heap of
    /// ends) finds those containing each claim, and claims of one sentence
    /// share its scores, so the work is linear in the text.
    pub fn judge(&self, text: &str, claims: &[Claim]) -> Vec<Vec<Match>> {
        let mut order: Vec<&Cited> = self.cited.iter().collect();
        order.sort_by_key(|c| c.range.start);
        let mut next = 0;
        let mut active: Vec<&Cited> = Vec::new();
        let mut cache: Option<(Range<usize>, HashMap<usize, Score>)> = None;
        let mut out = Vec::with_capacity(claims.len());
        for claim in claims {
            while next < order.len() && order[next].range.start <= claim.range.start {
                active.push(order[next]);
                next += 1;
            }
            super::work::step(1 + active.len() as u64);
            active.retain(|c| c.range.end > claim.range.start);
            // Many passages over one spot only come from a hostile store: the
            // narrowest few say which events the words belong to.
            let mut containing: Vec<&Cited> = active
                .iter()
                .copied()
                .filter(|c| claim.range.end <= c.range.end)
                .collect();
            containing.sort_by_key(|c| c.range.len());
            containing.truncate(MAX_POSTINGS);
            let scope = containing
                .first()
                .map_or_else(|| claim.sentence.clone(), |c| c.range.clone());
            if cache.as_ref().is_none_or(|(r, _)| *r != scope) {
                cache = Some((scope.clone(), self.scores(&text[scope])));
            }
            let scores = cache.as_ref().map(|(_, s)| s.clone()).unwrap_or_default();
            out.push(self.verdicts_in(claim, containing, scores));
        }
        out
    }

    /// The verdicts of one claim (see [`Matcher::judge`] for many).
    pub fn verdicts(&self, text: &str, claim: &Claim) -> Vec<Match> {
        self.judge(text, std::slice::from_ref(claim))
            .pop()
            .unwrap_or_default()
    }

    /// The verdicts of one claim: first the events citing its passage, then
    /// the events its scope's words point to.
    fn verdicts_in(
        &self,
        claim: &Claim,
        mut containing: Vec<&Cited>,
        scores: HashMap<usize, Score>,
    ) -> Vec<Match> {
        let date = claim.date.as_ref().ok();
        let overlaps = |ev: usize| {
            date.map(|d| {
                self.store.events[ev]
                    .date
                    .overlaps(d.earliest(), d.latest())
            })
        };
        let mut out: Vec<(u32, Match)> = Vec::new();
        let mut push = |ev: usize, rank: u32, verdict| {
            let id = &self.store.events[ev].id;
            if !out.iter().any(|(_, m)| m.id == *id) {
                out.push((
                    rank,
                    Match {
                        id: id.to_string(),
                        verdict,
                    },
                ));
            }
        };
        let cited = cited_verdicts(date, &mut containing, &overlaps);
        // The store already attributes these words to an event whose date fits.
        let attributed = cited.iter().any(|(_, v)| *v == Verdict::Consistent);
        for (ev, verdict) in cited {
            push(ev, 1000, verdict);
        }
        for (ev, rank, verdict) in scored_verdicts(scores, attributed, &overlaps) {
            push(ev, rank, verdict);
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.verdict.cmp(&b.1.verdict)));
        out.into_iter().take(MAX_EVENTS).map(|(_, m)| m).collect()
    }

    /// Event index → score over the words of `scope`.
    fn scores(&self, scope: &str) -> HashMap<usize, Score> {
        let ws = words(scope);
        super::work::step(ws.len() as u64);
        // (actor or place, where its name was found)
        let mut named: HashSet<(usize, usize)> = HashSet::new();
        for (i, w) in ws.iter().enumerate() {
            let forms = self.names.get(w).map_or(&[][..], |v| &v[..]);
            super::work::step(forms.len() as u64);
            for (k, form) in forms {
                if ws.get(i..i + form.len()) == Some(&form[..]) {
                    named.insert((*k, i + form.len()));
                }
            }
        }
        // Per event: one surname shared by a family ("Yokota") names one
        // person, and a full name plus its surname still one: 2 × the fewer
        // of distinct names and distinct places in the text.
        let mut per_event: HashMap<usize, (HashSet<usize>, HashSet<usize>)> = HashMap::new();
        for &(k, end) in &named {
            for &e in &self.named_events[k] {
                let entry = per_event.entry(e).or_default();
                entry.0.insert(k);
                entry.1.insert(end);
            }
        }
        let mut scores: HashMap<usize, Score> = HashMap::new();
        for (e, (ks, ends)) in per_event {
            scores.entry(e).or_default().named = 2 * ks.len().min(ends.len()) as u32;
        }
        let mut stems = HashSet::new();
        for w in &ws {
            if w.len() >= 3 && !STOP.contains(&w.as_str()) && stems.insert(stem(w)) {
                let posting = self.titles.get(&stem(w)).map_or(&[][..], |v| &v[..]);
                super::work::step(posting.len() as u64);
                for &e in posting {
                    scores.entry(e).or_default().title += 1;
                }
            }
        }
        scores
    }
}

/// Events that cite the passage: the store's own attribution of these words,
/// `recorded` where a discrepancy on it already names another date.
fn cited_verdicts(
    date: Option<&EventDate>,
    containing: &mut [&Cited],
    overlaps: &impl Fn(usize) -> Option<bool>,
) -> Vec<(usize, Verdict)> {
    let disagrees = |c: &Cited| {
        date.is_some_and(|d| {
            c.discrepancy_dates
                .iter()
                .any(|x| !x.overlaps(d.earliest(), d.latest()))
        })
    };
    // A recorded disagreement on an event outweighs its other citations.
    containing.sort_by_key(|c| !disagrees(c));
    containing
        .iter()
        .map(|c| {
            let verdict = match overlaps(c.event) {
                _ if disagrees(c) => Verdict::Recorded,
                Some(true) => Verdict::Consistent,
                _ => Verdict::Recorded,
            };
            (c.event, verdict)
        })
        .collect()
}

/// Events the scope's words point to, with their score as rank: `consistent`
/// when the date fits, `conflict` only on a clear match.
fn scored_verdicts(
    scores: HashMap<usize, Score>,
    attributed: bool,
    overlaps: &impl Fn(usize) -> Option<bool>,
) -> Vec<(usize, u32, Verdict)> {
    let mut ranked: Vec<(usize, Score)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(&b.0)));
    let best = ranked.first().map_or(0, |(_, s)| s.total());
    // An event whose date fits and that matches as well wins over a conflict.
    let best_fitting = ranked
        .iter()
        .filter(|(ev, _)| overlaps(*ev) == Some(true))
        .map(|(_, s)| s.total())
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for (ev, sc) in ranked.into_iter().take(MAX_EVENTS * 4) {
        let verdict = match overlaps(ev) {
            Some(true) if sc.total() >= 2 && sc.total() + 1 >= best_fitting => Verdict::Consistent,
            // A conflict needs a clear match: a name, a score of 4 or more
            // and within one of the best, and no event the store already
            // attributes these words to.
            Some(false)
                if !attributed
                    && sc.named >= 2
                    && sc.title >= 1
                    && sc.total() >= 4
                    && sc.total() + 1 >= best
                    && sc.total() > best_fitting =>
            {
                Verdict::Conflict
            }
            _ => continue,
        };
        out.push((ev, sc.total(), verdict));
    }
    out
}
