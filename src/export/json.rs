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

use serde::{Serialize, Serializer};

use super::located::Locations;
use super::{View, bounds, citation};
use crate::date::EventDate;
use crate::model::Status;
use crate::store::{Era, Event, Named, Source};

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

#[derive(Serialize)]
struct Located {
    text: String,
    line: u64,
    column: u64,
}

#[derive(Serialize)]
struct ExcerptOut<'a> {
    source: &'a str,
    quote: &'a str,
    prefix: Option<&'a str>,
    suffix: Option<&'a str>,
    /// Where the quote is in the archived text; null when not found.
    located: Option<Located>,
}

#[derive(Serialize)]
struct DiscrepancyOut<'a> {
    source: &'a str,
    quote: Option<&'a str>,
    says: &'a str,
    record: &'a str,
    basis: &'a str,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    date: DateOut,
    title: &'a str,
    summary: &'a str,
    place: Option<&'a str>,
    actors: &'a [String],
    tags: &'a [String],
    lane: Option<&'a str>,
    related: &'a [String],
    status: Status,
    context: bool,
    note: Option<&'a str>,
    excerpts: Vec<ExcerptOut<'a>>,
    discrepancies: Vec<DiscrepancyOut<'a>>,
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    title: &'a str,
    description: &'a str,
    sources: Vec<SourceOut<'a>>,
    actors: Vec<NamedOut<'a>>,
    places: Vec<NamedOut<'a>>,
    eras: Vec<EraOut<'a>>,
    events: Events<'a>,
}

/// The view's events, each described only as it is written: the whole list
/// of descriptions would be held at once for nothing (as big as the store).
struct Events<'a> {
    view: &'a View<'a>,
    places: Locations,
}

impl Serialize for Events<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let events = self.view.events().enumerate();
        s.collect_seq(events.map(|(pos, e)| event(e, &self.places, pos)))
    }
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

/// Event `e`, at position `pos` of the view whose excerpts' places are `places`.
fn event<'a>(e: &'a Event, places: &Locations, pos: usize) -> EventOut<'a> {
    EventOut {
        id: &e.id,
        date: DateOut::new(&e.date),
        title: &e.title,
        summary: &e.summary,
        place: e.place.as_deref(),
        actors: &e.actors,
        tags: &e.tags,
        lane: e.lane.as_deref(),
        related: &e.related,
        status: e.status,
        context: e.context,
        note: e.note.as_deref(),
        excerpts: e
            .excerpts
            .iter()
            .enumerate()
            .map(|(i, x)| ExcerptOut {
                source: &x.source,
                quote: &x.quote,
                prefix: x.prefix.as_deref(),
                suffix: x.suffix.as_deref(),
                located: places.get(pos, i).map(|(text, line, column)| Located {
                    text: text.clone(),
                    line: *line,
                    column: *column,
                }),
            })
            .collect(),
        discrepancies: e
            .discrepancies
            .iter()
            .map(|d| DiscrepancyOut {
                source: &d.source,
                quote: d.quote.as_deref(),
                says: &d.says,
                record: &d.record,
                basis: &d.basis,
            })
            .collect(),
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
            e.title.len() + e.summary.len() + e.note.as_ref().map_or(0, String::len) + quotes
        })
        .sum();
    let most = usize::try_from(crate::store::MAX_STORE_BYTES).unwrap_or(usize::MAX);
    (items * 1024 + texts * 5 / 4).min(most)
}

/// The view as pretty-printed JSON (with a final newline). Sources, actors,
/// places and eras are always complete; events are the view's.
pub fn to_string(view: &View<'_>) -> String {
    let s = view.store;
    let doc = Document {
        format: "chronoscope",
        version: VERSION,
        title: &s.title,
        description: &s.description,
        sources: s.sources.iter().map(source).collect(),
        actors: s.actors.iter().map(named).collect(),
        places: s.places.iter().map(named).collect(),
        eras: s.eras.iter().map(era).collect(),
        events: Events {
            view,
            places: Locations::of(view),
        },
    };
    let mut out =
        super::safe_json::to_string_pretty_in(&doc, size_hint(view)).expect("plain data serialises");
    out.push('\n');
    out
}

/// The view with its report (this format holds every event).
pub fn export(view: &View<'_>) -> super::Exported {
    super::complete(view, to_string(view))
}
