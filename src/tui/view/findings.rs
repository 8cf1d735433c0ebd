//! The findings list (`!`): one finding per entry, severity, rule and
//! `file:line:col` on the first line, the message on the next; the
//! highlighted finding's message is wrapped whole. Only the visible entries
//! are formatted, so a store with many findings draws as fast as one with few.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::status::check_words;
use super::{layout::inner, pane};
use crate::finding::{Finding, Severity};
use crate::store::Origin;
use crate::tui::app::{App, CheckStatus, Mode};
use crate::tui::text::{fit, safe, wrap};
use crate::tui::theme::Theme;

/// Lines every entry but the highlighted one takes.
const ENTRY: usize = 2;

/// A finding's file as the list shows it: relative to the store's folder
/// when it is inside it (`events.yaml`, `assets/sources/x.txt`).
fn shown_file(app: &App, file: &str) -> String {
    let relative = match &app.store().origin {
        Origin::File(store) => store
            .parent()
            .and_then(|dir| std::path::Path::new(file).strip_prefix(dir).ok())
            .map(|p| p.display().to_string()),
        Origin::Embedded => None,
    };
    safe(relative.as_deref().unwrap_or(file)).into_owned()
}

fn head(app: &App, f: &Finding, selected: bool, w: usize, t: &Theme) -> Line<'static> {
    let pointer = if selected { "▶ " } else { "  " };
    let severity = match f.severity {
        Severity::Error => "error  ",
        Severity::Warning => "warning",
    };
    let place = format!("{}:{}:{}", shown_file(app, &f.file), f.line, f.col);
    // The place first: on a narrow terminal the rule is cut, not the line.
    let text = fit(&format!("{pointer}{severity} {place} [{}]", f.rule), w);
    let style = match (selected, f.severity) {
        (true, _) => t.selected,
        (false, Severity::Error) => t.discrepancy,
        (false, Severity::Warning) => t.marker,
    };
    Line::from(Span::styled(text, style))
}

/// The message, indented: wrapped whole for the highlighted entry, else one line cut with `…`.
fn message(f: &Finding, whole: bool, w: usize) -> Vec<Line<'static>> {
    let text = safe(&f.message);
    let indent = "    ";
    let room = w.saturating_sub(indent.len()).max(1);
    if !whole {
        return vec![Line::from(format!("{indent}{}", fit(&text, room)))];
    }
    wrap(&text, 0..text.len(), room)
        .into_iter()
        .map(|r| Line::from(format!("{indent}{}", &text[r])))
        .collect()
}

/// The error of a store that no longer loads, whole and wrapped, above the
/// findings of the last good state (at most half the list's height); returns
/// the area left for the list.
fn load_error(error: &str, body: Rect, t: &Theme, frame: &mut Frame) -> Rect {
    let w = usize::from(body.width);
    let text = safe_multiline(error);
    let mut lines = vec![Line::styled(
        fit(
            "The store no longer loads; the findings below are of the last good state:",
            w,
        ),
        t.discrepancy,
    )];
    for line in text.lines() {
        for r in wrap(line, 0..line.len(), w) {
            lines.push(Line::styled(line[r].to_string(), t.discrepancy));
        }
    }
    let most = usize::from(body.height) / 2;
    if lines.len() > most {
        lines.truncate(most.max(1));
        if let Some(last) = lines.last_mut() {
            let shown: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::styled(
                crate::tui::text::truncate(&format!("{shown}…"), w),
                t.discrepancy,
            );
        }
    }
    let h = u16::try_from(lines.len() + 1)
        .unwrap_or(body.height)
        .min(body.height);
    frame.render_widget(Paragraph::new(lines), Rect { height: h, ..body });
    Rect {
        y: body.y + h,
        height: body.height - h,
        ..body
    }
}

/// Store error text with its line breaks kept, every line sanitised.
fn safe_multiline(s: &str) -> String {
    s.lines()
        .map(|l| safe(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Draws the findings list over the main area.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Mode::Findings(state) = app.mode() else {
        return;
    };
    frame.render_widget(Clear, area);
    let title = format!(
        "Findings · {} · Enter go · e edit · ! close",
        check_words(app)
    );
    frame.render_widget(pane(title, true, theme), area);
    let mut body = inner(area);
    if let Some(error) = app.load_error() {
        body = load_error(error, body, theme, frame);
    }
    let (w, h) = (usize::from(body.width), usize::from(body.height));
    let findings = app.findings();
    if findings.is_empty() {
        let why = match (app.check_status(), app.check_percent()) {
            (CheckStatus::Running, Some(p)) => {
                format!("check is still running ({p}%): the findings appear when it ends")
            }
            (CheckStatus::Running, None) => {
                "check is still running: the findings appear when it ends".to_string()
            }
            (CheckStatus::Done { .. }, _) => {
                "check found nothing: every quote is verbatim, every date consistent".to_string()
            }
        };
        frame.render_widget(Paragraph::new(fit(&why, w)).style(theme.dim), body);
        return;
    }
    let sel = state.selected.min(findings.len() - 1);
    let expanded = message(&findings[sel], true, w);
    let sel_start = sel * ENTRY;
    let sel_end = sel_start + 1 + expanded.len();
    state.scroll.record(findings.len() * ENTRY, h);
    // Entries above the highlighted one are all ENTRY lines high, so the
    // first visible entry is found by arithmetic, not by laying out the list.
    let top = sel_start.min(sel_end.saturating_sub(h));
    let mut lines = Vec::with_capacity(h);
    let mut k = top / ENTRY;
    let mut skip = top % ENTRY;
    while lines.len() < h && k < findings.len() {
        let mut entry = vec![head(app, &findings[k], k == sel, w, theme)];
        if k == sel {
            entry.extend(expanded.iter().cloned());
        } else {
            entry.extend(message(&findings[k], false, w));
        }
        lines.extend(entry.into_iter().skip(skip));
        skip = 0;
        k += 1;
    }
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), body);
}
