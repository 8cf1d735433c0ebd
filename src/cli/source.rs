//! `chronoscope --store PATH source add FILE [--id] [--title] [--publisher]
//! [--published] [--url] [--force]`: archive an article's text under the
//! store's `assets/sources/` and declare it in `events.yaml`, leaving the
//! rest of the file as it was; the store must still pass `check`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Cli;
use crate::claims::article::{self, Article};
use crate::date::EventDate;
use crate::edit::{self, NewSource};
use crate::exit;
use crate::export::write::write_atomic;
use crate::sanitize::for_terminal;
use crate::store::Store;

/// Arguments of `source`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SourceAction,
}

/// `source` actions.
#[derive(Debug, Subcommand)]
pub enum SourceAction {
    /// Archive an article (text, Markdown or saved HTML page) and add it to the store's sources.
    Add(AddArgs),
}

/// Arguments of `source add`; flags override what the page says.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The article: plain text, Markdown or a saved HTML page (at most 16 MiB).
    pub file: PathBuf,
    /// Id of the source (letters, digits, `-`, `_`, `.`); default: from the title and date.
    #[arg(long)]
    pub id: Option<String>,
    /// Headline (default: the page's title).
    #[arg(long)]
    pub title: Option<String>,
    /// Publisher (default: the page's site name).
    #[arg(long)]
    pub publisher: Option<String>,
    /// Publication date, EDTF (default: the page's publication time, as a day).
    #[arg(long, value_name = "EDTF")]
    pub published: Option<String>,
    /// URL (default: the page's canonical URL).
    #[arg(long)]
    pub url: Option<String>,
    /// Replace a source with the same id and its archived text.
    #[arg(long)]
    pub force: bool,
}

/// Runs `source`; returns the exit code.
pub fn run(cli: &Cli, args: &SourceArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let SourceAction::Add(add_args) = &args.action;
    match add(cli.store.as_deref(), add_args) {
        Ok(report) => {
            let _ = writeln!(out, "{}", for_terminal_lines(&report));
            exit::OK
        }
        Err(m) => {
            let _ = writeln!(err, "chronoscope: {}", for_terminal_lines(&m));
            exit::FAILURE
        }
    }
}

/// Each line made safe, line breaks kept.
pub(super) fn for_terminal_lines(s: &str) -> String {
    s.lines()
        .map(|l| for_terminal(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The source entry from the flags and the page, or what is missing.
fn entry(a: &AddArgs, page: &Article) -> Result<NewSource, String> {
    let need = |v: Option<String>, what: &str, flag: &str| {
        v.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
            format!(
                "{}: no {what} found in the file; pass {flag}",
                a.file.display()
            )
        })
    };
    let title = need(
        a.title.clone().or(page.title.clone()),
        "title",
        "--title \"...\"",
    )?;
    let publisher = need(
        a.publisher.clone().or(page.site_name.clone()),
        "publisher",
        "--publisher \"...\"",
    )?;
    let published = need(
        a.published.clone().or(page.published.clone()),
        "publication date",
        "--published EDTF (e.g. 2014-03-22)",
    )?;
    EventDate::parse(&published).map_err(|e| format!("--published: {e}"))?;
    let id = a
        .id
        .clone()
        .unwrap_or_else(|| edit::slug(&format!("{publisher} {}", first_words(&title)), &published));
    if !valid_id(&id) {
        return Err(format!(
            "--id `{id}`: use letters, digits, `-`, `_` and `.` only (it names the archived file)"
        ));
    }
    Ok(NewSource {
        text: format!("assets/sources/{id}.txt"),
        id,
        title,
        publisher,
        published,
        author: page.byline.clone(),
        url: a.url.clone().or(page.url.clone()),
        ..NewSource::default()
    })
}

fn first_words(s: &str) -> String {
    s.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// Archives the article's text beside the store and adds (or with
/// `--force` replaces) its source entry; both files go back when the store
/// would gain errors under `check`.
fn add(store_path: Option<&Path>, a: &AddArgs) -> Result<String, String> {
    let store_path = store_path.ok_or(
        "the built-in store is read-only\n  hint: make a working copy with `chronoscope init DIR`, then `chronoscope --store DIR/events.yaml source add FILE`",
    )?;
    let before = Store::load_path(store_path).map_err(|e| e.to_string())?;
    let errors_before = crate::check::check(&before).errors();
    let page = article::read(&a.file).map_err(|e| e.to_string())?;
    let src = entry(a, &page)?;
    let exists = before.store.source(&src.id).is_some();
    if exists && !a.force {
        return Err(format!(
            "source `{}` already exists in {}; nothing was written\n  hint: pass --id to choose another id, or --force to replace it",
            src.id,
            store_path.display()
        ));
    }
    let (text_path, old_text) = archive_text(store_path, &src, &page, a.force)?;
    let put_back_text = || match &old_text {
        Some(b) => drop(write_atomic(&text_path, b, true)),
        None => drop(std::fs::remove_file(&text_path)),
    };
    let undo = match edit::apply(store_path, |y| {
        if exists {
            edit::replace_source(y, &src)
        } else {
            edit::add_source(y, &src)
        }
    }) {
        Ok(u) => u,
        Err(e) => {
            put_back_text();
            return Err(e.to_string());
        }
    };
    if let Some(findings) = new_errors(store_path, errors_before) {
        let _ = undo.restore();
        put_back_text();
        return Err(format!(
            "the store would not pass check with this source; nothing was changed:\n{findings}"
        ));
    }
    Ok(added(store_path, &src, &page))
}

/// Writes the article's text where the source entry says, beside the store;
/// refuses to replace an existing file without `--force`. Returns the path
/// and the bytes it held before, to put back on failure.
fn archive_text(
    store_path: &Path,
    src: &NewSource,
    page: &Article,
    force: bool,
) -> Result<(PathBuf, Option<Vec<u8>>), String> {
    let folder = store_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let text_path = folder.join(&src.text);
    let old_text = std::fs::read(&text_path).ok();
    if old_text.is_some() && !force {
        return Err(format!(
            "{}: already exists; nothing was written\n  hint: pass --id to choose another id, or --force to replace it",
            text_path.display()
        ));
    }
    if let Some(dir) = text_path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create the folder: {e}", dir.display()))?;
    }
    write_atomic(&text_path, page.text.as_bytes(), force).map_err(|e| e.to_string())?;
    Ok((text_path, old_text))
}

/// The store must still pass `check`: the findings, when the edited store
/// has more errors than before (or no longer loads).
fn new_errors(store_path: &Path, errors_before: usize) -> Option<String> {
    let after = Store::load_path(store_path).map(|l| crate::check::check(&l));
    match &after {
        Ok(r) if r.errors() <= errors_before => None,
        Ok(r) => Some(
            r.findings
                .iter()
                .map(|f| format!("  {f}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Err(e) => Some(e.to_string()),
    }
}

/// What was added, where the text was archived, and the next command.
fn added(store_path: &Path, src: &NewSource, page: &Article) -> String {
    format!(
        "added source `{}` to {}: “{}”, {}, published {}{}\n  archived {} bytes of article text at {}\n  check: no new errors\n  next: chronoscope --store {} claims --source {}",
        src.id,
        store_path.display(),
        src.title,
        src.publisher,
        src.published,
        src.url
            .as_ref()
            .map(|u| format!(", {u}"))
            .unwrap_or_default(),
        page.text.len(),
        src.text,
        store_path.display(),
        src.id
    )
}
