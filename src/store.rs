//! The checked, ordered chronology: [`Store`], and loading it from YAML.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use compact_str::CompactString;

use crate::date::EventDate;
use crate::error::Pos;
use crate::model::{Status, Text};
use crate::quote::{self, Miss, Normalized};
use crate::sources::SourceProblem;
use ids::Ids;

pub use crate::yaml::MAX_STORE_BYTES;

mod build;
mod ids;
mod load;
mod serial;

pub(crate) use build::read_sources;
pub use load::{Loaded, ToCheck};

/// Where the store came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// The chronology compiled into the binary.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

impl Origin {
    /// The name used in findings: the path, or `events.yaml` for the embedded store.
    pub fn display_name(&self) -> String {
        match self {
            Origin::Embedded => "events.yaml".to_string(),
            Origin::File(p) => p.display().to_string(),
        }
    }
}

/// An archived source text, ready for quote lookup.
#[derive(Debug)]
pub struct SourceText {
    /// The text exactly as archived.
    pub text: String,
    /// The same, normalised for lookup.
    pub normalized: Normalized,
}

/// An archived source.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub publisher: String,
    /// Publication date, when it parses.
    #[serde(with = "serial::opt_date")]
    pub published: Option<EventDate>,
    /// How the publication date was established.
    pub dated_by: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// The path as written in the store.
    pub path: String,
    /// The text, or why it could not be read (read again, never snapshotted).
    #[serde(skip, default = "serial::unread")]
    pub text: Result<Arc<SourceText>, SourceProblem>,
    /// Where the source is declared.
    pub pos: Pos,
}

/// An actor or place with its aliases.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Named {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Description.
    pub note: Option<String>,
}

/// A named span of time.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Era {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The span.
    #[serde(with = "serial::date")]
    pub date: EventDate,
    /// Grouping.
    pub lane: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// A verbatim quote from a source.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Excerpt {
    /// Source id.
    pub source: CompactString,
    /// The words quoted.
    pub quote: Box<str>,
    /// Disambiguating text before.
    pub prefix: Option<Box<str>>,
    /// Disambiguating text after.
    pub suffix: Option<Box<str>>,
    /// Where the quote is written in the store.
    pub pos: Pos,
}

/// Where a source disagrees with the record.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Discrepancy {
    /// Source id.
    pub source: CompactString,
    /// The source's words, when given.
    pub quote: Option<String>,
    /// What the source says.
    pub says: String,
    /// What the record says.
    pub record: String,
    /// Evidence for the record.
    pub basis: String,
}

/// One dated event.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Event {
    /// Stable slug.
    pub id: CompactString,
    /// Its date.
    #[serde(with = "serial::date")]
    pub date: EventDate,
    /// Headline.
    pub title: Box<str>,
    /// Summary ("" when none).
    pub summary: Box<str>,
    /// Place id.
    pub place: Option<CompactString>,
    /// Actor ids.
    pub actors: Box<[CompactString]>,
    /// Tags.
    pub tags: Box<[CompactString]>,
    /// Lane or group.
    pub lane: Option<CompactString>,
    /// Related event ids.
    pub related: Box<[CompactString]>,
    /// Occurred or scheduled.
    pub status: Status,
    /// Not in the sources; context for reading them.
    pub context: bool,
    /// Researcher's note.
    pub note: Option<Box<str>>,
    /// Quotes.
    pub excerpts: Box<[Excerpt]>,
    /// Disagreements with the record.
    pub discrepancies: Box<[Discrepancy]>,
    /// Position in the file's `events:` list.
    pub declared: usize,
    /// Where the event's `id:` is written.
    pub pos: Pos,
}

/// A loaded chronology: events in chronological order, with lookups.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Store {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Sources in declared order.
    pub sources: Vec<Source>,
    /// Actors in declared order.
    pub actors: Vec<Named>,
    /// Places in declared order.
    pub places: Vec<Named>,
    /// Eras, in chronological order.
    pub eras: Vec<Era>,
    /// Events: earliest possible date, then latest, then precision, then
    /// declared order, then id.
    pub events: Vec<Event>,
    /// Where it came from.
    pub origin: Origin,
    #[serde(skip)]
    by_id: Ids,
    #[serde(skip)]
    by_source: Ids,
    #[serde(skip)]
    by_actor: Ids,
    #[serde(skip)]
    by_place: Ids,
}

pub(crate) fn pos(t: &Text) -> Pos {
    Pos {
        line: u64::from(t.line),
        col: u64::from(t.col),
    }
}

impl Store {
    /// Replaces the events (e.g. with generated ones), putting them in
    /// chronological order and re-indexing their ids.
    pub fn replace_events(&mut self, events: Vec<Event>) {
        self.put_events(events);
        self.by_id = Ids::build(self.events.len(), |i| &self.events[i].id);
    }

    /// The events in chronological order, their lookup not rebuilt yet.
    fn put_events(&mut self, mut events: Vec<Event>) {
        events.sort_by(|a, b| {
            a.date
                .chrono_cmp(&b.date)
                .then(a.declared.cmp(&b.declared))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.events = events;
    }

    /// Rebuilds the id lookups (first of each id; later duplicates are
    /// reported by `check`), after building or reading a snapshot.
    pub(crate) fn reindex(&mut self) {
        let (events, sources) = (&self.events, &self.sources);
        let (actors, places) = (&self.actors, &self.places);
        self.by_id = Ids::build(events.len(), |i| &events[i].id);
        self.by_source = Ids::build(sources.len(), |i| &sources[i].id);
        self.by_actor = Ids::build(actors.len(), |i| &actors[i].id);
        self.by_place = Ids::build(places.len(), |i| &places[i].id);
    }

    /// The index (in chronological order) of the event with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id, |i| &self.events[i].id)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index_of(id).map(|i| &self.events[i])
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        (self.by_source.get(id, |i| &self.sources[i].id)).map(|i| &self.sources[i])
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Named> {
        (self.by_actor.get(id, |i| &self.actors[i].id)).map(|i| &self.actors[i])
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Named> {
        (self.by_place.get(id, |i| &self.places[i].id)).map(|i| &self.places[i])
    }

    /// Display name of an actor id (the id itself when unknown).
    pub fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.actor(id).map_or(id, |a| a.name.as_str())
    }

    /// Display name of a place id (the id itself when unknown).
    pub fn place_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.place(id).map_or(id, |a| a.name.as_str())
    }

    /// Eras whose span overlaps the event's date.
    pub fn eras_of<'a>(&'a self, e: &'a Event) -> impl Iterator<Item = &'a Era> + 'a {
        self.eras
            .iter()
            .filter(move |era| e.date.overlaps(era.date.earliest(), era.date.latest()))
    }

    /// Where an excerpt's quote lies in its source text (original byte range).
    pub fn locate(&self, x: &Excerpt) -> Result<(Arc<SourceText>, Range<usize>), LocateError> {
        let src = self.source(&x.source).ok_or(LocateError::UnknownSource)?;
        let text = src.text.as_ref().map_err(|_| LocateError::Unreadable)?;
        quote::locate(
            &text.text,
            &text.normalized,
            &x.quote,
            x.prefix.as_deref(),
            x.suffix.as_deref(),
        )
        .map(|r| (text.clone(), r))
        .map_err(LocateError::Miss)
    }

    /// Every located excerpt citing `source_id`: (event index, excerpt index, range), in text order.
    pub fn citations_of(&self, source_id: &str) -> Vec<(usize, usize, Range<usize>)> {
        let mut out = Vec::new();
        for (ei, e) in self.events.iter().enumerate() {
            for (xi, x) in e.excerpts.iter().enumerate() {
                if x.source == source_id
                    && let Ok((_, r)) = self.locate(x)
                {
                    out.push((ei, xi, r));
                }
            }
        }
        out.sort_by_key(|(ei, xi, r)| (r.start, *ei, *xi));
        out
    }
}

/// Why an excerpt could not be placed in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocateError {
    /// The excerpt names a source the store does not declare.
    UnknownSource,
    /// The source's text could not be read.
    Unreadable,
    /// The quote is not (uniquely) in the text.
    Miss(Miss),
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_event_stays_small() {
        // 488 bytes while its date kept the parsed EDTF tree; a store holds
        // one per event, so growth here is paid a million times over.
        let size = std::mem::size_of::<super::Event>();
        assert!(size <= 328, "Event is {size} bytes");
    }
}
