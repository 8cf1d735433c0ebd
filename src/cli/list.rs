//! `chronoscope list [--from DATE] [--to DATE] [--query Q] [--format table|json|csv|md]`.

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr as _;

use super::{Cli, EXIT_FAILURE, EXIT_OK, report_load_error};
use crate::date::EventDate;
use crate::export::View;
use crate::sanitize::for_terminal;
use crate::search::{CancelToken, Engine};
use crate::store::Store;

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

/// Parses an EDTF prefix given on the command line (`2014`, `2014-03`, `2014-03-22`).
pub fn parse_date(s: &str) -> Result<EventDate, String> {
    EventDate::parse(s)
        .map_err(|e| format!("{e}; give an EDTF date such as 2014, 2014-03 or 2014-03-22"))
}

/// The selection shared by `list` and `export`: a date range and a search query.
#[derive(Debug, Args, Clone)]
pub struct DateFilter {
    /// Only events with some day on or after the start of DATE (EDTF: 2014, 2014-03, 2014-03-22).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<EventDate>,
    /// Only events with some day on or before the end of DATE (EDTF: 2014 means up to 31 December 2014).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<EventDate>,
    /// Only events matching this search (the explorer's `/` grammar: words, "phrases", tag: actor:
    /// place: source: lane: year: date: has:, before: after: within: during: overlaps:, -negation);
    /// the result stays in chronological order, events that only possibly match included.
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
}

impl DateFilter {
    /// The events of `store` this selection keeps, in chronological order,
    /// or a message naming what is wrong with the query.
    pub fn view<'a>(&self, store: &'a Arc<Store>) -> Result<View<'a>, String> {
        let mut view = View::between(store, self.from.as_ref(), self.to.as_ref());
        if let Some(text) = &self.query {
            let engine = Engine::new(Arc::clone(store));
            let query = engine.parse(text).map_err(|e| {
                let bad = text.get(e.span.clone()).unwrap_or(text);
                format!(
                    "bad --query: {} (at `{}`); see `chronoscope search --help` for the grammar",
                    for_terminal(&e.message),
                    for_terminal(bad)
                )
            })?;
            let results = engine.search(&query, &CancelToken::new());
            let keep: Vec<usize> = results
                .events_in_order(store.events.len())
                .into_iter()
                .map(|i| i as usize)
                .collect();
            view.retain(&keep);
        }
        Ok(view)
    }
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which events.
    #[command(flatten)]
    pub filter: DateFilter,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Cuts `s` to at most `width` display columns, ending with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `width` display columns.
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// The aligned table: DATE, ID, TITLE, cut to `width` columns.
pub fn table(view: &View<'_>, width: usize, bold: bool) -> String {
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
    let dw = rows.iter().map(|r| r[0].width()).max().unwrap_or(0).max(4);
    let iw = rows
        .iter()
        .map(|r| r[1].width())
        .max()
        .unwrap_or(0)
        .clamp(2, 40);
    let tw = width.saturating_sub(dw + iw + 4).max(10);
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
            pad(&fit(&id, iw), iw),
            fit(&t, tw)
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

/// Writes `s` to stdout; a closed pipe (`| head`) is not an error.
pub fn print(s: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("chronoscope: cannot write to standard output: {e}");
            EXIT_FAILURE
        }
    }
}

/// Runs `list`; returns the exit code.
pub fn run(cli: &Cli, args: &ListArgs) -> u8 {
    let loaded = match Store::open(cli.store.as_deref()) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let store = Arc::new(loaded.store);
    let view = match args.filter.view(&store) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("chronoscope: {message}");
            return EXIT_FAILURE;
        }
    };
    let text = match args.format {
        ListFormat::Json => crate::export::json::to_string(&view),
        ListFormat::Csv => crate::export::csv::to_string(&view),
        ListFormat::Md => crate::export::markdown::to_string(&view),
        ListFormat::Table if std::io::stdout().is_terminal() => {
            let width = ratatui::crossterm::terminal::size().map_or(100, |(w, _)| usize::from(w));
            let bold = cli.color.use_color();
            table(&view, width, bold)
        }
        ListFormat::Table => plain(&view),
    };
    print(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_measured_by_display_width() {
        assert_eq!(pad("横田", 6), "横田  ");
        assert_eq!(fit("横田めぐみ", 7), "横田め…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
