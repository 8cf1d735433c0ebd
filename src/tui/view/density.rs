//! The density strip: events per period across the whole span (or, zoomed,
//! per month across the visible window), with the selection `▲` and the
//! visible window `═` marked on the ruler below. Cost depends on the width,
//! not the store size (counts are prefix sums built at load).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;
use crate::tui::rows::Row;
use crate::tui::text::width;
use crate::tui::theme::Theme;

const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

fn month_label(m: i64, zoom: bool) -> String {
    let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) + 1);
    if zoom {
        format!("{y}-{mo:02}")
    } else {
        y.to_string()
    }
}

/// The first and last visible event.
fn visible_events(app: &App) -> Option<(usize, usize)> {
    let rows = app.rows();
    let h = app.page_rows();
    let end = (app.offset() + h).min(rows.len());
    let slice = &rows[app.offset().min(end)..end];
    let event = |r: &Row| match r {
        Row::Event(i) => Some(*i),
        _ => None,
    };
    let first = slice.iter().find_map(event)?;
    Some((first, slice.iter().rev().find_map(event).unwrap_or(first)))
}

/// Draws the two-line strip.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.height < 2 || area.width < 12 {
        return;
    }
    let d = &app.timeline.density;
    let month = |i: usize| d.event_month.get(i).copied().flatten();
    let zoom = app.zoom;
    let window = visible_events(app);
    let (lo, hi) = match (zoom, window) {
        (true, Some((a, b))) => {
            let (a, b) = (
                month(a).unwrap_or(d.first_month),
                month(b).unwrap_or(d.last_month()),
            );
            (a.min(b - 11), b.max(a + 11))
        }
        _ => (d.first_month, d.last_month().max(d.first_month + 11)),
    };
    let (left, right) = (month_label(lo, zoom), month_label(hi, zoom));
    let lw = width(&left).max(width(&right)) + 1;
    let bars_w = usize::from(area.width).saturating_sub(2 * lw);
    if bars_w == 0 {
        return;
    }
    let span = hi - lo + 1;
    let bucket_of = |m: i64| ((m - lo) * bars_w as i64 / span).clamp(0, bars_w as i64 - 1) as usize;
    let counts: Vec<u32> = (0..bars_w as i64)
        .map(|b| {
            let from = lo + b * span / bars_w as i64;
            let to = lo + (b + 1) * span / bars_w as i64;
            d.count(from, to.max(from + 1))
        })
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let bars: String = counts
        .iter()
        .map(|&c| {
            if c == 0 {
                BARS[0]
            } else {
                BARS[((c as usize * 8).div_ceil(max as usize)).clamp(1, 8)]
            }
        })
        .collect();
    let mut ruler: Vec<char> = vec!['─'; bars_w];
    if let Some((a, b)) = window
        && let (Some(ma), Some(mb)) = (month(a), month(b))
    {
        for c in &mut ruler[bucket_of(ma)..=bucket_of(mb).max(bucket_of(ma))] {
            *c = '═';
        }
    }
    if let Some(m) = month(app.selected()) {
        ruler[bucket_of(m)] = '▲';
    }
    let pad = |s: &str, right_align: bool| {
        let fill = " ".repeat(lw.saturating_sub(width(s) + 1));
        if right_align {
            format!("{fill}{s} ")
        } else {
            format!(" {s}{fill}")
        }
    };
    let top = Line::from(vec![
        Span::raw(" ".repeat(lw)),
        Span::styled(bars, theme.density),
        Span::raw(" ".repeat(lw)),
    ]);
    let ruler: String = ruler.into_iter().collect();
    let bottom = Line::from(vec![
        Span::styled(pad(&left, true), theme.dim),
        Span::styled(ruler, theme.density_mark),
        Span::styled(pad(&right, false), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(vec![top, bottom]), area);
}
