//! TimelineJS 3 JSON (Knight Lab's published format), loadable by TimelineJS
//! as is.
//!
//! - `start_date`/`end_date` hold `year`, `month`, `day` only as far as known;
//!   a season, decade or century gives its first year only.
//! - `display_date` is the date in words with EDTF qualifiers kept ("c. May
//!   2023", "1987 (uncertain)"); the exact EDTF and precision sit in the
//!   private `chronoscope` object, which TimelineJS ignores and
//!   `chronoscope import timelinejs` reads back.
//! - `text.headline` and `text.text` are HTML-escaped store text; excerpts are
//!   `<blockquote>`s with their citation in `<cite>`.
//! - `group` is the lane, `unique_id` the event id; eras become `eras` (an era
//!   open at one end is drawn to the first or last event of the export).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{View, clean, endpoints, excerpt_citation, parts};
use crate::date::EventDate;
use crate::model::Status;
use crate::store::Event;

/// HTML-escapes store text (after dropping control characters).
pub fn html(s: &str) -> String {
    html_escape::encode_text(&clean(s)).into_owned()
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
        let _ = write!(
            t,
            "<blockquote>“{}”<br><cite>{}</cite></blockquote>",
            html(&x.quote),
            html(&excerpt_citation(store, x))
        );
    }
    for d in &e.discrepancies {
        let _ = write!(
            t,
            "<p><strong>Discrepancy ({}).</strong> Says: {}. Record: {}. Basis: {}.</p>",
            html(&d.source),
            html(d.says.trim_end_matches('.')),
            html(d.record.trim_end_matches('.')),
            html(d.basis.trim_end_matches('.'))
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
    let store = view.store;
    let mut events = Vec::new();
    for e in view.events() {
        let (start, end) = endpoints(&e.date);
        let Some(start_parts) = start.as_ref().and_then(parts) else {
            continue; // `../2014`: TimelineJS needs a start year.
        };
        let mut slide = Map::new();
        slide.insert("unique_id".into(), json!(e.id));
        slide.insert("start_date".into(), date_object(&start_parts));
        if let Some(p) = end.as_ref().and_then(parts) {
            slide.insert("end_date".into(), date_object(&p));
        }
        slide.insert("display_date".into(), json!(display_date(&e.date)));
        slide.insert(
            "text".into(),
            json!({ "headline": html(&e.title), "text": event_text(view, e) }),
        );
        if let Some(lane) = &e.lane {
            slide.insert("group".into(), json!(html(lane)));
        }
        let mut p = private(&e.date);
        if e.status == Status::Scheduled {
            p.insert("status".into(), json!("scheduled"));
        }
        slide.insert("chronoscope".into(), Value::Object(p));
        events.push(Value::Object(slide));
    }
    let first_year = events
        .first()
        .and_then(|v| v["start_date"]["year"].as_i64());
    let last_year = view
        .events()
        .filter_map(|e| e.date.latest().day().map(|d| d.year))
        .max();
    let mut eras = Vec::new();
    for era in &store.eras {
        let (s, e) = endpoints(&era.date);
        let start = s.as_ref().and_then(parts).or(first_year.map(|y| vec![y]));
        let end = e.as_ref().and_then(parts).or(last_year.map(|y| vec![y]));
        let (Some(start), Some(end)) = (start, end) else {
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
    let mut doc = Map::new();
    let mut title_text = String::new();
    if !store.description.is_empty() {
        title_text = format!("<p>{}</p>", html(&store.description));
    }
    doc.insert(
        "title".into(),
        json!({ "text": { "headline": html(&store.title), "text": title_text } }),
    );
    doc.insert("events".into(), Value::Array(events));
    if !eras.is_empty() {
        doc.insert("eras".into(), Value::Array(eras));
    }
    let mut out =
        super::safe_json::to_string_pretty(&Value::Object(doc)).expect("JSON values serialise");
    out.push('\n');
    out
}
