//! Where the readers put each event as soon as it is read: into a list of
//! parsed events ([`Collect`], what [`super::parse`] returns), or through
//! the loader's per-event step, which turns it into the store's event on
//! the thread that read it (its parsed lists are freed at once and reused
//! by the next event's, instead of all being held, then freed as holes).

use std::collections::HashSet;

use crate::model::{EventDef, NamedDef, SourceDef, StoreFile};

/// The ids the per-event rules look events' references up in: the head's
/// sources, actors and places (events' own ids are known only at the end).
pub(crate) struct HeadIds<'a> {
    /// Source ids.
    pub sources: HashSet<&'a str>,
    /// Actor ids.
    pub actors: HashSet<&'a str>,
    /// Place ids.
    pub places: HashSet<&'a str>,
}

impl<'a> HeadIds<'a> {
    /// The ids of these lists.
    pub fn new(sources: &'a [SourceDef], actors: &'a [NamedDef], places: &'a [NamedDef]) -> Self {
        HeadIds {
            sources: sources.iter().map(|s| s.id.value.as_str()).collect(),
            actors: actors.iter().map(|a| a.id.value.as_str()).collect(),
            places: places.iter().map(|p| p.id.value.as_str()).collect(),
        }
    }

    /// The ids of a whole parsed file's head.
    pub fn of(raw: &'a StoreFile) -> Self {
        Self::new(&raw.sources, &raw.actors, &raw.places)
    }
}

/// What is done with each event read, in declared order; the events of
/// one chunk of the text go to one `Out`, and the chunks' outs are joined
/// in order.
pub(crate) trait Events: Sync {
    /// What the events of one chunk make.
    type Out: Send;
    /// Whether [`Events::take`] reads the head's ids: then an event is taken
    /// only once every source, actor and place is known.
    const NEEDS_HEAD: bool;
    /// An empty out with room for about `room` events.
    fn start(&self, room: usize) -> Self::Out;
    /// Takes the next event.
    fn take(&self, head: &HeadIds<'_>, out: &mut Self::Out, e: EventDef);
    /// Appends the next chunk's out to `into`.
    fn join(&self, into: &mut Self::Out, more: Self::Out);
}

/// Events kept as parsed.
pub(crate) struct Collect;

impl Events for Collect {
    type Out = Vec<EventDef>;
    const NEEDS_HEAD: bool = false;
    fn start(&self, room: usize) -> Vec<EventDef> {
        Vec::with_capacity(room)
    }
    fn take(&self, _: &HeadIds<'_>, out: &mut Vec<EventDef>, e: EventDef) {
        out.push(e);
    }
    fn join(&self, into: &mut Vec<EventDef>, more: Vec<EventDef>) {
        // The first chunk's list grows by the others (one copy fewer).
        if into.is_empty() {
            *into = more;
        } else {
            into.extend(more);
        }
    }
}

/// Runs `sink` over the events of a whole parsed file (serde-saphyr's, or
/// one whose head came after its events); the file keeps the rest.
pub(crate) fn drain<S: Events>(sink: &S, raw: &mut StoreFile) -> S::Out {
    let events = std::mem::take(&mut raw.events);
    let head = if S::NEEDS_HEAD {
        HeadIds::of(raw)
    } else {
        HeadIds::new(&[], &[], &[])
    };
    let mut out = sink.start(events.len());
    for e in events {
        sink.take(&head, &mut out, e);
    }
    out
}
