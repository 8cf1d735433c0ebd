//! Plain-text layout for the command line: cutting and padding to a display
//! width (by grapheme, so a flag or a family emoji is never split), word
//! wrapping (never inside a word), and caret diagnostics that underline part
//! of a line. Text given here must already be safe (see [`crate::sanitize`]);
//! [`caret`] sanitises its own input because it needs the original offsets.
//!
//! No terminal code here: the explorer has its own span-aware helpers.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use unicode_truncate::UnicodeTruncateStr as _;
use unicode_width::UnicodeWidthStr as _;

use crate::sanitize::for_terminal;

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` columns on a grapheme boundary, ending in `…`
/// when anything was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let (kept, _) = s.unicode_truncate(max - 1);
    format!("{kept}…")
}

/// `s` padded with spaces to `width` display columns (never cut).
pub fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` word-wrapped to `width` columns, for a line that already holds a
/// label `indent` columns wide: the first line continues after the label,
/// later lines are indented by `indent` spaces. A word longer than a line (a
/// URL) stays whole on a line of its own, so it can still be copied.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let width = width.max(indent + 10);
    let margin = " ".repeat(indent);
    let options = textwrap::Options::new(width)
        .initial_indent(&margin)
        .subsequent_indent(&margin)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let filled = textwrap::fill(text, options);
    filled
        .strip_prefix(margin.as_str())
        .unwrap_or(&filled)
        .to_string()
}

/// A diagnostic that quotes one line of untrusted input and underlines
/// `span` (a byte range of `line`) with carets:
///
/// ```text
/// error: bad query: year range starts after it ends
///   |
/// 1 | year:2004..2002
///   |      ^^^^^^^^^^
/// ```
///
/// With `title` `None` only the quoted line and its carets are returned (for
/// messages that put their own `file:line:col: error:` first). The line is
/// sanitised piecewise so the carets stay under the right characters.
pub fn caret(title: Option<&str>, line_number: usize, line: &str, span: Range<usize>) -> String {
    let start = floor_char_boundary(line, span.start);
    let end = floor_char_boundary(line, span.end.max(start));
    // A line of a megabyte is quoted as the window around the span.
    let from = floor_char_boundary(line, start.saturating_sub(CONTEXT_BYTES));
    let to = floor_char_boundary(line, end.max(start + CONTEXT_BYTES));
    let end = end.min(to);
    let cut = |on: bool| if on { "…" } else { "" };
    let before = format!("{}{}", cut(from > 0), for_terminal(&line[from..start]));
    let marked = for_terminal(&line[start..end]);
    let after = format!("{}{}", for_terminal(&line[end..to]), cut(to < line.len()));
    let shown = format!("{before}{marked}{after}");
    let at = before.len()..before.len() + marked.len();
    let snippet = Snippet::source(shown.as_str())
        .line_start(line_number.max(1))
        .annotation(AnnotationKind::Primary.span(at));
    let group = match title {
        Some(t) => Level::ERROR.primary_title(t).element(snippet),
        None => Group::with_level(Level::ERROR).element(snippet),
    };
    let mut text = Renderer::plain().render(&[group]);
    text.push('\n');
    text
}

/// Bytes of a long line quoted on each side of a caret's span.
const CONTEXT_BYTES: usize = 80;

/// The largest char boundary of `s` at or before `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_columns_and_keeps_graphemes_whole() {
        assert_eq!(truncate("横田めぐみ", 7), "横田め…");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcdef", 0), "");
        // A flag is two code points; cutting between them would leave half a flag.
        let flags = "🇯🇵🇰🇵🇯🇵";
        let cut = truncate(flags, 5);
        assert_eq!(cut, "🇯🇵🇰🇵…");
        assert!(width(&cut) <= 5);
    }

    #[test]
    fn padding_counts_display_columns() {
        assert_eq!(pad("横田", 6), "横田  ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn wrapping_counts_display_columns_and_never_splits_a_word() {
        let w = wrap("横田めぐみ 横田めぐみ 横田めぐみ", 22, 0);
        assert_eq!(w, "横田めぐみ 横田めぐみ\n横田めぐみ");
        let w = wrap("aaa bbb ccc ddd", 12, 4);
        assert_eq!(w, "aaa bbb\n    ccc ddd");
        let w = wrap("the abductions acknowledged", 20, 0);
        assert_eq!(w, "the abductions\nacknowledged");
        let url = "https://www.japantimes.co.jp/news/2014/03/22/north-talks/";
        let w = wrap(&format!("see {url} now"), 20, 2);
        assert_eq!(w, format!("see\n  {url}\n  now"));
    }

    #[test]
    fn carets_sit_under_the_span_even_after_sanitising() {
        let text = caret(Some("bad"), 1, "year:2004..2002", 5..15);
        assert!(text.starts_with("error: bad\n"), "{text}");
        assert!(text.contains("1 | year:2004..2002\n"), "{text}");
        assert!(text.contains("  |      ^^^^^^^^^^"), "{text}");
        // An escape before the span is shown as one picture, one column wide.
        let text = caret(None, 3, "a\u{1b}b c", 4..5);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("3 | a\u{241b}b c\n"), "{text}");
        assert!(text.contains("  |     ^"), "{text}");
    }

    #[test]
    fn a_long_line_is_quoted_around_the_span_only() {
        let line = format!("{}bad{}", "a".repeat(100_000), "b".repeat(100_000));
        let text = caret(None, 1, &line, 100_000..100_003);
        assert!(text.len() < 400, "{} bytes", text.len());
        assert!(
            text.contains(&format!("1 | …{}bad", "a".repeat(80))),
            "{text}"
        );
        assert!(
            text.contains(&format!("  | {}^^^", " ".repeat(81))),
            "{text}"
        );
    }
}
