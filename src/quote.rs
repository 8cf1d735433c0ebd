//! Finding a verbatim quote in a source text.
//!
//! Quotes are compared after normalising only whitespace runs (to one space)
//! and typographic quotes, apostrophes and dashes (to their ASCII forms), so
//! a quote copied from a rendered page still matches its archived text.
//! Positions are reported in the original text.

use std::ops::Range;

/// A source text prepared for quote lookup.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// Original byte offset of each normalised byte, plus one past the end.
    origin: Vec<u32>,
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
    Normalized::new(s).text.trim().to_string()
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
        Normalized { text: out, origin }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn to_original(&self, r: Range<usize>, original: &str) -> Range<usize> {
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
pub fn locate(
    original: &str,
    norm: &Normalized,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Range<usize>, Miss> {
    let q = normalize(quote);
    if q.is_empty() {
        return Err(Miss::Empty);
    }
    let p = prefix.map(normalize).filter(|s| !s.is_empty());
    let s = suffix.map(normalize).filter(|s| !s.is_empty());
    let hay = norm.as_str();
    let mut hits = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(&q) {
        let start = from + i;
        let end = start + q.len();
        let ok_p = p
            .as_ref()
            .is_none_or(|p| hay[..start].trim_end().ends_with(p.as_str()));
        let ok_s = s
            .as_ref()
            .is_none_or(|s| hay[end..].trim_start().starts_with(s.as_str()));
        if ok_p && ok_s {
            hits.push(start..end);
            if hits.len() > 10 {
                break;
            }
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    match hits.len() {
        0 => Err(Miss::NotFound),
        1 => Ok(norm.to_original(hits[0].clone(), original)),
        _ => Err(Miss::Ambiguous(
            hits.into_iter()
                .take(10)
                .map(|r| norm.to_original(r, original))
                .collect(),
        )),
    }
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
    fn line_and_column_count_chars() {
        assert_eq!(line_col("ab\n横田x", 9), (2, 3));
    }

    #[test]
    fn paragraph_is_bounded_by_blank_lines() {
        let t = "one\n\ntwo three\n\nfour";
        let r = paragraph_around(t, &(9..14));
        assert_eq!(&t[r], "two three");
    }
}
