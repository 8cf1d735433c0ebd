//! `chronoscope export --format F [--from DATE] [--to DATE] [--query Q] [--out FILE] [--force]`.

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};

use super::filter::DateFilter;
use super::printer::Outcome;
use super::{Cli, load};
use crate::export::{self, FORMATS, Format};

/// The `--format` values: every format registered in `export::FORMATS`,
/// each with its help line.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = &'static Format> {
    PossibleValuesParser::new(
        FORMATS
            .iter()
            .map(|f| PossibleValue::new(f.name).help(f.about)),
    )
    .try_map(|name| export::format(&name).ok_or("not an export format"))
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_parser = format_parser())]
    pub format: &'static Format,
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

/// Runs `export`.
pub fn run(cli: &Cli, args: &ExportArgs) -> Outcome {
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let index = loaded.index_cache();
    let checked = loaded.kept_report();
    let store = std::sync::Arc::new(loaded.store);
    let view = match args.filter.view(&store, index.as_ref()) {
        Ok(v) => v.with_report(checked.as_ref()),
        Err(message) => return Outcome::failure(message),
    };
    let done = (args.format.render)(&view, stamp());
    // The process ends after this command: the store is left to the exit
    // rather than freed piece by piece (a tenth of a second at 100 000 events).
    drop(view);
    std::mem::forget(store);
    // The report (what was written, what was left out and why) goes to
    // standard error, so that no export leaves anything out silently.
    let report = |target: Option<&str>| done.report.lines(args.format.title, target).join("\n");
    match &args.out {
        None => {
            let note = report(None);
            Outcome::ok(done.text).note(note)
        }
        Some(path) => match export::write::write_atomic(path, done.text.as_bytes(), args.force) {
            Ok(()) => Outcome::ok("").note(report(Some(&path.display().to_string()))),
            Err(export::write::WriteError::Directory(dir)) => {
                let dir = crate::sanitize::for_terminal_path(&dir);
                Outcome::failure(format!(
                    "chronoscope: {dir}: is a directory; nothing was written\n  hint: give a file name, e.g. {dir}/{}",
                    args.format.file_name
                ))
            }
            Err(e) => Outcome::failure(format!("chronoscope: {e}")),
        },
    }
}
