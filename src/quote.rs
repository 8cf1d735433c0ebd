//! Finding a verbatim quote in a source text.
//!
//! Quotes are compared after normalising only whitespace runs (to one space)
//! and typographic quotes, apostrophes and dashes (to their ASCII forms), so
//! a quote copied from a rendered page still matches its archived text.
//! Positions are reported in the original text.

use std::ops::Range;

mod search;

/// A source text prepared for quote lookup.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// Original byte offset of each normalised byte, plus one past the end.
    origin: Vec<u32>,
    /// Where each line of the original starts, and how many characters
    /// precede each 1 KiB block: a position's line and column cost a binary
    /// search and at most 1 KiB of counting, not a scan from the start (a
    /// check of many quotes deep in a big source was excerpts × source).
    lines: LineIndex,
}

/// Line starts and sampled character counts of a text.
#[derive(Debug, Clone, Default)]
struct LineIndex {
    starts: Vec<u32>,
    chars_before_block: Vec<u32>,
}

const BLOCK: usize = 1024;

fn is_char_start(b: u8) -> bool {
    b & 0xc0 != 0x80
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0u32;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|&&b| is_char_start(b)).count() as u32;
        }
        chars_before_block.push(count);
        LineIndex {
            starts,
            chars_before_block,
        }
    }

    fn chars_before(&self, text: &str, at: usize) -> u64 {
        let block = at / BLOCK;
        let within = text.as_bytes()[block * BLOCK..at]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        self.chars_before_block[block] as u64 + within as u64
    }
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{ff07}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ff02}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

/// Normalises a short string the same way as a source (for quotes, prefixes).
pub fn normalize(s: &str) -> String {
    // The text of `Normalized::new(s)`, without its offset and line tables
    // (every quote looked up is normalised; the tables were most of the cost).
    let bytes = s.as_bytes();
    let plain = bytes
        .iter()
        .all(|&b| b.is_ascii() && !(b'\t'..=b'\r').contains(&b));
    if plain && memchr::memmem::find(bytes, b"  ").is_none() {
        // ASCII folds to itself, and its only space is already single.
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(fold(c));
        }
    }
    match out.trim() {
        t if t.len() == out.len() => out,
        t => t.to_string(),
    }
}

impl Normalized {
    /// Prepares `text`.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                    origin.push(i as u32);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let f = fold(c);
            let before = out.len();
            out.push(f);
            for _ in before..out.len() {
                origin.push(i as u32);
            }
        }
        origin.push(text.len() as u32);
        Normalized {
            text: out,
            origin,
            lines: LineIndex::new(text),
        }
    }

    /// [`line_col`] of byte `offset` in `original` (the text this was made
    /// from), from the line index.
    pub fn line_col(&self, original: &str, offset: usize) -> (u64, u64) {
        let mut offset = offset.min(original.len());
        while !original.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.starts.partition_point(|&s| s as usize <= offset);
        let start = self.lines.starts[line - 1] as usize;
        let col =
            self.lines.chars_before(original, offset) - self.lines.chars_before(original, start);
        (line as u64, col + 1)
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn to_original(&self, r: Range<usize>, original: &str) -> Range<usize> {
        let start = self.origin[r.start] as usize;
        // End: the original byte after the last normalised char of the match.
        let last = self.text[..r.end]
            .chars()
            .next_back()
            .map_or(r.end, |c| r.end - c.len_utf8());
        let last_orig = self.origin[last] as usize;
        let end = original[last_orig..]
            .chars()
            .next()
            .map_or(last_orig, |c| last_orig + c.len_utf8());
        start..end
    }
}

/// Why a quote could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The quote is empty.
    Empty,
    /// Not in the source.
    NotFound,
    /// In the source more than once, even with prefix/suffix: the original
    /// byte ranges of (up to 10 of) the matches.
    Ambiguous(Vec<Range<usize>>),
}

/// Locates `quote` in `original` (prepared as `norm`), using `prefix` and
/// `suffix` to choose between several matches. Returns the original byte range.
///
/// The cost is linear in the sizes of the source, quote, prefix and suffix
/// (never their product): see `search::Search`.
pub fn locate(
    original: &str,
    norm: &Normalized,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Range<usize>, Miss> {
    let mut work = 0;
    search::locate_counting(original, norm, quote, prefix, suffix, &mut work)
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() as u64 + 1;
    (line, col)
}

/// The paragraph (text between blank lines, or the line) holding `range`.
pub fn paragraph_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[range.end..]
        .find("\n\n")
        .map_or(text.len(), |i| range.end + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(src: &str, q: &str) -> Result<Range<usize>, Miss> {
        locate(src, &Normalized::new(src), q, None, None)
    }

    #[test]
    fn typographic_apostrophes_and_spaces_match() {
        let src = "Japan’s agreement  with\nNorth Korea";
        let r = find(src, "Japan's agreement with North").unwrap();
        assert_eq!(&src[r], "Japan’s agreement  with\nNorth");
    }

    #[test]
    fn missing_and_ambiguous_are_told_apart() {
        let src = "the talks. the talks.";
        assert_eq!(find(src, "the summit"), Err(Miss::NotFound));
        assert!(matches!(find(src, "the talks"), Err(Miss::Ambiguous(v)) if v.len() == 2));
        let norm = Normalized::new(src);
        let r = locate(src, &norm, "the talks", Some("talks."), None).unwrap();
        assert_eq!(r, 11..20);
    }

    #[test]
    fn normalize_is_the_trimmed_normalized_text() {
        for s in [
            "",
            "  a\u{2019}b \t\n c\u{2014}d  ",
            "横田 めぐみ",
            " \u{3000}x\u{201c}y\u{201d} ",
            " plain ascii, one space ",
            "two  spaces",
            "a\x0bb\x1cc\x0c",
        ] {
            assert_eq!(normalize(s), Normalized::new(s).text.trim());
        }
    }

    #[test]
    fn line_and_column_count_chars() {
        assert_eq!(line_col("ab\n横田x", 9), (2, 3));
    }

    #[test]
    fn the_line_index_gives_the_same_line_and_column_as_counting() {
        let text = "one 横田\ntwo\n\n".repeat(300) + &"長い行".repeat(2000) + "\nend";
        let norm = Normalized::new(&text);
        for offset in (0..=text.len()).step_by(7).chain([text.len()]) {
            assert_eq!(
                norm.line_col(&text, offset),
                line_col(&text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn paragraph_is_bounded_by_blank_lines() {
        let t = "one\n\ntwo three\n\nfour";
        let r = paragraph_around(t, &(9..14));
        assert_eq!(&t[r], "two three");
    }
}
