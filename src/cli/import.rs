//! `chronoscope import timelinejs FILE [--out events.yaml] [--force]`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Cli;
use super::printer::Outcome;
use crate::import::timelinejs;
use crate::sanitize::for_terminal_path as shown;

/// Largest file `import` reads (64 MiB).
const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format to import from.
    #[command(subcommand)]
    pub from: ImportFrom,
}

/// Formats `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportFrom {
    /// A TimelineJS 3 JSON file (v2 files are refused).
    Timelinejs {
        /// The TimelineJS 3 JSON file.
        file: PathBuf,
        /// Write the store to FILE (atomically) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "out")]
        force: bool,
    },
}

fn read(path: &std::path::Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: cannot read: {e}", shown(path)))?;
    if !meta.is_file() {
        return Err(format!("{}: not a regular file", shown(path)));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{}: {} bytes, over the {MAX_IMPORT_BYTES}-byte cap for imports",
            shown(path),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", shown(path)))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (bad byte at offset {})\n  hint: save the file as UTF-8",
            shown(path),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Runs `import`.
pub fn run(_cli: &Cli, args: &ImportArgs) -> Outcome {
    let ImportFrom::Timelinejs { file, out, force } = &args.from;
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => return Outcome::failure(format!("chronoscope: {e}")),
    };
    let imported = match timelinejs::import(
        text.trim_start_matches('\u{feff}'),
        &file.display().to_string(),
    ) {
        Ok(i) => i,
        Err(e) => return Outcome::failure(e.to_string()),
    };
    let warnings = imported.warnings.iter().map(|w| {
        format!(
            "{}: warning: {}",
            shown(file),
            crate::sanitize::for_terminal(w)
        )
    });
    let outcome = match out {
        None => Outcome::ok(imported.yaml.clone()),
        Some(path) => {
            match crate::export::write::write_atomic(path, imported.yaml.as_bytes(), *force) {
                Ok(()) => Outcome::ok("").note(format!(
                    "wrote {} events and {} eras to {} (it passes `chronoscope --store {} check`)",
                    imported.events,
                    imported.eras,
                    shown(path),
                    shown(path)
                )),
                Err(e) => Outcome::failure(format!("chronoscope: {e}")),
            }
        }
    };
    // Warnings come before the result, as they did when printed directly.
    let mut notes: Vec<String> = warnings.collect();
    notes.extend(outcome.stderr);
    Outcome {
        stderr: notes,
        ..outcome
    }
}
