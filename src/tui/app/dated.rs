//! What the source reader knows about its text, worked out once when it
//! opens (never per frame): the sentences, every temporal expression with
//! its resolved date, whether a cited passage holds it, and the verdicts of
//! the claim matcher against the store's events.

use std::ops::Range;

use crate::claims::matching::{Matcher, Verdict};
use crate::claims::{find_claims, lexicon};
use crate::date::EventDate;
use crate::store::Store;

/// One temporal expression of the reader's text.
#[derive(Debug, Clone)]
pub struct Expression {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index of its sentence in [`DatedText::sentences`].
    pub sentence: usize,
    /// The resolved date, or why it has none (in words).
    pub date: Result<EventDate, &'static str>,
    /// Matched events (id, verdict), best first; empty: the claim is new.
    pub verdicts: Vec<(String, Verdict)>,
    /// Inside a passage that some event cites.
    pub cited: bool,
}

/// The sentences and dated expressions of one source text.
#[derive(Debug, Clone, Default)]
pub struct DatedText {
    /// Byte ranges of the sentences, in text order (first to last word).
    pub sentences: Vec<Range<usize>>,
    /// Temporal expressions, in text order.
    pub expressions: Vec<Expression>,
    /// Why there are no resolved expressions (no publication date, …).
    pub unresolvable: Option<String>,
}

impl DatedText {
    /// Finds and resolves every expression of `text` (source `id` of `store`);
    /// `cited` are the byte ranges of the passages events cite. Linear in the
    /// text, plus one sort of the passages.
    pub fn of(store: &Store, id: &str, text: &str, cited: &[Range<usize>]) -> Self {
        let sentences = sentence_ranges(text);
        let Some(published) = store.source(id).and_then(|s| s.published.clone()) else {
            return DatedText {
                sentences,
                expressions: Vec::new(),
                unresolvable: Some(
                    "this source has no publication date: its expressions cannot be resolved"
                        .into(),
                ),
            };
        };
        let claims = match find_claims(text, &published) {
            Ok(c) => c,
            Err(e) => {
                return DatedText {
                    sentences,
                    expressions: Vec::new(),
                    unresolvable: Some(e.to_string()),
                };
            }
        };
        let verdicts = Matcher::new(store, Some((id, text))).judge(text, &claims);
        let inside = containment(cited, claims.iter().map(|c| c.range.clone()));
        let expressions = claims
            .into_iter()
            .zip(verdicts)
            .zip(inside)
            .map(|((c, v), cited)| Expression {
                sentence: sentence_at(&sentences, c.range.start),
                range: c.range,
                date: c.date.map_err(|u| u.words()),
                verdicts: v.into_iter().map(|m| (m.id, m.verdict)).collect(),
                cited,
            })
            .collect();
        DatedText {
            sentences,
            expressions,
            unresolvable: None,
        }
    }

    /// The sentence holding byte `pos` (or the last one starting before it).
    pub fn sentence_of(&self, pos: usize) -> Option<usize> {
        (!self.sentences.is_empty()).then(|| sentence_at(&self.sentences, pos))
    }

    /// The expressions of sentence `s`.
    pub fn in_sentence(&self, s: usize) -> &[Expression] {
        let from = self.expressions.partition_point(|e| e.sentence < s);
        let to = self.expressions.partition_point(|e| e.sentence <= s);
        &self.expressions[from..to]
    }

    /// The expression holding byte `pos`, else the first of its sentence.
    pub fn expression_at(&self, pos: usize) -> Option<&Expression> {
        let s = self.sentence_of(pos)?;
        let here = self.in_sentence(s);
        here.iter()
            .find(|e| e.range.start <= pos && pos < e.range.end)
            .or_else(|| here.first())
    }
}

/// The index of the sentence holding `pos` (the last one starting at or before it).
fn sentence_at(sentences: &[Range<usize>], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= pos)
        .saturating_sub(1)
}

/// Sentence ranges as the claim finder splits them (one tokenizer for both).
fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    crate::claims::sentence_ranges(&lexicon::tokenize(text))
}

/// For each range of `inner` (in text order), whether one of `outer` holds
/// it whole. A sweep: sorted by start, the longest reach so far decides, so
/// the work is linear after the sort (never passages × expressions); each
/// step is counted in [`crate::claims::work`] for the growth test.
fn containment(outer: &[Range<usize>], inner: impl Iterator<Item = Range<usize>>) -> Vec<bool> {
    let mut starts: Vec<&Range<usize>> = outer.iter().collect();
    starts.sort_by_key(|r| r.start);
    let mut next = 0;
    let mut reach = 0;
    inner
        .map(|r| {
            while next < starts.len() && starts[next].start <= r.start {
                reach = reach.max(starts[next].end);
                next += 1;
                crate::claims::work::step(1);
            }
            crate::claims::work::step(1);
            next > 0 && reach >= r.end
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_expression_is_cited_only_when_a_passage_holds_it_whole() {
        let outer = [10..20, 0..5, 30..40];
        let inner = [1..3, 4..7, 12..20, 21..25, 35..36];
        assert_eq!(
            containment(&outer, inner.into_iter()),
            [true, false, true, false, true]
        );
    }

    #[test]
    fn opening_a_text_twice_as_long_costs_at_most_twice_the_work() {
        let store = crate::store::Store::load_embedded().unwrap().store;
        let id = "japantimes-2014-03";
        let article = &store.source(id).unwrap().text.as_ref().unwrap().text;
        let steps = |copies: usize| {
            let text = article.repeat(copies);
            // Passages nested and overlapping everywhere: the sweep stays linear.
            let cited: Vec<Range<usize>> = (0..text.len() / 64)
                .map(|k| k * 64..(k * 64 + 4096).min(text.len()))
                .collect();
            crate::claims::work::take();
            let d = DatedText::of(&store, id, &text, &cited);
            assert!(d.expressions.len() >= 10 * copies);
            assert!(d.expressions.iter().all(|e| e.cited));
            crate::claims::work::take()
        };
        let (one, two) = (steps(8), steps(16));
        assert!(two <= 2 * one + one / 10, "{one} steps, then {two}");
    }

    #[test]
    fn sentences_follow_the_claim_finder() {
        let text = "Abe met Kim on Friday. Talks ended.\n\nA new paragraph";
        let s = sentence_ranges(text);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(&text[s[0].clone()], "Abe met Kim on Friday.");
        assert_eq!(&text[s[2].clone()], "A new paragraph");
    }
}
