//! `chronoscope init DIR`: a working copy of the built-in chronology (its
//! `events.yaml` and archived sources) to edit, never overwriting anything.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::exit;
use crate::export::write::write_atomic;
use crate::sanitize::for_terminal;
use crate::sources::{EMBEDDED_STORE, Resolver};
use crate::store::Store;

/// Arguments of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write the working copy into (created if missing; files already there are never replaced).
    pub dir: PathBuf,
}

/// The files of the built-in store: (path relative to DIR, bytes).
fn files() -> Result<Vec<(String, Vec<u8>)>, String> {
    let loaded = Store::load_embedded().map_err(|e| e.to_string())?;
    let mut out = vec![(
        "events.yaml".to_string(),
        EMBEDDED_STORE.as_bytes().to_vec(),
    )];
    for s in &loaded.store.sources {
        let text = Resolver::Embedded
            .read(&s.path)
            .map_err(|p| format!("{}: {p}", s.path))?;
        out.push((s.path.clone(), text.into_bytes()));
    }
    Ok(out)
}

/// Runs `init`, writing what it did to `out` and problems to `err`; returns the exit code.
pub fn run(args: &InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match init(&args.dir) {
        Ok(n) => {
            let dir = for_terminal(&args.dir.display().to_string()).into_owned();
            let _ = writeln!(
                out,
                "wrote a working copy of the built-in chronology to {dir}: events.yaml and {n} archived sources\n  next: chronoscope --store {dir}/events.yaml check\n        chronoscope --store {dir}/events.yaml source add ARTICLE.html"
            );
            exit::OK
        }
        Err(m) => {
            let _ = writeln!(
                err,
                "chronoscope: {}",
                super::source::for_terminal_lines(&m)
            );
            exit::FAILURE
        }
    }
}

fn init(dir: &Path) -> Result<usize, String> {
    let files = files()?;
    match std::fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(format!(
                "{}: exists and is not a folder; nothing was written\n  hint: choose a new folder name",
                dir.display()
            ));
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?,
    }
    // Refuse before writing anything: a half-made copy is worse than none.
    let taken: Vec<String> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(format!(
            "{} already exist(s): {}; nothing was written\n  hint: init never replaces files; choose an empty folder",
            taken.len(),
            taken.join(", ")
        ));
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot create the folder: {e}", parent.display()))?;
        }
        write_atomic(&path, bytes, false).map_err(|e| e.to_string())?;
    }
    Ok(files.len() - 1)
}
