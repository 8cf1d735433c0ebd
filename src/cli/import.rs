//! `chronoscope import timelinejs FILE [--out events.yaml] [--force]`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::list::print;
use super::{Cli, EXIT_FAILURE, EXIT_OK};
use crate::import::timelinejs;

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
    let meta =
        std::fs::metadata(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "{}: {} bytes, over the {MAX_IMPORT_BYTES}-byte cap for imports",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (bad byte at offset {})\n  hint: save the file as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Runs `import`; returns the exit code.
pub fn run(_cli: &Cli, args: &ImportArgs) -> u8 {
    let ImportFrom::Timelinejs { file, out, force } = &args.from;
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("chronoscope: {e}");
            return EXIT_FAILURE;
        }
    };
    let imported = match timelinejs::import(
        text.trim_start_matches('\u{feff}'),
        &file.display().to_string(),
    ) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_FAILURE;
        }
    };
    for w in &imported.warnings {
        eprintln!(
            "{}: warning: {}",
            file.display(),
            crate::sanitize::for_terminal(w)
        );
    }
    match out {
        None => print(&imported.yaml),
        Some(path) => {
            match crate::export::write::write_atomic(path, imported.yaml.as_bytes(), *force) {
                Ok(()) => {
                    eprintln!(
                        "wrote {} events and {} eras to {} (it passes `chronoscope --store {} check`)",
                        imported.events,
                        imported.eras,
                        path.display(),
                        path.display()
                    );
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!("chronoscope: {e}");
                    EXIT_FAILURE
                }
            }
        }
    }
}
