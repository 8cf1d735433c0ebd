//! Width-correct text for the terminal: every string from the store passes
//! through here (sanitised, measured in display columns, cut and wrapped
//! only between graphemes, so a flag or an emoji sequence is never split
//! into pieces the terminal draws at another width than ratatui expects).
//! [`truncate`] is the explorer's one truncation and [`wrap`] its one wrapper.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::{for_terminal, hazard};

/// One line of store text made safe (control characters, escapes and bidi
/// overrides shown visibly, newlines and tabs as spaces).
pub fn safe(s: &str) -> Cow<'_, str> {
    for_terminal(s)
}

/// Display width in terminal columns (per grapheme, as ratatui measures).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns between graphemes, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let (kept, _) = s.unicode_truncate(max - 1);
    format!("{kept}…")
}

/// `s` truncated to `w` columns and padded with spaces to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let used = width(&t);
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    t
}

/// How one grapheme of store text is shown, and its width: line breaks and
/// tabs as a space, hazards (controls, bidi) made visible.
fn shown(g: &str) -> (Cow<'_, str>, usize) {
    if g.chars().any(|c| matches!(c, '\t' | '\n')) {
        return (Cow::Borrowed(" "), 1);
    }
    if g.chars().any(|c| hazard(c).is_some()) {
        let v = for_terminal(g).into_owned();
        let w = width(&v);
        return (Cow::Owned(v), w);
    }
    (Cow::Borrowed(g), width(g))
}

/// Word-wraps `text[range]` to `cols` columns; returns the byte ranges of the
/// lines (in `text`). Newlines end lines; long words are broken between
/// graphemes. Linear in the length of the range.
pub fn wrap(text: &str, range: Range<usize>, cols: usize) -> Vec<Range<usize>> {
    let cols = cols.max(1);
    let mut lines = Vec::new();
    let mut start = range.start;
    let mut used = 0usize;
    // The last space on the line, and the width used after it.
    let mut last_space: Option<usize> = None;
    let mut after_space = 0usize;
    for (i, g) in text[range.clone()].grapheme_indices(true) {
        let at = range.start + i;
        if g.contains('\n') {
            lines.push(start..at);
            start = at + g.len();
            (used, last_space, after_space) = (0, None, 0);
            continue;
        }
        let w = shown(g).1;
        if used + w > cols && at > start {
            match last_space {
                Some(s) if s > start => {
                    lines.push(start..s);
                    start = s + 1;
                    used = after_space;
                }
                _ => {
                    lines.push(start..at);
                    start = at;
                    used = 0;
                }
            }
            (last_space, after_space) = (None, 0);
        }
        if g == " " {
            last_space = Some(at);
            after_space = 0;
        } else {
            after_space += w;
        }
        used += w;
    }
    if start < range.end || lines.is_empty() {
        lines.push(start..range.end);
    }
    lines
}

/// `text[line]` as a styled line: each grapheme sanitised, and styled by the
/// first of `marks` whose byte range holds its start (else `base`).
pub fn styled(
    text: &str,
    line: Range<usize>,
    marks: &[(Range<usize>, Style)],
    base: Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_style = base;
    for (i, g) in text[line.clone()].grapheme_indices(true) {
        let at = line.start + i;
        let style = marks
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map_or(base, |(_, s)| *s);
        if style != cur_style && !cur.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut cur), cur_style));
        }
        cur_style = style;
        cur.push_str(&shown(g).0);
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
    let mut room = w.saturating_sub(1);
    for s in spans {
        let (kept, used) = s.content.unicode_truncate(room);
        let whole = kept.len() == s.content.len();
        if !kept.is_empty() {
            out.push(Span::styled(kept.to_string(), s.style));
        }
        room -= used;
        if !whole {
            break;
        }
    }
    if w > 0 {
        out.push(Span::raw("…"));
    }
    out.push(Span::raw(" ".repeat(room)));
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
    fn flags_and_emoji_sequences_are_never_split() {
        let flag = "🇯🇵🇰🇷";
        assert_eq!(truncate(flag, 3), "🇯🇵…", "a flag is kept whole or dropped");
        let t = "ab 🇯🇵🇰🇷 cd";
        for cols in 1..8 {
            for r in wrap(t, 0..t.len(), cols) {
                let line = &t[r];
                assert!(
                    !line.ends_with('\u{1f1ef}') && !line.starts_with('\u{1f1f5}'),
                    "{cols} columns split a flag: {line:?}"
                );
            }
        }
        let family = "👨\u{200d}👩\u{200d}👧 x";
        let lines = wrap(family, 0..family.len(), 2);
        assert_eq!(&family[lines[0].clone()], "👨\u{200d}👩\u{200d}👧");
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let t = "a\u{1b}[2Jb\u{202e}c";
        let line = styled(t, 0..t.len(), &[], Style::default());
        let shown: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(!shown.chars().any(|c| c.is_control() || c == '\u{202e}'));
    }
}
