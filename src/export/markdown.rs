//! Markdown (CommonMark with footnotes): a chronology to paste into a paper.
//!
//! One `##` entry per event: the date in words with its precision and EDTF,
//! place and actors, the summary, each excerpt as a block quote with a
//! footnoted full citation, and discrepancy notes. Store text is escaped so it
//! cannot open a heading, a list, a link, HTML or a footnote of its own.

use std::fmt::Write as _;

use super::{View, clean, excerpt_citation, full_stop};
use crate::store::{Discrepancy, Event, Store};

/// Escapes store text for inline Markdown: one line, every character that
/// could start markup backslash-escaped, and a leading block marker defused.
pub fn escape(s: &str) -> String {
    escape_with(s, false)
}

/// Escapes a verbatim excerpt: as [`escape`], and also every straight quote
/// and every run of `-` or `.`, which pandoc's default Markdown (`smart`)
/// would turn into curly quotes, dashes and ellipses. The escapes are plain
/// CommonMark too, so every reader shows the quote as it is in the source.
pub fn escape_verbatim(s: &str) -> String {
    escape_with(s, true)
}

/// The words of `s` (cleaned: its only ASCII whitespace is space, tab and
/// newline, on which both splits agree) joined by single spaces.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |w: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    };
    if s.is_ascii() {
        s.split_ascii_whitespace().for_each(&mut push);
    } else {
        s.split_whitespace().for_each(&mut push);
    }
    out
}

fn escape_with(s: &str, verbatim: bool) -> String {
    let flat = one_line(&clean(s));
    // Every character escaped is ASCII, and no byte of another character
    // is: the text is scanned by the byte and copied a run at a time.
    let b = flat.as_bytes();
    let mut out = String::with_capacity(b.len() + 8);
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        let run = |c: u8| (i > 0 && b[i - 1] == c) || b.get(i + 1) == Some(&c);
        let smart = verbatim && (matches!(c, b'"' | b'\'') || (matches!(c, b'-' | b'.') && run(c)));
        if smart
            || matches!(
                c,
                b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'&' | b'!' | b'#' | b'^'
            )
        {
            out.push_str(&flat[start..i]);
            out.push('\\');
            start = i;
        }
    }
    out.push_str(&flat[start..]);
    // A line starting with `-`, `+`, `=` or `1.` / `1)` would become a list
    // or a setext underline.
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if let Some(n) = out.find(|c: char| !c.is_ascii_digit())
        && n > 0
        && matches!(out[n..].chars().next(), Some('.' | ')'))
    {
        out.insert(n, '\\');
    }
    out
}

/// A URL as an autolink when it is safe to, otherwise as escaped text.
fn link(url: &str) -> String {
    let ok = !url.is_empty()
        && url.starts_with("http")
        && !url.chars().any(|c| {
            c.is_whitespace() || crate::sanitize::hazard(c).is_some() || matches!(c, '<' | '>')
        });
    if ok { format!("<{url}>") } else { escape(url) }
}

fn footnote_text(store: &Store, x: &crate::store::Excerpt) -> String {
    let Some(src) = store.source(&x.source) else {
        return escape(&excerpt_citation(store, x));
    };
    let mut s = format!("{}, “{}”", escape(&src.publisher), escape(&src.title));
    if let Some(d) = &src.published {
        let _ = write!(s, ", {}", escape(&d.long()));
    }
    if let Some(a) = &src.author {
        let _ = write!(s, ", by {}", escape(a));
    }
    if let Some((path, line, col)) = super::location(store, x) {
        let _ = write!(
            s,
            "; archived text {}, line {line}, column {col}",
            escape(&path)
        );
    }
    if let Some(u) = &src.url {
        let _ = write!(s, ". {}", link(u));
    }
    s
}

/// The view as a Markdown chronology, held whole (see [`write()`]).
pub fn to_string(view: &View<'_>) -> String {
    super::in_memory(0, |out| write(view, out)).0
}

/// Events rendered per chunk.
const CHUNK: usize = 256;

/// Writes the view as a Markdown chronology to `out`: the events' sections,
/// then the footnotes (one per excerpt, numbered in view order), each
/// rendered in chunks on every core and written in order (never held whole).
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let store = view.store;
    let mut head = String::new();
    let _ = writeln!(head, "# {}\n", escape(&store.title));
    if !store.description.is_empty() {
        let _ = writeln!(head, "{}\n", escape(&store.description));
    }
    let _ = writeln!(
        head,
        "{} events. Dates are given only as precisely as the record supports; the EDTF form follows each date.\n",
        view.len()
    );
    out.write_all(head.as_bytes())?;
    let chunks: Vec<&[usize]> = view.indices.chunks(CHUNK).collect();
    // The number of the last footnote before each chunk.
    let mut before = Vec::with_capacity(chunks.len());
    let mut notes = 0;
    for chunk in &chunks {
        before.push(notes);
        notes += chunk.iter().map(|&i| store.events[i].excerpts.len()).sum::<usize>();
    }
    let sections = |c: usize, buffer: &mut Vec<u8>| {
        super::chunks::as_text(buffer, |text| {
            let mut note = before[c];
            for &i in chunks[c] {
                event_section(text, &mut note, store, &store.events[i]);
            }
        })
    };
    super::chunks::write_in_order(chunks.len(), sections, out)?;
    if notes == 0 {
        return Ok(());
    }
    out.write_all(b"---\n\n")?;
    let footnotes = |c: usize, buffer: &mut Vec<u8>| {
        super::chunks::as_text(buffer, |text| {
            let mut note = before[c];
            for x in chunks[c].iter().flat_map(|&i| &store.events[i].excerpts) {
                note += 1;
                let _ = writeln!(text, "[^{note}]: {}", footnote_text(store, x));
            }
        })
    };
    super::chunks::write_in_order(chunks.len(), footnotes, out)
}

/// One event's section: heading, facts, summary, excerpts (each marked with
/// the next footnote number after `note`), discrepancies, and its note.
fn event_section(out: &mut String, note: &mut usize, store: &Store, e: &Event) {
    let d = &e.date;
    let _ = writeln!(out, "## {} — {}\n", escape(&d.long()), escape(&e.title));
    let _ = write!(
        out,
        "*Date:* {} ({}), EDTF `{}`",
        escape(&d.long()),
        d.precision_words(),
        clean(d.edtf()).replace('`', "")
    );
    if e.status == crate::model::Status::Scheduled {
        out.push_str(" · *scheduled* (announced ahead of time)");
    }
    if let Some(p) = &e.place {
        let _ = write!(out, "  \n*Place:* {}", escape(store.place_name(p)));
    }
    if !e.actors.is_empty() {
        let names: Vec<String> = e
            .actors
            .iter()
            .map(|a| escape(store.actor_name(a)))
            .collect();
        let _ = write!(out, "  \n*Actors:* {}", names.join(", "));
    }
    let _ = write!(out, "  \n*Id:* `{}`", clean(&e.id).replace('`', ""));
    out.push_str("\n\n");
    if !e.summary.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&e.summary));
    }
    for x in &e.excerpts {
        *note += 1;
        let _ = writeln!(out, "> “{}”[^{note}]\n", escape_verbatim(&x.quote));
    }
    for dis in &e.discrepancies {
        discrepancy(out, store, dis);
    }
    if e.context {
        out.push_str("*Context event: not in the sources, given to help read them.*");
        if let Some(n) = &e.note {
            let _ = write!(out, " {}", escape(n));
        }
        out.push_str("\n\n");
    } else if let Some(n) = &e.note {
        let _ = writeln!(out, "*Note:* {}\n", escape(n));
    }
}

/// A discrepancy as one paragraph: what the source says, the record, the
/// basis, and the source's words when quoted.
fn discrepancy(out: &mut String, store: &Store, dis: &Discrepancy) {
    let src = store
        .source(&dis.source)
        .map_or(dis.source.as_str(), |s| s.publisher.as_str());
    let _ = write!(
        out,
        "**Discrepancy.** {} says: {}{} The record: {}{} Basis: {}{}",
        escape(src),
        escape(&dis.says),
        full_stop(&dis.says),
        escape(&dis.record),
        full_stop(&dis.record),
        escape(&dis.basis),
        full_stop(&dis.basis)
    );
    if let Some(q) = &dis.quote {
        let quoted = format!("“{q}”");
        let _ = write!(
            out,
            " Its words: “{}”{}",
            escape_verbatim(q),
            full_stop(&quoted)
        );
    }
    out.push_str("\n\n");
}

/// The view with its report (this format holds every event).
pub fn export(view: &View<'_>) -> super::Exported {
    super::complete(view, to_string(view))
}

/// Writes the view to `out` ([`write()`]); the report of what it holds.
pub fn export_to(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<super::Report> {
    write(view, out)?;
    Ok(super::Report::new(super::Unit::Events, view.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_store_text_is_escaped() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("[x](http://e) <b>"), "\\[x\\](http://e) \\<b\\>");
        assert_eq!(escape("a\n\n## b"), "a \\#\\# b");
        assert_eq!(escape("x\u{1b}[31m"), "x\\[31m");
        assert_eq!(
            link("http://e.example/\u{202e}txt.exe"),
            "http://e.example/txt.exe"
        );
        assert_eq!(link("https://e.example/a"), "<https://e.example/a>");
    }

    #[test]
    fn verbatim_quotes_keep_straight_quotes_dashes_and_dots_from_smart_typography() {
        assert_eq!(
            escape_verbatim(r#"He said "no" -- Japan's ... a-b."#),
            r#"He said \"no\" \-\- Japan\'s \.\.\. a-b."#
        );
        assert_eq!(escape("Japan's"), "Japan's");
    }

    #[test]
    fn a_sentence_ending_in_a_quote_gets_no_second_full_stop() {
        assert_eq!(full_stop("the record says “Japan.”"), "");
        assert_eq!(full_stop("Japan"), ".");
        assert_eq!(full_stop("Really?"), "");
    }
}
