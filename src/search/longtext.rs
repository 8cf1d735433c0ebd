//! Word matching of one free term: the vocabulary classified once per term,
//! then per event either marks read from the posting lists or a walk over
//! the event's sorted word ids; first-letter masks answer one-letter terms.

use std::ops::Range;

use super::Engine;
use super::index::{IN_TITLE, WORD_FIELDS, long_texts};
use super::matching::{self, Matcher};
use super::plan::TextPlan;
use super::text::char_bit;
use crate::store::Event;

/// How a term's word matches are found per event.
pub(super) enum Words {
    /// Nothing to match (an empty term).
    Nothing,
    /// A one-letter term: the per-field first-letter masks ([`char_bit`]).
    OneLetter(u64),
    /// Vocabulary ids starting with the term (`exact` is the term itself):
    /// a walk of the event's sorted word ids up to the range's end.
    Prefix {
        range: Range<u32>,
        exact: Option<u32>,
    },
    /// Match kind per vocabulary id, walked over the event's words.
    Kinds(Vec<u8>),
    /// Per event, the best kind per word field (3 bits each, by [`slot`]),
    /// read from the posting lists when they are few next to the candidates.
    Marked(Vec<u16>),
}

/// Reading postings costs about this many per-event word lookups less.
const POSTINGS_PER_CANDIDATE: usize = 4;

fn mark(m: &mut u16, bits: u8, kind: u8) {
    for (slot, (bit, _)) in WORD_FIELDS.iter().enumerate() {
        if bits & bit != 0 {
            let cur = (*m >> (3 * slot)) as u8 & 7;
            if kind > cur {
                *m = (*m & !(7 << (3 * slot))) | (u16::from(kind) << (3 * slot));
            }
        }
    }
}

impl Engine {
    /// Classifies the vocabulary for one term (a phrase by its first word).
    pub(super) fn word_plan(&self, m: &Matcher, phrase: bool, candidates: usize) -> Words {
        let index = &self.index;
        let mut chars = m.lower.chars();
        let Some(first) = chars.next() else {
            return Words::Nothing;
        };
        if chars.next().is_none() && first.is_ascii_alphanumeric() && !phrase {
            return Words::OneLetter(char_bit(first));
        }
        let range = index.prefix_range(&m.lower);
        let exact = index.word_id(&m.lower);
        let (inner, typos) = matching::liberties(&m.lower);
        let mut matched: Vec<(u32, u8)> = Vec::new();
        if m.cjk {
            for &id in &index.cjk_words {
                let k = m.word_kind(index.vocab.get(id as usize));
                if k != 0 {
                    matched.push((id, k));
                }
            }
        } else {
            let kind = |id: u32| {
                if Some(id) == exact {
                    matching::EXACT
                } else {
                    matching::PREFIX
                }
            };
            matched.extend(range.clone().map(|id| (id, kind(id))));
            if phrase || (!inner && typos == 0) {
                let count = self.postings_of(matched.iter().map(|p| p.0));
                if count > candidates * POSTINGS_PER_CANDIDATE {
                    return Words::Prefix { range, exact };
                }
                return Words::Marked(self.marks(&matched));
            }
            if inner {
                let finder = memchr::memmem::Finder::new(m.lower.as_bytes());
                for (id, w) in index.vocab.iter().enumerate() {
                    let id = id as u32;
                    if w.len() > m.lower.len()
                        && !range.contains(&id)
                        && finder.find(&w.as_bytes()[1..]).is_some()
                    {
                        matched.push((id, matching::INNER));
                    }
                }
            }
            if typos > 0 {
                let mut buf = [0u8; 4];
                let near = index.prefix_range(first.encode_utf8(&mut buf));
                for id in near {
                    if !range.contains(&id) && m.word_kind(index.vocab.get(id as usize)) != 0 {
                        matched.push((id, matching::TYPO));
                    }
                }
            }
        }
        let count = self.postings_of(matched.iter().map(|p| p.0));
        if count > candidates * POSTINGS_PER_CANDIDATE {
            let mut kinds = vec![0u8; index.vocab.len()];
            for (id, k) in matched {
                kinds[id as usize] = kinds[id as usize].max(k);
            }
            return Words::Kinds(kinds);
        }
        Words::Marked(self.marks(&matched))
    }

    fn postings_of(&self, ids: impl Iterator<Item = u32>) -> usize {
        ids.map(|id| self.index.postings.count(id as usize)).sum()
    }

    fn marks(&self, matched: &[(u32, u8)]) -> Vec<u16> {
        let mut marks = vec![0u16; self.store.events.len()];
        for &(id, kind) in matched {
            for (e, bits) in self.index.postings.list(id as usize) {
                mark(&mut marks[e as usize], bits, kind);
            }
        }
        marks
    }

    /// The best match kind of a term per word field of event `e` (by
    /// [`slot`]), or `None` when no word matches.
    pub(super) fn word_kinds(&self, t: &TextPlan, e: usize) -> Option<[u8; 5]> {
        let list = self.index.event_words.list(e);
        let mut m = 0u16;
        match &t.words {
            Words::Nothing => return None,
            Words::OneLetter(bit) => {
                let firsts = self.index.first_chars.get(e);
                for (slot, first) in firsts.iter().enumerate() {
                    if first & bit != 0 {
                        m |= u16::from(matching::PREFIX) << (3 * slot);
                    }
                }
            }
            Words::Prefix { range, exact } => {
                // The ids are ascending: the walk stops at the range's end.
                let ids = list.take_while(|w| w.0 < range.end);
                for (id, bits) in ids.filter(|w| w.0 >= range.start) {
                    let k = if Some(id) == *exact {
                        matching::EXACT
                    } else {
                        matching::PREFIX
                    };
                    mark(&mut m, bits, k);
                }
            }
            Words::Kinds(_) if t.matcher.cjk && !self.index.first_chars.any_other(e) => {
                return None;
            }
            Words::Kinds(kinds) => {
                for (id, bits) in list {
                    let k = kinds[id as usize];
                    if k != 0 {
                        mark(&mut m, bits, k);
                    }
                }
            }
            Words::Marked(marks) => m = marks[e],
        }
        if m == 0 {
            return None;
        }
        Some(std::array::from_fn(|slot| (m >> (3 * slot)) as u8 & 7))
    }

    /// For a phrase, whether field `bit` of the event holds it verbatim
    /// (ignoring case); true for other terms.
    pub(super) fn phrase_holds(&self, t: &TextPlan, event: &Event, bit: u8) -> bool {
        let Some(phrase) = &t.phrase else {
            return true;
        };
        let holds = |text: &str| text.to_lowercase().contains(phrase.as_str());
        if bit == IN_TITLE {
            return holds(&event.title);
        }
        long_texts(event).any(|(b, text)| b == bit && holds(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::slot;

    #[test]
    fn marks_keep_the_best_kind_per_field() {
        let mut m = 0u16;
        mark(&mut m, IN_TITLE, matching::TYPO);
        mark(
            &mut m,
            IN_TITLE | super::super::index::IN_NOTE,
            matching::EXACT,
        );
        mark(&mut m, IN_TITLE, matching::PREFIX);
        assert_eq!((m >> (3 * slot(IN_TITLE))) & 7, u16::from(matching::EXACT));
        let note = slot(super::super::index::IN_NOTE);
        assert_eq!((m >> (3 * note)) & 7, u16::from(matching::EXACT));
        assert_eq!(m & 7, 0, "summary untouched");
    }
}
