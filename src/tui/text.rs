//! Width-correct text for the terminal: every string from the store passes
//! through here (sanitised, measured in display columns, never in chars).

use std::borrow::Cow;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::{for_terminal, hazard};

/// One line of store text made safe (control characters, escapes and bidi
/// overrides shown visibly, newlines and tabs as spaces).
pub fn safe(s: &str) -> Cow<'_, str> {
    for_terminal(s)
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `s` truncated to `w` columns and padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let used = width(&t);
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    t
}

/// How one character of store text is shown, and its width.
fn shown(c: char) -> (Cow<'static, str>, usize) {
    match c {
        '\t' | '\n' => (Cow::Borrowed(" "), 1),
        c if hazard(c).is_some() => {
            let mut buf = [0u8; 4];
            let v = for_terminal(c.encode_utf8(&mut buf)).into_owned();
            let w = width(&v);
            (Cow::Owned(v), w)
        }
        c => {
            let mut s = String::new();
            s.push(c);
            (Cow::Owned(s), c.width().unwrap_or(0))
        }
    }
}

/// Word-wraps `text[range]` to `cols` columns; returns the byte ranges of the
/// lines (in `text`). Newlines end lines; long words are broken.
pub fn wrap(text: &str, range: Range<usize>, cols: usize) -> Vec<Range<usize>> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut start = range.start;
    let mut used = 0usize;
    let mut last_space: Option<usize> = None;
    let mut widths: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c == '\n' {
            lines.push(start..at);
            start = at + 1;
            used = 0;
            last_space = None;
            widths.clear();
            continue;
        }
        let w = shown(c).1;
        if used + w > cols && at > start {
            let cut = match last_space {
                Some(s) if s > start => s,
                _ => at,
            };
            lines.push(start..cut);
            start = if cut < at && text[cut..].starts_with(' ') {
                cut + 1
            } else {
                cut
            };
            widths.retain(|(p, _)| *p >= start);
            used = widths.iter().map(|(_, w)| w).sum();
            last_space = None;
        }
        if c == ' ' {
            last_space = Some(at);
        }
        widths.push((at, w));
        used += w;
    }
    if start < range.end || lines.is_empty() {
        lines.push(start..range.end);
    }
    lines
}

/// `text[line]` as a styled line: each character sanitised, and styled by the
/// first of `marks` whose byte range holds it (else `base`).
pub fn styled(
    text: &str,
    line: Range<usize>,
    marks: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_style = base;
    for (i, c) in text[line.clone()].char_indices() {
        let at = line.start + i;
        let style = marks
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map_or(base, |(_, s)| *s);
        if style != cur_style && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
        }
        cur_style = style;
        cur.push_str(&shown(c).0);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, cur_style));
    }
    Line::from(spans)
}

/// Styled spans cut to at most `w` columns (ending in `…` when cut) and
/// padded with spaces to exactly `w`; measured in display columns.
pub fn fit_spans(spans: Vec<Span<'static>>, w: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut out = Vec::new();
    if total <= w {
        out.extend(spans);
        out.push(Span::raw(" ".repeat(w - total)));
        return out;
    }
    let room = w.saturating_sub(1);
    let mut used = 0;
    'spans: for s in spans {
        let mut kept = String::new();
        for c in s.content.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > room {
                if !kept.is_empty() {
                    out.push(Span::styled(kept, s.style));
                }
                break 'spans;
            }
            kept.push(c);
            used += cw;
        }
        out.push(Span::styled(kept, s.style));
    }
    if w > 0 {
        out.push(Span::raw("…"));
        used += 1;
    }
    out.push(Span::raw(" ".repeat(w.saturating_sub(used))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_measured_in_columns() {
        assert_eq!(width("横田めぐみ"), 10);
        assert_eq!(truncate("横田めぐみ", 5), "横田…");
        assert_eq!(width(&fit("김정은 x", 9)), 9);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_newlines() {
        let t = "one two three\nfour";
        let lines: Vec<&str> = wrap(t, 0..t.len(), 8).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, ["one two", "three", "four"]);
        let cjk = "横田めぐみさん";
        let lines: Vec<&str> = wrap(cjk, 0..cjk.len(), 6)
            .into_iter()
            .map(|r| &cjk[r])
            .collect();
        assert_eq!(lines, ["横田め", "ぐみさ", "ん"]);
    }

    #[test]
    fn styled_spans_fit_in_columns_with_wide_characters() {
        let spans = vec![Span::raw("横田"), Span::raw("めぐみ")];
        let out = fit_spans(spans, 7);
        let text: String = out.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "横田め…");
        assert_eq!(width(&text), 7);
        let out = fit_spans(vec![Span::raw("ab")], 4);
        let text: String = out.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "ab  ");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let t = "a\u{1b}[2Jb\u{202e}c";
        let line = styled(t, 0..t.len(), &[], Style::default());
        let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(!shown.chars().any(|c| c.is_control() || c == '\u{202e}'));
    }
}
