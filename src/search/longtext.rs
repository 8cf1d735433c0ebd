//! Long-text matching of one free term: the word index, posting lists and
//! first-letter masks (see `index.rs`), and the check in the text itself for
//! case-sensitive terms and phrases.

use super::Engine;
use super::index::{IN_DISCREPANCY, IN_EXCERPT, IN_NOTE, IN_SUMMARY, long_texts, slot};
use super::plan::{EXACT, NON_ASCII_BITS, TextPlan, Words, contains};
use super::text::words;

impl Engine {
    /// Replaces a prefix range by per-event marks from the posting lists when
    /// reading those postings is cheaper than a binary search per candidate.
    pub(super) fn mark_postings(&self, t: &mut TextPlan, candidates: usize) {
        let Words::Prefix { range, exact } = &t.words else {
            return;
        };
        let (range, exact) = (range.clone(), *exact);
        if t.one_letter != 0 || range.is_empty() {
            return;
        }
        let postings = &self.index.postings;
        let first = if range.start == 0 {
            0
        } else {
            postings.end(range.start as usize - 1)
        };
        let count = postings.end(range.end as usize - 1) - first;
        if count > candidates * 2 {
            return;
        }
        let mut marks = vec![0u8; self.store.events.len()];
        for w in range {
            let whole = if Some(w) == exact { EXACT } else { 0 };
            for &(e, bits) in postings.get(w as usize) {
                marks[e as usize] |= bits | whole;
            }
        }
        t.words = Words::Marked(marks);
    }

    /// Long-text match of a term in event `e`: the field bits and whether a
    /// whole word matched.
    pub(super) fn word_match(&self, t: &TextPlan, e: usize) -> Option<(u8, bool)> {
        let firsts = &self.index.first_chars[e];
        let list = self.index.event_words.get(e);
        let (mut bits, exact) = match &t.words {
            Words::Prefix { range, .. } if range.is_empty() => return None,
            Words::Prefix { .. } if t.one_letter != 0 => {
                let bits = [IN_SUMMARY, IN_EXCERPT, IN_NOTE, IN_DISCREPANCY]
                    .into_iter()
                    .filter(|&b| firsts[slot(b)] & t.one_letter != 0)
                    .fold(0, |acc, b| acc | b);
                (bits, false)
            }
            Words::Containing(_) if firsts.iter().all(|m| m & NON_ASCII_BITS == 0) => return None,
            Words::Marked(marks) => (marks[e] & !EXACT, marks[e] & EXACT != 0),
            Words::Prefix { range, exact } => {
                let lo = list.partition_point(|w| w.0 < range.start);
                let hi = lo + list[lo..].partition_point(|w| w.0 < range.end);
                if lo == hi {
                    return None;
                }
                let bits = list[lo..hi].iter().fold(0, |b, w| b | w.1);
                let exact = exact.is_some_and(|x| list[lo..hi].iter().any(|w| w.0 == x));
                (bits, exact)
            }
            Words::Containing(set) => {
                let bits = list
                    .iter()
                    .filter(|w| set[w.0 as usize / 64] & (1 << (w.0 % 64)) != 0)
                    .fold(0, |b, w| b | w.1);
                (bits, false)
            }
        };
        if bits == 0 {
            return None;
        }
        // Case-sensitive terms and phrases: confirm in the text itself.
        if t.pattern.case_sensitive || t.phrase {
            let event = &self.store.events[e];
            bits = long_texts(event)
                .filter(|(_, text)| self.long_text_matches(t, text))
                .fold(0, |b, (bit, _)| b | bit);
            if bits == 0 {
                return None;
            }
        }
        Some((bits, exact))
    }

    /// True when a long text contains the term as the index defines it.
    pub(super) fn long_text_matches(&self, t: &TextPlan, text: &str) -> bool {
        if t.phrase {
            return contains(text, &t.pattern.text, t.pattern.case_sensitive);
        }
        words(text).any(|r| {
            let w = &text[r];
            if t.pattern.case_sensitive {
                w.starts_with(t.pattern.text.as_str())
                    || (w.chars().any(super::text::is_cjk) && w.contains(t.pattern.text.as_str()))
            } else if matches!(t.words, Words::Containing(_)) {
                w.to_lowercase().contains(t.lower.as_str())
            } else {
                super::text::lowercase_prefix_len(w, &t.lower).is_some()
            }
        })
    }
}
