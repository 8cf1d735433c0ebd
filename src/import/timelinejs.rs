//! `chronoscope import timelinejs`: a real-world TimelineJS 3 JSON file
//! becomes a store that passes `check`.
//!
//! Tolerated, as real files do: date parts written as strings, empty strings
//! for absent parts, keys the format does not define, HTML in text. Refused
//! with a clear message: the older v2 shape (`{"timeline": …}`). A day or month
//! the file does not give is never invented; a time of day is dropped (the
//! store holds days) and said so in the event's note. Imported events quote no
//! archived source, so they are `context: true` with a note naming the file.

use std::collections::HashSet;

use serde::Serialize;
use serde_json::Value;

use super::dates::slide_date;
use super::html::to_text;

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not JSON.
    #[error(
        "{file}:{line}:{column}: error: not valid JSON: {message}\n  hint: check the file is a TimelineJS 3 JSON export"
    )]
    Json {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A TimelineJS 2 file.
    #[error(
        "{file}:1:1: error: this is a TimelineJS 2 file (`{{\"timeline\": …}}`); only TimelineJS 3 JSON can be imported\n  hint: open it in TimelineJS 3 (or its Google Sheets template) and save it as TimelineJS 3 JSON, which has a top-level `events` array"
    )]
    Version2 {
        /// The file.
        file: String,
    },
    /// JSON, but not a timeline.
    #[error(
        "{file}:1:1: error: not a TimelineJS 3 timeline: {what}\n  hint: a TimelineJS 3 file is an object with an `events` array of slides"
    )]
    NotTimeline {
        /// The file.
        file: String,
        /// What is wrong.
        what: String,
    },
    /// The converted store did not pass `check` (a bug in the importer).
    #[error("{file}: the converted store does not pass `check`:\n{findings}")]
    Unchecked {
        /// The file.
        file: String,
        /// The findings, one per line.
        findings: String,
    },
}

/// A converted store.
#[derive(Debug)]
pub struct Imported {
    /// The store as YAML.
    pub yaml: String,
    /// Number of events.
    pub events: usize,
    /// Number of eras.
    pub eras: usize,
    /// Slides left out or changed, one line each ("slide 3 (“Title”): …").
    pub warnings: Vec<String>,
}

#[derive(Serialize)]
struct StoreOut {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraOut>,
    events: Vec<EventOut>,
}

#[derive(Serialize)]
struct EraOut {
    id: String,
    name: String,
    date: String,
    note: String,
}

#[derive(Serialize)]
struct EventOut {
    id: String,
    date: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lane: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    context: bool,
    note: String,
}

/// Text of a field TimelineJS decodes once (`stripMarkup`) and then renders
/// as HTML, `group` and `display_date`: what the viewer shows is the value
/// decoded twice, so chronoscope's export escapes these twice.
fn shown_text(s: &str) -> String {
    to_text(&html_escape::decode_html_entities(s))
}

/// A chronoscope export's own summary (its private `chronoscope.summary`),
/// which the slide's `text` also holds among excerpts, notes and the date:
/// reading it back keeps store → TimelineJS → store a fixed point.
fn own_summary(slide: &Value) -> Option<String> {
    slide
        .pointer("/chronoscope/summary")
        .and_then(Value::as_str)
        .map(crate::export::clean)
        .filter(|s| !s.trim().is_empty())
}

/// A lowercase slug of letters and digits joined by `-` (at most 60 chars).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Gives `base` (or `fallback` when empty) a suffix `-2`, `-3`, … until unused.
fn unique(base: String, fallback: String, seen: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { fallback } else { base };
    let mut id = base.clone();
    let mut n = 2;
    while seen.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    seen.insert(id.clone());
    id
}

fn headline(slide: &Value) -> String {
    slide
        .pointer("/text/headline")
        .and_then(Value::as_str)
        .map(to_text)
        .unwrap_or_default()
}

/// Converts the TimelineJS 3 JSON `text` (read from `file`) into a store.
pub fn import(text: &str, file: &str) -> Result<Imported, ImportError> {
    let root: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
        file: file.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let not = |what: &str| ImportError::NotTimeline {
        file: file.to_string(),
        what: what.to_string(),
    };
    let obj = root
        .as_object()
        .ok_or_else(|| not("the top level is not an object"))?;
    if obj.contains_key("timeline") && !obj.contains_key("events") {
        return Err(ImportError::Version2 {
            file: file.to_string(),
        });
    }
    let slides = match obj.get("events") {
        Some(Value::Array(a)) => a,
        Some(_) => return Err(not("`events` is not an array")),
        None => return Err(not("it has no `events` array")),
    };
    let name = std::path::Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    let name = to_text(&name);
    let title = obj.get("title").map(headline).unwrap_or_default();
    let description = obj
        .get("title")
        .and_then(|t| t.pointer("/text/text"))
        .and_then(Value::as_str)
        .map(to_text)
        .filter(|s| !s.is_empty());
    let mut warnings = Vec::new();
    let mut ids = HashSet::new();
    let mut events = Vec::new();
    for (i, slide) in slides.iter().enumerate() {
        let n = i + 1;
        let head = headline(slide);
        let mut notes = Vec::new();
        let date = match slide_date(slide, &mut notes) {
            Ok(d) => d,
            Err(why) => {
                warnings.push(format!("slide {n} (“{head}”) left out: {why}"));
                continue;
            }
        };
        let given = slide.get("unique_id").and_then(Value::as_str).map(slug);
        let id = unique(
            given
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| slug(&head)),
            format!("event-{n}"),
            &mut ids,
        );
        let summary = own_summary(slide).or_else(|| {
            slide
                .pointer("/text/text")
                .and_then(Value::as_str)
                .map(to_text)
                .filter(|s| !s.is_empty())
        });
        let lane = slide
            .get("group")
            .and_then(Value::as_str)
            .map(shown_text)
            .filter(|s| !s.is_empty());
        let scheduled =
            slide.pointer("/chronoscope/status").and_then(Value::as_str) == Some("scheduled");
        let mut note = format!(
            "Imported from {name} (TimelineJS 3, slide {n}); no archived source is quoted."
        );
        if let Some(shown) = slide
            .get("display_date")
            .and_then(Value::as_str)
            .map(shown_text)
            .filter(|s| !s.is_empty())
        {
            note.push_str(&format!(" Date shown in the file: “{shown}”."));
        }
        for x in &notes {
            note.push_str(&format!(" On import {x}."));
            warnings.push(format!("slide {n} (“{head}”): {x}"));
        }
        events.push(EventOut {
            title: if head.is_empty() { id.clone() } else { head },
            id,
            date,
            summary,
            lane,
            status: scheduled.then_some("scheduled"),
            context: true,
            note,
        });
    }
    let mut eras = Vec::new();
    let mut era_ids = HashSet::new();
    if let Some(Value::Array(list)) = obj.get("eras") {
        for (i, era) in list.iter().enumerate() {
            let n = i + 1;
            let head = headline(era);
            let mut notes = Vec::new();
            let date = match slide_date(era, &mut notes) {
                Ok(d) => d,
                Err(why) => {
                    warnings.push(format!("era {n} (“{head}”) left out: {why}"));
                    continue;
                }
            };
            let given = era
                .pointer("/chronoscope/id")
                .and_then(Value::as_str)
                .map(slug);
            let id = unique(
                given
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| slug(&head)),
                format!("era-{n}"),
                &mut era_ids,
            );
            eras.push(EraOut {
                name: if head.is_empty() { id.clone() } else { head },
                id,
                date,
                note: format!("Imported from {name} (TimelineJS 3, era {n})."),
            });
        }
    }
    let store = StoreOut {
        title: if title.is_empty() {
            format!("Imported from {name}")
        } else {
            title
        },
        description,
        eras,
        events,
    };
    let (n_events, n_eras) = (store.events.len(), store.eras.len());
    let yaml = serde_saphyr::to_string(&store).map_err(|e| ImportError::Unchecked {
        file: file.to_string(),
        findings: e.to_string(),
    })?;
    self_check(&yaml, file)?;
    Ok(Imported {
        yaml,
        events: n_events,
        eras: n_eras,
        warnings,
    })
}

/// Loads the YAML just written and runs `check` on it.
fn self_check(yaml: &str, file: &str) -> Result<(), ImportError> {
    let fail = |findings: String| ImportError::Unchecked {
        file: file.to_string(),
        findings,
    };
    let loaded = crate::store::Store::load_str(
        yaml,
        crate::store::Origin::File("imported.yaml".into()),
        &crate::sources::Resolver::Folder(std::env::temp_dir()),
    )
    .map_err(|e| fail(e.to_string()))?;
    let report = crate::check::check(&loaded);
    if report.errors() > 0 || report.warnings() > 0 {
        let lines: Vec<String> = report.findings.iter().map(|f| f.to_string()).collect();
        return Err(fail(lines.join("\n")));
    }
    Ok(())
}
