//! The excerpts pane: each quote inside its paragraph of the archived source,
//! the quoted span highlighted, with an attribution line.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{has_focus, layout::inner, pane};
use crate::quote::paragraph_around;
use crate::search::{Field, Highlight};
use crate::store::{Excerpt, Store};
use crate::tui::app::{App, Focus};
use crate::tui::text::{safe, styled, wrap};
use crate::tui::theme::Theme;

/// Context kept on each side of a quote inside a long paragraph, in bytes.
const CONTEXT: usize = 320;

/// "Kyodo News, “FOCUS: …”, 14–15 July 2023".
pub fn attribution(store: &Store, x: &Excerpt) -> String {
    match store.source(&x.source) {
        Some(s) => format!(
            "{}, “{}”, {}",
            safe(&s.publisher),
            safe(&s.title),
            s.published
                .as_ref()
                .map_or_else(|| "undated".into(), |d| d.long())
        ),
        None => format!("unknown source `{}`", safe(&x.source)),
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The paragraph around `range`, cut to [`CONTEXT`] bytes either side.
fn context(text: &str, range: &Range<usize>) -> (Range<usize>, bool, bool) {
    let p = paragraph_around(text, range);
    let start = floor_char(text, p.start.max(range.start.saturating_sub(CONTEXT)));
    let end = ceil_char(text, p.end.min(range.end + CONTEXT));
    (start..end, start > p.start, end < p.end)
}

/// Where the search matched excerpt `k`, as ranges of `text` (the source,
/// where the quote sits at `quoted`). The engine's ranges are in the quote;
/// where the source's wording differs (normalised spaces or quotes), the
/// matched words are looked up inside the quoted span instead.
fn excerpt_hits(
    hits: &[Highlight],
    k: usize,
    text: &str,
    quoted: &Range<usize>,
    t: &Theme,
) -> Vec<(Range<usize>, Style)> {
    let inside = &text[quoted.clone()];
    let mut out = Vec::new();
    for h in hits
        .iter()
        .filter(|h| h.field == Field::Excerpt && h.item == k)
    {
        for r in &h.ranges {
            let Some(word) = h.text.get(r.clone()) else {
                continue;
            };
            let at = if inside.get(r.clone()) == Some(word) {
                Some(r.start)
            } else {
                inside.find(word)
            };
            if let Some(at) = at {
                out.push((quoted.start + at..quoted.start + at + word.len(), t.hit));
            }
        }
    }
    out
}

/// All excerpt lines at `width`, and the first line of each excerpt.
pub fn lines(app: &App, t: &Theme, width: u16) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    let Some(e) = app.selected_event() else {
        return (out, starts);
    };
    let store = app.store();
    let focused = has_focus(app, Focus::Excerpts);
    let hits = app.highlights(app.selected());
    if e.excerpts.is_empty() {
        out.push(Line::styled(
            "No excerpt: this event is not quoted from the sources.",
            t.dim,
        ));
        if let Some(note) = &e.note {
            for r in wrap(note, 0..note.len(), usize::from(width)) {
                out.push(styled(note, r, &[], t.dim));
            }
        }
    }
    let w = usize::from(width).saturating_sub(1).max(1);
    for (k, x) in e.excerpts.iter().enumerate() {
        starts.push(out.len());
        let pointer = if focused && k == app.excerpt() {
            "▶"
        } else {
            " "
        };
        let head = format!(
            "{pointer}{}/{} {}",
            k + 1,
            e.excerpts.len(),
            attribution(store, x)
        );
        for r in wrap(&head, 0..head.len(), usize::from(width)) {
            out.push(Line::styled(head[r].to_string(), t.heading));
        }
        match store.locate(x) {
            Ok((src, range)) => {
                let text = &src.text;
                let (shown, cut_before, cut_after) = context(text, &range);
                // Search hits first: `styled` uses the first mark holding a character.
                let mut marks = excerpt_hits(&hits, k, text, &range, t);
                marks.push((range.clone(), t.quote));
                let wrapped = wrap(text, shown, w);
                let last = wrapped.len().saturating_sub(1);
                for (n, r) in wrapped.into_iter().enumerate() {
                    let mut line = styled(text, r, &marks, Style::new());
                    if n == 0 && cut_before {
                        line.spans.insert(0, Span::raw("…"));
                    }
                    if n == last && cut_after {
                        line.spans.push(Span::raw("…"));
                    }
                    out.push(line);
                }
            }
            Err(_) => {
                out.push(Line::styled(
                    "(not found verbatim in the source: run `chronoscope check`)",
                    t.discrepancy,
                ));
                let marks = excerpt_hits(&hits, k, &x.quote, &(0..x.quote.len()), t);
                for r in wrap(&x.quote, 0..x.quote.len(), w) {
                    out.push(styled(&x.quote, r, &marks, t.quote));
                }
            }
        }
        out.push(Line::default());
    }
    (out, starts)
}

/// Draws the excerpts pane, scrolled to the focused excerpt.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let n = app.selected_event().map_or(0, |e| e.excerpts.len());
    let title = if n == 0 {
        "Excerpts: none".to_string()
    } else {
        format!("Excerpts {n} · Enter/o: read the source")
    };
    frame.render_widget(pane(title, has_focus(app, Focus::Excerpts), theme), area);
    let body = inner(area);
    let (all, starts) = lines(app, theme, body.width);
    let h = usize::from(body.height);
    let from = if all.len() <= h {
        0
    } else {
        starts
            .get(app.excerpt())
            .copied()
            .unwrap_or(0)
            .min(all.len().saturating_sub(h))
    };
    let shown: Vec<Line> = all.into_iter().skip(from).take(h).collect();
    frame.render_widget(Paragraph::new(shown), body);
}
