//! `chronoscope show ID`: everything about one event, with each excerpt in
//! the paragraph of its source and a full citation.

use std::fmt::Write as _;
use std::io::IsTerminal as _;

use clap::Args;

use super::printer::Outcome;
use super::{Cli, load, terminal_width};
use crate::export::excerpt_citation;
use crate::sanitize::for_terminal;
use crate::store::{Discrepancy, Event, Excerpt, Store};
use crate::text::wrap;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The event's id (see `chronoscope list`).
    pub id: String,
}

/// The full description of one event, as safe text `width` columns wide.
pub fn describe(store: &Store, e: &Event, width: usize, bold: bool) -> String {
    let (b0, b1) = emphasis(bold);
    let mut out = String::new();
    let _ = writeln!(out, "{b0}{}{b1}", wrap(&t(&e.title), width, 0));
    facts(&mut out, store, e, width);
    if !e.summary.is_empty() {
        let _ = writeln!(out, "\n{}", wrap(&t(&e.summary), width, 0));
    }
    if let Some(n) = &e.note {
        let _ = writeln!(out, "\nnote: {}", wrap(&t(n), width, 6));
    }
    for (i, x) in e.excerpts.iter().enumerate() {
        excerpt(&mut out, store, i + 1, x, width, bold);
    }
    for d in &e.discrepancies {
        discrepancy(&mut out, store, d, width, bold);
    }
    out
}

/// The escapes that start and end bold text, when the terminal shows it.
fn emphasis(bold: bool) -> (&'static str, &'static str) {
    if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    }
}

/// Text from the store, safe for the terminal.
fn t(s: &str) -> String {
    for_terminal(s).into_owned()
}

/// The labelled facts under the title: id, date and its precision, status,
/// place, actors, lane, tags, eras, related events, whether it is context.
fn facts(out: &mut String, store: &Store, e: &Event, width: usize) {
    let _ = writeln!(out, "id        {}", t(&e.id));
    let d = &e.date;
    let _ = writeln!(
        out,
        "date      {} ({}; EDTF {})",
        t(&d.long()),
        d.precision_words(),
        t(d.edtf())
    );
    if e.status == crate::model::Status::Scheduled {
        out.push_str("status    scheduled (announced ahead of time)\n");
    }
    if let Some(p) = &e.place {
        let _ = writeln!(out, "place     {}", t(store.place_name(p)));
    }
    if !e.actors.is_empty() {
        let names: Vec<String> = e.actors.iter().map(|a| t(store.actor_name(a))).collect();
        let _ = writeln!(out, "actors    {}", wrap(&names.join(", "), width, 10));
    }
    if let Some(l) = &e.lane {
        let _ = writeln!(out, "lane      {}", t(l));
    }
    if !e.tags.is_empty() {
        let _ = writeln!(out, "tags      {}", t(&e.tags.join(", ")));
    }
    let eras: Vec<String> = store.eras_of(e).map(|x| t(&x.name)).collect();
    if !eras.is_empty() {
        let _ = writeln!(out, "eras      {}", wrap(&eras.join(", "), width, 10));
    }
    for r in &e.related {
        let line = match store.event(r) {
            Some(o) => format!("{} ({}) {}", t(r), t(&o.date.compact()), t(&o.title)),
            None => format!("{} (not in the store)", t(r)),
        };
        let _ = writeln!(out, "related   {}", wrap(&line, width, 10));
    }
    if e.context {
        out.push_str("context   not in the sources; given to help read them\n");
    }
}

/// Excerpt number `n`: the quote, the quote marked in its paragraph of the
/// source (or why it cannot be shown), and its citation.
fn excerpt(out: &mut String, store: &Store, n: usize, x: &Excerpt, width: usize, bold: bool) {
    let (b0, b1) = emphasis(bold);
    let _ = writeln!(
        out,
        "\n{b0}excerpt {}{b1}  “{}”",
        n,
        wrap(&t(&x.quote), width, 4)
    );
    if let Ok((text, range)) = store.locate(x) {
        let para = crate::quote::paragraph_around(&text.text, &range);
        let before = t(text.text[para.start..range.start].trim_start());
        let quote = t(&text.text[range.clone()]);
        let after = t(text.text[range.end..para.end].trim_end());
        let (m0, m1) = if bold {
            ("\x1b[1m", "\x1b[0m")
        } else {
            ("»", "«")
        };
        let context = format!("{before}{m0}{quote}{m1}{after}");
        let _ = writeln!(out, "    in context: {}", wrap(&context, width, 4));
    } else {
        out.push_str("    (not found verbatim in the source; run `chronoscope check`)\n");
    }
    let _ = writeln!(
        out,
        "    — {}",
        wrap(&t(&excerpt_citation(store, x)), width, 6)
    );
}

/// A discrepancy: which source, its words, what it says, what the record
/// holds and on what basis.
fn discrepancy(out: &mut String, store: &Store, d: &Discrepancy, width: usize, bold: bool) {
    let (b0, b1) = emphasis(bold);
    let src = store
        .source(&d.source)
        .map_or(d.source.as_str(), |s| s.publisher.as_str());
    let _ = writeln!(out, "\n{b0}discrepancy{b1} ({})", t(src));
    if let Some(q) = &d.quote {
        let _ = writeln!(out, "    words:  “{}”", wrap(&t(q), width, 12));
    }
    let _ = writeln!(out, "    says:   {}", wrap(&t(&d.says), width, 12));
    let _ = writeln!(out, "    record: {}", wrap(&t(&d.record), width, 12));
    let _ = writeln!(out, "    basis:  {}", wrap(&t(&d.basis), width, 12));
}

pub fn run(cli: &Cli, args: &ShowArgs) -> Outcome {
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let outcome = show(cli, &loaded.store, args);
    super::list::leave_to_exit(loaded);
    outcome
}

fn show(cli: &Cli, store: &Store, args: &ShowArgs) -> Outcome {
    let Some(e) = store.event(&args.id) else {
        let near = crate::suggest::close_ids(store, &args.id);
        let hint = if near.is_empty() {
            "  hint: `chronoscope list` shows every id".to_string()
        } else {
            let near: Vec<_> = near.iter().map(|id| for_terminal(id)).collect();
            format!("  did you mean: {}?", near.join(", "))
        };
        return Outcome::failure(format!(
            "chronoscope: no event `{}` in {}\n{hint}",
            for_terminal(&args.id),
            for_terminal(&store.origin.display_name())
        ));
    };
    let tty = std::io::stdout().is_terminal();
    let width = if tty { terminal_width() } else { 100 };
    Outcome::ok(describe(
        store,
        e,
        width.min(120),
        tty && cli.color.use_color(),
    ))
}
