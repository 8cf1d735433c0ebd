//! When a free term matches a word, and how well: the rule tuned on the
//! judged set (`tests/relevance/`).
//!
//! A term matches a word (both lower-cased) as, best first:
//! - [`EXACT`]: the whole word (`yokota`);
//! - [`PREFIX`]: the start of the word (`koi` → Koizumi);
//! - [`ACRONYM`]: the first letters of consecutive capitalised words of a
//!   name (`arf` → ASEAN Regional Forum; short fields only);
//! - [`INNER`]: inside the word, from 4 characters (`yang` → Pyongyang) or in
//!   CJK script at any length (`横田` → 横田めぐみ);
//! - [`TYPO`]: the start of the word with one edit (insertion, deletion,
//!   substitution, swap of neighbours) from 5 characters, two from 8, the first
//!   letter kept (`koizmi`, `hwasung`, `declaraton`).
//!
//! Letters scattered over unrelated words never match: the judged set showed
//! them to be noise (`nato` matched "North Korean agents abduct Japanese
//! nationals"; `yokota` ranked a Yoon Suk Yeol event above Megumi Yokota).
//! Shorter terms get fewer liberties because a short typo-tolerant term
//! matches almost every word.

use std::ops::Range;

use super::text::{is_cjk, words};

/// A one-edit (or two-edit) misspelling of the start of the word.
pub const TYPO: u8 = 1;
/// Inside the word.
pub const INNER: u8 = 2;
/// First letters of consecutive capitalised words.
pub const ACRONYM: u8 = 3;
/// Start of the word.
pub const PREFIX: u8 = 4;
/// The whole word.
pub const EXACT: u8 = 5;

/// Shortest term matched inside a word (outside CJK).
const INNER_FROM: usize = 4;
/// Shortest term allowed one typo, and two.
const TYPO1_FROM: usize = 5;
const TYPO2_FROM: usize = 8;
/// Longest word compared for typos (longer words: prefix and inner only).
const TYPO_MAX_WORD: usize = 48;

/// What a term of this text may match: (inside words, typos allowed). Terms
/// with the same liberties match a subset when they grow by a character, so a
/// search can narrow the previous hits only within one such mode.
pub fn liberties(term: &str) -> (bool, usize) {
    let lower = term.to_lowercase();
    let n = lower.chars().count();
    if lower.chars().any(is_cjk) {
        return (true, 0);
    }
    let typos = match n {
        n if n >= TYPO2_FROM => 2,
        n if n >= TYPO1_FROM => 1,
        _ => 0,
    };
    (n >= INNER_FROM, typos)
}

/// A free term prepared for matching words.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The term, lower-cased.
    pub lower: String,
    chars: Vec<char>,
    /// True when the term has CJK characters (matched by substring).
    pub cjk: bool,
    inner: bool,
    typos: usize,
}

impl Matcher {
    /// Prepares a term (case is ignored).
    pub fn new(term: &str) -> Matcher {
        let lower = term.to_lowercase();
        let (inner, typos) = liberties(term);
        Matcher {
            chars: lower.chars().collect(),
            cjk: lower.chars().any(is_cjk),
            lower,
            inner,
            typos,
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

    /// Typos allowed.
    pub fn typos(&self) -> usize {
        self.typos
    }

    /// The first character, for the typo candidates (typos keep it).
    pub fn first(&self) -> Option<char> {
        self.chars.first().copied()
    }

    /// How a lower-cased word matches, 0 when it does not.
    pub fn word_kind(&self, word: &str) -> u8 {
        self.word_match(word).0
    }

    /// How a lower-cased word matches, and the byte length of its matched
    /// part counted from `at` (its start, or where the term sits inside it).
    fn word_match(&self, word: &str) -> (u8, Range<usize>) {
        if self.chars.is_empty() {
            return (0, 0..0);
        }
        if word == self.lower {
            return (EXACT, 0..word.len());
        }
        if word.starts_with(self.lower.as_str()) {
            return (PREFIX, 0..self.lower.len());
        }
        if (self.inner || self.cjk)
            && let Some(at) = word.find(self.lower.as_str())
        {
            return (INNER, at..at + self.lower.len());
        }
        if self.typos > 0
            && let Some(end) = self.typo_prefix(word)
        {
            return (TYPO, 0..end);
        }
        (0, 0..0)
    }

    /// Byte length of the shortest start of `word` within `self.typos` edits
    /// of the term (optimal string alignment distance), if any.
    fn typo_prefix(&self, word: &str) -> Option<usize> {
        let w: Vec<(usize, char)> = word.char_indices().take(TYPO_MAX_WORD + 1).collect();
        if w.len() > TYPO_MAX_WORD || w.first().map(|c| c.1) != self.first() {
            return None;
        }
        let (m, k) = (self.chars.len(), self.typos);
        if w.len() + k < m {
            return None;
        }
        // d[i][j]: edits between the first i term chars and the first j word chars.
        let cols = w.len() + 1;
        let mut d = vec![usize::MAX / 2; (m + 1) * cols];
        for (j, cell) in d.iter_mut().take(cols).enumerate() {
            *cell = j;
        }
        for i in 1..=m {
            d[i * cols] = i;
            for j in 1..cols {
                let cost = usize::from(self.chars[i - 1] != w[j - 1].1);
                let mut v = (d[(i - 1) * cols + j] + 1)
                    .min(d[i * cols + j - 1] + 1)
                    .min(d[(i - 1) * cols + j - 1] + cost);
                if i > 1
                    && j > 1
                    && self.chars[i - 1] == w[j - 2].1
                    && self.chars[i - 2] == w[j - 1].1
                {
                    v = v.min(d[(i - 2) * cols + j - 2] + 1);
                }
                d[i * cols + j] = v;
            }
        }
        let last = &d[m * cols..];
        let best = (1..cols).min_by_key(|&j| (last[j], j))?;
        (last[best] <= k).then(|| w.get(best).map_or(word.len(), |c| c.0))
    }

    /// How the term matches a name, alias, tag or other short field (words,
    /// or the initials of capitalised words), with the matched byte ranges.
    pub fn name_match(&self, text: &str) -> (u8, Vec<Range<usize>>) {
        let (best, ranges) = self.text_match(text);
        if best < ACRONYM
            && let Some(found) = self.acronym(text)
        {
            return (ACRONYM, found);
        }
        (best, ranges)
    }

    /// How the term matches the words of `text` (the best kind) and the byte
    /// ranges of `text` it matched.
    pub fn text_match(&self, text: &str) -> (u8, Vec<Range<usize>>) {
        let mut best = 0;
        let mut ranges = Vec::new();
        let mut lower = String::new();
        for r in words(text) {
            lower.clear();
            lower.extend(text[r.clone()].chars().flat_map(char::to_lowercase));
            let (kind, part) = self.word_match(&lower);
            if kind == 0 {
                continue;
            }
            // Lower-casing can change byte lengths: map back through chars.
            let part = rebase(&text[r.clone()], &lower, part);
            ranges.push(r.start + part.start..r.start + part.end);
            best = best.max(kind);
        }
        (best, ranges)
    }

    /// The term as the initials of consecutive capitalised words (`arf`).
    fn acronym(&self, text: &str) -> Option<Vec<Range<usize>>> {
        if self.chars.len() < 2 || !self.chars.iter().all(char::is_ascii_alphabetic) {
            return None;
        }
        let initials: Vec<(usize, char)> = words(text)
            .filter_map(|r| {
                let c = text[r.clone()].chars().next()?;
                Some((r.start, c))
            })
            .collect();
        let m = self.chars.len();
        initials.windows(m).find_map(|win| {
            let hit = win
                .iter()
                .zip(&self.chars)
                .all(|(&(_, c), &want)| c.is_uppercase() && c.to_ascii_lowercase() == want);
            hit.then(|| win.iter().map(|&(at, _)| at..at + 1).collect())
        })
    }
}

/// Maps a byte range of `lower` (the lower-cased `word`) to a range of `word`.
fn rebase(word: &str, lower: &str, part: Range<usize>) -> Range<usize> {
    if word.len() == lower.len() {
        return part;
    }
    let mut start = word.len();
    let mut end = word.len();
    let mut at = 0;
    for (i, c) in word.char_indices() {
        if at == part.start {
            start = start.min(i);
        }
        if at >= part.end {
            end = i;
            break;
        }
        at += c.to_lowercase().map(char::len_utf8).sum::<usize>();
    }
    start.min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(term: &str, word: &str) -> u8 {
        Matcher::new(term).word_kind(word)
    }

    #[test]
    fn kinds_from_exact_to_typo() {
        assert_eq!(kind("yokota", "yokota"), EXACT);
        assert_eq!(kind("koi", "koizumi"), PREFIX);
        assert_eq!(kind("yang", "pyongyang"), INNER);
        assert_eq!(kind("koizmi", "koizumi"), TYPO);
        assert_eq!(kind("hwasung", "hwasong"), TYPO);
        assert_eq!(kind("declaraton", "declaration"), TYPO);
        assert_eq!(kind("kiosk", "ikosk"), 0, "typos keep the first letter");
    }

    #[test]
    fn short_terms_take_no_liberties() {
        assert_eq!(kind("ang", "pyongyang"), 0, "inside a word from 4 chars");
        assert_eq!(kind("kozm", "koizumi"), 0, "typos from 5 chars");
        assert_eq!(kind("横田", "故横田滋"), INNER, "CJK by substring");
    }

    #[test]
    fn scattered_letters_are_not_a_match() {
        let m = Matcher::new("nato");
        let t = "North Korean agents abduct Japanese nationals";
        assert_eq!(m.name_match(t).0, 0);
        assert_eq!(
            Matcher::new("yokota")
                .text_match("Yoon Suk Yeol inaugurated")
                .0,
            0
        );
    }

    #[test]
    fn acronyms_of_capitalised_words() {
        let (k, r) = Matcher::new("arf").name_match("ASEAN Regional Forum");
        assert_eq!(k, ACRONYM);
        assert_eq!(r, vec![0..1, 6..7, 15..16]);
        assert_eq!(Matcher::new("arf").name_match("after rising fast").0, 0);
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_original_text() {
        let t = "Megumi Yokota's 横田めぐみ \u{212A}elvin";
        let (_, r) = Matcher::new("yoko").text_match(t);
        assert_eq!(&t[r[0].clone()], "Yoko");
        let (_, r) = Matcher::new("めぐ").text_match(t);
        assert_eq!(&t[r[0].clone()], "めぐ");
        let (_, r) = Matcher::new("kelv").text_match(t);
        assert_eq!(
            &t[r[0].clone()],
            "\u{212A}elv",
            "the Kelvin sign lower-cases to 1 byte"
        );
    }
}
