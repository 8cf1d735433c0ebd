//! `chronoscope check`: every rule a store must pass, as [`Finding`]s.
//!
//! Rules (their stable names appear in brackets in the output):
//! - `date-valid`: dates are EDTF level 0/1, real calendar dates, intervals in order;
//! - `id-unique`: ids of events, sources, actors, places and eras are unique;
//! - `reference`: `related`, `place`, `actors` and every excerpt/discrepancy `source` resolve;
//! - `excerpt-verbatim`: every quote is in its source exactly once (after prefix/suffix);
//! - `quote-date`: weekdays, years and month-days written in an excerpt fit the event;
//! - `anachronism`: an event dated after every supporting source was published is `scheduled`;
//! - `source-file`: source texts are readable, regular, small, UTF-8 and inside the store's folder;
//! - `text-safety`: no control characters, escape sequences, bidi overrides or invisible characters;
//! - `excerpt-missing` (warning): an event not marked `context` has no excerpt.

mod quote_date;
mod text_safety;

pub use quote_date::{Misfit, misfits};

use std::collections::HashMap;

use serde::Serialize;

use crate::date::Edge;
use crate::error::Pos;
use crate::finding::{Finding, Severity};
use crate::model::{Status, StoreFile, Text};
use crate::quote::{self, Miss};
use crate::store::{Loaded, Store, pos};

/// Where a verified excerpt was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located {
    /// Event id.
    pub event: String,
    /// Source id.
    pub source: String,
    /// Line of the quote in the store.
    pub line: u64,
    /// The source text's path.
    pub found_file: String,
    /// Line in the source text.
    pub found_line: u64,
    /// Column in the source text.
    pub found_col: u64,
}

/// The outcome of checking a store.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Findings, sorted by line.
    pub findings: Vec<Finding>,
    /// Every excerpt that was found verbatim, with where.
    pub located: Vec<Located>,
    /// Number of events checked.
    pub events: usize,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// Runs every rule over a loaded store.
pub fn check(loaded: &Loaded) -> Report {
    let Loaded {
        store,
        raw,
        findings,
    } = loaded;
    let file = store.origin.display_name();
    let mut out = findings.clone();
    ids_unique(raw, &file, &mut out);
    references(raw, store, &file, &mut out);
    let located = excerpts(store, &file, &mut out);
    anachronisms(store, &file, &mut out);
    text_safety::check(raw, store, &file, &mut out);
    for e in &store.events {
        if !e.context && e.excerpts.is_empty() {
            out.push(Finding::warning(
                &file,
                e.pos,
                "excerpt-missing",
                format!("event `{}` has no excerpt; quote the source that speaks of it, or mark it `context: true` with a `note`", e.id),
            ));
        }
    }
    out.sort_by(|a, b| {
        (a.file != file, &a.file, a.line, a.col, a.rule).cmp(&(
            b.file != file,
            &b.file,
            b.line,
            b.col,
            b.rule,
        ))
    });
    out.dedup();
    Report {
        findings: out,
        located,
        events: store.events.len(),
    }
}

fn ids_unique(raw: &StoreFile, file: &str, out: &mut Vec<Finding>) {
    let groups: [(&str, Vec<&Text>); 5] = [
        ("event", raw.events.iter().map(|e| &e.id).collect()),
        ("source", raw.sources.iter().map(|e| &e.id).collect()),
        ("actor", raw.actors.iter().map(|e| &e.id).collect()),
        ("place", raw.places.iter().map(|e| &e.id).collect()),
        ("era", raw.eras.iter().map(|e| &e.id).collect()),
    ];
    for (kind, ids) in groups {
        let mut seen: HashMap<&str, Pos> = HashMap::with_capacity(ids.len());
        for id in ids {
            if id.value.trim().is_empty() {
                out.push(Finding::error(
                    file,
                    pos(id),
                    "id-unique",
                    format!("{kind} id is empty; give it a stable slug"),
                ));
                continue;
            }
            if let Some(first) = seen.get(id.value.as_str()) {
                out.push(Finding::error(
                    file,
                    pos(id),
                    "id-unique",
                    format!(
                        "duplicate {kind} id `{}` (first declared at line {}); ids must be unique",
                        id.value, first.line
                    ),
                ));
            } else {
                seen.insert(&id.value, pos(id));
            }
        }
    }
}

fn references(raw: &StoreFile, store: &Store, file: &str, out: &mut Vec<Finding>) {
    let events: std::collections::HashSet<&str> =
        raw.events.iter().map(|e| e.id.value.as_str()).collect();
    let mut missing = |t: &Text, kind: &str, known: bool| {
        if !known {
            out.push(Finding::error(
                file,
                pos(t),
                "reference",
                format!(
                    "unknown {kind} `{}`; declare it under `{kind}s:` or correct the id",
                    t.value
                ),
            ));
        }
    };
    for e in &raw.events {
        for r in &e.related {
            missing(r, "event", events.contains(r.value.as_str()));
        }
        if let Some(p) = &e.place {
            missing(p, "place", store.place(&p.value).is_some());
        }
        for a in &e.actors {
            missing(a, "actor", store.actor(&a.value).is_some());
        }
        for x in &e.excerpts {
            missing(&x.source, "source", store.source(&x.source.value).is_some());
        }
        for d in &e.discrepancies {
            missing(&d.source, "source", store.source(&d.source.value).is_some());
        }
    }
}

fn excerpts(store: &Store, file: &str, out: &mut Vec<Finding>) -> Vec<Located> {
    let mut located = Vec::new();
    let mut hint_budget = CLOSEST_MATCH_HINTS;
    let mut place = |event: &str,
                     source: &str,
                     q: &str,
                     pre: Option<&str>,
                     suf: Option<&str>,
                     at: Pos,
                     out: &mut Vec<Finding>| {
        let src = store.source(source)?;
        let Ok(text) = &src.text else { return None };
        match quote::locate(&text.text, &text.normalized, q, pre, suf) {
            Ok(r) => {
                let (l, c) = quote::line_col(&text.text, r.start);
                located.push(Located {
                    event: event.to_string(),
                    source: source.to_string(),
                    line: at.line,
                    found_file: src.path.clone(),
                    found_line: l,
                    found_col: c,
                });
                Some(())
            }
            Err(miss) => {
                out.push(Finding::error(
                    file,
                    at,
                    "excerpt-verbatim",
                    miss_message(
                        &mut hint_budget,
                        &miss,
                        q,
                        source,
                        &src.path,
                        &text.text,
                        &text.normalized,
                    ),
                ));
                None
            }
        }
    };
    for e in &store.events {
        for x in &e.excerpts {
            if place(
                &e.id,
                &x.source,
                &x.quote,
                x.prefix.as_deref(),
                x.suffix.as_deref(),
                x.pos,
                out,
            )
            .is_some()
            {
                for m in misfits(&x.quote, &e.date) {
                    out.push(Finding::error(
                        file,
                        x.pos,
                        "quote-date",
                        format!(
                            "excerpt of `{}` says \"{}\", which does not fit the event's date {}: {}; correct the date, or record the disagreement under `discrepancies:`",
                            e.id,
                            m.words,
                            e.date.edtf(),
                            m.why
                        ),
                    ));
                }
            }
        }
        for d in &e.discrepancies {
            if let Some(q) = &d.quote {
                place(&e.id, &d.source, q, None, None, e.pos, out);
            }
        }
    }
    located
}

/// How many missing quotes get the (costly) closest-match hint.
const CLOSEST_MATCH_HINTS: usize = 50;

fn miss_message(
    hint_budget: &mut usize,
    miss: &Miss,
    q: &str,
    source: &str,
    path: &str,
    text: &str,
    norm: &quote::Normalized,
) -> String {
    match miss {
        Miss::Empty => "excerpt quote is empty; copy the words from the source".to_string(),
        Miss::NotFound if *hint_budget == 0 => format!(
            "quote not found verbatim in source `{source}` ({path}); copy the exact words of the source"
        ),
        Miss::NotFound => {
            *hint_budget -= 1;
            // Help the researcher: how much of the quote does match?
            let nq = quote::normalize(q);
            let chars: Vec<usize> = nq
                .char_indices()
                .map(|(i, _)| i)
                .chain([nq.len()])
                .collect();
            let (mut lo, mut hi) = (0usize, chars.len() - 1);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if norm.as_str().contains(&nq[..chars[mid]]) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            let matched = &nq[..chars[lo]];
            if lo >= 8 {
                let at = norm.as_str().find(matched).unwrap_or(0);
                let ctx: String = norm.as_str()[at + matched.len()..]
                    .chars()
                    .take(30)
                    .collect();
                format!(
                    "quote not found verbatim in source `{source}` ({path}); the first {lo} characters match, then the source reads \"{ctx}\" where the quote has \"{}\"",
                    nq[chars[lo]..].chars().take(30).collect::<String>()
                )
            } else {
                format!(
                    "quote not found verbatim in source `{source}` ({path}); copy the exact words of the source"
                )
            }
        }
        Miss::Ambiguous(ranges) => {
            let places: Vec<String> = ranges
                .iter()
                .map(|r| {
                    let (l, c) = quote::line_col(text, r.start);
                    format!("{path}:{l}:{c}")
                })
                .collect();
            format!(
                "quote occurs {} times in source `{source}` ({}); add a `prefix:` or `suffix:` to pick one",
                ranges.len(),
                places.join(", ")
            )
        }
    }
}

fn anachronisms(store: &Store, file: &str, out: &mut Vec<Finding>) {
    for e in &store.events {
        if e.status == Status::Scheduled || e.excerpts.is_empty() {
            continue;
        }
        let latest_pub = e
            .excerpts
            .iter()
            .filter_map(|x| {
                store
                    .source(&x.source)?
                    .published
                    .as_ref()
                    .map(|d| d.latest())
            })
            .max();
        let Some(latest_pub) = latest_pub else {
            continue;
        };
        if let (Edge::Day(start), Edge::Day(published)) = (e.date.earliest(), latest_pub)
            && start > published
        {
            out.push(Finding::error(
                file,
                e.pos,
                "anachronism",
                format!(
                    "event `{}` ({}) is dated after every source that supports it was published (latest {published}); if a source announced it ahead of time, set `status: scheduled`, otherwise correct the date",
                    e.id,
                    e.date.edtf()
                ),
            ));
        }
    }
}
