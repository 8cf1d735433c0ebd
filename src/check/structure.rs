//! The rules that need the parsed file's positions (`id-unique`,
//! `reference`; `text-safety` of every field is in [`super::text_safety`]),
//! run by the loader while the file is read, so the store need not keep it.
//! They are split by what they need: the head alone (its ids), one event
//! and the head (its references to sources, actors and places), and every
//! event (event ids unique, `related` references), run at the end.

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};

use crate::error::Pos;
use crate::finding::Finding;
use crate::model::{EventDef, StoreFile, Text};
use crate::store::pos;
use crate::yaml::HeadIds;

fn empty_id(kind: &str, file: &str, at: Pos) -> Finding {
    Finding::error(
        file,
        at,
        "id-unique",
        format!("{kind} id is empty; give it a stable slug"),
    )
}

fn duplicate(kind: &str, id: &str, first: Pos, file: &str, at: Pos) -> Finding {
    Finding::error(
        file,
        at,
        "id-unique",
        format!(
            "duplicate {kind} id `{id}` (first declared at line {}); ids must be unique",
            first.line
        ),
    )
}

/// `id-unique` for the head's sources, actors, places and eras (in that
/// order: after the events', see [`EventIds::check`]).
pub(crate) fn head_ids_unique(raw: &StoreFile, file: &str, out: &mut Vec<Finding>) {
    let groups: [(&str, Vec<&Text>); 4] = [
        ("source", raw.sources.iter().map(|e| &e.id).collect()),
        ("actor", raw.actors.iter().map(|e| &e.id).collect()),
        ("place", raw.places.iter().map(|e| &e.id).collect()),
        ("era", raw.eras.iter().map(|e| &e.id).collect()),
    ];
    for (kind, ids) in groups {
        let mut seen: HashMap<&str, Pos> = HashMap::with_capacity(ids.len());
        for id in ids {
            if id.value.trim().is_empty() {
                out.push(empty_id(kind, file, pos(id)));
            } else if let Some(first) = seen.get(id.value.as_str()) {
                out.push(duplicate(kind, &id.value, *first, file, pos(id)));
            } else {
                seen.insert(&id.value, pos(id));
            }
        }
    }
}

fn unknown(t: &Text, kind: &str, file: &str) -> Finding {
    Finding::error(
        file,
        pos(t),
        "reference",
        format!(
            "unknown {kind} `{}`; declare it under `{kind}s:` or correct the id",
            t.value
        ),
    )
}

/// `reference` for one event's place, actors and excerpt and discrepancy
/// sources (its `related` ids are looked up at the end, [`EventIds`]).
pub(crate) fn event_references(
    e: &EventDef,
    head: &HeadIds,
    file: &str,
    mut out: impl FnMut(Finding),
) {
    if let Some(p) = &e.place
        && !head.places.contains(p.value.as_str())
    {
        out(unknown(p, "place", file));
    }
    for a in &e.actors {
        if !head.actors.contains(a.value.as_str()) {
            out(unknown(a, "actor", file));
        }
    }
    let sources =
        (e.excerpts.iter().map(|x| &x.source)).chain(e.discrepancies.iter().map(|d| &d.source));
    for s in sources {
        if !head.sources.contains(s.value.as_str()) {
            out(unknown(s, "source", file));
        }
    }
}

/// The events' ids, each event's by its declared position `i`: its id and
/// where it is written.
pub(crate) struct EventIds<F> {
    /// The id and position of the `i`th declared event.
    pub id: F,
    /// How many events were declared.
    pub n: usize,
}

/// The first declared position of each event id (hashed by the events' own
/// ids, so no id is copied; seeded per process, as `store::ids` is).
pub(crate) struct FirstIds {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// Events whose id is blank: reported as empty, not as duplicates, but
    /// a `related` id spelled the same still finds them.
    blank: Vec<u32>,
}

impl<'a, F: Fn(usize) -> (&'a str, Pos)> EventIds<F> {
    /// `id-unique` for the events, in declared order; the first position of
    /// each id, for [`Self::related`].
    pub fn check(&self, file: &str, out: &mut Vec<Finding>) -> FirstIds {
        let hasher = DefaultHashBuilder::default();
        let mut table = HashTable::with_capacity(self.n);
        let mut blank = Vec::new();
        let id = |j: &u32| (self.id)(*j as usize).0;
        for i in 0..self.n.min(u32::MAX as usize) {
            let (key, at) = (self.id)(i);
            if key.trim().is_empty() {
                out.push(empty_id("event", file, at));
                blank.push(i as u32);
                continue;
            }
            match table.entry(
                hasher.hash_one(key),
                |j| id(j) == key,
                |j| hasher.hash_one(id(j)),
            ) {
                Entry::Occupied(first) => {
                    let first = (self.id)(*first.get() as usize).1;
                    out.push(duplicate("event", key, first, file, at));
                }
                Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
            }
        }
        FirstIds {
            table,
            hasher,
            blank,
        }
    }

    /// `reference` for the `related` ids (each with its event's declared
    /// position), before `others` (the events' other reference findings,
    /// with theirs): in declared order, an event's `related` first.
    pub fn related(
        &self,
        first: &FirstIds,
        related: &[(usize, Text)],
        others: Vec<(usize, Finding)>,
        file: &str,
        out: &mut Vec<Finding>,
    ) {
        let mut others = others.into_iter().peekable();
        for (i, r) in related {
            while let Some((_, f)) = others.next_if(|(j, _)| j < i) {
                out.push(f);
            }
            let key = r.value.as_str();
            let same = |j: &u32| (self.id)(*j as usize).0 == key;
            let known = if key.trim().is_empty() {
                first.blank.iter().any(same)
            } else {
                first.table.find(first.hasher.hash_one(key), same).is_some()
            };
            if !known {
                out.push(unknown(r, "event", file));
            }
        }
        out.extend(others.map(|(_, f)| f));
    }
}
