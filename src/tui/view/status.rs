//! The title line, the banner, and the status / prompt line at the bottom
//! (shared by `:` goto and `/` search).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use ratatui::style::Style;

use crate::search::Order;
use crate::tui::app::{App, CheckStatus, ModeKind, PromptKind, count};
use crate::tui::search::PROMPT_CAP;
use crate::tui::text::{fit, safe, styled, truncate, width, wrap};
use crate::tui::theme::Theme;

/// Title bar: store title, events, what `check` found.
pub fn title(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = app.store();
    let events = count(s.events.len(), "event");
    let check = check_words(app);
    let w = usize::from(area.width);
    // On a narrow terminal the store title keeps a few columns: the event
    // count and the help hint give way first, then the title is cut.
    let right = [
        format!(" · {events} · {check} · ? help "),
        format!(" · {events} · {check} "),
        format!(" · {check} "),
    ]
    .into_iter()
    .find(|r| width(r) + 12 <= w)
    .unwrap_or_else(|| format!(" {check} "));
    let left_w = w.saturating_sub(width(&right));
    let left = fit(&format!(" chronoscope · {}", safe(&s.title)), left_w);
    let line = Line::from(format!(
        "{left}{}",
        truncate(&right, w - width(&left).min(w))
    ));
    frame.render_widget(Paragraph::new(line).style(theme.title), area);
}

/// What the title says of `check` and of what still runs behind the
/// explorer ("checking 40% · indexing"): never "clean" before the check has run.
pub fn check_words(app: &App) -> String {
    let mut still = String::new();
    if app.indexing() {
        still.push_str(" · indexing");
    }
    if app.reloading() {
        still.push_str(" · reloading…");
    }
    let reloading = still.as_str();
    let found = match app.check_status() {
        CheckStatus::Running => {
            return match app.check_percent() {
                Some(p) => format!("checking {p}%{reloading}"),
                None => format!("checking…{reloading}"),
            };
        }
        CheckStatus::Done {
            errors: 0,
            warnings: 0,
            ..
        } => "check: clean".to_string(),
        CheckStatus::Done {
            errors, warnings, ..
        } => {
            let mut parts = Vec::new();
            if *errors > 0 {
                parts.push(count(*errors, "error"));
            }
            if *warnings > 0 {
                parts.push(count(*warnings, "warning"));
            }
            format!("check: {} · ! list", parts.join(", "))
        }
    };
    format!("{found}{reloading}")
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
    let mut right_style = theme.marker;
    let (left, right): (Line, String) = match app.mode_kind() {
        ModeKind::Prompt(PromptKind::Search) => {
            let (text, right) = search_right(app);
            if app.search_error().is_some() {
                right_style = theme.discrepancy;
            }
            let room = usize::from(area.width).saturating_sub(width(&right) + 2);
            (search_prompt(app, theme, room), text)
        }
        ModeKind::Prompt(kind) => {
            let label = match kind {
                PromptKind::Goto => ":",
                PromptKind::Search => "/",
            };
            let text = safe(app.prompt().0).into_owned();
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
            let left = match (app.message(), app.filter()) {
                (Some(m), _) => Line::styled(safe(m).into_owned(), theme.marker),
                (None, Some(f)) if app.mode_kind() == ModeKind::Browse => Line::styled(
                    format!(
                        "/{} · n/N next/previous hit · s order · / new search · Esc clear",
                        safe(&f.query().raw)
                    ),
                    theme.status,
                ),
                (None, _) => Line::styled(
                    super::reader::status(app).unwrap_or_else(|| hints(app.mode_kind())),
                    theme.status,
                ),
            };
            (left, browse_right(app))
        }
    };
    let searching = app.mode_kind() == ModeKind::Prompt(PromptKind::Search);
    let most = if searching && app.search_error().is_some() {
        area.width / 3 * 2
    } else {
        area.width / 2
    };
    let [l, r] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(width(&right) + 1).unwrap_or(0).min(most)),
    ])
    .areas(area);
    let left_text: String = left.spans.iter().map(|s| s.content.as_ref()).collect();
    let left = if width(&left_text) > usize::from(l.width) {
        Line::from(truncate(&left_text, usize::from(l.width))).style(left.style)
    } else {
        left
    };
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(truncate(&right, w)).style(right_style), r);
}

/// The right of the status line outside the prompt: a pending count or
/// prefix, else the hit count of a search.
fn browse_right(app: &App) -> String {
    let pending = match (app.count(), app.prefix()) {
        (Some(c), Some(p)) => format!("{c}{p}"),
        (Some(c), None) => c.to_string(),
        (None, Some(p)) => p.to_string(),
        _ => String::new(),
    };
    match app.filter() {
        Some(_) if pending.is_empty() => hit_count(app),
        _ => pending,
    }
}

/// "12 of 45", with "…" while hits are still coming in.
fn hit_count(app: &App) -> String {
    let Some(f) = app.filter() else {
        return String::new();
    };
    let order = match f.results.order {
        Order::Relevance => "by relevance",
        Order::Timeline => "in timeline order",
    };
    let more = if f.partial() { " …" } else { "" };
    format!(
        "{} of {}{more} · {order}",
        f.len(),
        app.store().events.len()
    )
}

/// The right side of the search prompt: the error, or the hit count.
fn search_right(app: &App) -> (String, String) {
    if app.search_error().is_some() {
        // The whole message is in the box above the prompt (`search_error`).
        return ("✗ fix the marked part".to_string(), String::new());
    }
    let (text, _) = app.prompt();
    let mut out = if text.trim().is_empty() {
        "type to search · ↑/↓ history · Esc back".to_string()
    } else if app.filter().is_none() && app.search_busy() && app.indexing() {
        // Never blocks: the query waits and runs when the index arrives.
        "indexing… the search runs when the index is ready".to_string()
    } else if app.filter().is_none() && app.search_busy() {
        "searching…".to_string()
    } else {
        let mut s = hit_count(app);
        if app.search_busy() && !s.contains('…') {
            s.push_str(" …");
        }
        s
    };
    if app.prompt_capped() {
        out.push_str(&format!(" · capped at {PROMPT_CAP} bytes"));
    }
    (out, String::new())
}

/// A bad search query's whole message, word-wrapped in a box drawn over the
/// bottom of the panes just above the prompt line, so that it can be read at
/// any width (the prompt line keeps the query and a short reason).
pub fn search_error(app: &App, theme: &Theme, frame: &mut Frame, main: Rect) {
    let Some(e) = app.search_error() else {
        return;
    };
    if app.mode_kind() != ModeKind::Prompt(PromptKind::Search) || main.height < 2 || main.width < 4
    {
        return;
    }
    wrapped_box(
        &e.message,
        " ✗ this query cannot run ",
        theme.discrepancy,
        frame,
        main,
    );
}

/// A status message too long for the status line, word-wrapped whole in a
/// box just above it (the status line shows its start, cut with `…`).
pub fn long_message(app: &App, theme: &Theme, frame: &mut Frame, main: Rect) {
    let Some(m) = app.message() else { return };
    if app.mode_kind() == ModeKind::Prompt(PromptKind::Search) {
        return;
    }
    let room = usize::from(main.width).saturating_sub(width(&browse_right(app)) + 1);
    if width(&safe(m)) <= room {
        return;
    }
    wrapped_box(m, " message ", theme.marker, frame, main);
}

/// `text` (store or user text: sanitised here) word-wrapped in a box with a
/// top rule and `title`, over the bottom of `main`, leaving at least one
/// line of the panes above it; cut with `…` only when even that cannot hold it.
fn wrapped_box(text: &str, title: &str, style: Style, frame: &mut Frame, main: Rect) {
    if main.height < 2 || main.width < 4 {
        return;
    }
    let message = safe(text);
    let cols = usize::from(main.width);
    let mut lines: Vec<Line> = wrap(&message, 0..message.len(), cols)
        .into_iter()
        .map(|r| Line::styled(message[r].to_string(), style))
        .collect();
    let most = usize::from(main.height - 1);
    if lines.len() + 1 > most {
        lines.truncate(most.saturating_sub(1));
        if let Some(last) = lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::styled(truncate(&format!("{text}…"), cols), style);
        }
    }
    let h = u16::try_from(lines.len() + 1).unwrap_or(main.height);
    let area = Rect {
        y: main.y + main.height - h,
        height: h,
        ..main
    };
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(style)
        .title(title.to_string());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `/query▏` with the cursor, the bad part of a query underlined, scrolled
/// so that the cursor stays within `room` columns.
fn search_prompt(app: &App, theme: &Theme, room: usize) -> Line<'static> {
    let (text, cursor) = app.prompt();
    let marks: Vec<_> = app
        .search_error()
        .map(|e| {
            let end = e.span.end.min(text.len());
            let start = e.span.start.min(end);
            // An error at the end of the text (a missing value) marks the cursor.
            (start..end.max(start + 1), theme.error_span)
        })
        .into_iter()
        .collect();
    let mut start = 0;
    while start < cursor && width(&text[start..cursor]) + 2 > room {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    let mut spans = vec![Span::styled("/", theme.marker)];
    spans.extend(styled(text, start..cursor, &marks, Style::new()).spans);
    let at_end = cursor >= text.len();
    let cursor_style = if at_end && marks.iter().any(|(r, _)| r.start >= text.len()) {
        theme.error_span
    } else {
        theme.marker
    };
    spans.push(Span::styled("▏", cursor_style));
    spans.extend(styled(text, cursor..text.len(), &marks, Style::new()).spans);
    Line::from(spans)
}

fn hints(mode: ModeKind) -> String {
    match mode {
        ModeKind::Reader => {
            ") ( sentence · } { date · c capture · n/p cited passages · Enter go · q close"
        }
        ModeKind::Help => "j/k scroll · ? or Esc close",
        ModeKind::ChooseRelated => "j/k choose · Enter go · Esc cancel",
        ModeKind::Findings => "j/k move · Enter go · e edit · ! close",
        ModeKind::TimeScale => {
            "+/- zoom · h/l earlier/later · Tab next event · Enter list · v back"
        }
        _ => "j/k move · : goto · / search · Tab pane · ! findings · ? help · q quit",
    }
    .to_string()
}
