//! The words matching compares: stems, and the stop words that say nothing
//! about which event a passage is about.

use crate::claims::lexicon::tokenize;

/// Words too common in this chronology to tell events apart.
pub(super) const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "its",
    "his",
    "her",
    "their",
    "is",
    "are",
    "was",
    "were",
    "be",
    "as",
    "that",
    "this",
    "after",
    "before",
    "into",
    "over",
    "not",
    "no",
    "north",
    "korea",
    "korean",
    "japan",
    "japanese",
    "south",
    "first",
    "second",
    // Offices name roles, not events.
    "prime",
    "minister",
    "ministry",
    "president",
    "foreign",
    "leader",
    "government",
    "official",
    "officials",
    "chief",
    "cabinet",
    "secretary",
    "vice",
    "ambassador",
];

/// The stem used to compare words: lower case, first five letters.
pub(super) fn stem(w: &str) -> String {
    w.chars().take(5).collect()
}

/// The words of `s`, lower case, in order.
pub(super) fn words(s: &str) -> Vec<String> {
    tokenize(s)
        .into_iter()
        .filter_map(|t| t.word().map(str::to_string))
        .collect()
}
