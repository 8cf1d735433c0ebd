//! Popups over the panes: the key help and the related-event chooser.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{layout::inner, pane};
use crate::tui::app::{App, Mode};
use crate::tui::keymap::{KeyContext, help_rows};
use crate::tui::rows::ALL_LANES_WIDTH;
use crate::tui::text::{fit, safe, wrap};
use crate::tui::theme::Theme;

pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [_, mid, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(w.min(area.width)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, r, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(h.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(mid);
    r
}

/// Columns of the keys in the help, with their indent and gap.
const KEYS_COLUMN: usize = 19;

/// The lines of the key help at `width` columns, from the key table; a
/// description too long for one line wraps under itself.
pub fn help_lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let room = width.saturating_sub(KEYS_COLUMN).max(10);
    for ctx in KeyContext::ALL {
        out.push(Line::styled(ctx.title().to_string(), theme.heading));
        for (keys, help) in help_rows(ctx) {
            for (k, r) in wrap(help, 0..help.len(), room).into_iter().enumerate() {
                let head = if k == 0 {
                    format!("  {} ", fit(&keys, KEYS_COLUMN - 3))
                } else {
                    " ".repeat(KEYS_COLUMN)
                };
                out.push(Line::from(vec![
                    Span::styled(head, theme.marker),
                    Span::raw(help[r].to_string()),
                ]));
            }
        }
        out.push(Line::default());
    }
    out.push(Line::styled("Timeline markers", theme.heading));
    out.push(Line::from(
        "  !  a source disagrees with the record (see Detail)",
    ));
    out.push(Line::from(
        "  2\" number of excerpts      → scheduled      ○ context event",
    ));
    out.push(Line::from(
        "  ┬│┴ era gutter: an era (premiership, leadership) starts, runs, ends",
    ));
    out
}

/// The era gutter's legend: which lane each column is, and which lanes a
/// narrow terminal leaves out (lane names are store text: sanitised).
pub fn lane_legend(app: &App) -> Vec<Line<'static>> {
    let shown = app.era_lanes_shown();
    let all = app.era_lanes();
    let name = |l: &String| {
        if l.is_empty() {
            "(no lane)".to_string()
        } else {
            safe(l).into_owned()
        }
    };
    let mut out = Vec::new();
    if all.is_empty() {
        return out;
    }
    out.push(Line::from("  era lanes, gutter columns left to right:"));
    for (k, lane) in all.iter().enumerate() {
        let hidden = if k < shown.len() {
            String::new()
        } else {
            format!("  (hidden: needs {ALL_LANES_WIDTH} columns)")
        };
        out.push(Line::from(format!("    {} {}{hidden}", k + 1, name(lane))));
    }
    out
}

/// Draws the help overlay.
pub fn help(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let r = centered(area, 78, area.height);
    frame.render_widget(Clear, r);
    frame.render_widget(
        pane("Keys · j/k scroll · ? or Esc closes".into(), true, theme),
        r,
    );
    let body = inner(r);
    let mut all = help_lines(theme, usize::from(body.width));
    all.extend(lane_legend(app));
    let from = match app.mode() {
        // The help scrolls no further than its last line at the bottom.
        Mode::Help(scroll) => scroll.record(all.len(), usize::from(body.height)),
        _ => 0,
    };
    frame.render_widget(Paragraph::new(all[from..].to_vec()), body);
}

/// Draws the related-event chooser.
pub fn choose(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let related = app.related();
    let h = u16::try_from(related.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centered(area, area.width.saturating_sub(4).min(90), h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        pane(
            "Related events · Enter: go · Esc: cancel".into(),
            true,
            theme,
        ),
        r,
    );
    let body = inner(r);
    let lines: Vec<Line> = related
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let e = &app.store().events[i];
            let sel = matches!(app.mode(), Mode::ChooseRelated(c) if c.index == k);
            let text = format!(
                "{} {} {}",
                if sel { "▶" } else { " " },
                e.date.compact(),
                safe(&e.title)
            );
            let line = Line::from(fit(&text, usize::from(body.width)));
            if sel {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
