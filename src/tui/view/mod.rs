//! Drawing: a pure function of `&App`. One module per pane.

pub mod density;
pub mod detail;
pub mod elapsed;
pub mod excerpts;
pub mod findings;
pub mod layout;
pub mod loading;
pub mod overlay;
pub mod reader;
pub mod status;
pub mod timeline;
pub mod timescale;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};

use super::app::{App, Focus, ModeKind};
use super::theme::Theme;

/// Draws the whole screen for `app`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let a = app.areas();
    if a.too_small || frame.area() != a.full {
        too_small(frame, frame.area());
        return;
    }
    status::title(app, theme, frame, a.title);
    status::banner(app, theme, frame, a.banner);
    density::render(app, theme, frame, a.density);
    if app.mode_kind() == ModeKind::Reader {
        reader::render(app, theme, frame, a.main);
    } else if let Some(t) = app.timescale() {
        let title = "Time · +/- zoom · h/l earlier/later · j/k lanes · Enter list · v back";
        frame.render_widget(pane(title.into(), true, theme), a.main);
        timescale::render(frame, layout::inner(a.main), t, app.store(), theme);
    } else {
        timeline::render(app, theme, frame, a.timeline);
        detail::render(app, theme, frame, a.detail);
        excerpts::render(app, theme, frame, a.excerpts);
    }
    match app.mode_kind() {
        ModeKind::Help => overlay::help(app, theme, frame, a.main),
        ModeKind::ChooseRelated => overlay::choose(app, theme, frame, a.main),
        ModeKind::Findings => findings::render(app, theme, frame, a.main),
        _ => {}
    }
    status::search_error(app, theme, frame, a.main);
    status::long_message(app, theme, frame, a.main);
    status::status_line(app, theme, frame, a.status);
}

/// The message shown when the terminal is too small for the panes.
pub fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small ({}×{}): chronoscope needs at least {}×{}. Enlarge the window, or press q to quit.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    frame.render_widget(Paragraph::new(wrapped(&msg, area.width)), area);
}

/// Plain text word-wrapped to `width` columns by the explorer's one wrapper.
pub(crate) fn wrapped(text: &str, width: u16) -> Vec<Line<'static>> {
    super::text::wrap(text, 0..text.len(), usize::from(width))
        .into_iter()
        .map(|r| Line::from(text[r].to_string()))
        .collect()
}

/// A pane's block: bordered, titled, thick and bold when focused.
pub(crate) fn pane<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let (style, kind, title) = if focused {
        (theme.focused, BorderType::Thick, format!("▶ {title} "))
    } else {
        (theme.border, BorderType::Plain, format!(" {title} "))
    };
    Block::bordered()
        .border_type(kind)
        .border_style(style)
        .title(title)
}

/// Whether the pane `f` has the keyboard.
pub(crate) fn has_focus(app: &App, f: Focus) -> bool {
    app.mode_kind() == ModeKind::Browse && app.focus() == f
}
