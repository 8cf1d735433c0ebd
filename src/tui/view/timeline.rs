//! The timeline pane: only the visible slice of precomputed rows is formatted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{has_focus, layout::inner, pane};
use crate::tui::app::{App, Focus};
use crate::tui::rows::Row;
use crate::tui::text::{fit, truncate, width};
use crate::tui::theme::Theme;

/// Widest the date column gets.
const MAX_DATE: usize = 18;

/// Draws the timeline pane.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let n = app.store().events.len();
    let title = format!("Timeline {}/{}", (app.selected() + 1).min(n), n);
    frame.render_widget(pane(title, has_focus(app, Focus::Timeline), theme), area);
    let body = inner(area);
    let w = usize::from(body.width);
    let tl = &app.timeline;
    let end = (app.offset() + usize::from(body.height)).min(tl.rows.len());
    let lines: Vec<Line> = tl.rows[app.offset().min(end)..end]
        .iter()
        .map(|row| match row {
            Row::Year(y) => {
                let label = y.map_or("undated start".to_string(), |y| y.to_string());
                let text = format!("── {label} {}", "─".repeat(w));
                Line::styled(truncate_plain(&text, w), theme.separator)
            }
            Row::Gap(years) => {
                Line::styled(fit(&format!("   · {years} years ·"), w), theme.separator)
            }
            Row::Event(i) => event_line(app, theme, *i, w),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn truncate_plain(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0u8; 4]));
        if used + cw > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out
}

fn event_line<'a>(app: &App, theme: &Theme, i: usize, w: usize) -> Line<'a> {
    let tl = &app.timeline;
    let r = &tl.events[i];
    let selected = i == app.selected();
    let marked = app.mark() == Some(app.store().events[i].id.as_str());
    let pointer = match (selected, marked) {
        (true, _) => "▶",
        (false, true) => "'",
        _ => " ",
    };
    let date_w = tl.date_width.min(MAX_DATE);
    let mut spans = vec![
        Span::raw(pointer),
        Span::styled(r.gutter.clone(), theme.era),
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
    spans.push(Span::raw(fit(&r.title, w.saturating_sub(used))));
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
