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

mod excerpts;
mod quote_date;
pub(crate) mod structure;
pub(crate) mod text_safety;

#[cfg(test)]
mod tests;

pub use quote_date::{Misfit, misfits};

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::date::Edge;
use crate::finding::{Finding, Severity};
use crate::model::Status;
use crate::store::{Loaded, Store, ToCheck};

/// Where a verified excerpt was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// What a running check reports, and how it is stopped early. The explorer
/// runs [`check_with`] on a background thread: it shows the progress in its
/// title bar and sets `cancel` when the user quits or the store is reloaded.
pub struct Progress<'a> {
    /// Called with (quotes looked up, quotes in all) after each chunk of
    /// events, from the checking threads (so it must be `Sync`).
    pub on_progress: &'a (dyn Fn(usize, usize) + Sync),
    /// When set, the check stops after the chunks in hand and returns `None`.
    pub cancel: &'a AtomicBool,
}

impl Progress<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Runs every rule over a loaded store.
pub fn check(loaded: &Loaded) -> Report {
    let cancel = AtomicBool::new(false);
    let progress = Progress {
        on_progress: &|_, _| {},
        cancel: &cancel,
    };
    check_with(loaded, &progress).expect("a check that nobody cancels completes")
}

/// Runs every rule, placing the quotes over all cores, reporting progress;
/// `None` when cancelled. The report is the same as [`check`]'s.
pub fn check_with(loaded: &Loaded, progress: &Progress) -> Option<Report> {
    run(
        &loaded.store,
        &loaded.findings,
        loaded.snapshot.as_ref(),
        progress,
    )
}

/// [`check_with`] on a store split from its [`Loaded`] (`Loaded::split`),
/// for a caller that shares the store, e.g. in an `Arc`, meanwhile.
pub fn check_store(store: &Store, rest: &ToCheck, progress: &Progress) -> Option<Report> {
    run(store, &rest.findings, rest.snapshot.as_ref(), progress)
}

fn run(
    store: &Store,
    findings: &[Finding],
    snapshot: Option<&crate::cache::Snapshot>,
    progress: &Progress,
) -> Option<Report> {
    // A report kept beside the store's snapshot is read only now, when a
    // check asks for it (a one-shot `list` never does).
    if let Some(report) = snapshot.and_then(crate::cache::recall_report) {
        let n = excerpts::lookups(store);
        (progress.on_progress)(n, n);
        return Some(report);
    }
    let file = store.origin.display_name();
    // The few findings of the other rules first, so that the list is made
    // once at its full length: pushed after the quotes' findings, they
    // doubled it (40,056 slots for 21,412 findings, 1.2 MB at 10,000 events).
    let mut more = Vec::new();
    anachronisms(store, &file, &mut more);
    text_safety::sources(store, &mut more);
    for e in &store.events {
        if !e.context && e.excerpts.is_empty() {
            more.push(Finding::warning(
                &file,
                e.pos,
                "excerpt-missing",
                format!("event `{}` has no excerpt; quote the source that speaks of it, or mark it `context: true` with a `note`", e.id),
            ));
        }
    }
    let mut out = Vec::new();
    let located = excerpts::check(
        store,
        &file,
        progress,
        &mut out,
        findings.len() + more.len(),
    )?;
    out.extend_from_slice(findings);
    out.append(&mut more);
    // Sorted in place on the whole finding, so that equal findings (then
    // removed) are the only ties: a stable sort on the position alone kept
    // a scratch copy of half the list (8.5 MB at 200,000 findings) at the
    // check's peak.
    out.sort_unstable_by(|a, b| {
        (
            *a.file != *file,
            &*a.file,
            a.line,
            a.col,
            a.rule,
            a.severity,
            &a.message,
        )
            .cmp(&(
                *b.file != *file,
                &*b.file,
                b.line,
                b.col,
                b.rule,
                b.severity,
                &b.message,
            ))
    });
    out.dedup();
    // The room left for findings that were not made (see `excerpts::check`).
    out.shrink_to_fit();
    let report = Report {
        findings: out,
        located,
        events: store.events.len(),
    };
    if let Some(snapshot) = snapshot {
        crate::cache::remember_report(snapshot, &report);
    }
    Some(report)
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
