//! The JSON export: a stable, documented shape (`chronoscope schema --export`
//! prints its JSON Schema).
//!
//! ```text
//! { "format": "chronoscope", "version": 1, "title", "description",
//!   "sources": [..], "actors": [..], "places": [..], "eras": [..],
//!   "events": [{ "id", "date": {edtf, display, words, precision, qualifier,
//!                "interval", "earliest", "latest"}, "title", "summary",
//!                "place", "actors", "tags", "lane", "related", "status",
//!                "context", "note", "excerpts": [..], "discrepancies": [..] }] }
//! ```
//! Version 1 only ever gains optional keys; a renamed or removed key bumps it.

use std::io::{self, Write};

use serde::Serialize;

use super::located::Places;
use super::{View, bounds, citation, safe_json};
use crate::date::EventDate;
use crate::store::{Era, Named, Source};

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

/// A date with its precision spelled out.
#[derive(Debug, Serialize)]
pub struct DateOut {
    /// The EDTF string as written in the store.
    pub edtf: String,
    /// Compact display (`2014-03`, `2014-03-30…31`).
    pub display: String,
    /// In words (`March 2014`).
    pub words: String,
    /// `day`, `month`, `season`, `year`, `decade`, `century` or `era`.
    pub precision: &'static str,
    /// `""`, `approximate`, `uncertain` or `approximate and uncertain`.
    pub qualifier: &'static str,
    /// True for an interval `A/B`.
    pub interval: bool,
    /// First possible day (`YYYY-MM-DD`), null when the start is open or unknown.
    pub earliest: Option<String>,
    /// Last possible day (`YYYY-MM-DD`), null when the end is open or unknown.
    pub latest: Option<String>,
}

impl DateOut {
    /// Describes `d`.
    pub fn new(d: &EventDate) -> Self {
        let (earliest, latest) = bounds(d);
        DateOut {
            edtf: d.edtf().to_string(),
            display: d.compact(),
            words: d.long(),
            precision: d.precision().noun(),
            qualifier: d.qualifier_words(),
            interval: d.is_interval(),
            earliest,
            latest,
        }
    }
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    title: &'a str,
    publisher: &'a str,
    published: Option<DateOut>,
    dated_by: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    language: Option<&'a str>,
    text: &'a str,
    citation: String,
}

#[derive(Serialize)]
struct NamedOut<'a> {
    id: &'a str,
    name: &'a str,
    aliases: &'a [String],
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct EraOut<'a> {
    id: &'a str,
    name: &'a str,
    date: DateOut,
    lane: Option<&'a str>,
    note: Option<&'a str>,
}

/// The document but its events, which are written after it in chunks
/// ([`write()`]): its keys are the document's, in order, but the last.
#[derive(Serialize)]
struct Head<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    description: &'a str,
    sources: Vec<SourceOut<'a>>,
    actors: Vec<NamedOut<'a>>,
    places: Vec<NamedOut<'a>>,
    eras: Vec<EraOut<'a>>,
}

fn source(s: &Source) -> SourceOut<'_> {
    SourceOut {
        id: &s.id,
        title: &s.title,
        publisher: &s.publisher,
        published: s.published.as_ref().map(DateOut::new),
        dated_by: s.dated_by.as_deref(),
        author: s.author.as_deref(),
        url: s.url.as_deref(),
        language: s.language.as_deref(),
        text: &s.path,
        citation: citation(s),
    }
}

fn named(n: &Named) -> NamedOut<'_> {
    NamedOut {
        id: &n.id,
        name: &n.name,
        aliases: &n.aliases,
        note: n.note.as_deref(),
    }
}

fn era(e: &Era) -> EraOut<'_> {
    EraOut {
        id: &e.id,
        name: &e.name,
        date: DateOut::new(&e.date),
        lane: e.lane.as_deref(),
        note: e.note.as_deref(),
    }
}

/// About how long the document will be: a kilobyte of keys and dates per
/// item, plus the event texts (the output buffer is sized once; pages that
/// are not written to are never touched).
fn size_hint(view: &View<'_>) -> usize {
    let s = view.store;
    let items = view.len() + s.sources.len() + s.actors.len() + s.places.len() + s.eras.len();
    let texts: usize = view
        .events()
        .map(|e| {
            let quotes: usize = e.excerpts.iter().map(|x| x.quote.len()).sum();
            e.title.len() + e.summary.len() + e.note.as_deref().map_or(0, str::len) + quotes
        })
        .sum();
    let most = usize::try_from(crate::store::MAX_STORE_BYTES).unwrap_or(usize::MAX);
    (items * 1024 + texts * 5 / 4).min(most)
}

/// Events rendered per chunk (about 400 KB of JSON): enough to keep the
/// workers busy between hand-overs, few enough to stay in the caches.
const CHUNK: usize = 256;

/// Writes the view as pretty-printed JSON (with a final newline) to `out`.
/// Sources, actors, places and eras are always complete; events are the
/// view's, rendered in chunks on every core and written in order as they
/// come, so the document is never held whole.
pub fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let s = view.store;
    let head = Head {
        format: "chronoscope",
        version: VERSION,
        title: &s.title,
        description: &s.description,
        sources: s.sources.iter().map(source).collect(),
        actors: s.actors.iter().map(named).collect(),
        places: s.places.iter().map(named).collect(),
        eras: s.eras.iter().map(era).collect(),
    };
    let mut text = Vec::with_capacity(64 * 1024);
    safe_json::write_pretty_at(&mut text, &head, 0)?;
    // The head ends as every object with keys does; the events key follows
    // its last key instead.
    let open = text
        .strip_suffix(b"\n}")
        .ok_or_else(|| io::Error::other("the JSON head is not an object"))?;
    out.write_all(open)?;
    out.write_all(b",\n  \"events\": [")?;
    let places = Places::new(s, view.checked);
    let chunks: Vec<&[usize]> = view.indices.chunks(CHUNK).collect();
    let render = |c: usize, buffer: &mut Vec<u8>| -> io::Result<()> {
        for (k, &i) in chunks[c].iter().enumerate() {
            let first = c == 0 && k == 0;
            buffer.extend_from_slice(if first { b"\n    " } else { b",\n    " });
            super::json_event::write(buffer, &s.events[i], i, &places, 2);
        }
        Ok(())
    };
    super::chunks::write_in_order(chunks.len(), render, out)?;
    out.write_all(if view.is_empty() { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

/// The view as pretty-printed JSON (with a final newline), held whole (see
/// [`write()`] to stream it).
pub fn to_string(view: &View<'_>) -> String {
    super::in_memory(size_hint(view), |out| write(view, out)).0
}

/// The view with its report (this format holds every event).
pub fn export(view: &View<'_>) -> super::Exported {
    super::complete(view, to_string(view))
}

/// Writes the view to `out` ([`write()`]); the report of what it holds.
pub fn export_to(view: &View<'_>, out: &mut dyn Write) -> io::Result<super::Report> {
    write(view, out)?;
    Ok(super::Report::new(super::Unit::Events, view.len()))
}
