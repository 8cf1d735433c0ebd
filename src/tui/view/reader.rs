//! The source reader: the whole archived text, the focused passage
//! highlighted, every other cited passage underlined.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{layout::inner, pane};
use crate::tui::app::App;
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
    let text = &r.text.text;
    let h = usize::from(body.height);
    let end = (r.scroll + h).min(r.lines.len());
    let visible = &r.lines[r.scroll.min(end)..end];
    let (lo, hi) = (
        visible.first().map_or(0, |l| l.start),
        visible.last().map_or(0, |l| l.end),
    );
    let marks: Vec<(std::ops::Range<usize>, Style)> = r
        .passages
        .iter()
        .enumerate()
        .filter(|(_, (_, _, p))| p.start < hi && p.end > lo)
        .map(|(k, (_, _, p))| {
            (
                p.clone(),
                if k == r.current {
                    theme.quote
                } else {
                    theme.cited
                },
            )
        })
        .collect();
    let lines: Vec<Line> = visible
        .iter()
        .map(|l| styled(text, l.clone(), &marks, Style::new()))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}
