//! The checked, ordered chronology: [`Store`], and loading it from YAML.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::date::EventDate;
use crate::error::{LoadError, Pos};
use crate::finding::Finding;
use crate::model::{Status, StoreFile, Text};
use crate::quote::{self, Miss, Normalized};
use crate::sources::{Resolver, SourceProblem};

pub use crate::yaml::MAX_STORE_BYTES;

/// Where the store came from.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone)]
pub struct Source {
    /// Stable id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Outlet.
    pub publisher: String,
    /// Publication date, when it parses.
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
    /// The text, or why it could not be read.
    pub text: Result<Arc<SourceText>, SourceProblem>,
    /// Where the source is declared.
    pub pos: Pos,
}

/// An actor or place with its aliases.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub struct Era {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The span.
    pub date: EventDate,
    /// Grouping.
    pub lane: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// A verbatim quote from a source.
#[derive(Debug, Clone)]
pub struct Excerpt {
    /// Source id.
    pub source: String,
    /// The words quoted.
    pub quote: String,
    /// Disambiguating text before.
    pub prefix: Option<String>,
    /// Disambiguating text after.
    pub suffix: Option<String>,
    /// Where the quote is written in the store.
    pub pos: Pos,
}

/// Where a source disagrees with the record.
#[derive(Debug, Clone)]
pub struct Discrepancy {
    /// Source id.
    pub source: String,
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
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable slug.
    pub id: String,
    /// Its date.
    pub date: EventDate,
    /// Headline.
    pub title: String,
    /// Summary ("" when none).
    pub summary: String,
    /// Place id.
    pub place: Option<String>,
    /// Actor ids.
    pub actors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Lane or group.
    pub lane: Option<String>,
    /// Related event ids.
    pub related: Vec<String>,
    /// Occurred or scheduled.
    pub status: Status,
    /// Not in the sources; context for reading them.
    pub context: bool,
    /// Researcher's note.
    pub note: Option<String>,
    /// Quotes.
    pub excerpts: Vec<Excerpt>,
    /// Disagreements with the record.
    pub discrepancies: Vec<Discrepancy>,
    /// Position in the file's `events:` list.
    pub declared: usize,
    /// Where the event's `id:` is written.
    pub pos: Pos,
}

/// A loaded chronology: events in chronological order, with lookups.
#[derive(Debug, Clone)]
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
    by_id: HashMap<String, usize>,
    by_source: HashMap<String, usize>,
    by_actor: HashMap<String, usize>,
    by_place: HashMap<String, usize>,
}

/// First index of each id (later duplicates are reported by `check`).
fn index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.to_string()).or_insert(i);
    }
    map
}

/// A store plus what loading noticed, plus the raw file for rules that need positions.
pub struct Loaded {
    /// The store.
    pub store: Store,
    /// The file as written.
    pub raw: StoreFile,
    /// Problems found while building the store (bad dates, unreadable sources).
    pub findings: Vec<Finding>,
}

pub(crate) fn pos(t: &Text) -> Pos {
    Pos {
        line: t.referenced.line(),
        col: t.referenced.column(),
    }
}

fn opt(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.value.clone())
}

fn strings(v: &[Text]) -> Vec<String> {
    v.iter().map(|t| t.value.clone()).collect()
}

/// One key per file, however its path is spelled (`a.txt`, `./a.txt`, a
/// symlink to it), so each archived text is read and indexed once.
fn source_identity(resolver: &Resolver, rel: &str) -> String {
    let lexical: PathBuf = Path::new(rel)
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    match resolver {
        Resolver::Folder(root) => root
            .join(&lexical)
            .canonicalize()
            .unwrap_or_else(|_| lexical.clone())
            .to_string_lossy()
            .into_owned(),
        Resolver::Embedded => lexical.to_string_lossy().into_owned(),
    }
}

impl Store {
    /// Loads the chronology compiled into the binary.
    pub fn load_embedded() -> Result<Loaded, LoadError> {
        Self::load_str(
            crate::sources::EMBEDDED_STORE,
            Origin::Embedded,
            &Resolver::Embedded,
        )
    }

    /// Loads a store file from disk; its sources are read relative to its folder.
    pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
        let text = crate::yaml::read_store_file(path)?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Self::load_str(
            &text,
            Origin::File(path.to_path_buf()),
            &Resolver::Folder(folder),
        )
    }

    /// Loads the embedded store, or the file at `path` when given.
    pub fn open(path: Option<&Path>) -> Result<Loaded, LoadError> {
        match path {
            Some(p) => Self::load_path(p),
            None => Self::load_embedded(),
        }
    }

    /// Loads a store from YAML text.
    pub fn load_str(yaml: &str, origin: Origin, resolver: &Resolver) -> Result<Loaded, LoadError> {
        let name = origin.display_name();
        let raw = crate::yaml::parse(yaml, Path::new(&name))?;
        let mut findings = Vec::new();
        let store = Self::build(&raw, origin, resolver, &mut findings);
        Ok(Loaded {
            store,
            raw,
            findings,
        })
    }

    fn build(
        raw: &StoreFile,
        origin: Origin,
        resolver: &Resolver,
        findings: &mut Vec<Finding>,
    ) -> Store {
        let file = origin.display_name();
        let mut date = |t: &Text, rule: &'static str| match EventDate::parse(&t.value) {
            Ok(d) => Some(d),
            Err(e) => {
                findings.push(Finding::error(&file, pos(t), rule, format!("{e}")));
                None
            }
        };
        let sources_dates: Vec<Option<EventDate>> = raw
            .sources
            .iter()
            .map(|s| date(&s.published, "date-valid"))
            .collect();
        let eras_dates: Vec<Option<EventDate>> = raw
            .eras
            .iter()
            .map(|e| date(&e.date, "date-valid"))
            .collect();
        let event_dates: Vec<Option<EventDate>> = raw
            .events
            .iter()
            .map(|e| date(&e.date, "date-valid"))
            .collect();

        let mut sources = Vec::with_capacity(raw.sources.len());
        let mut cache: HashMap<String, Result<Arc<SourceText>, SourceProblem>> = HashMap::new();
        for (s, published) in raw.sources.iter().zip(sources_dates) {
            let text = cache
                .entry(source_identity(resolver, &s.text.value))
                .or_insert_with(|| {
                    resolver.read(&s.text.value).map(|text| {
                        let normalized = Normalized::new(&text);
                        Arc::new(SourceText { text, normalized })
                    })
                })
                .clone();
            if let Err(problem) = &text {
                findings.push(Finding::error(
                    &file,
                    pos(&s.text),
                    "source-file",
                    format!(
                        "source `{}`: text path `{}` {problem}",
                        s.id.value, s.text.value
                    ),
                ));
            }
            sources.push(Source {
                id: s.id.value.clone(),
                title: s.title.value.clone(),
                publisher: s.publisher.value.clone(),
                published,
                dated_by: opt(&s.dated_by),
                author: opt(&s.author),
                url: opt(&s.url),
                language: opt(&s.language),
                path: s.text.value.clone(),
                text,
                pos: pos(&s.id),
            });
        }
        let named = |v: &[crate::model::NamedDef]| -> Vec<Named> {
            v.iter()
                .map(|n| Named {
                    id: n.id.value.clone(),
                    name: n.name.value.clone(),
                    aliases: strings(&n.aliases),
                    note: opt(&n.note),
                })
                .collect()
        };
        let mut eras: Vec<Era> = raw
            .eras
            .iter()
            .zip(eras_dates)
            .filter_map(|(e, d)| {
                Some(Era {
                    id: e.id.value.clone(),
                    name: e.name.value.clone(),
                    date: d?,
                    lane: opt(&e.lane),
                    note: opt(&e.note),
                })
            })
            .collect();
        eras.sort_by(|a, b| a.date.chrono_cmp(&b.date).then_with(|| a.id.cmp(&b.id)));

        let mut events: Vec<Event> = raw
            .events
            .iter()
            .zip(event_dates)
            .enumerate()
            .filter_map(|(i, (e, d))| {
                Some(Event {
                    id: e.id.value.clone(),
                    date: d?,
                    title: e.title.value.clone(),
                    summary: opt(&e.summary).unwrap_or_default(),
                    place: opt(&e.place),
                    actors: strings(&e.actors),
                    tags: strings(&e.tags),
                    lane: opt(&e.lane),
                    related: strings(&e.related),
                    status: e.status.as_ref().map(|s| s.value).unwrap_or_default(),
                    context: e.context.as_ref().is_some_and(|c| c.value),
                    note: opt(&e.note),
                    excerpts: e
                        .excerpts
                        .iter()
                        .map(|x| Excerpt {
                            source: x.source.value.clone(),
                            quote: x.quote.value.clone(),
                            prefix: opt(&x.prefix),
                            suffix: opt(&x.suffix),
                            pos: pos(&x.quote),
                        })
                        .collect(),
                    discrepancies: e
                        .discrepancies
                        .iter()
                        .map(|x| Discrepancy {
                            source: x.source.value.clone(),
                            quote: opt(&x.quote),
                            says: x.says.value.clone(),
                            record: x.record.value.clone(),
                            basis: x.basis.value.clone(),
                        })
                        .collect(),
                    declared: i,
                    pos: pos(&e.id),
                })
            })
            .collect();
        events.sort_by(|a, b| {
            a.date
                .chrono_cmp(&b.date)
                .then(a.declared.cmp(&b.declared))
                .then_with(|| a.id.cmp(&b.id))
        });
        let by_id = index(events.iter().map(|e| e.id.as_str()));
        let actors = named(&raw.actors);
        let places = named(&raw.places);
        Store {
            by_source: index(sources.iter().map(|s| s.id.as_str())),
            by_actor: index(actors.iter().map(|s| s.id.as_str())),
            by_place: index(places.iter().map(|s| s.id.as_str())),
            title: raw.title.value.clone(),
            description: opt(&raw.description).unwrap_or_default(),
            sources,
            actors,
            places,
            eras,
            events,
            origin,
            by_id,
        }
    }

    /// Replaces the events (e.g. with generated ones), putting them in
    /// chronological order and re-indexing their ids.
    pub fn replace_events(&mut self, mut events: Vec<Event>) {
        events.sort_by(|a, b| {
            a.date
                .chrono_cmp(&b.date)
                .then(a.declared.cmp(&b.declared))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.by_id = HashMap::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            self.by_id.entry(e.id.clone()).or_insert(i);
        }
        self.events = events;
    }

    /// The index (in chronological order) of the event with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index_of(id).map(|i| &self.events[i])
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.by_source.get(id).map(|&i| &self.sources[i])
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Named> {
        self.by_actor.get(id).map(|&i| &self.actors[i])
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Named> {
        self.by_place.get(id).map(|&i| &self.places[i])
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
