//! The per-event step of a load: each parsed event is checked (text
//! safety, its references to the head, its date) and turned into the
//! store's [`Event`] on the thread that read it, and dropped there. Holding
//! every parsed event until the store was built peaked at the text plus the
//! whole parsed file (~13 MiB at 10,000 events), then left its freed lists
//! as holes between the strings that live on.

use super::{date, event};
use crate::error::Pos;
use crate::finding::Finding;
use crate::model::{EventDef, Text};
use crate::store::{Event, pos};
use crate::yaml::{Events, HeadIds, MAX_SCALAR_BYTES};

/// The step, for the store named `file` in findings.
pub(crate) struct Step<'f> {
    /// The store's name as findings print it.
    pub file: &'f str,
}

/// What the events of one chunk made, in declared order; positions are
/// counted from the chunk's first event until it is joined.
#[derive(Default)]
pub(crate) struct Built {
    /// The events with a valid date.
    pub events: Vec<Event>,
    /// The ids of the events whose date is not valid (they are left out of
    /// the store, but their ids still count), with their declared position.
    pub dropped: Vec<(usize, Text)>,
    /// Every `related` id, with its event's declared position: checked once
    /// every event id is known.
    pub related: Vec<(usize, Text)>,
    /// The other `reference` findings, with their event's declared position.
    pub references: Vec<(usize, Finding)>,
    /// `text-safety` findings.
    pub safety: Vec<Finding>,
    /// `date-valid` findings.
    pub dates: Vec<Finding>,
    /// The first value over [`MAX_SCALAR_BYTES`]: its key, where, its size.
    pub too_long: Option<(&'static str, Pos, usize)>,
    /// How many events were taken.
    pub taken: usize,
}

impl Events for Step<'_> {
    type Out = Built;
    const NEEDS_HEAD: bool = true;

    fn start(&self, room: usize) -> Built {
        Built {
            events: Vec::with_capacity(room),
            ..Built::default()
        }
    }

    fn take(&self, head: &HeadIds<'_>, out: &mut Built, e: EventDef) {
        let (file, i) = (self.file, out.taken);
        out.taken += 1;
        crate::yaml::visit_event(&e, &mut |key, t| {
            if let Some(f) = crate::check::text_safety::field(key, t, file) {
                out.safety.push(f);
            }
            if out.too_long.is_none() && t.value.len() > MAX_SCALAR_BYTES {
                out.too_long = Some((key, pos(t), t.value.len()));
            }
        });
        crate::check::structure::event_references(&e, head, file, |f| {
            out.references.push((i, f));
        });
        out.related.extend(e.related.iter().map(|r| (i, r.clone())));
        match date(file, &e.date, &mut out.dates) {
            Some(d) => out.events.push(event(e, i, d)),
            None => out.dropped.push((i, e.id)),
        }
    }

    fn join(&self, into: &mut Built, more: Built) {
        let at = into.taken;
        into.taken += more.taken;
        into.events.extend(more.events.into_iter().map(|mut e| {
            e.declared += at;
            e
        }));
        let moved = |(i, x)| (i + at, x);
        into.dropped.extend(more.dropped.into_iter().map(moved));
        into.related.extend(more.related.into_iter().map(moved));
        into.references
            .extend(more.references.into_iter().map(|(i, f)| (i + at, f)));
        into.safety.extend(more.safety);
        into.dates.extend(more.dates);
        if into.too_long.is_none() {
            into.too_long = more.too_long;
        }
    }
}

/// The id of the `i`th declared event and where it is written, from the
/// events with a valid date and those without (both in declared order).
pub(crate) fn declared_id<'a>(
    events: &'a [Event],
    dropped: &'a [(usize, Text)],
    i: usize,
) -> (&'a str, Pos) {
    match dropped.binary_search_by_key(&i, |(j, _)| *j) {
        Ok(k) => (dropped[k].1.value.as_str(), pos(&dropped[k].1)),
        Err(k) => {
            let e = &events[i - k];
            (e.id.as_str(), e.pos)
        }
    }
}
