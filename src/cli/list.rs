//! `chronoscope list [--from DATE] [--to DATE] [--query Q] [--format table|json|csv|md]`.

use std::io::IsTerminal as _;
use std::sync::Arc;

use clap::{Args, ValueEnum};

use super::filter::DateFilter;
use super::printer::Outcome;
use super::{Cli, load, terminal_width};
use crate::export::View;
use crate::sanitize::for_terminal;
use crate::text::{pad, truncate, width};

/// Output format of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table on a terminal; tab-separated `date, id, title` when piped.
    Table,
    /// The JSON export of the listed events.
    Json,
    /// The CSV export of the listed events.
    Csv,
    /// The Markdown export of the listed events.
    Md,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which events.
    #[command(flatten)]
    pub filter: DateFilter,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// The aligned table: DATE, ID, TITLE, cut to `columns`.
pub fn table(view: &View<'_>, columns: usize, bold: bool) -> String {
    let rows: Vec<[String; 3]> = view
        .events()
        .map(|e| {
            [
                for_terminal(&e.date.compact()).into_owned(),
                for_terminal(&e.id).into_owned(),
                for_terminal(&e.title).into_owned(),
            ]
        })
        .collect();
    let dw = rows.iter().map(|r| width(&r[0])).max().unwrap_or(0).max(4);
    let iw = rows
        .iter()
        .map(|r| width(&r[1]))
        .max()
        .unwrap_or(0)
        .clamp(2, 40);
    let tw = columns.saturating_sub(dw + iw + 4).max(10);
    let mut out = String::new();
    let head = format!("{}  {}  TITLE", pad("DATE", dw), pad("ID", iw));
    if bold {
        out.push_str(&format!("\x1b[1m{head}\x1b[0m\n"));
    } else {
        out.push_str(&head);
        out.push('\n');
    }
    for [d, id, t] in rows {
        let line = format!(
            "{}  {}  {}",
            pad(&d, dw),
            pad(&truncate(&id, iw), iw),
            truncate(&t, tw)
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Tab-separated `date, id, title` lines (tabs and newlines in text become spaces).
pub fn plain(view: &View<'_>) -> String {
    let mut out = String::new();
    for e in view.events() {
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            for_terminal(&e.date.compact()),
            for_terminal(&e.id),
            for_terminal(&e.title)
        ));
    }
    out
}

pub fn run(cli: &Cli, args: &ListArgs) -> Outcome {
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let index = loaded.index_cache();
    let store = Arc::new(loaded.store);
    let view = match args.filter.view(&store, index.as_ref()) {
        Ok(v) => v,
        Err(message) => return Outcome::failure(message),
    };
    let document = match args.format {
        ListFormat::Json => Some("json"),
        ListFormat::Csv => Some("csv"),
        ListFormat::Md => Some("md"),
        ListFormat::Table => None,
    };
    // A document is written as it is made, as `export` writes it: held
    // whole, the JSON of 100,000 events took `list` to 278 MB (3.2x its
    // store's YAML) against 142 MB for the table.
    if let Some(write) = document
        .and_then(crate::export::format)
        .and_then(|f| f.write)
    {
        let selected = super::export::Selected {
            indices: view.indices,
            store,
            checked: None,
        };
        return Outcome::streamed(move |out| {
            selected.with_view(|view| write(view, super::export::stamp(), out))?;
            Ok(Vec::new())
        });
    }
    // Only the table is left here: every document format has a writer
    // (`tests/export_streamed.rs` prints each through `list`).
    let outcome = Outcome::ok(if std::io::stdout().is_terminal() {
        table(&view, terminal_width(), cli.color.use_color())
    } else {
        plain(&view)
    });
    drop(view);
    leave_to_exit(store);
    outcome
}

/// Lets a one-shot command's store go without freeing it: the process ends
/// once the outcome is printed, and the system takes its memory back at
/// once, whereas freeing a big store string by string (1.5 million of them
/// at 100 000 events) cost about a tenth of a warm `list`. Only for
/// one-shot commands, never for the explorer (which replaces stores).
pub(super) fn leave_to_exit<T>(store: T) {
    std::mem::forget(store);
}
