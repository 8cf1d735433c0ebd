//! Every text value of a store file with its key, section by section, as
//! the checks of text safety and of value sizes walk them.

use crate::model::{EventDef, StoreFile, Text};

/// Calls `f` with every text value of a store file and its key, section by
/// section, without collecting them (a million-event store has ~10^7).
pub fn visit_fields<'a>(raw: &'a StoreFile, f: &mut dyn FnMut(&'static str, &'a Text)) {
    visit_head(raw, f);
    for e in &raw.events {
        visit_event(e, f);
    }
}

fn opt<'a>(k: &'static str, o: &'a Option<Text>, f: &mut dyn FnMut(&'static str, &'a Text)) {
    if let Some(t) = o {
        f(k, t);
    }
}

/// [`visit_fields`] before the events: title, description, sources,
/// actors, places and eras.
pub(crate) fn visit_head<'a>(raw: &'a StoreFile, f: &mut dyn FnMut(&'static str, &'a Text)) {
    f("title", &raw.title);
    opt("description", &raw.description, f);
    for s in &raw.sources {
        for (k, t) in [
            ("id", &s.id),
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("published", &s.published),
            ("text", &s.text),
        ] {
            f(k, t);
        }
        for (k, o) in [
            ("dated_by", &s.dated_by),
            ("author", &s.author),
            ("url", &s.url),
            ("language", &s.language),
        ] {
            opt(k, o, f);
        }
    }
    for n in raw.actors.iter().chain(&raw.places) {
        f("id", &n.id);
        f("name", &n.name);
        n.aliases.iter().for_each(|t| f("aliases", t));
        opt("note", &n.note, f);
    }
    for e in &raw.eras {
        for (k, t) in [("id", &e.id), ("name", &e.name), ("date", &e.date)] {
            f(k, t);
        }
        opt("lane", &e.lane, f);
        opt("note", &e.note, f);
    }
}

/// [`visit_fields`] of one event.
pub(crate) fn visit_event<'a>(e: &'a EventDef, f: &mut dyn FnMut(&'static str, &'a Text)) {
    for (k, t) in [("id", &e.id), ("date", &e.date), ("title", &e.title)] {
        f(k, t);
    }
    for (k, o) in [
        ("summary", &e.summary),
        ("place", &e.place),
        ("lane", &e.lane),
        ("note", &e.note),
    ] {
        opt(k, o, f);
    }
    for (k, list) in [
        ("actors", &e.actors),
        ("tags", &e.tags),
        ("related", &e.related),
    ] {
        list.iter().for_each(|t| f(k, t));
    }
    for x in &e.excerpts {
        f("source", &x.source);
        f("quote", &x.quote);
        opt("prefix", &x.prefix, f);
        opt("suffix", &x.suffix, f);
    }
    for d in &e.discrepancies {
        for (k, t) in [
            ("source", &d.source),
            ("says", &d.says),
            ("record", &d.record),
            ("basis", &d.basis),
        ] {
            f(k, t);
        }
        opt("quote", &d.quote, f);
    }
}
