//! Text primitives of the search: words and first-letter bits.

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
/// split where the text switches between CJK and other scripts. ASCII bytes
/// are classified as bytes (an ASCII letter or digit is alphanumeric and
/// never CJK); only other characters are decoded.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // The character at `at` (a char boundary) and its length.
    let char_at = move |at: usize| text[at..].chars().next().map(|c| (c, c.len_utf8()));
    std::iter::from_fn(move || {
        let (start, cjk) = loop {
            let b = *bytes.get(at)?;
            if b < 0x80 {
                at += 1;
                if b.is_ascii_alphanumeric() {
                    break (at - 1, false);
                }
            } else {
                let (c, len) = char_at(at)?;
                at += len;
                if c.is_alphanumeric() {
                    break (at - len, is_cjk(c));
                }
            }
        };
        while let Some(&b) = bytes.get(at) {
            if b < 0x80 {
                if cjk || !b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                match char_at(at) {
                    Some((c, len)) if c.is_alphanumeric() && is_cjk(c) == cjk => at += len,
                    _ => break,
                }
            }
        }
        Some(start..at)
    })
}

/// The bit of one character in a 64-bit character summary (ASCII letters
/// folded to lower case; other characters share bits), as the index keeps
/// for the first letters of each field's words.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, one decoded character at a time.
    fn words_slowly(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, first)) = chars.find(|(_, c)| c.is_alphanumeric()) {
            let cjk = is_cjk(first);
            let mut end = start + first.len_utf8();
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphanumeric() || is_cjk(c) != cjk {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            out.push(start..end);
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn words_equal_the_char_by_char_definition(
            text in "([a-zA-Z0-9 ,.'-]|[éßİ]|[拉致問題年]|[김정일]|[ア-ン]|[٠-٩]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_slowly(&text));
        }
    }

    #[test]
    fn words_split_scripts_and_punctuation() {
        let t = "Abe's 拉致問題 talks,2014年";
        let w: Vec<&str> = words(t).map(|r| &t[r]).collect();
        assert_eq!(w, ["Abe", "s", "拉致問題", "talks", "2014", "年"]);
    }
}
