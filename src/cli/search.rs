//! `chronoscope search QUERY [--json] [--limit N] [--timeline]`.
//!
//! Exit codes: 0 at least one hit; 1 no hit; 2 a bad query (shown with the
//! offending part underlined), or the store could not be loaded.

use std::io::IsTerminal;
use std::sync::Arc;

use clap::Args;
use unicode_width::UnicodeWidthStr;

use super::{Cli, EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, report_load_error};
use crate::sanitize::for_terminal;
use crate::search::{CancelToken, Engine, Field, Highlight, Order};
use crate::store::Store;

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

/// Runs `search`; returns the exit code.
pub fn run(cli: &Cli, args: &SearchArgs) -> u8 {
    let text = args.query.join(" ");
    let loaded = match Store::open(cli.store.as_deref()) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let engine = Engine::new(Arc::new(loaded.store));
    let query = match engine.parse(&text) {
        Ok(q) => q,
        Err(e) => {
            let shown = query_shown(&text);
            let shown = for_terminal(&shown);
            let before = query_shown(&text[..e.span.start.min(text.len())]);
            let under =
                query_shown(&text[e.span.start.min(text.len())..e.span.end.min(text.len())]);
            eprintln!("chronoscope: bad query: {}", for_terminal(&e.message));
            eprintln!("  {shown}");
            eprintln!(
                "  {}{}",
                " ".repeat(for_terminal(&before).width()),
                "^".repeat(for_terminal(&under).width().max(1))
            );
            return EXIT_FAILURE;
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
    let store = engine.store();
    if args.json {
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
                    "highlights": engine.highlights(&query, h.event),
                })
            })
            .collect();
        let v = serde_json::json!({
            "store": store.origin.display_name(),
            "query": text,
            "order": if args.timeline { "timeline" } else { "relevance" },
            "total": total,
            "shown": shown,
            "hits": hits,
        });
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        let bold = cli.color.use_color() && std::io::stdout().is_terminal();
        for (rank, h) in results.hits[..shown].iter().enumerate() {
            let e = &store.events[h.event];
            let title = for_terminal(&e.title);
            let title = if bold {
                format!("\x1b[1m{title}\x1b[0m")
            } else {
                title.into_owned()
            };
            println!(
                "{:>3}.{}{:<12} {}  ({})",
                rank + 1,
                if h.possible { "?" } else { " " },
                for_terminal(&e.date.compact()),
                title,
                for_terminal(&e.id)
            );
            let fields: Vec<&str> = h.fields.iter().map(Field::name).collect();
            if !fields.is_empty() {
                let lights = engine.highlights(&query, h.event);
                println!("     matched in {}", fields.join(", "));
                for line in snippets(&lights) {
                    println!("       {line}");
                }
            }
        }
        eprintln!(
            "{total} of {} events match{}",
            store.events.len(),
            if shown < total {
                format!(" (showing {shown}; --limit 0 shows all)")
            } else {
                String::new()
            }
        );
    }
    if total == 0 { EXIT_FINDINGS } else { EXIT_OK }
}

fn query_shown(s: &str) -> String {
    s.replace(['\n', '\t'], " ")
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
        let start = floor_boundary(&l.text, r.start.saturating_sub(40));
        let end = floor_boundary(&l.text, (r.end + 40).min(l.text.len()));
        let mut s = String::new();
        if start > 0 {
            s.push('…');
        }
        s.push_str(&query_shown(&l.text[start..end]));
        if end < l.text.len() {
            s.push('…');
        }
        out.push(format!("{}: {}", l.field.name(), for_terminal(&s)));
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
