//! `chronoscope import timelinejs FILE [--out events.yaml] [--force]`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Cli, EXIT_FAILURE, EXIT_OK};
use crate::import::timelinejs;
use crate::sanitize::{for_terminal, for_terminal_multiline};

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

/// Runs `import`: the store to `out` (or to `--out`), warnings and the
/// summary to `err`, every file name and message made safe for a terminal.
/// Returns the exit code, or a failure to write to `out`/`err`.
pub fn run(
    _cli: &Cli,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let ImportFrom::Timelinejs {
        file,
        out: target,
        force,
    } = &args.from;
    let safe = |s: &str| for_terminal_multiline(s, 8).into_owned();
    let shown = for_terminal(&file.display().to_string()).into_owned();
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "chronoscope: {}", safe(&e))?;
            return Ok(EXIT_FAILURE);
        }
    };
    let imported = match timelinejs::import(text.trim_start_matches('\u{feff}'), &shown) {
        Ok(i) => i,
        Err(e) => {
            writeln!(err, "{}", safe(&e.to_string()))?;
            return Ok(EXIT_FAILURE);
        }
    };
    for w in &imported.warnings {
        writeln!(err, "{shown}: warning: {}", for_terminal(w))?;
    }
    let Some(path) = target else {
        out.write_all(imported.yaml.as_bytes())?;
        out.flush()?;
        return Ok(EXIT_OK);
    };
    let path_shown = for_terminal(&path.display().to_string()).into_owned();
    match crate::export::write::write_atomic(path, imported.yaml.as_bytes(), *force) {
        Ok(()) => {
            writeln!(
                err,
                "wrote {} events and {} eras to {path_shown} (it passes `chronoscope --store {path_shown} check`)",
                imported.events, imported.eras,
            )?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            writeln!(err, "chronoscope: {}", safe(&e.to_string()))?;
            Ok(EXIT_FAILURE)
        }
    }
}
