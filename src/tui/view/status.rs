//! The title line, the banner, and the status / prompt line at the bottom
//! (shared by `:` goto and, later, `/` search).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Mode, PromptKind};
use crate::tui::text::{fit, safe, truncate, width};
use crate::tui::theme::Theme;

/// Title bar: store title, events, what `check` found.
pub fn title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = app.store();
    let checked = match (app.errors, app.warnings) {
        (0, 0) => "check: clean".to_string(),
        (e, w) => format!("check: {e} error(s), {w} warning(s)"),
    };
    let right = format!("{} events · {checked} · ? help ", s.events.len());
    let w = usize::from(area.width);
    let left_w = w.saturating_sub(width(&right));
    let left = fit(&format!(" chronoscope · {}", safe(&s.title)), left_w);
    let line = Line::from(format!(
        "{left}{}",
        truncate(&right, w - width(&left).min(w))
    ));
    frame.render_widget(Paragraph::new(line).style(theme.title), area);
}

/// The banner (a store that no longer loads, …).
pub fn banner(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Some(b) = app.banner()
        && !area.is_empty()
    {
        let text = fit(&safe(b), usize::from(area.width));
        frame.render_widget(Paragraph::new(text).style(theme.banner), area);
    }
}

/// The bottom line: the prompt, a message, or the key hints.
pub fn status_line(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width);
    let (left, right): (Line, String) = match app.mode() {
        Mode::Prompt(kind) => {
            let label = match kind {
                PromptKind::Goto => ":",
                PromptKind::Search => "/",
            };
            let text = safe(&app.prompt).into_owned();
            let hint = "date (1977, 2014-03, 2014-03-22) or id · Enter · Esc".to_string();
            (
                Line::from(vec![
                    Span::styled(label, theme.marker),
                    Span::raw(text),
                    Span::styled("▏", theme.marker),
                ]),
                hint,
            )
        }
        _ => {
            let pending = match (app.count(), app.prefix()) {
                (Some(c), Some(p)) => format!("{c}{p}"),
                (Some(c), None) => c.to_string(),
                (None, Some(p)) => p.to_string(),
                _ => String::new(),
            };
            let left = match app.message() {
                Some(m) => Line::styled(safe(m).into_owned(), theme.marker),
                None => Line::styled(hints(app.mode()), theme.status),
            };
            (left, pending)
        }
    };
    let [l, r] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(
            u16::try_from(width(&right) + 1)
                .unwrap_or(0)
                .min(area.width / 2),
        ),
    ])
    .areas(area);
    let left_text: String = left.spans.iter().map(|s| s.content.as_ref()).collect();
    let left = if width(&left_text) > usize::from(l.width) {
        Line::from(truncate(&left_text, usize::from(l.width))).style(left.style)
    } else {
        left
    };
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(truncate(&right, w)).style(theme.marker), r);
}

fn hints(mode: Mode) -> String {
    match mode {
        Mode::Reader => "j/k scroll · n/p cited passages · Enter go to the citing event · q close",
        Mode::Help => "j/k scroll · ? or Esc close",
        Mode::ChooseRelated => "j/k choose · Enter go · Esc cancel",
        _ => "j/k move · ]y/[y year · : goto · Tab pane · r related · m mark · y copy · ? help · q quit",
    }
    .to_string()
}
