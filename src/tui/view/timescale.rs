//! The time-scaled view: a horizontal time axis whose ticks adapt from
//! millennia to days, era bands, one row per lane of events, the cursor `▼`
//! and the selection (reversed, `━` over its days on the axis, named below).
//!
//! Pure: a function of the state, the store and the area. Only what is
//! visible is touched: per lane an O(log n) count, then either the k ≤ width
//! items in view (O(k log n)) or a density row (two binary searches a
//! column). The returned [`Work`] counts those steps, for growth tests.
//!
//! ```text
//!             1980      1990      2000      2010      2020
//!             ─┬─────────┬─────────┬────▼────┬─────────┬──
//! japan      ┆          ├Koizumi┤├┤   ├Abe (2nd) pre…┤
//! abductions │ ▒█████◆ Megumi Yokota abducted…
//! ```

mod paint;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::store::Store;
use crate::tui::text::{safe, truncate, width};
use crate::tui::theme::Theme;
use crate::tui::timescale::axis::{Unit, ticks};
use crate::tui::timescale::index::{Placed, Work};
use crate::tui::timescale::{Lane, TimeScale};
use paint::{Kind, Row, Scale};

/// Smallest area the view draws in; below it, a one-line request to enlarge.
pub const MIN_WIDTH: u16 = 24;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 4;
/// Widest lane-name gutter.
const MAX_GUTTER: usize = 16;
/// Open ends fade over this many columns; items that close to the window
/// are fetched too, so their fade is drawn.
const FADE: i64 = 3;

/// Draws the view of `state` (built from `store`) into `area`; returns the
/// index steps and items visited.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &TimeScale,
    store: &Store,
    theme: &Theme,
) -> Work {
    render_buffer(frame.buffer_mut(), area, state, store, theme)
}

/// [`render`] onto a buffer.
pub fn render_buffer(
    buf: &mut Buffer,
    area: Rect,
    state: &TimeScale,
    store: &Store,
    theme: &Theme,
) -> Work {
    let area = area.intersection(buf.area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("Time view: enlarge to {MIN_WIDTH}×{MIN_HEIGHT}");
        buf.set_stringn(
            area.x,
            area.y,
            truncate(&msg, area.width.into()),
            area.width.into(),
            theme.dim,
        );
        return 0;
    }
    let gutter = state
        .widest_lane_name()
        .clamp(4, MAX_GUTTER)
        .min(usize::from(area.width) / 4);
    let plot_x = area.x + gutter as u16 + 1;
    let (start, end) = state.window();
    let scale = Scale {
        start,
        span: end - start,
        cols: usize::from(area.right() - plot_x),
    };
    let footer: u16 = if area.height >= 8 { 2 } else { 1 };
    let body = area.height - 2 - footer;
    let era_rows = (state.era_lanes().len() as u16).min(body / 3);
    let lane_rows = usize::from(body - era_rows);
    let unit = axis(buf, area, plot_x, scale, state, theme);
    let mut work = 0;
    let cx = Ctx {
        state,
        store,
        theme,
        plot_x,
        scale,
    };
    let line = |k: u16| Rect::new(area.x, area.y + 2 + k, area.width, 1);
    for (k, lane) in state.era_lanes().iter().take(era_rows.into()).enumerate() {
        let r = line(k as u16);
        gutter_label(buf, r, gutter, &lane.name, '┆', theme.era);
        work += lane_row(buf, r.y, &cx, lane, Kind::Era, None);
    }
    let cursor_lane = state.cursor_lane();
    let first = (cursor_lane + 1).saturating_sub(lane_rows);
    let shown = state.lanes().iter().enumerate().skip(first).take(lane_rows);
    for (row, (k, lane)) in shown.enumerate() {
        let r = line(era_rows + row as u16);
        let (mark, style) = if k == cursor_lane {
            ('▶', theme.focused)
        } else {
            ('│', theme.label)
        };
        gutter_label(buf, r, gutter, &lane.name, mark, style);
        work += lane_row(buf, r.y, &cx, lane, Kind::Event, Some(k));
    }
    let foot = Rect::new(area.x, area.bottom() - footer, area.width, footer);
    status(
        buf,
        foot,
        state,
        store,
        theme,
        unit,
        (first, lane_rows, usize::from(era_rows)),
        scale,
    );
    work
}

fn gutter_label(
    buf: &mut Buffer,
    r: Rect,
    gutter: usize,
    name: &str,
    mark: char,
    style: ratatui::style::Style,
) {
    let name = truncate(&safe(name), gutter);
    buf.set_stringn(r.x, r.y, &name, gutter, style);
    if let Some(cell) = buf.cell_mut((r.x + gutter as u16, r.y)) {
        cell.set_char(mark).set_style(style);
    }
}

/// The two axis lines: tick labels, then the ruler with `┬` ticks, `━` over
/// the selection's days and `▼` at the cursor.
fn axis(
    buf: &mut Buffer,
    area: Rect,
    plot_x: u16,
    s: Scale,
    state: &TimeScale,
    theme: &Theme,
) -> Unit {
    let (unit, ticks) = ticks(s.start, s.span, s.cols);
    let mut ruler = vec!['─'; s.cols];
    let mut free_from = 0usize;
    for t in &ticks {
        let Ok(c) = usize::try_from(s.col(t.day)) else {
            continue;
        };
        if let Some(g) = ruler.get_mut(c) {
            *g = '┬';
        }
        let w = width(&t.label);
        if c >= free_from && c + w <= s.cols {
            buf.set_stringn(plot_x + c as u16, area.y, &t.label, w, theme.date);
            free_from = c + w + 1;
        }
    }
    if let Some(p) = state.selected().and_then(|i| state.event(i)) {
        let (a, b) = (s.col(p.from).max(0), s.col(p.to - 1).min(s.cols as i64 - 1));
        for c in a..=b {
            ruler[c as usize] = '━';
        }
    }
    let cursor = usize::try_from(s.col(state.cursor()))
        .ok()
        .filter(|&c| c < s.cols);
    let text: String = ruler.into_iter().collect();
    buf.set_stringn(plot_x, area.y + 1, text, s.cols, theme.separator);
    if let Some(c) = cursor
        && let Some(cell) = buf.cell_mut((plot_x + c as u16, area.y + 1))
    {
        cell.set_char('▼').set_style(theme.density_mark);
    }
    unit
}

/// What every row of one frame shares.
struct Ctx<'a> {
    state: &'a TimeScale,
    store: &'a Store,
    theme: &'a Theme,
    plot_x: u16,
    scale: Scale,
}

/// One lane's row (`lane_no` for event lanes): its items one by one when
/// they fit, else a density row; the selection is painted last, reversed.
fn lane_row(
    buf: &mut Buffer,
    y: u16,
    cx: &Ctx,
    lane: &Lane,
    kind: Kind,
    lane_no: Option<usize>,
) -> Work {
    let (s, theme, state) = (cx.scale, cx.theme, cx.state);
    let mut work = 0;
    let fade = (FADE * s.span) / s.cols.max(1) as i64 + 1;
    let (a, b) = (s.start - fade, s.start + s.span + fade);
    let mut row = Row::new(s);
    let style = match kind {
        Kind::Era => theme.era,
        Kind::Event => theme.date,
    };
    let selected = state
        .selected()
        .filter(|&i| lane_no.is_some() && state.lane_of(i) == lane_no);
    let is_selected = |i: usize| Some(i) == selected;
    let visible = lane.index.count(a, b, &mut work);
    if visible > s.cols {
        let mut steps = 0;
        row.density(|x, y| lane.index.count(x, y, &mut steps), theme.density);
        work += steps;
    } else {
        let items = lane.index.overlapping(a, b, &mut work);
        // Events longest first, points last: a short event is never hidden
        // under a long interval of its lane. Eras in time order, so each
        // band's start `├` shows where the previous one ends.
        let mut painted: Vec<(usize, &Placed)> = items
            .iter()
            .filter(|&&i| !is_selected(i))
            .filter_map(|&i| Some((i, placed(state, kind, i)?)))
            .collect();
        if kind == Kind::Event {
            painted.sort_by_key(|(_, p)| (p.point, std::cmp::Reverse(p.to - p.from)));
        }
        for (_, p) in painted {
            work += row.item(p, kind, style);
        }
        // The selection's label first, so it wins the space it needs.
        let labelled = selected
            .into_iter()
            .chain(items.iter().copied().filter(|&i| !is_selected(i)));
        for i in labelled {
            if let (Some(p), Some(text)) = (placed(state, kind, i), title(cx.store, kind, i)) {
                let st = if is_selected(i) {
                    theme.selected
                } else {
                    theme.dim
                };
                row.label(p, kind, text, st);
            }
        }
    }
    if let Some(p) = selected.and_then(|i| state.event(i)) {
        work += row.item(p, kind, theme.selected);
    }
    row.draw(buf, Rect::new(cx.plot_x, y, s.cols as u16, 1));
    work
}

fn placed(
    state: &TimeScale,
    kind: Kind,
    i: usize,
) -> Option<&crate::tui::timescale::index::Placed> {
    match kind {
        Kind::Event => state.event(i),
        Kind::Era => state.era(i),
    }
}

fn title(store: &Store, kind: Kind, i: usize) -> Option<&str> {
    match kind {
        Kind::Event => store.events.get(i).map(|e| &*e.title),
        Kind::Era => store.eras.get(i).map(|e| e.name.as_str()),
    }
}

/// "1 column ≈ 7 months", "1 day = 3 columns".
fn scale_words(s: Scale) -> String {
    let per_col = s.span as f64 / s.cols.max(1) as f64;
    let plural = |n: f64, unit: &str| {
        let n = n.round().max(1.0);
        format!("1 column ≈ {n} {unit}{}", if n == 1.0 { "" } else { "s" })
    };
    match per_col {
        p if p < 1.0 => format!("1 day ≈ {:.0} columns", 1.0 / p),
        p if p < 45.0 => plural(p, "day"),
        p if p < 547.0 => plural(p / 30.44, "month"),
        p => plural(p / 365.25, "year"),
    }
}

/// The footer: the selection (date at its true precision, title), then the
/// cursor, the scale, which lanes show, and the keys.
#[allow(clippy::too_many_arguments)] // everything the footer names
fn status(
    buf: &mut Buffer,
    r: Rect,
    state: &TimeScale,
    store: &Store,
    theme: &Theme,
    unit: Unit,
    (first, rows, era_rows): (usize, usize, usize),
    s: Scale,
) {
    let w = usize::from(r.width);
    let sel = match state.selected().and_then(|i| store.events.get(i)) {
        Some(e) => format!("▶ {}  {}", safe(&e.date.compact()), safe(&e.title)),
        None => "  nothing under the cursor · Tab: next event · j/k: another lane".to_string(),
    };
    buf.set_stringn(r.x, r.y, truncate(&sel, w), w, theme.heading);
    if r.height < 2 {
        return;
    }
    let lanes = state.lanes().len();
    let lane_words = if lanes > rows {
        format!(
            " · lanes {}–{} of {lanes}",
            first + 1,
            (first + rows).min(lanes)
        )
    } else {
        String::new()
    };
    let hidden_eras = state.era_lanes().len().saturating_sub(era_rows);
    let lane_words = match hidden_eras {
        0 => lane_words,
        n => format!("{lane_words} · {n} era lanes hidden: enlarge"),
    };
    let info = format!(
        "cursor {} · {}{lane_words} · +/- zoom · h/l move · j/k lane · Enter list",
        unit.cursor_label(state.cursor()),
        scale_words(s),
    );
    buf.set_stringn(r.x, r.y + 1, truncate(&info, w), w, theme.status);
}
