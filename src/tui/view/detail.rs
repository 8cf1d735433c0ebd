//! The detail pane: everything known about the selected event, wrapped here
//! (not by the widget) so that scrolling knows the line count.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{has_focus, layout::inner, pane};
use crate::model::Status;
use crate::search::{Field, Highlight};
use crate::tui::app::{App, Focus};
use crate::tui::calendar;
use crate::tui::text::{safe, styled, wrap};
use crate::tui::theme::Theme;
use crate::tui::view::elapsed;

const LABEL: usize = 8;

/// `label  value`, the value wrapped under itself.
fn field(
    out: &mut Vec<Line<'static>>,
    label: &str,
    value: &str,
    width: u16,
    t: &Theme,
    style: Style,
) {
    // A label as long as the column still gets a space after it.
    let label_w = LABEL.max(label.chars().count() + 1);
    let w = usize::from(width).saturating_sub(label_w).max(1);
    for (k, r) in wrap(value, 0..value.len(), w).into_iter().enumerate() {
        let head = if k == 0 {
            format!("{label:<label_w$}")
        } else {
            " ".repeat(label_w)
        };
        let mut line = styled(value, r, &[], style);
        line.spans.insert(0, Span::styled(head, t.label));
        out.push(line);
    }
}

/// Free text wrapped to the width, each line styled.
fn para(out: &mut Vec<Line<'static>>, text: &str, width: u16, style: Style) {
    para_marked(out, text, width, style, &[]);
}

/// Free text wrapped to the width, with search hits marked.
fn para_marked(
    out: &mut Vec<Line<'static>>,
    text: &str,
    width: u16,
    style: Style,
    marks: &[(Range<usize>, Style)],
) {
    for r in wrap(text, 0..text.len(), usize::from(width)) {
        out.push(styled(text, r, marks, style));
    }
}

/// The ranges a search matched in one field of the selected event.
fn hit_marks(hits: &[Highlight], field: Field, t: &Theme) -> Vec<(Range<usize>, Style)> {
    hits.iter()
        .filter(|h| h.field == field)
        .flat_map(|h| h.ranges.iter().cloned())
        .map(|r| (r, t.hit))
        .collect()
}

/// Where a source disagrees with the record: the block a researcher needs
/// first, so it comes right after the date.
fn discrepancies(
    out: &mut Vec<Line<'static>>,
    app: &App,
    e: &crate::store::Event,
    width: u16,
    t: &Theme,
) {
    let store = app.store();
    for d in &e.discrepancies {
        out.push(Line::default());
        let publisher = store
            .source(&d.source)
            .map_or(d.source.as_str(), |s| s.publisher.as_str());
        out.push(Line::styled(
            format!("! Discrepancy: {}", safe(publisher)),
            t.discrepancy,
        ));
        if let Some(q) = &d.quote {
            field(out, "  words", &format!("“{q}”"), width, t, t.discrepancy);
        }
        field(out, "  says", &d.says, width, t, t.discrepancy);
        field(out, "  record", &d.record, width, t, Style::new());
        field(out, "  basis", &d.basis, width, t, t.dim);
    }
}

/// Place, actors, tags, eras, status and whether it is a context event.
fn facts(out: &mut Vec<Line<'static>>, app: &App, e: &crate::store::Event, width: u16, t: &Theme) {
    let store = app.store();
    if let Some(p) = &e.place {
        field(out, "place", store.place_name(p), width, t, Style::new());
    }
    if !e.actors.is_empty() {
        let names: Vec<&str> = e.actors.iter().map(|a| store.actor_name(a)).collect();
        field(out, "actors", &names.join(", "), width, t, Style::new());
    }
    if !e.tags.is_empty() {
        field(out, "tags", &e.tags.join(", "), width, t, t.dim);
    }
    let eras: Vec<&str> = store.eras_of(e).map(|x| x.name.as_str()).collect();
    if !eras.is_empty() {
        field(out, "eras", &eras.join("; "), width, t, t.era);
    }
    if e.status == Status::Scheduled {
        field(
            out,
            "status",
            "scheduled: announced ahead of time by a source",
            width,
            t,
            t.marker,
        );
    }
    if e.context {
        field(
            out,
            "context",
            "not in the sources; needed to read them",
            width,
            t,
            t.dim,
        );
    }
}

/// The detail lines for the selected event at `width` columns.
pub fn lines(app: &App, t: &Theme, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(e) = app.selected_event() else {
        let why = if app.filter().is_some() {
            "No event matches this search."
        } else {
            "This store has no events."
        };
        out.push(Line::from(why));
        return out;
    };
    let store = app.store();
    let hits = app.highlights(app.selected());
    let title_marks = hit_marks(&hits, Field::Title, t);
    para_marked(&mut out, &e.title, width, t.heading, &title_marks);
    field(
        &mut out,
        "date",
        &format!("{} · {}", e.date.long(), e.date.precision_words()),
        width,
        t,
        Style::new(),
    );
    if e.date.compact() != e.date.edtf() {
        field(&mut out, "EDTF", e.date.edtf(), width, t, t.dim);
    }
    if app.dual_dating() {
        let both: Vec<String> = [calendar::japanese_era(&e.date), calendar::juche(&e.date)]
            .into_iter()
            .flatten()
            .collect();
        if !both.is_empty() {
            field(&mut out, "also", &both.join(" · "), width, t, Style::new());
        }
    }
    if let Some(words) = elapsed::since_selected(app) {
        field(&mut out, "since", &words, width, t, t.dim);
    }
    if let Some(m) = elapsed::from_mark(app) {
        field(&mut out, "mark", &m, width, t, t.marker);
    }
    if !e.discrepancies.is_empty() {
        discrepancies(&mut out, app, e, width, t);
        out.push(Line::default());
    }
    facts(&mut out, app, e, width, t);
    if !e.summary.is_empty() {
        out.push(Line::default());
        let marks = hit_marks(&hits, Field::Summary, t);
        para_marked(&mut out, &e.summary, width, Style::new(), &marks);
    }
    let related = app.related();
    if !related.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("Related (r to follow)", t.heading));
        for i in related {
            let r = &store.events[i];
            let text = format!("→ {} {}", r.date.compact(), r.title);
            para(&mut out, &text, width, Style::new());
        }
    }
    if let Some(note) = &e.note {
        out.push(Line::default());
        field(&mut out, "note", note, width, t, t.dim);
    }
    out.push(Line::default());
    let at = format!("{} · {}:{}", e.id, store.origin.display_name(), e.pos.line);
    field(&mut out, "id", &at, width, t, t.dim);
    out
}

/// Draws the detail pane.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let body = inner(area);
    let all = lines(app, theme, body.width);
    let scroll = app.detail_scroll();
    let from = scroll.record(all.len(), usize::from(body.height));
    let (above, below) = scroll.hidden();
    let title = match (above, below) {
        (0, 0) => "Detail".to_string(),
        (0, b) => format!("Detail · ↓ {b} more"),
        (a, 0) => format!("Detail · ↑ {a} above"),
        (a, b) => format!("Detail · ↑ {a} ↓ {b} more"),
    };
    frame.render_widget(pane(title, has_focus(app, Focus::Detail), theme), area);
    let shown: Vec<Line> = all
        .into_iter()
        .skip(from)
        .take(usize::from(body.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), body);
}
