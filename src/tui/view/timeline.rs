//! The timeline pane: only the visible slice of precomputed rows is formatted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{has_focus, layout::inner, pane};
use crate::tui::app::{App, Focus};
use crate::tui::rows::Row;
use ratatui::style::Style;

use crate::search::Field;
use crate::tui::text::{fit, fit_spans, styled, truncate, width};
use crate::tui::theme::Theme;

/// Fewest columns a title keeps before the date column gives way: on a
/// narrow pane the title is cut first, down to this; only then the date,
/// with a visible `…` at its end (its start, the year, always shows).
pub const MIN_TITLE: usize = 6;

/// Draws the timeline pane.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let n = app.store().events.len();
    let title = match app.filter() {
        Some(f) => format!(
            "Hits {}/{} of {n}",
            app.selected_event()
                .map_or(0, |_| f.pos_of(app.selected()).unwrap_or(0) + 1),
            f.len()
        ),
        None => format!("Timeline {}/{}", (app.selected() + 1).min(n), n),
    };
    frame.render_widget(pane(title, has_focus(app, Focus::Timeline), theme), area);
    let body = inner(area);
    let w = usize::from(body.width);
    let rows = app.rows();
    let end = (app.offset() + usize::from(body.height)).min(rows.len());
    if rows.is_empty() && app.filter().is_some() {
        let text = "No event matches this search: edit it, or Esc to go back.";
        frame.render_widget(Paragraph::new(truncate(text, w)).style(theme.dim), body);
        return;
    }
    let lines: Vec<Line> = rows[app.offset().min(end)..end]
        .iter()
        .map(|row| match row {
            Row::Year(y) => {
                let label = y.map_or("undated start".to_string(), |y| y.to_string());
                let head = truncate(&format!("── {label} "), w);
                let rule = "─".repeat(w.saturating_sub(width(&head)));
                Line::styled(format!("{head}{rule}"), theme.separator)
            }
            Row::Gap(years) => {
                Line::styled(fit(&format!("   · {years} years ·"), w), theme.separator)
            }
            Row::Event(i) => event_line(app, theme, *i, w),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn event_line<'a>(app: &App, theme: &Theme, i: usize, w: usize) -> Line<'a> {
    let tl = &app.timeline;
    let r = tl.event(app.store(), i);
    let selected = i == app.selected();
    let marked = app.mark() == Some(app.store().events[i].id.as_str());
    let pointer = match (selected, marked) {
        (true, _) => "▶",
        (false, true) => "'",
        _ => " ",
    };
    let lanes = app.era_lanes_shown().len();
    let gutter: String = r.gutter.chars().take(lanes).collect();
    let date_w = date_column(tl, w, lanes, app.dual_dating());
    let mut spans = vec![
        Span::raw(pointer),
        Span::styled(gutter, theme.era),
        Span::raw(" "),
        Span::styled(fit(&r.date, date_w), theme.date),
        Span::styled(r.markers.clone(), theme.marker),
        Span::raw(" "),
    ];
    if app.dual_dating() {
        spans.push(Span::styled(fit(&r.dual, tl.dual_width), theme.dim));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let marks = title_marks(app, theme, i);
    if marks.is_empty() {
        spans.push(Span::raw(fit(&r.title, w.saturating_sub(used))));
    } else {
        let title = &app.store().events[i].title;
        let line = styled(title, 0..title.len(), &marks, Style::new());
        spans.extend(fit_spans(line.spans, w.saturating_sub(used)));
    }
    // Narrow panes: cut the assembled row to the pane width.
    if used > w {
        let all: String = spans.iter().map(|s| s.content.as_ref()).collect();
        spans = vec![Span::raw(truncate(&all, w))];
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected)
    } else {
        line
    }
}

/// Columns of the date column in a pane `w` wide: the widest date in the
/// store (measured once at load), unless the title would keep fewer than
/// [`MIN_TITLE`] columns.
pub fn date_column(tl: &crate::tui::rows::Timeline, w: usize, lanes: usize, dual: bool) -> usize {
    // pointer, gutter, space, date, markers (4), space, dual dating + space
    let dual = if dual { tl.dual_width + 1 } else { 0 };
    let fixed = 1 + lanes + 1 + 4 + 1 + dual;
    tl.date_width
        .min(w.saturating_sub(fixed + MIN_TITLE))
        .max(5)
}

/// The matched characters of event `i`'s title, styled as hits.
fn title_marks(app: &App, theme: &Theme, i: usize) -> Vec<(std::ops::Range<usize>, Style)> {
    if app.filter().is_none() {
        return Vec::new();
    }
    app.highlights(i)
        .into_iter()
        .filter(|h| h.field == Field::Title)
        .flat_map(|h| h.ranges)
        .map(|r| (r, theme.hit))
        .collect()
}
