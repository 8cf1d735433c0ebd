//! Tokens of running text and the words that name parts of the calendar.
//!
//! One pass over the text: words (with their lower-case form), numbers
//! (ASCII or full-width digits, ordinals like `10th`, decades like `1970s`
//! and `'80s`), and single punctuation marks, each with its byte range in the
//! original. Sentence ends are marked here too, so tense and matching can
//! work per sentence. Everything is linear in the text.

use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;

mod words;

use words::is_abbreviation;
pub use words::{cardinal_of, month_of, ordinal_of, weekday_of};

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A word, lower-cased; `capital` when its first letter is upper case.
    Word {
        /// Lower-case form.
        lower: String,
        /// First letter upper case (proper-noun position or a name).
        capital: bool,
    },
    /// A number; `digits` is how many digits were written.
    Num {
        /// Its value (saturating).
        value: u32,
        /// Number of digits written.
        digits: u8,
        /// Written with an ordinal suffix (`10th`).
        ordinal: bool,
    },
    /// A decade (`1970s`; `'80s` has `century: None`).
    Decade {
        /// First year of the decade, or its last two digits when the century is not written.
        start: u32,
        /// Whether the century was written.
        century: bool,
    },
    /// One punctuation character.
    Punct(char),
}

/// A token and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
}

impl Token {
    /// The lower-case word, if a word.
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }
}

/// A digit's value, for ASCII and full-width (U+FF10–U+FF19) digits.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{ff10}'..='\u{ff19}' => Some(c as u32 - 0xff10),
        _ => None,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// Splits `text` into tokens with sentence numbers.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut sentence = 0;
    let mut it = text.char_indices().peekable();
    let mut end_pending = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' && matches!(it.peek(), Some((_, '\n'))) {
                end_pending = true;
            }
            continue;
        }
        if end_pending {
            // A blank line before any token starts no sentence.
            if !out.is_empty() {
                sentence += 1;
            }
            end_pending = false;
        }
        let (tok, end) = if let Some(d) = digit(c) {
            number(text, &mut it, i, c, d)
        } else if c.is_alphabetic() {
            word(text, &mut it, i, c)
        } else if let Some(decade) = short_decade(text, &mut it, i, c) {
            decade
        } else {
            (Tok::Punct(c), i + c.len_utf8())
        };
        let stop = matches!(tok, Tok::Punct('.' | '!' | '?'));
        out.push(Token {
            tok,
            span: i..end,
            sentence,
        });
        if stop && ends_sentence(&out, text, end) {
            end_pending = true;
        }
    }
    out
}

/// A number starting with digit `c` (value `d`) at `i`: plain, ordinal
/// (`10th`) or a decade (`1970s`), and the byte after it.
fn number(
    text: &str,
    it: &mut Peekable<CharIndices<'_>>,
    i: usize,
    c: char,
    d: u32,
) -> (Tok, usize) {
    let (mut value, mut digits, mut end) = (d, 1u8, i + c.len_utf8());
    while let Some(&(j, c2)) = it.peek() {
        let Some(d2) = digit(c2) else { break };
        value = value.saturating_mul(10).saturating_add(d2);
        digits = digits.saturating_add(1);
        end = j + c2.len_utf8();
        it.next();
    }
    let rest = &text[end..];
    let tok = if digits == 4 && rest.starts_with('s') && !starts_alpha(&rest[1..]) {
        end += 1;
        it.next();
        Tok::Decade {
            start: value,
            century: true,
        }
    } else if let Some(sfx) = ["st", "nd", "rd", "th"]
        .iter()
        .find(|s| rest.starts_with(**s) && !starts_alpha(&rest[2..]))
    {
        end += sfx.len();
        it.next();
        it.next();
        Tok::Num {
            value,
            digits,
            ordinal: true,
        }
    } else {
        Tok::Num {
            value,
            digits,
            ordinal: false,
        }
    };
    (tok, end)
}

/// A word starting with letter `c` at `i`, and the byte after it.
fn word(text: &str, it: &mut Peekable<CharIndices<'_>>, i: usize, c: char) -> (Tok, usize) {
    let mut end = i + c.len_utf8();
    while let Some(&(j, c2)) = it.peek() {
        // Digits end a word: `月１０日` is a word, a number, a word.
        if !c2.is_alphanumeric() || (digit(c2).is_some() && !c.is_ascii()) {
            break;
        }
        end = j + c2.len_utf8();
        it.next();
    }
    let tok = Tok::Word {
        lower: text[i..end].to_lowercase(),
        capital: c.is_uppercase(),
    };
    (tok, end)
}

/// `'80s` at `i` (`c` the apostrophe): a decade whose century is not
/// written, and the byte after it.
fn short_decade(
    text: &str,
    it: &mut Peekable<CharIndices<'_>>,
    i: usize,
    c: char,
) -> Option<(Tok, usize)> {
    if !is_apostrophe(c) {
        return None;
    }
    let rest = &text[i + c.len_utf8()..];
    let b = rest.as_bytes();
    if b.len() >= 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b's'
        && !starts_alpha(&rest[3..])
    {
        let start = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
        for _ in 0..3 {
            it.next();
        }
        let tok = Tok::Decade {
            start,
            century: false,
        };
        return Some((tok, i + c.len_utf8() + 3));
    }
    None
}

fn starts_alpha(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// A full stop ends a sentence unless it closes an abbreviation or the next
/// word starts in lower case.
fn ends_sentence(out: &[Token], text: &str, after: usize) -> bool {
    let n = out.len();
    if n >= 2
        && out[n - 1].tok == Tok::Punct('.')
        && let Some(w) = out[n - 2].word()
        && out[n - 2].span.end == out[n - 1].span.start
        && is_abbreviation(w)
    {
        return false;
    }
    let next = text[after..]
        .chars()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '\u{201c}' | '\u{201d}' | ')'));
    next.is_none_or(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_read_as_numbers() {
        let t = tokenize("３月１０日 and 2014");
        assert_eq!(
            t[0].tok,
            Tok::Num {
                value: 3,
                digits: 1,
                ordinal: false
            }
        );
        assert!(
            t.iter()
                .any(|x| matches!(x.tok, Tok::Num { value: 10, .. }))
        );
    }

    #[test]
    fn decades_and_ordinals() {
        let t = tokenize("the 1970s and '80s, on the 10th");
        assert_eq!(
            t[1].tok,
            Tok::Decade {
                start: 1970,
                century: true
            }
        );
        assert_eq!(
            t[3].tok,
            Tok::Decade {
                start: 80,
                century: false
            }
        );
        assert!(matches!(
            t.last().unwrap().tok,
            Tok::Num {
                value: 10,
                ordinal: true,
                ..
            }
        ));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = tokenize("On Sept. 17 Mr. Abe left. Then he returned.");
        let last = t.last().unwrap().sentence;
        assert_eq!(last, 1);
        assert_eq!(
            t.iter()
                .find(|x| x.word() == Some("left"))
                .unwrap()
                .sentence,
            0
        );
    }
}
