//! What a store snapshot's frames hold: first the store without its events
//! (and the load findings, and how many events follow), then the events in
//! slices of [`EVENTS_PER_FRAME`], so that writing or reading a big store
//! holds one slice's encoding at a time, never the whole.

use serde::{Deserialize, Serialize};

use super::frames::{FrameReader, FrameWriter, Owned};
use super::record::FindingRecord;
use crate::finding::Finding;
use crate::store::{Era, Event, Named, Origin, Source, Store};

/// Events per frame: about a megabyte of encoding for synthetic events.
const EVENTS_PER_FRAME: usize = 2048;
/// Fewest bytes an event takes encoded (one per field at least).
const MIN_EVENT_BYTES: usize = 16;

/// The store as written in the first frame: [`Store`]'s serde fields in
/// their order, borrowed, with no events (an empty list), so that it reads
/// back as a [`Store`] whose events follow in their own frames.
#[derive(Serialize)]
struct StoreRef<'a> {
    title: &'a str,
    description: &'a str,
    sources: &'a [Source],
    actors: &'a [Named],
    places: &'a [Named],
    eras: &'a [Era],
    events: &'a [Event],
    origin: &'a Origin,
}

/// The first frame as written.
#[derive(Serialize)]
struct HeadRef<'a> {
    store: StoreRef<'a>,
    events: u64,
    findings: Vec<FindingRecord>,
}

/// The first frame as read: the same fields in the same order.
#[derive(Deserialize)]
struct Head {
    store: Store,
    events: u64,
    findings: Vec<FindingRecord>,
}

/// Writes the store and its load findings as frames.
pub(super) fn write(
    out: &mut FrameWriter<'_>,
    store: &Store,
    findings: &[Finding],
) -> std::io::Result<()> {
    out.frame(&HeadRef {
        store: StoreRef {
            title: &store.title,
            description: &store.description,
            sources: &store.sources,
            actors: &store.actors,
            places: &store.places,
            eras: &store.eras,
            events: &[],
            origin: &store.origin,
        },
        events: store.events.len() as u64,
        findings: findings.iter().map(FindingRecord::from).collect(),
    })?;
    for slice in store.events.chunks(EVENTS_PER_FRAME) {
        out.frame(&slice)?;
    }
    Ok(())
}

/// The store (its sources' texts not read yet, its lookups not built) and
/// its load findings, when every frame decodes. The caller still checks the
/// trailer ([`FrameReader::finish`]) before using them.
pub(super) fn read(input: &mut FrameReader) -> Option<(Store, Vec<Finding>)> {
    let head: Head = input.frame()?;
    let findings = head
        .findings
        .into_iter()
        .map(FindingRecord::into_finding)
        .collect::<Option<Vec<_>>>()?;
    let mut store = head.store;
    if !store.events.is_empty() {
        return None;
    }
    // Room for every event at once (no regrowth copying 100 000 events),
    // but never more than the rest of the file could hold: an encoded
    // event takes at least MIN_EVENT_BYTES.
    let events: Vec<Event> = input.rows::<Owned<Event>, _>(head.events, MIN_EVENT_BYTES, Some)?;
    store.events = events;
    Some((store, findings))
}
