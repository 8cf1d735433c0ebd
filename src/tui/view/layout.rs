//! Where each pane goes, as a pure function of the terminal size (so `update`
//! can use the same page sizes that `render` draws).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::Focus;

/// Smallest terminal the explorer draws its panes in.
pub const MIN_WIDTH: u16 = 40;
/// Smallest terminal height.
pub const MIN_HEIGHT: u16 = 10;

/// The panes' rectangles (zero-sized when a pane is hidden).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// The whole terminal.
    pub full: Rect,
    /// Title line.
    pub title: Rect,
    /// Error / notice banner (empty when there is none).
    pub banner: Rect,
    /// Density strip (two lines: counts and ruler).
    pub density: Rect,
    /// Timeline pane, with border.
    pub timeline: Rect,
    /// Detail pane, with border.
    pub detail: Rect,
    /// Excerpts pane, with border.
    pub excerpts: Rect,
    /// Everything between density strip and status line (reader, help).
    pub main: Rect,
    /// Status / prompt line.
    pub status: Rect,
    /// True when the terminal is below [`MIN_WIDTH`] × [`MIN_HEIGHT`].
    pub too_small: bool,
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// Computes the panes for a terminal of `full` size.
pub fn layout(full: Rect, banner: bool, focus: Focus) -> Areas {
    let mut a = Areas {
        full,
        ..Areas::default()
    };
    if full.width < MIN_WIDTH || full.height < MIN_HEIGHT {
        a.too_small = true;
        return a;
    }
    let [title, banner_area, density, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(banner)),
        Constraint::Length(if full.height >= 16 { 2 } else { 0 }),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(full);
    a.title = title;
    a.banner = banner_area;
    a.density = density;
    a.main = main;
    a.status = status;
    if full.width >= 100 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main);
        let [detail, excerpts] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(right);
        (a.timeline, a.detail, a.excerpts) = (left, detail, excerpts);
    } else if full.width >= 60 {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main);
        let [detail, excerpts] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(bottom);
        (a.timeline, a.detail, a.excerpts) = (top, detail, excerpts);
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(main);
        a.timeline = top;
        if focus == Focus::Excerpts {
            a.excerpts = bottom;
        } else {
            a.detail = bottom;
        }
    }
    a
}
