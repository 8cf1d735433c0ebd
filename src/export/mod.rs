//! Interchange formats: the whole store, or a filtered view of it, as JSON,
//! CSV, Markdown, iCalendar, TimelineJS 3 JSON and CSL-JSON.
//!
//! Every exporter takes a [`View`] (events in chronological order); its
//! `export` returns the document with a [`Report`] of what it holds and what
//! the format could not (`to_string` is the document alone);
//! [`write::write_atomic`] puts it in a file. A format that can also write
//! its document as it makes it (JSON: [`chunks`] renders it on every core)
//! registers a [`Writer`], so that a big export is never held whole.
//! Nothing here touches the terminal.
//!
//! Adding a format is one new file `src/export/NAME.rs` (with an `export`
//! function returning [`Exported`]) and one line in the `formats!` list
//! below: that line declares the module and registers it in [`FORMATS`],
//! from which `chronoscope export --format`, its help and the shell
//! completions are built.

pub mod chunks;
mod json_event;
pub mod located;
mod pretty;
pub mod report;
pub mod safe_json;
pub mod schema;
pub mod write;

pub use report::{Exported, Report, Unit};

/// An export format as the command line offers it.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// Its `--format` value.
    pub name: &'static str,
    /// A file name to suggest for it.
    pub file_name: &'static str,
    /// Its name in reports ("wrote 55 events as iCalendar").
    pub title: &'static str,
    /// One line for `--help`.
    pub about: &'static str,
    /// The document for a view with the report of what it holds; the time is
    /// the stamp of formats that carry one (iCalendar's DTSTAMP).
    pub render: fn(&View<'_>, chrono::DateTime<chrono::Utc>) -> Exported,
    /// For a format that can stream: the same document written to a writer
    /// as it is made (never held whole), with its report.
    pub write: Option<Writer>,
}

/// Writes a view's document to a writer as it is made; returns the report.
pub type Writer = fn(
    &View<'_>,
    chrono::DateTime<chrono::Utc>,
    &mut dyn std::io::Write,
) -> std::io::Result<Report>;

/// Declares each format's module and lists it in [`FORMATS`].
macro_rules! formats {
    ($($module:ident: $name:literal, $file:literal, $title:literal, $about:literal, $render:expr, $write:expr;)*) => {
        $(pub mod $module;)*
        /// Every export format, in the order `--format` lists them.
        pub const FORMATS: &[Format] = &[$(Format {
            name: $name,
            file_name: $file,
            title: $title,
            about: $about,
            render: $render,
            write: $write,
        }),*];
    };
}

#[rustfmt::skip]
formats! {
    json: "json", "export.json", "chronoscope JSON", "chronoscope's JSON shape, version 1 (schema: `chronoscope schema --export`)", |view, _| json::export(view), Some(|view, _, out| json::export_to(view, out));
    csv: "csv", "events.csv", "CSV", "One row per event (RFC 4180), spreadsheet-safe", |view, _| csv::export(view), Some(|view, _, out| csv::export_to(view, out));
    markdown: "md", "chronology.md", "Markdown", "A chronology with footnoted citations, to paste into a paper", |view, _| markdown::export(view), Some(|view, _, out| markdown::export_to(view, out));
    ics: "ics", "events.ics", "iCalendar", "iCalendar (RFC 5545) all-day events", ics::export, Some(ics::write);
    timelinejs: "timelinejs", "timeline.json", "TimelineJS 3 JSON", "TimelineJS 3 JSON", |view, _| timelinejs::export(view), Some(|view, _, out| timelinejs::write(view, out));
    csl: "csl", "sources.csl.json", "CSL-JSON", "CSL-JSON references for the sources", |view, _| csl::export(view), None;
}

/// The format named `name` (a `--format` value).
pub fn format(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

use crate::date::{Edge, EventDate};
use crate::store::{Event, Excerpt, Source, Store};

/// A selection of a store's events, in chronological order.
#[derive(Debug, Clone)]
pub struct View<'a> {
    /// The store the events belong to.
    pub store: &'a Store,
    /// Indices into `store.events`, ascending (so chronological).
    pub indices: Vec<usize>,
    /// The check report of this very store, when known: the excerpts'
    /// places are read from it rather than looked up ([`located`]).
    pub checked: Option<&'a crate::check::Report>,
}

impl<'a> View<'a> {
    /// Every event of the store.
    pub fn all(store: &'a Store) -> Self {
        View {
            store,
            indices: (0..store.events.len()).collect(),
            checked: None,
        }
    }

    /// The events with some day within the span from the start of `from` to
    /// the end of `to` (either may be open).
    pub fn between(store: &'a Store, from: Option<&EventDate>, to: Option<&EventDate>) -> Self {
        let lo = from.map_or(Edge::Before, EventDate::earliest);
        let hi = to.map_or(Edge::After, EventDate::latest);
        View {
            store,
            indices: (0..store.events.len())
                .filter(|&i| store.events[i].date.overlaps(lo, hi))
                .collect(),
            checked: None,
        }
    }

    /// The same view, with the check report of its store when one is known.
    #[must_use]
    pub fn with_report(mut self, checked: Option<&'a crate::check::Report>) -> Self {
        self.checked = checked;
        self
    }

    /// Keeps only the events whose index is in `keep` (any order).
    pub fn retain(&mut self, keep: &[usize]) {
        let set: std::collections::HashSet<usize> = keep.iter().copied().collect();
        self.indices.retain(|i| set.contains(i));
    }

    /// The selected events, in chronological order.
    pub fn events(&self) -> impl Iterator<Item = &'a Event> + '_ {
        self.indices.iter().map(|&i| &self.store.events[i])
    }

    /// Number of selected events.
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }
}

/// `Kyodo News, “Title”, 14–15 July 2023 (by Author), <url>`: a full citation
/// of a source in plain text.
pub fn citation(source: &Source) -> String {
    let mut s = format!("{}, “{}”", source.publisher, source.title);
    if let Some(d) = &source.published {
        s.push_str(", ");
        s.push_str(&d.long());
    }
    if let Some(a) = &source.author {
        s.push_str(", by ");
        s.push_str(a);
    }
    if let Some(u) = &source.url {
        s.push_str(", ");
        s.push_str(u);
    }
    s
}

/// Where an excerpt sits in its archived text: "assets/sources/x.txt, line 12,
/// column 5", or `None` when it cannot be located (`check` reports why).
pub fn location(store: &Store, x: &Excerpt) -> Option<(String, u64, u64)> {
    let (text, range) = store.locate(x).ok()?;
    let (line, col) = crate::quote::line_col(&text.text, range.start);
    let path = store.source(&x.source).map(|s| s.path.clone())?;
    Some((path, line, col))
}

/// The citation of an excerpt: the source's citation plus where the quote is
/// in the archived text; the bare source id when the source is unknown.
pub fn excerpt_citation(store: &Store, x: &Excerpt) -> String {
    let Some(src) = store.source(&x.source) else {
        return format!("unknown source `{}`", x.source);
    };
    match location(store, x) {
        Some((path, line, col)) => format!(
            "{} (archived text {path}, line {line}, column {col})",
            citation(src)
        ),
        None => citation(src),
    }
}

/// Removes hazardous characters (controls, bidi overrides, invisibles) from
/// store text destined for a file; keeps newlines and tabs. The text between
/// hazards is copied a run at a time (a character at a time, this was a
/// fifth of an iCalendar export).
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (i, c, _) in crate::sanitize::hazards(s) {
        out.push_str(&s[start..i]);
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
    out
}

/// The full stop a sentence ending in `s` still needs: none when `s` already
/// ends a sentence, also inside a closing quote or bracket (`…Japan.”`), so
/// no export writes `.”.` or `..`.
pub fn full_stop(s: &str) -> &'static str {
    let t = s
        .trim_end()
        .trim_end_matches(['”', '’', '"', '\'', ')', ']', '»']);
    if t.ends_with(['.', '!', '?', '…']) {
        ""
    } else {
        "."
    }
}

/// The day a date's span starts and ends, as `YYYY-MM-DD`, `None` when open.
pub fn bounds(date: &EventDate) -> (Option<String>, Option<String>) {
    let f = |e: Edge| e.day().map(|d| d.to_string());
    (f(date.earliest()), f(date.latest()))
}

/// The two ends of a date as dates of their own: `(start, Some(end))` for an
/// interval with both ends known, `(date, None)` for a single date; an open or
/// unknown end (`..`, empty) is `None`.
pub fn endpoints(date: &EventDate) -> (Option<EventDate>, Option<EventDate>) {
    if !date.is_interval() {
        return (Some(date.clone()), None);
    }
    let Some((s, e)) = date.edtf().split_once('/') else {
        return (Some(date.clone()), None);
    };
    let side = |x: &str| EventDate::parse(x).ok();
    (side(s), side(e))
}

/// The document `write` writes, held whole in memory with what `write`
/// returns (`capacity` bytes reserved first). Writing to memory cannot fail
/// and every format writes UTF-8 (it is built from strings).
pub fn in_memory<T>(
    capacity: usize,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<T>,
) -> (String, T) {
    let mut out = Vec::with_capacity(capacity);
    let done = write(&mut out).expect("writing to memory cannot fail");
    let text = String::from_utf8(out).expect("the exports write UTF-8");
    (text, done)
}

/// An export that holds every event of the view.
pub fn complete(view: &View<'_>, text: String) -> Exported {
    Exported {
        text,
        report: Report::new(Unit::Events, view.len()),
    }
}

/// `[year, month, day]` only as far as the date is known: `[2014, 3]` for
/// `2014-03`, `[1987]` for `1987`; a season, decade or century gives its
/// first year only (the exact form stays in the EDTF string).
pub fn parts(date: &EventDate) -> Option<Vec<i64>> {
    use crate::date::Precision;
    let d = date.earliest().day()?;
    Some(match date.precision() {
        Precision::Day => vec![d.year, d.month.into(), d.day.into()],
        Precision::Month => vec![d.year, d.month.into()],
        _ => vec![d.year],
    })
}
