//! One row of the time-scaled view: events (or eras) of one lane painted as
//! glyphs whose shape carries the meaning, so monochrome loses nothing.
//!
//! Events: `█` days certainly covered, `▒` days within an imprecise end (a
//! year-precision end is a year wide), `░` the same for an approximate or
//! uncertain date, `◆` a day-precise point, `◇` an imprecise point narrower
//! than a column, `◌` an approximate one, `▓▒░` an open or unknown end fading
//! out (never drawn as a day). Eras: `├──┤` with `┄` for imprecise ends.
//! Too many items for the columns: a density row `▁…█` instead.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::text::{safe, truncate, width};
use crate::tui::timescale::index::{Placed, Work};

/// What a row holds: events or eras (glyph sets differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Events: bars and markers.
    Event,
    /// Eras: bands.
    Era,
}

/// Maps days to the columns of one row.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// First visible day.
    pub start: i64,
    /// Visible days.
    pub span: i64,
    /// Columns of the plot.
    pub cols: usize,
}

impl Scale {
    /// The column where day `d` begins (may lie outside the plot).
    pub fn col(&self, d: i64) -> i64 {
        ((d - self.start) * self.cols as i64).div_euclid(self.span.max(1))
    }

    /// The first column after day `d - 1` ends (rounded up).
    fn col_end(&self, d: i64) -> i64 {
        let x = (d - self.start) * self.cols as i64;
        x.div_euclid(self.span.max(1)) + i64::from(x.rem_euclid(self.span.max(1)) != 0)
    }

    /// True when days `[a, b)` reach into column `c`.
    fn touches(&self, a: i64, b: i64, c: i64) -> bool {
        let n = self.cols as i64;
        a < b && (a - self.start) * n < (c + 1) * self.span && (b - self.start) * n > c * self.span
    }
}

/// A row being painted: one glyph per column, then labels in the gaps.
pub struct Row {
    scale: Scale,
    cells: Vec<Option<(char, Style)>>,
    labels: Vec<(usize, String, Style)>,
}

const FADE_OUT: [char; 3] = ['▓', '▒', '░'];
const ERA_FADE: [char; 3] = ['╌', '┄', '┄'];

impl Row {
    /// An empty row.
    pub fn new(scale: Scale) -> Row {
        Row {
            scale,
            cells: vec![None; scale.cols],
            labels: Vec::new(),
        }
    }

    fn put(&mut self, c: i64, glyph: char, style: Style, over: bool) {
        if let Ok(c) = usize::try_from(c)
            && let Some(cell) = self.cells.get_mut(c)
            && (over || cell.is_none())
        {
            *cell = Some((glyph, style));
        }
    }

    /// The item's visible columns `[c0, c1)`, at least one wide.
    fn columns(&self, p: &Placed) -> (i64, i64) {
        let c0 = self.scale.col(p.from);
        (c0, self.scale.col_end(p.to).max(c0 + 1))
    }

    /// Whether column `c` (outside the certain days) lies in an end marked
    /// approximate or uncertain. Before the certain days is the start's end;
    /// with no certain day, the known end of an open interval, else halves.
    fn fuzzy_at(&self, p: &Placed, c: i64) -> bool {
        let in_start = match p {
            p if p.point => return p.fuzzy,
            p if p.core.0 < p.core.1 => c < self.scale.col(p.core.0),
            p if p.open_end || p.open_start => p.open_end,
            p => c < self.scale.col(p.from + (p.to - p.from) / 2),
        };
        if in_start { p.fuzzy_start } else { p.fuzzy_end }
    }

    /// Paints one item; returns the cells written (the work it cost).
    pub fn item(&mut self, p: &Placed, kind: Kind, style: Style) -> Work {
        let (c0, c1) = self.columns(p);
        let (lo, hi) = (c0.max(0), c1.min(self.scale.cols as i64));
        for c in lo..hi {
            let certain = self.scale.touches(p.core.0, p.core.1, c);
            let glyph = match kind {
                Kind::Event if c1 - c0 == 1 && p.point => match (p.core.0 < p.core.1, p.fuzzy) {
                    (_, true) => '◌',
                    (true, false) => '◆',
                    (false, false) => '◇',
                },
                Kind::Event if c == c0 && p.point && p.core.0 < p.core.1 => '◆',
                Kind::Event if certain => '█',
                Kind::Event if self.fuzzy_at(p, c) => '░',
                Kind::Event => '▒',
                Kind::Era if c == c0 && certain && !p.open_start && c1 - c0 > 1 => '├',
                Kind::Era if c == c1 - 1 && certain && !p.open_end && c1 - c0 > 1 => '┤',
                Kind::Era if certain => '─',
                Kind::Era => '┄',
            };
            self.put(c, glyph, style, true);
        }
        let fade = if kind == Kind::Era {
            ERA_FADE
        } else {
            FADE_OUT
        };
        for (k, &g) in fade.iter().enumerate() {
            if p.open_end {
                self.put(c1 + k as i64, g, style, false);
            }
            if p.open_start {
                self.put(c0 - 1 - k as i64, g, style, false);
            }
        }
        (hi - lo).max(0) as Work + 1
    }

    /// Queues a label for the item at `p`: an era's name inside its band,
    /// else (events, short bands) after it; placed only where 4 columns fit.
    pub fn label(&mut self, p: &Placed, kind: Kind, text: &str, style: Style) {
        let (c0, c1) = self.columns(p);
        let inside = (c1 - c0 - 2).min(self.scale.cols as i64 - c0.max(0) - 2);
        if kind == Kind::Era && inside >= 4 {
            let start = (c0 + 1).max(0) as usize;
            let room = (inside as usize).min(self.cols_until_label(start));
            return self.place(start, room, text, style);
        }
        let Ok(start) = usize::try_from(c1 + 1 + i64::from(p.open_end) * 3) else {
            return;
        };
        // The column before a title stays blank, so it never reads as the
        // title of a marker painted there.
        if start > 0 && self.cells.get(start - 1).is_some_and(Option::is_some) {
            return;
        }
        let free = self.cells[start.min(self.scale.cols)..]
            .iter()
            .take_while(|c| c.is_none())
            .count();
        let room = free.min(self.cols_until_label(start)).saturating_sub(1);
        self.place(start, room, text, style);
    }

    fn place(&mut self, start: usize, room: usize, text: &str, style: Style) {
        if room < 4 {
            return;
        }
        let text = truncate(&safe(text), room);
        let w = width(&text);
        self.labels.push((start, text, style));
        for c in start..start + w {
            self.put(c as i64, ' ', style, false);
        }
    }

    fn cols_until_label(&self, start: usize) -> usize {
        let taken = self.labels.iter().filter(|l| l.0 + width(&l.1) > start);
        let next = taken.map(|l| l.0).filter(|&s| s >= start).min();
        next.unwrap_or(self.scale.cols).saturating_sub(start)
    }

    /// Fills the row with event counts per column (too many to draw one by
    /// one); each column costs two binary searches.
    pub fn density(&mut self, mut count: impl FnMut(i64, i64) -> usize, style: Style) {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let s = self.scale;
        let n = s.cols as i64;
        let counts: Vec<usize> = (0..n)
            .map(|c| {
                let a = s.start + (c * s.span).div_euclid(n);
                let b = s.start + ((c + 1) * s.span).div_euclid(n);
                count(a, b.max(a + 1))
            })
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0).max(1);
        for (c, &k) in counts.iter().enumerate() {
            if k > 0 {
                let level = (k * BARS.len()).div_ceil(max).clamp(1, BARS.len());
                self.put(c as i64, BARS[level - 1], style, true);
            }
        }
    }

    /// Writes the row at `area` (one line high).
    pub fn draw(self, buf: &mut Buffer, area: Rect) {
        for (c, cell) in self.cells.iter().enumerate().take(usize::from(area.width)) {
            if let Some((g, style)) = cell {
                let x = area.x + c as u16;
                if let Some(cell) = buf.cell_mut((x, area.y)) {
                    cell.set_char(*g).set_style(*style);
                }
            }
        }
        for (c, text, style) in self.labels {
            let Ok(dx) = u16::try_from(c) else { continue };
            let room = usize::from(area.width.saturating_sub(dx));
            buf.set_stringn(area.x + dx, area.y, text, room, style);
        }
    }
}
