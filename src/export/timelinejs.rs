//! TimelineJS 3 JSON (Knight Lab's published format), loadable by TimelineJS
//! as is.
//!
//! - `start_date`/`end_date` hold `year`, `month`, `day` only as far as known;
//!   a season, decade or century gives its first year only.
//! - `display_date` is the date in words with EDTF qualifiers kept ("c. May
//!   2023", "1987 (uncertain)"); the exact EDTF and precision sit in the
//!   private `chronoscope` object, which TimelineJS ignores and
//!   `chronoscope import timelinejs` reads back.
//! - `group` is the lane, `unique_id` the event id; eras become `eras` (an era
//!   open at one end is drawn to the first or last event of the export, and
//!   the [`Report`] says so). An event with no start (`../2014`, `/2014`)
//!   cannot be placed and is left out, named in the report.
//! - The private `chronoscope` object also keeps the summary and
//!   `status: scheduled`, so store → TimelineJS → store is a fixed point.
//!
//! Store text is made safe for the way TimelineJS 3.9.11 renders each field
//! (every one ends in `innerHTML`):
//! - `text.headline`, `text.text` (also the title slide's and era headlines)
//!   pass through DOMPurify first: HTML-escaped once, they stay text. Excerpts
//!   are `<blockquote>`s with their citation in `<cite>`.
//! - `group` and `display_date` pass through `stripMarkup`, which decodes
//!   entities once and keeps no tag: they are escaped twice, so what reaches
//!   `innerHTML` is still escaped (`&lt;img onerror&gt;` shows as text).
//! - `autolink` is off on every slide: TimelineJS's `linkify` runs after
//!   DOMPurify and copies a `www.` word up to the next space, quotes included,
//!   into an `href='…'` attribute (`www.x'onmouseover='…` would add an event
//!   handler). A source URL is written as a link of its own instead, and
//!   only when it is a plain `http(s)` URL.
//! - No `media` is written, so `caption` and `credit` never carry store text.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{Exported, Report, Unit, View, clean, endpoints, excerpt_citation, full_stop, parts};
use crate::date::EventDate;
use crate::model::Status;
use crate::store::Event;

/// HTML-escapes store text (after dropping control characters), for fields
/// TimelineJS sanitises with DOMPurify before `innerHTML`.
pub fn html(s: &str) -> String {
    html_escape::encode_text(&clean(s)).into_owned()
}

/// Escapes store text twice, for fields TimelineJS decodes once
/// (`stripMarkup`) before `innerHTML`: `group` and `display_date`.
pub fn html_decoded_once(s: &str) -> String {
    html_escape::encode_text(&html(s)).into_owned()
}

/// A source URL as a link, when it is a plain `http(s)` URL; else escaped text.
fn url_link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace()
                || crate::sanitize::hazard(c).is_some()
                || matches!(c, '"' | '\'' | '<' | '>' | '`')
        });
    if plain {
        let href = html_escape::encode_double_quoted_attribute(url);
        format!("<a href=\"{href}\">{}</a>", html(url))
    } else {
        html(url)
    }
}

fn date_object(parts: &[i64]) -> Value {
    let mut m = Map::new();
    for (k, v) in ["year", "month", "day"].iter().zip(parts) {
        m.insert((*k).to_string(), json!(v));
    }
    Value::Object(m)
}

/// The date in words with its qualifier: "c. May 2023", "1987 (uncertain)".
pub fn display_date(d: &EventDate) -> String {
    let mut s = d.long();
    if d.is_approximate() {
        s = format!("c. {s}");
    }
    if d.is_uncertain() {
        s.push_str(" (uncertain)");
    }
    s
}

fn event_text(view: &View<'_>, e: &Event) -> String {
    let store = view.store;
    let mut t = String::new();
    if !e.summary.is_empty() {
        let _ = write!(t, "<p>{}</p>", html(&e.summary));
    }
    for x in &e.excerpts {
        let full = excerpt_citation(store, x);
        let url = store.source(&x.source).and_then(|s| s.url.as_deref());
        let cite = match url.and_then(|u| full.find(u).map(|i| (u, i))) {
            Some((u, i)) => format!(
                "{}{}{}",
                html(&full[..i]),
                url_link(u),
                html(&full[i + u.len()..])
            ),
            None => html(&full),
        };
        let _ = write!(
            t,
            "<blockquote>“{}”<br><cite>{cite}</cite></blockquote>",
            html(&x.quote)
        );
    }
    for d in &e.discrepancies {
        let _ = write!(
            t,
            "<p><strong>Discrepancy ({}).</strong> Says: {}{} Record: {}{} Basis: {}{}</p>",
            html(&d.source),
            html(&d.says),
            full_stop(&d.says),
            html(&d.record),
            full_stop(&d.record),
            html(&d.basis),
            full_stop(&d.basis)
        );
    }
    if let Some(n) = &e.note {
        let label = if e.context { "Context" } else { "Note" };
        let _ = write!(t, "<p><em>{label}:</em> {}</p>", html(n));
    }
    let _ = write!(
        t,
        "<p><small>Date: {} ({}; EDTF {})</small></p>",
        html(&e.date.long()),
        e.date.precision_words(),
        html(e.date.edtf())
    );
    t
}

fn private(d: &EventDate) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("edtf".into(), json!(d.edtf()));
    m.insert("precision".into(), json!(d.precision().noun()));
    m
}

/// The view as a TimelineJS 3 JSON document (pretty-printed, final newline).
pub fn to_string(view: &View<'_>) -> String {
    export(view).text
}

fn slide(view: &View<'_>, e: &Event, start: &[i64], end: Option<Vec<i64>>) -> Value {
    let mut slide = Map::new();
    slide.insert("unique_id".into(), json!(clean(&e.id)));
    slide.insert("start_date".into(), date_object(start));
    if let Some(p) = end {
        slide.insert("end_date".into(), date_object(&p));
    }
    slide.insert(
        "display_date".into(),
        json!(html_decoded_once(&display_date(&e.date))),
    );
    slide.insert(
        "text".into(),
        json!({ "headline": html(&e.title), "text": event_text(view, e) }),
    );
    if let Some(lane) = &e.lane {
        slide.insert("group".into(), json!(html_decoded_once(lane)));
    }
    slide.insert("autolink".into(), json!(false));
    let mut p = private(&e.date);
    if !e.summary.is_empty() {
        p.insert("summary".into(), json!(clean(&e.summary)));
    }
    if e.status == Status::Scheduled {
        p.insert("status".into(), json!("scheduled"));
    }
    slide.insert("chronoscope".into(), Value::Object(p));
    Value::Object(slide)
}

fn eras(view: &View<'_>, first_year: Option<i64>, report: &mut Report) -> Vec<Value> {
    let last_year = view
        .events()
        .filter_map(|e| e.date.latest().day().map(|d| d.year))
        .max();
    let mut eras = Vec::new();
    let mut drawn = Vec::new();
    for era in &view.store.eras {
        let (s, e) = endpoints(&era.date);
        let (known_start, known_end) = (s.as_ref().and_then(parts), e.as_ref().and_then(parts));
        if known_start.is_none() || known_end.is_none() {
            drawn.push(era.id.as_str());
        }
        let start = known_start.or(first_year.map(|y| vec![y]));
        let end = known_end.or(last_year.map(|y| vec![y]));
        let (Some(start), Some(end)) = (start, end) else {
            report.notes.push(format!(
                "era `{}` ({}) left out: it is open and no event of the export bounds it",
                era.id,
                era.date.edtf()
            ));
            continue;
        };
        let mut p = private(&era.date);
        p.insert("id".into(), json!(era.id));
        eras.push(json!({
            "start_date": date_object(&start),
            "end_date": date_object(&end),
            "text": { "headline": html(&era.name) },
            "chronoscope": p,
        }));
    }
    if !drawn.is_empty() {
        report.notes.push(format!(
            "{} era(s) open at one end drawn to the first or last event's year (TimelineJS eras need both): {}",
            drawn.len(),
            drawn.join(", ")
        ));
    }
    eras
}

/// The TimelineJS document with its report: events without a start are left
/// out (TimelineJS places every slide at a start year), and named.
pub fn export(view: &View<'_>) -> Exported {
    let (text, report) = super::in_memory(0, |out| write(view, out));
    Exported { text, report }
}

/// Slides rendered per chunk.
const CHUNK: usize = 256;

/// Writes the TimelineJS document to `out` as [`export()`] makes it, the
/// slides rendered in chunks on every core and written in order (held
/// whole as JSON values, 150 MB of slides took 900 MB at 100 000 events).
/// The keys are in serde_json's order (sorted): eras, events, title.
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<Report> {
    let store = view.store;
    let mut report = Report::new(Unit::Events, view.len());
    let mut placed = Vec::with_capacity(view.len());
    let mut first_year = None;
    for &i in &view.indices {
        let e = &store.events[i];
        let (start, _) = endpoints(&e.date);
        let Some(start_parts) = start.as_ref().and_then(parts) else {
            report.leave_out(
                &e.id,
                e.date.edtf(),
                "TimelineJS places every slide at its start year and this date has no start; the JSON, CSV and Markdown exports keep it",
            );
            continue;
        };
        first_year = first_year.or(start_parts.first().copied());
        placed.push(i);
    }
    let eras = eras(view, first_year, &mut report);
    out.write_all(b"{\n")?;
    if !eras.is_empty() {
        out.write_all(b"  \"eras\": ")?;
        super::safe_json::write_pretty_at(&mut *out, &eras, 1)?;
        out.write_all(b",\n")?;
    }
    out.write_all(b"  \"events\": [")?;
    let chunks: Vec<&[usize]> = placed.chunks(CHUNK).collect();
    let render = |c: usize, buffer: &mut Vec<u8>| -> std::io::Result<()> {
        for (k, &i) in chunks[c].iter().enumerate() {
            let e = &store.events[i];
            let (start, end) = endpoints(&e.date);
            let start = start.as_ref().and_then(parts).unwrap_or_default();
            buffer.extend_from_slice(if c == 0 && k == 0 { b"\n    " } else { b",\n    " });
            let value = slide(view, e, &start, end.as_ref().and_then(parts));
            super::safe_json::write_pretty_at(&mut *buffer, &value, 2)?;
        }
        Ok(())
    };
    super::chunks::write_in_order(chunks.len(), render, out)?;
    out.write_all(if placed.is_empty() { b"],\n" } else { b"\n  ],\n" })?;
    let title_text = if store.description.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", html(&store.description))
    };
    let title = json!({
        "text": { "headline": html(&store.title), "text": title_text },
        "autolink": false,
    });
    out.write_all(b"  \"title\": ")?;
    super::safe_json::write_pretty_at(&mut *out, &title, 1)?;
    out.write_all(b"\n}\n")?;
    Ok(report)
}
