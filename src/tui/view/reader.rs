//! The source reader: the whole archived text, the focused passage
//! highlighted, every other cited passage underlined, temporal expressions
//! in bold, the sentence under the cursor marked `▌` in the gutter.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::{layout::inner, pane};
use crate::tui::app::{App, ReaderState, reader::GUTTER};
use crate::tui::text::{safe, styled, truncate};
use crate::tui::theme::Theme;

/// Draws the reader over the main area.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(r) = app.reader() else {
        return;
    };
    let store = app.store();
    let src = store.source(&r.source);
    let name = src.map_or(r.source.clone(), |s| {
        format!("{} — “{}”", safe(&s.publisher), safe(&s.title))
    });
    let title = format!(
        "Source: {name} · passage {}/{}",
        (r.current + 1).min(r.passages.len()),
        r.passages.len()
    );
    let body = inner(area);
    let cited_by = r.passage().map(|(ei, _, _)| {
        let e = &store.events[*ei];
        format!(
            " cited by {} “{}” · Enter: go there · n/p: passages · q: close ",
            e.date.compact(),
            safe(&e.title)
        )
    });
    let mut block = pane(
        truncate(&title, usize::from(area.width).saturating_sub(4)),
        true,
        theme,
    );
    if let Some(c) = cited_by {
        block = block.title_bottom(truncate(&c, usize::from(area.width).saturating_sub(2)));
    }
    frame.render_widget(block, area);
    let [gutter, body] = Layout::horizontal([
        Constraint::Length(GUTTER.min(body.width)),
        Constraint::Fill(1),
    ])
    .areas(body);
    let text = &r.text.text;
    let h = usize::from(body.height);
    let end = (r.scroll + h).min(r.lines.len());
    let visible = &r.lines[r.scroll.min(end)..end];
    let (lo, hi) = (
        visible.first().map_or(0, |l| l.start),
        visible.last().map_or(0, |l| l.end),
    );
    let marks = marks(r, theme, lo..hi);
    let cursor = r.sentence().map(|(_, s)| s);
    let lines: Vec<Line> = visible
        .iter()
        .map(|l| styled(text, l.clone(), &marks, Style::new()))
        .collect();
    let gutter_lines: Vec<Line> = visible
        .iter()
        .map(|l| match &cursor {
            Some(s) if l.start < s.end && s.start < l.end.max(l.start + 1) => {
                Line::styled("▌", theme.marker)
            }
            _ => Line::raw(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(gutter_lines), gutter);
    frame.render_widget(Paragraph::new(lines), body);
    if r.choosing {
        chooser(app, theme, frame, area);
    }
}

/// Styles of the expressions and passages overlapping `shown`: an
/// expression is bold; inside a cited passage it also keeps the passage's
/// underline (or reverse, for the focused one), so cited and uncited ones
/// differ without colour. Expressions come first: the first mark wins.
fn marks(r: &ReaderState, theme: &Theme, shown: Range<usize>) -> Vec<(Range<usize>, Style)> {
    let overlaps = |p: &Range<usize>| p.start < shown.end && p.end > shown.start;
    let passages: Vec<(Range<usize>, Style)> = r
        .passages
        .iter()
        .enumerate()
        .filter(|(_, (_, _, p))| overlaps(p))
        .map(|(k, (_, _, p))| {
            let style = if k == r.current {
                theme.quote
            } else {
                theme.cited
            };
            (p.clone(), style)
        })
        .collect();
    let from = r
        .dated
        .expressions
        .partition_point(|e| e.range.end <= shown.start);
    let mut out: Vec<(Range<usize>, Style)> = r.dated.expressions[from..]
        .iter()
        .take_while(|e| e.range.start < shown.end)
        .map(|e| {
            // Cited: the focused passage's style or the other passages'
            // (no search through the passages: the frame stays cheap).
            let focused = r
                .passage()
                .is_some_and(|(_, _, p)| p.start <= e.range.start && e.range.end <= p.end);
            let style = match (e.cited, focused) {
                (true, true) => theme
                    .quote
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                (true, false) => theme.cited.add_modifier(Modifier::BOLD),
                (false, _) => theme.expression,
            };
            (e.range.clone(), style)
        })
        .collect();
    out.extend(passages);
    out
}

/// The capture chooser, over the bottom of the reader.
fn chooser(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(r) = app.reader() else { return };
    let excerpt = app.store().events.get(app.selected()).map_or_else(
        || "no event selected".to_string(),
        |e| format!("excerpt of {} “{}”", e.date.compact(), safe(&e.title)),
    );
    let event = match r.expression().map(|e| &e.date) {
        Some(Ok(d)) => format!("new event dated {} ({})", d.edtf(), d.long()),
        Some(Err(why)) => format!("new event: not offered, the date is unresolved ({why})"),
        None => "new event: not offered, this sentence states no date".to_string(),
    };
    let rows = [
        format!("e  {excerpt}"),
        format!("n  {event}"),
        "Esc  cancel".to_string(),
    ];
    let w = area.width.saturating_sub(4).min(90);
    // Over the half of the pane the marked sentence is not in.
    let mut box_area = super::overlay::centered(area, w, 5);
    let cursor_row = r.line_of(r.cursor).saturating_sub(r.scroll);
    let half = usize::from(area.height / 2);
    box_area.y = if cursor_row >= half {
        area.y + 1
    } else {
        (area.y + area.height).saturating_sub(box_area.height + 1)
    }
    .max(area.y);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        pane("Capture the marked sentence as".into(), true, theme),
        box_area,
    );
    let cols = usize::from(inner(box_area).width);
    let lines: Vec<Line> = rows.iter().map(|t| Line::raw(truncate(t, cols))).collect();
    frame.render_widget(Paragraph::new(lines), inner(box_area));
}

/// The status line in the reader: the expression under the cursor (as
/// written, EDTF, in words) and its verdicts, or why there is none.
pub fn status(app: &App) -> Option<String> {
    let r = app.reader()?;
    if r.choosing {
        return Some("e excerpt of the selected event · n new event · Esc cancel".into());
    }
    let keys = ") ( sentence · } { date · c capture · q close";
    if let Some(why) = &r.dated.unresolvable {
        return Some(format!("{why} · {keys}"));
    }
    let Some(e) = r.expression() else {
        return Some(format!("no date in this sentence · {keys}"));
    };
    let written = safe(&r.text.text[e.range.clone()]).into_owned();
    let date = match &e.date {
        Ok(d) => format!("{} ({})", d.edtf(), d.long()),
        Err(why) => format!("unresolved: {why}"),
    };
    let verdicts = match e.verdicts.split_first() {
        None => "new: no event matches".to_string(),
        Some(((id, v), [])) => format!("{} {}", v.name(), safe(id)),
        Some(((id, v), more)) => format!("{} {} +{} more", v.name(), safe(id), more.len()),
    };
    let cited = if e.cited { "cited" } else { "uncited" };
    Some(format!(
        "“{written}” → {date} · {verdicts} · {cited} · c capture"
    ))
}
