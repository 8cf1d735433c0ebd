//! One TimelineJS slide or era as a store event or era.
//!
//! A slide's `text.text` is read paragraph by paragraph so that what
//! `chronoscope export --format timelinejs` added to the summary folds back:
//! the "Date: … (…; EDTF …)" line is dropped (the date is read from the date
//! objects), and a "Note: …" or "Context: …" paragraph goes back to the note.
//! When the export kept the summary verbatim (`chronoscope.summary`), that is
//! the summary; otherwise the remaining paragraphs are.
//! The note's own provenance sentences ("Imported from …", "Date shown in the
//! file: …") are written afresh on each import, never repeated, so store →
//! TimelineJS → store is a fixed point.

use serde_json::Value;

use super::dates::slide_date;
use super::html::{paragraphs, to_text};
use super::ids::{Ids, slug};
use crate::model::{EraDef, EventDef, Status, in_memory, opt_text, text};

/// The import's own sentences: `(start, end)` of each, as written below.
const OWN_SENTENCES: [(&str, &str); 2] = [
    ("Imported from ", "); no archived source is quoted."),
    ("Date shown in the file: “", "”."),
];

/// Text of a slide's headline (plain, safe).
pub(super) fn headline(slide: &Value) -> String {
    slide
        .pointer("/text/headline")
        .and_then(Value::as_str)
        .map(to_text)
        .unwrap_or_default()
}

fn plain(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(to_text)
        .filter(|s| !s.is_empty())
}

/// Whether a paragraph is the date line the TimelineJS export writes.
fn is_exported_date_line(p: &str) -> bool {
    p.starts_with("Date: ") && p.ends_with(')') && p.contains("EDTF ")
}

/// `text.text` split into the summary and any notes it carries.
fn fold_text(html: &str) -> (Option<String>, Vec<String>) {
    let mut summary = Vec::new();
    let mut notes = Vec::new();
    for p in paragraphs(html) {
        if is_exported_date_line(&p) {
            continue;
        }
        match ["Note: ", "Context: "]
            .iter()
            .find_map(|label| p.strip_prefix(label))
        {
            Some(note) => notes.push(note.to_string()),
            None => summary.push(p),
        }
    }
    let summary = Some(summary.join(" ")).filter(|s| !s.is_empty());
    (summary, notes)
}

/// The summary a chronoscope export keeps verbatim in its private
/// `chronoscope.summary` (the slide's text also holds excerpts and
/// discrepancies): read back as it was, less hazardous characters.
fn own_summary(slide: &Value) -> Option<String> {
    slide
        .pointer("/chronoscope/summary")
        .and_then(Value::as_str)
        .map(crate::export::clean)
        .filter(|s| !s.trim().is_empty())
}

/// `note` without the sentences an earlier import wrote (they are written
/// again), in one pass per kind of sentence.
fn without_own_sentences(note: &str) -> String {
    let mut text = note.to_string();
    for (start, end) in OWN_SENTENCES {
        let mut kept = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(i) = rest.find(start) {
            let Some(len) = rest[i..].find(end) else {
                break;
            };
            kept.push_str(&rest[..i]);
            rest = &rest[i + len + end.len()..];
        }
        kept.push_str(rest);
        text = kept;
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A note built sentence by sentence, each said once (a set, not a search
/// of the note so far, so a file with many notes costs linear time).
#[derive(Default)]
struct Note {
    parts: Vec<String>,
    said: std::collections::HashSet<String>,
}

impl Note {
    fn add(&mut self, sentence: String) {
        if !sentence.is_empty() && self.said.insert(sentence.clone()) {
            self.parts.push(sentence);
        }
    }
}

/// What every slide and era has: a headline, a date and an id.
struct Dated {
    head: String,
    date: String,
    id: String,
    /// What reading the date left out ("the time of day (09:30) was dropped").
    dropped: Vec<String>,
}

/// The headline, date and a fresh id of `kind` `n` ("slide 3"), the id taken
/// from the string at `id_pointer` when the file gives one; `None`, with a
/// warning saying why, when it has no usable date.
fn dated(
    v: &Value,
    (kind, n): (&str, usize),
    id_pointer: &str,
    ids: &mut Ids,
    warnings: &mut Vec<String>,
) -> Option<Dated> {
    let head = headline(v);
    let mut dropped = Vec::new();
    let date = match slide_date(v, &mut dropped) {
        Ok(d) => d,
        Err(why) => {
            warnings.push(format!("{kind} {n} (“{head}”) left out: {why}"));
            return None;
        }
    };
    let given = v.pointer(id_pointer).and_then(Value::as_str).map(slug);
    let id = ids.claim(
        given
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slug(&head)),
        format!("{}-{n}", if kind == "era" { "era" } else { "event" }),
    );
    Some(Dated {
        head,
        date,
        id,
        dropped,
    })
}

/// Slide `n` (1-based) of `file` as an event, or a warning saying why it was left out.
pub(super) fn event(
    slide: &Value,
    n: usize,
    file: &str,
    ids: &mut Ids,
    warnings: &mut Vec<String>,
) -> Option<EventDef> {
    let Dated {
        head,
        date,
        id,
        dropped,
    } = dated(slide, ("slide", n), "/unique_id", ids, warnings)?;
    let (folded, file_notes) = slide
        .pointer("/text/text")
        .and_then(Value::as_str)
        .map(fold_text)
        .unwrap_or_default();
    let summary = own_summary(slide).or(folded);
    let mut note = Note::default();
    note.add(format!(
        "{}{file} (TimelineJS 3, slide {n}{}",
        OWN_SENTENCES[0].0, OWN_SENTENCES[0].1
    ));
    if let Some(shown) = plain(slide.get("display_date")) {
        note.add(format!(
            "{}{shown}{}",
            OWN_SENTENCES[1].0, OWN_SENTENCES[1].1
        ));
    }
    for file_note in &file_notes {
        note.add(without_own_sentences(file_note));
    }
    for x in &dropped {
        let sentence = format!("On import {x}.");
        // Said already: the same end twice, or an earlier import's note.
        if note.parts.iter().any(|p| p.contains(&sentence)) {
            continue;
        }
        warnings.push(format!("slide {n} (“{head}”): {x}"));
        note.add(sentence);
    }
    let scheduled =
        slide.pointer("/chronoscope/status").and_then(Value::as_str) == Some("scheduled");
    let mut e = EventDef::new(&id, date, if head.is_empty() { id.clone() } else { head });
    e.summary = opt_text(summary);
    e.lane = opt_text(plain(slide.get("group")));
    e.status = scheduled.then(|| in_memory(Status::Scheduled));
    e.context = Some(in_memory(true));
    e.note = Some(text(note.parts.join(" ")));
    Some(e)
}

/// Era `n` (1-based) of `file` as a store era, or a warning saying why it was left out.
pub(super) fn era(
    era: &Value,
    n: usize,
    file: &str,
    ids: &mut Ids,
    warnings: &mut Vec<String>,
) -> Option<EraDef> {
    let Dated { head, date, id, .. } = dated(era, ("era", n), "/chronoscope/id", ids, warnings)?;
    Some(EraDef {
        name: text(if head.is_empty() { id.clone() } else { head }),
        id: text(id),
        date: text(date),
        lane: None,
        note: Some(text(format!(
            "Imported from {file} (TimelineJS 3, era {n})."
        ))),
    })
}
