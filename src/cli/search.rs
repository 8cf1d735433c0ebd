//! `chronoscope search QUERY [--json] [--limit N] [--timeline]`.
//!
//! Exit codes: 0 at least one hit; 1 no hit; 2 a bad query (shown with the
//! offending part underlined), or the store could not be loaded.

use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::sync::Arc;

use clap::Args;

use super::printer::Outcome;
use super::{Cli, load, terminal_width};
use crate::exit;
use crate::sanitize::for_terminal;
use crate::search::{CancelToken, Engine, Field, Highlight, Order, Query, Results};
use crate::text::{caret, floor_char_boundary, wrap};

/// Arguments of `search`. A `?` after the rank marks an event that only
/// possibly satisfies a time operator (its date is too imprecise or doubted).
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words (all required; typos of longer words allowed), "a phrase", filters such
    /// as tag:abduction actor:koizumi place:beijing source:kyodo lane:x
    /// year:2002..2004 date:2014-03 has:discrepancy|excerpt|note|context|scheduled,
    /// time operators before:DATE|ID after:DATE|ID within:2y during:ERA|ID
    /// overlaps:EDTF, and -negation.
    #[arg(value_name = "QUERY", num_args = 1.., required = true)]
    pub query: Vec<String>,
    /// Print a JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Show at most N hits (0: all).
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Chronological order instead of best match first.
    #[arg(long)]
    pub timeline: bool,
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Outcome {
    let text = args.query.join(" ");
    // The store first: time operators name its events and eras
    // (`after:pyongyang-declaration`), so the query is parsed against it.
    // On an unchanged store the index is read from the cache, not built,
    // and read while the store loads (nothing of it is used unless its key
    // is the loaded store's).
    let ahead = cli
        .store
        .as_deref()
        .and_then(crate::cache::index::ReadAhead::start);
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let cache = loaded.index_cache();
    let engine = Engine::cached_ahead(Arc::new(loaded.store), cache.as_ref(), ahead);
    let query = match engine.parse(&text) {
        Ok(q) => q,
        Err(e) => {
            let title = format!("chronoscope: bad query: {}", e.message);
            return Outcome::code(exit::FAILURE).note(caret(Some(&title), 1, &text, e.span));
        }
    };
    let mut results = engine.search(&query, &CancelToken::new());
    if args.timeline {
        results.sort(Order::Timeline);
    }
    let total = results.hits.len();
    let shown = if args.limit == 0 {
        total
    } else {
        args.limit.min(total)
    };
    let code = if total == 0 { exit::FINDINGS } else { exit::OK };
    if args.json {
        let out = Outcome::json(&as_json(&engine, &query, &results, &text, args, shown));
        // The process ends after this command: freeing the store and its
        // index piece by piece would cost more than the search (a tenth of
        // a second at 100 000 events); the system takes the memory back.
        std::mem::forget(engine);
        return out.with_code(code);
    }
    let tty = std::io::stdout().is_terminal();
    let layout = Layout {
        // On a terminal, lines are wrapped between words to its width; piped,
        // every hit stays on its own lines, unwrapped, for grep.
        columns: tty.then(terminal_width),
        bold: tty && cli.color.use_color(),
    };
    let lines = as_lines(&engine, &query, &results, shown, layout);
    let events = engine.store().events.len();
    std::mem::forget(engine);
    let more = if shown < total {
        format!(" (showing {shown}; --limit 0 shows all)")
    } else {
        String::new()
    };
    Outcome::ok(lines)
        .with_code(code)
        .note(format!("{total} of {events} events match{more}"))
}

/// The JSON answer: every string from the store goes through the safe
/// writer in [`Outcome::json`].
fn as_json(
    engine: &Engine,
    query: &Query,
    results: &Results,
    text: &str,
    args: &SearchArgs,
    shown: usize,
) -> serde_json::Value {
    let store = engine.store();
    let hits: Vec<serde_json::Value> = results.hits[..shown]
        .iter()
        .enumerate()
        .map(|(rank, h)| {
            let e = &store.events[h.event];
            serde_json::json!({
                "rank": rank + 1,
                "id": e.id,
                "date": e.date.edtf(),
                "date_words": e.date.long(),
                "precision": e.date.precision_words(),
                "title": e.title,
                "score": h.score,
                "possibly": h.possible,
                "matched": h.fields.iter().map(Field::name).collect::<Vec<_>>(),
                "highlights": engine.highlights(query, h.event),
            })
        })
        .collect();
    serde_json::json!({
        "store": store.origin.display_name(),
        "query": text,
        "order": if args.timeline { "timeline" } else { "relevance" },
        "total": results.hits.len(),
        "shown": shown,
        "hits": hits,
    })
}

#[derive(Clone, Copy)]
struct Layout {
    columns: Option<usize>,
    bold: bool,
}

impl Layout {
    /// `text` for a line that already holds `indent` columns.
    fn fold(self, text: &str, indent: usize) -> String {
        match self.columns {
            Some(columns) => wrap(text, columns, indent),
            None => text.to_string(),
        }
    }
}

/// One block per hit: rank, date, title and id; the fields that matched;
/// the words around the match in each long text.
fn as_lines(
    engine: &Engine,
    query: &Query,
    results: &Results,
    shown: usize,
    layout: Layout,
) -> String {
    let store = engine.store();
    let mut out = String::new();
    for (rank, h) in results.hits[..shown].iter().enumerate() {
        let e = &store.events[h.event];
        let title = for_terminal(&e.title);
        let title = if layout.bold {
            format!("\x1b[1m{title}\x1b[0m")
        } else {
            title.into_owned()
        };
        let head = format!(
            "{:<12} {}  ({})",
            for_terminal(&e.date.compact()),
            title,
            for_terminal(&e.id)
        );
        // A `?` after the rank: the event only possibly satisfies a time
        // operator (its date is too imprecise, or doubted).
        let possibly = if h.possible { "?" } else { " " };
        let _ = writeln!(out, "{:>3}.{possibly}{}", rank + 1, layout.fold(&head, 5));
        let fields: Vec<&str> = h.fields.iter().map(Field::name).collect();
        if !fields.is_empty() {
            let lights = engine.highlights(query, h.event);
            let matched = format!("matched in {}", fields.join(", "));
            let _ = writeln!(out, "     {}", layout.fold(&matched, 5));
            for line in snippets(&lights) {
                let _ = writeln!(out, "       {}", layout.fold(&line, 9));
            }
        }
    }
    out
}

/// One line per long-text field that matched: the words around the first match.
fn snippets(lights: &[Highlight]) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for l in lights {
        let long = matches!(
            l.field,
            Field::Summary | Field::Excerpt | Field::Note | Field::Discrepancy
        );
        if !long || seen.contains(&(l.field, l.item)) || out.len() >= 3 {
            continue;
        }
        seen.push((l.field, l.item));
        let Some(r) = l.ranges.first() else { continue };
        // About 40 bytes each side, cut at a space so no word is split.
        let mut start = floor_char_boundary(&l.text, r.start.saturating_sub(40));
        if let Some(i) = l.text[start..r.start].find(' ').filter(|_| start > 0) {
            start += i + 1;
        }
        let mut end = floor_char_boundary(&l.text, r.end + 40);
        if let Some(i) = l.text[r.end..end].rfind(' ').filter(|_| end < l.text.len()) {
            end = r.end + i;
        }
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.push_str(&l.text[start..end]);
        if end < l.text.len() {
            s.push('…');
        }
        out.push(format!("{}: {}", l.field.name(), for_terminal(&s)));
    }
    out
}
