//! Building a [`Store`] from the parsed file. The file's values are moved,
//! not copied, so the spanned file and the store never both hold the text
//! (a 100 000-event store peaked at twice its text while both lived).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use compact_str::CompactString;

mod step;

pub(crate) use step::{Built, Step};

use super::ids::Ids;
use super::{Discrepancy, Era, Event, Excerpt, Named, Origin, Source, SourceText, Store, pos};
use crate::check::structure::{self, EventIds};
use crate::date::EventDate;
use crate::finding::Finding;
use crate::model::{NamedDef, StoreFile, Text};
use crate::quote::Normalized;
use crate::sources::{Resolver, SourceProblem};

fn opt(t: Option<Text>) -> Option<String> {
    t.map(|t| t.value)
}

/// `v` mapped into a new list of exactly its length. A plain `collect`
/// would take over `v`'s buffer in place: sized for the file's bigger
/// spanned values and grown by doubling while read, at 100,000 events that
/// kept 50 MB of slack (198 MB live against 148 MB for the same store read
/// from a snapshot).
fn exact<T, U>(v: Vec<T>, f: impl FnMut(T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(v.len());
    out.extend(v.into_iter().map(f));
    out
}

fn strings(v: Vec<Text>) -> Vec<String> {
    exact(v, |t| t.value)
}

/// An id, tag or lane: held inline when it fits (see `Event`).
fn short(t: Text) -> CompactString {
    CompactString::from(t.value)
}

/// A long text held without a spare capacity field (16 bytes, not 24).
fn boxed(t: Text) -> Box<str> {
    t.value.into_boxed_str()
}

fn opt_short(t: Option<Text>) -> Option<CompactString> {
    t.map(short)
}

fn shorts(v: Vec<Text>) -> Box<[CompactString]> {
    exact(v, short).into()
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

/// Reads every source text once per file (shared by all sources naming it),
/// in declared order: the text, or why it could not be read.
pub(crate) fn read_sources<'a>(
    resolver: &Resolver,
    paths: impl Iterator<Item = &'a str>,
) -> Vec<Result<Arc<SourceText>, SourceProblem>> {
    let mut cache: HashMap<String, Result<Arc<SourceText>, SourceProblem>> = HashMap::new();
    paths
        .map(|rel| {
            cache
                .entry(source_identity(resolver, rel))
                .or_insert_with(|| {
                    resolver.read(rel).map(|text| {
                        let normalized = Normalized::new(&text);
                        Arc::new(SourceText { text, normalized })
                    })
                })
                .clone()
        })
        .collect()
}

fn date(file: &str, t: &Text, findings: &mut Vec<Finding>) -> Option<EventDate> {
    match EventDate::parse(&t.value) {
        Ok(d) => Some(d),
        Err(e) => {
            findings.push(Finding::error(file, pos(t), "date-valid", format!("{e}")));
            None
        }
    }
}

fn named(v: Vec<NamedDef>) -> Vec<Named> {
    exact(v, |n| Named {
        id: n.id.value,
        name: n.name.value,
        aliases: strings(n.aliases),
        note: opt(n.note),
    })
}

fn sources(
    raw: Vec<crate::model::SourceDef>,
    resolver: &Resolver,
    file: &str,
    findings: &mut Vec<Finding>,
) -> Vec<Source> {
    let texts = read_sources(resolver, raw.iter().map(|s| s.text.value.as_str()));
    raw.into_iter()
        .zip(texts)
        .map(|(s, text)| {
            if let Err(problem) = &text {
                findings.push(Finding::error(
                    file,
                    pos(&s.text),
                    "source-file",
                    format!(
                        "source `{}`: text path `{}` {problem}",
                        s.id.value, s.text.value
                    ),
                ));
            }
            Source {
                published: date(file, &s.published, findings),
                pos: pos(&s.id),
                id: s.id.value,
                title: s.title.value,
                publisher: s.publisher.value,
                dated_by: opt(s.dated_by),
                author: opt(s.author),
                url: opt(s.url),
                language: opt(s.language),
                path: s.text.value,
                text,
            }
        })
        .collect()
}

fn event(e: crate::model::EventDef, declared: usize, date: EventDate) -> Event {
    Event {
        pos: pos(&e.id),
        id: short(e.id),
        date,
        title: boxed(e.title),
        summary: e.summary.map(boxed).unwrap_or_default(),
        place: opt_short(e.place),
        actors: shorts(e.actors),
        tags: shorts(e.tags),
        lane: opt_short(e.lane),
        related: shorts(e.related),
        status: e.status.map(|s| s.value).unwrap_or_default(),
        context: e.context.is_some_and(|c| c.value),
        note: e.note.map(boxed),
        excerpts: exact(e.excerpts, |x| Excerpt {
            pos: pos(&x.quote),
            source: short(x.source),
            quote: boxed(x.quote),
            prefix: x.prefix.map(boxed),
            suffix: x.suffix.map(boxed),
        })
        .into(),
        discrepancies: exact(e.discrepancies, |x| Discrepancy {
            source: short(x.source),
            quote: opt(x.quote),
            says: x.says.value,
            record: x.record.value,
            basis: x.basis.value,
        })
        .into(),
        declared,
    }
}

/// `id-unique` (the events', then the head's lists') and `reference` (an
/// event's `related` ids, looked up among every event's, before its other
/// references, which the step checked).
fn identities<'a>(
    head: &StoreFile,
    ids: &EventIds<impl Fn(usize) -> (&'a str, crate::error::Pos)>,
    related: &[(usize, Text)],
    references: Vec<(usize, Finding)>,
    file: &str,
    findings: &mut Vec<Finding>,
) {
    let first = ids.check(file, findings);
    structure::head_ids_unique(head, file, findings);
    ids.related(&first, related, references, file, findings);
}

/// The store, from the parsed file's head (its events already taken by
/// [`Step`]) and what the step made; every finding of loading goes to
/// `findings`, in the order the rules always gave them: `id-unique`
/// (events, then the head's lists), `reference`, `text-safety`, then
/// sources, eras and events (`source-file`, `date-valid`).
pub(super) fn build(
    head: StoreFile,
    built: Built,
    origin: Origin,
    resolver: &Resolver,
    findings: &mut Vec<Finding>,
) -> Store {
    let file = origin.display_name();
    let Built {
        mut events,
        dropped,
        related,
        references,
        mut safety,
        mut dates,
        taken,
        ..
    } = built;
    let ids = EventIds {
        id: |i| step::declared_id(&events, &dropped, i),
        n: taken,
    };
    identities(&head, &ids, &related, references, &file, findings);
    drop((related, dropped));
    crate::check::text_safety::head_fields(&head, &file, findings);
    findings.append(&mut safety);
    // Dates are reported section by section, as the file declares them.
    let sources = sources(head.sources, resolver, &file, findings);
    let mut eras: Vec<Era> = head
        .eras
        .into_iter()
        .filter_map(|e| {
            Some(Era {
                date: date(&file, &e.date, findings)?,
                id: e.id.value,
                name: e.name.value,
                lane: opt(e.lane),
                note: opt(e.note),
            })
        })
        .collect();
    eras.sort_by(|a, b| a.date.chrono_cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    findings.append(&mut dates);
    // Room reserved for the events the text might hold, not kept.
    events.shrink_to_fit();
    let mut store = Store {
        title: head.title.value,
        description: opt(head.description).unwrap_or_default(),
        sources,
        actors: named(head.actors),
        places: named(head.places),
        eras,
        events: Vec::new(),
        origin,
        by_id: Ids::default(),
        by_source: Ids::default(),
        by_actor: Ids::default(),
        by_place: Ids::default(),
    };
    // Ordered in place first, by the very order `put_events` sorts by (its
    // declared positions are unique here, so no two events tie and the
    // order is the same): its stable sort then finds one run and merges
    // nothing, leaving its scratch (as large as the list: 3.3 MB at 10,000
    // events) untouched, while the list is the biggest thing a load makes.
    events.sort_unstable_by(|a, b| a.date.chrono_cmp(&b.date).then(a.declared.cmp(&b.declared)));
    // Then every lookup built once.
    store.put_events(events);
    store.reindex();
    store
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    /// A store read from YAML holds its lists at their length, as one read
    /// from a snapshot does: no buffer of the parsed file is kept in place
    /// (an event's own lists are boxed slices, which hold no spare room).
    #[test]
    fn a_built_store_keeps_no_slack_in_its_lists() {
        let store = Store::load_embedded()
            .expect("the built-in store loads")
            .store;
        assert!(store.events.len() > 10);
        assert_eq!(store.events.capacity(), store.events.len());
        for n in store.actors.iter().chain(&store.places) {
            assert_eq!(n.aliases.capacity(), n.aliases.len(), "{}", n.id);
        }
        assert_eq!(store.actors.capacity(), store.actors.len());
    }
}
