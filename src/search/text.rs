//! Text primitives of the search: words, character masks, fast subsequence
//! tests that agree exactly with `SkimMatcherV2`'s notion of a match, and
//! char-index to byte-range conversion for highlighting.

use std::ops::Range;

/// True for characters of scripts written without spaces between words
/// (Han, kana, hangul): their runs are indexed whole and matched by substring.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff   // hiragana, katakana
        | 0x3400..=0x4dbf // CJK extension A
        | 0x4e00..=0x9fff // CJK unified ideographs
        | 0xf900..=0xfaff // compatibility ideographs
        | 0xff66..=0xff9f // half-width katakana
        | 0x1100..=0x11ff // hangul jamo
        | 0x3130..=0x318f // hangul compatibility jamo
        | 0xac00..=0xd7af // hangul syllables
        | 0x20000..=0x2fa1f)
}

/// The words of `text` as byte ranges: maximal runs of letters and digits,
/// split where the text switches between CJK and other scripts.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let cjk = is_cjk(first);
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() || is_cjk(c) != cjk {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(start..end)
    })
}

/// A 64-bit summary of the characters in `s` (ASCII letters folded to lower
/// case): if a pattern's mask is not inside a text's mask, the pattern cannot
/// be a subsequence of the text. A cheap prefilter before real matching.
pub fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// The bit of one character in a [`char_mask`].
pub fn char_bit(c: char) -> u64 {
    let c = c.to_ascii_lowercase();
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        c if c.is_ascii() => 36 + (c as u32 % 8),
        c => 44 + (c as u32 % 20),
    };
    1 << bit
}

/// A free term prepared for matching short fields the way `SkimMatcherV2`
/// does (a subsequence, ASCII case folded unless the term is case-sensitive).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The term as typed.
    pub text: String,
    /// Match case exactly.
    pub case_sensitive: bool,
    /// Its characters (ASCII-lowercased when case-insensitive).
    chars: Vec<char>,
    /// The same as a string.
    folded: String,
    /// Bytes, when the term is ASCII (fast path).
    ascii: Option<Vec<u8>>,
    /// Prefilter mask.
    pub mask: u64,
}

impl Pattern {
    /// Prepares a term; smart case: any upper-case letter makes it case-sensitive.
    pub fn new(text: &str) -> Pattern {
        let case_sensitive = text.chars().any(char::is_uppercase);
        let folded = if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
        Pattern {
            text: text.to_string(),
            case_sensitive,
            chars: folded.chars().collect(),
            ascii: folded.is_ascii().then(|| folded.clone().into_bytes()),
            folded,
            mask: char_mask(text),
        }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True for an empty term.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// True when the term is a subsequence of `text`. `lower` must be
    /// `text.to_ascii_lowercase()` (same byte positions).
    pub fn is_subsequence(&self, text: &str, lower: &str) -> bool {
        match &self.ascii {
            Some(p) => {
                let hay = if self.case_sensitive { text } else { lower };
                bytes_subsequence(hay.as_bytes(), p)
            }
            None => {
                let mut want = self.chars.iter().peekable();
                for c in text.chars() {
                    match want.peek() {
                        Some(&&w) if self.char_eq(c, w) => {
                            want.next();
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                want.peek().is_none()
            }
        }
    }

    fn char_eq(&self, c: char, w: char) -> bool {
        if self.case_sensitive {
            c == w
        } else {
            c.eq_ignore_ascii_case(&w)
        }
    }

    /// A cheap relevance estimate for a short field already known to match:
    /// the term at a word start beats the term inside a word beats scattered
    /// letters. Used instead of the full fuzzy score when a query matches too
    /// many titles to score them all within a frame.
    pub fn quick_score(&self, text: &str, lower: &str) -> i64 {
        let n = self.len() as i64;
        let hay = if self.case_sensitive { text } else { lower };
        match hay.find(self.folded.as_str()) {
            Some(0) => 24 * n + 16,
            Some(i)
                if !hay[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric) =>
            {
                24 * n + 8
            }
            Some(_) => 20 * n,
            None => 12 * n,
        }
    }
}

fn bytes_subsequence(hay: &[u8], pat: &[u8]) -> bool {
    let mut at = 0;
    for &b in pat {
        match memchr::memchr(b, &hay[at..]) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

/// Turns char indices (as `SkimMatcherV2::fuzzy_indices` gives them) into
/// byte ranges of `text`, merging neighbours.
pub fn char_indices_to_ranges(text: &str, indices: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut want = indices.iter().copied().peekable();
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        let Some(&w) = want.peek() else { break };
        if w != ci {
            continue;
        }
        want.next();
        let r = bi..bi + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

/// Byte length of the prefix of `word` that equals `lower_term` once lower-cased,
/// if it is one.
pub fn lowercase_prefix_len(word: &str, lower_term: &str) -> Option<usize> {
    let mut rest = lower_term;
    for (i, c) in word.char_indices() {
        if rest.is_empty() {
            return Some(i);
        }
        for l in c.to_lowercase() {
            rest = rest.strip_prefix(l)?;
        }
    }
    rest.is_empty().then_some(word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_scripts_and_punctuation() {
        let t = "Abe's 拉致問題 talks,2014年";
        let w: Vec<&str> = words(t).map(|r| &t[r]).collect();
        assert_eq!(w, ["Abe", "s", "拉致問題", "talks", "2014", "年"]);
    }

    #[test]
    fn subsequence_agrees_with_case_rules() {
        let p = Pattern::new("kzm");
        let t = "Koizumi visits";
        assert!(p.is_subsequence(t, &t.to_ascii_lowercase()));
        let p = Pattern::new("Kz");
        assert!(p.is_subsequence(t, &t.to_ascii_lowercase()));
        let p = Pattern::new("KZ");
        assert!(!p.is_subsequence(t, &t.to_ascii_lowercase()));
        let p = Pattern::new("横田");
        assert!(p.is_subsequence("故横田滋", "故横田滋"));
    }

    #[test]
    fn ranges_from_char_indices_handle_wide_chars_and_tabs() {
        let t = "a\t横田め";
        assert_eq!(char_indices_to_ranges(t, &[2, 3]), vec![2..8]);
        assert_eq!(char_indices_to_ranges(t, &[0, 2]), vec![0..1, 2..5]);
    }

    #[test]
    fn lowercase_prefix() {
        assert_eq!(lowercase_prefix_len("Abduction", "abd"), Some(3));
        assert_eq!(lowercase_prefix_len("Abduction", "x"), None);
        assert_eq!(lowercase_prefix_len("ab", "abc"), None);
    }
}
