//! `chronoscope export --format F [--from DATE] [--to DATE] [--query Q] [--out FILE] [--force]`.

use std::io::Write as _;

use clap::{Args, ValueEnum};

use super::list::{DateFilter, print};
use super::{Cli, EXIT_FAILURE, EXIT_OK, report_load_error};
use crate::export;
use crate::store::Store;

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

impl ExportFormat {
    /// The format's name in reports ("iCalendar").
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "chronoscope JSON",
            ExportFormat::Csv => "CSV",
            ExportFormat::Md => "Markdown",
            ExportFormat::Ics => "iCalendar",
            ExportFormat::Timelinejs => "TimelineJS 3 JSON",
            ExportFormat::Csl => "CSL-JSON",
        }
    }

    /// A file name for the format, for hints.
    pub fn file_name(self) -> &'static str {
        match self {
            ExportFormat::Json => "export.json",
            ExportFormat::Csv => "events.csv",
            ExportFormat::Md => "chronology.md",
            ExportFormat::Ics => "events.ics",
            ExportFormat::Timelinejs => "timeline.json",
            ExportFormat::Csl => "sources.csl.json",
        }
    }
}

/// Renders `view` in `format`, with the report of what it holds.
pub fn render(view: &export::View<'_>, format: ExportFormat) -> export::Exported {
    match format {
        ExportFormat::Json => export::json::export(view),
        ExportFormat::Csv => export::csv::export(view),
        ExportFormat::Md => export::markdown::export(view),
        ExportFormat::Ics => export::ics::export(view, stamp()),
        ExportFormat::Timelinejs => export::timelinejs::export(view),
        ExportFormat::Csl => export::csl::export(view),
    }
}

/// Prints the export's report on stderr (a failure to do so is not fatal).
fn report(done: &export::Exported, format: ExportFormat, target: Option<&std::path::Path>) {
    let target = target.map(|p| p.display().to_string());
    let _ = done.report.write_to(
        &mut std::io::stderr().lock(),
        format.name(),
        target.as_deref(),
    );
}

/// Runs `export`; returns the exit code.
pub fn run(cli: &Cli, args: &ExportArgs) -> u8 {
    let loaded = match Store::open(cli.store.as_deref()) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let store = std::sync::Arc::new(loaded.store);
    let view = match args.filter.view(&store) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("chronoscope: {message}");
            return EXIT_FAILURE;
        }
    };
    let done = render(&view, args.format);
    match &args.out {
        None => {
            let code = print(&done.text);
            if code == EXIT_OK {
                report(&done, args.format, None);
            }
            code
        }
        Some(path) => match export::write::write_atomic(path, done.text.as_bytes(), args.force) {
            Ok(()) => {
                report(&done, args.format, Some(path));
                EXIT_OK
            }
            Err(export::write::WriteError::Directory(dir)) => {
                let dir = crate::sanitize::for_terminal(&dir.display().to_string()).into_owned();
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "chronoscope: {dir}: is a directory; nothing was written\n  hint: give a file name, e.g. {dir}/{}",
                    args.format.file_name()
                );
                EXIT_FAILURE
            }
            Err(e) => {
                eprintln!("chronoscope: {e}");
                EXIT_FAILURE
            }
        },
    }
}
