//! `chronoscope export --format F [--from DATE] [--to DATE] [--query Q] [--out FILE] [--force]`.

use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};

use super::filter::DateFilter;
use super::printer::Outcome;
use super::{Cli, load};
use crate::export::{self, FORMATS, Format, View};

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
pub(super) fn stamp() -> chrono::DateTime<chrono::Utc> {
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
    let checked = loaded.kept_places();
    let store = std::sync::Arc::new(loaded.store);
    let indices = match args.filter.view(&store, index.as_ref()) {
        Ok(v) => v.indices,
        Err(message) => return Outcome::failure(message),
    };
    let (format, stamp) = (args.format, stamp());
    // The report (what was written, what was left out and why) goes to
    // standard error, so that no export leaves anything out silently.
    let report = move |done: &export::Report, target: Option<&str>| {
        done.lines(format.title, target).join("\n")
    };
    let selected = Selected {
        store,
        indices,
        checked,
    };
    match (&args.out, format.write) {
        (None, Some(write)) => Outcome::streamed(move |out| {
            let done = selected.with_view(|view| write(view, stamp, out))?;
            Ok(vec![report(&done, None)])
        }),
        (None, None) => {
            let done = selected.with_view(|view| (format.render)(view, stamp));
            Outcome::ok(done.text).note(report(&done.report, None))
        }
        (Some(path), _) => {
            match selected.with_view(|view| to_file(view, format, stamp, path, args.force)) {
                Ok(done) => Outcome::ok("").note(report(&done, Some(&path.display().to_string()))),
                Err(export::write::WriteError::Directory(dir)) => {
                    let dir = crate::sanitize::for_terminal_path(&dir);
                    Outcome::failure(format!(
                        "chronoscope: {dir}: is a directory; nothing was written\n  hint: give a file name, e.g. {dir}/{}",
                        format.file_name
                    ))
                }
                Err(e) => Outcome::failure(format!("chronoscope: {e}")),
            }
        }
    }
}

/// The events to export and what their view borrows, owned: a streamed
/// export runs after [`run`] has returned.
pub(super) struct Selected {
    pub store: std::sync::Arc<crate::store::Store>,
    pub indices: Vec<usize>,
    pub checked: Option<crate::check::Report>,
}

impl Selected {
    /// Runs `f` on the view. The process ends after this command: the store
    /// and its report are left to the exit rather than freed piece by piece
    /// (a tenth of a second at 100 000 events).
    pub(super) fn with_view<T>(self, f: impl FnOnce(&View<'_>) -> T) -> T {
        let view = View {
            store: &self.store,
            indices: self.indices,
            checked: self.checked.as_ref(),
        };
        let done = f(&view);
        drop(view);
        std::mem::forget(self.checked);
        std::mem::forget(self.store);
        done
    }
}

/// Writes the view's document to `path` atomically, streamed when the
/// format can; the report of what it holds.
fn to_file(
    view: &View<'_>,
    format: &Format,
    stamp: chrono::DateTime<chrono::Utc>,
    path: &std::path::Path,
    force: bool,
) -> Result<export::Report, export::write::WriteError> {
    let mut report = None;
    export::write::write_atomic_with(path, force, |out| {
        let done = match format.write {
            Some(write) => write(view, stamp, out)?,
            None => {
                let done = (format.render)(view, stamp);
                out.write_all(done.text.as_bytes())?;
                done.report
            }
        };
        report = Some(done);
        Ok(())
    })?;
    report.ok_or_else(|| export::write::WriteError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("the export wrote nothing"),
    })
}
