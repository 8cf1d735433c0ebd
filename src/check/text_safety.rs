//! `text-safety`: control characters, escape sequences, bidi overrides and
//! invisible characters in any text field of the store (errors) or in an
//! archived source text (warnings).

use crate::finding::Finding;
use crate::model::{StoreFile, Text};
use crate::quote::line_col;
use crate::sanitize::hazards;
use crate::store::{Store, pos};

fn all_texts(raw: &StoreFile) -> Vec<(&'static str, &Text)> {
    let mut v: Vec<(&'static str, &Text)> = vec![("title", &raw.title)];
    v.extend(raw.description.iter().map(|t| ("description", t)));
    for s in &raw.sources {
        v.extend([
            ("id", &s.id),
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("published", &s.published),
            ("text", &s.text),
        ]);
        for (k, o) in [
            ("dated_by", &s.dated_by),
            ("author", &s.author),
            ("url", &s.url),
            ("language", &s.language),
        ] {
            v.extend(o.iter().map(|t| (k, t)));
        }
    }
    for n in raw.actors.iter().chain(&raw.places) {
        v.extend([("id", &n.id), ("name", &n.name)]);
        v.extend(n.aliases.iter().map(|t| ("aliases", t)));
        v.extend(n.note.iter().map(|t| ("note", t)));
    }
    for e in &raw.eras {
        v.extend([("id", &e.id), ("name", &e.name), ("date", &e.date)]);
        v.extend(e.lane.iter().map(|t| ("lane", t)));
        v.extend(e.note.iter().map(|t| ("note", t)));
    }
    for e in &raw.events {
        v.extend([("id", &e.id), ("date", &e.date), ("title", &e.title)]);
        for (k, o) in [
            ("summary", &e.summary),
            ("place", &e.place),
            ("lane", &e.lane),
            ("note", &e.note),
        ] {
            v.extend(o.iter().map(|t| (k, t)));
        }
        for (k, list) in [
            ("actors", &e.actors),
            ("tags", &e.tags),
            ("related", &e.related),
        ] {
            v.extend(list.iter().map(|t| (k, t)));
        }
        for x in &e.excerpts {
            v.extend([("source", &x.source), ("quote", &x.quote)]);
            v.extend(x.prefix.iter().map(|t| ("prefix", t)));
            v.extend(x.suffix.iter().map(|t| ("suffix", t)));
        }
        for d in &e.discrepancies {
            v.extend([
                ("source", &d.source),
                ("says", &d.says),
                ("record", &d.record),
                ("basis", &d.basis),
            ]);
            v.extend(d.quote.iter().map(|t| ("quote", t)));
        }
    }
    v
}

pub(super) fn check(raw: &StoreFile, store: &Store, file: &str, out: &mut Vec<Finding>) {
    for (key, t) in all_texts(raw) {
        if let Some((i, c, h)) = hazards(&t.value).next() {
            let n = t.value[..i].chars().count() + 1;
            let count = hazards(&t.value).count();
            out.push(Finding::error(
                file,
                pos(t),
                "text-safety",
                format!(
                    "`{key}` contains a {} (U+{:04X} at character {n}{}); remove it, it could rewrite or disguise what a terminal shows",
                    h.describe(),
                    c as u32,
                    if count > 1 { format!(", and {} more", count - 1) } else { String::new() }
                ),
            ));
        }
    }
    for s in &store.sources {
        let Ok(text) = &s.text else { continue };
        if let Some((i, c, h)) = hazards(&text.text).find(|(_, c, _)| *c != '\r') {
            let (l, col) = line_col(&text.text, i);
            out.push(Finding::warning(
                &s.path,
                crate::error::Pos { line: l, col },
                "text-safety",
                format!(
                    "source text contains a {} (U+{:04X}); it is shown escaped",
                    h.describe(),
                    c as u32
                ),
            ));
        }
    }
}
