//! `chronoscope import timelinejs`: a real-world TimelineJS 3 JSON file
//! becomes a store that passes `check`.
//!
//! Tolerated, as real files do: date parts written as strings, empty strings
//! for absent parts, keys the format does not define, HTML in text. Refused
//! with a clear message: the older v2 shape (`{"timeline": …}`). A day or month
//! the file does not give is never invented; a time of day is dropped (the
//! store holds days) and said so in the event's note. Imported events quote no
//! archived source, so they are `context: true` with a note naming the file.

use serde_json::Value;

use super::html::to_text;
use super::ids::Ids;
use super::slide;
use crate::model::{StoreFile, opt_text};

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

/// Converts the TimelineJS 3 JSON `text` (read from `file`) into a store
/// written as YAML that passes `check`.
pub fn import(text: &str, file: &str) -> Result<Imported, ImportError> {
    let (store, warnings) = convert(text, file)?;
    let yaml = crate::model::to_yaml(&store).map_err(|e| ImportError::Unchecked {
        file: file.to_string(),
        findings: e.to_string(),
    })?;
    self_check(&yaml, file)?;
    Ok(Imported {
        yaml,
        events: store.events.len(),
        eras: store.eras.len(),
        warnings,
    })
}

/// The TimelineJS 3 JSON `text` (read from `file`) as the store model, with
/// a warning for each slide left out or changed; not yet checked.
pub fn convert(text: &str, file: &str) -> Result<(StoreFile, Vec<String>), ImportError> {
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
    let title = obj.get("title").map(slide::headline).unwrap_or_default();
    let mut store = StoreFile::new(if title.is_empty() {
        format!("Imported from {name}")
    } else {
        title
    });
    store.description = opt_text(
        obj.get("title")
            .and_then(|t| t.pointer("/text/text"))
            .and_then(Value::as_str)
            .map(to_text)
            .filter(|s| !s.is_empty()),
    );
    let mut warnings = Vec::new();
    let mut ids = Ids::default();
    store.events = (slides.iter().enumerate())
        .filter_map(|(i, s)| slide::event(s, i + 1, &name, &mut ids, &mut warnings))
        .collect();
    if let Some(Value::Array(list)) = obj.get("eras") {
        let mut era_ids = Ids::default();
        store.eras = (list.iter().enumerate())
            .filter_map(|(i, e)| slide::era(e, i + 1, &name, &mut era_ids, &mut warnings))
            .collect();
    }
    Ok((store, warnings))
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
