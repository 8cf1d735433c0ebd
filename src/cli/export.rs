//! `chronoscope export --format F [--from DATE] [--to DATE] [--query Q] [--out FILE] [--force]`.

use clap::{Args, ValueEnum};

use super::filter::DateFilter;
use super::printer::Outcome;
use super::{Cli, load};
use crate::export;
use crate::sanitize::for_terminal;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// chronoscope's JSON shape, version 1 (schema: `chronoscope schema --export`).
    Json,
    /// One row per event (RFC 4180), spreadsheet-safe.
    Csv,
    /// A chronology with footnoted citations, to paste into a paper.
    Md,
    /// iCalendar (RFC 5545) all-day events.
    Ics,
    /// TimelineJS 3 JSON.
    Timelinejs,
    /// CSL-JSON references for the sources.
    Csl,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Which events (all when not given).
    #[command(flatten)]
    pub filter: DateFilter,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Replace FILE if it exists (symlinks and directories are still refused).
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// DTSTAMP for ICS: `SOURCE_DATE_EPOCH` when set (reproducible output), else now.
fn stamp() -> chrono::DateTime<chrono::Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now)
}

/// Renders `view` in `format`.
pub fn render(view: &export::View<'_>, format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => export::json::to_string(view),
        ExportFormat::Csv => export::csv::to_string(view),
        ExportFormat::Md => export::markdown::to_string(view),
        ExportFormat::Ics => export::ics::to_string(view, stamp()),
        ExportFormat::Timelinejs => export::timelinejs::to_string(view),
        ExportFormat::Csl => export::csl::to_string(view),
    }
}

/// Runs `export`.
pub fn run(cli: &Cli, args: &ExportArgs) -> Outcome {
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let store = std::sync::Arc::new(loaded.store);
    let view = match args.filter.view(&store) {
        Ok(v) => v,
        Err(message) => return Outcome::failure(message),
    };
    let text = render(&view, args.format);
    match &args.out {
        None => Outcome::ok(text),
        Some(path) => match export::write::write_atomic(path, text.as_bytes(), args.force) {
            Ok(()) => Outcome::ok("").note(format!(
                "wrote {} events to {}",
                view.len(),
                for_terminal(&path.display().to_string())
            )),
            Err(e) => Outcome::failure(format!("chronoscope: {e}")),
        },
    }
}
