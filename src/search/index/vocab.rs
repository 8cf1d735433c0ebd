//! The vocabulary: every word of the word index, lower-cased, sorted, held
//! end to end in one string with each word's end offset.
//!
//! A `Vec<String>` spent a 24-byte header and an allocation per word on
//! words of seven bytes on average: at 10 000 events (10 224 words) 483 KB
//! of headers for 72 KB of text; here the text and four bytes a word
//! (113 KB). Reading a kept index decodes one string instead of allocating
//! every word.

use serde::{Deserialize, Serialize};

/// Words end to end; word `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Vocab {
    text: String,
    ends: Vec<u32>,
}

impl Vocab {
    /// The words of `words`, in their order, sized exactly.
    pub(crate) fn of<'a>(words: impl ExactSizeIterator<Item = &'a str> + Clone) -> Vocab {
        let bytes = words.clone().map(str::len).sum();
        let mut v = Vocab {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(words.len()),
        };
        for w in words {
            v.text.push_str(w);
            // Past 4 GiB of words (beyond the store's size cap) a word
            // would read as empty, never out of bounds.
            v.ends.push(u32::try_from(v.text.len()).unwrap_or(u32::MAX));
        }
        v
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `id` ("" past the last word).
    #[inline]
    pub(crate) fn get(&self, id: usize) -> &str {
        self.text.get(super::span(&self.ends, id)).unwrap_or("")
    }

    /// The words in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.ends.iter().scan(0usize, |start, &end| {
            let word = self.text.get(*start..end as usize).unwrap_or("");
            *start = end as usize;
            Some(word)
        })
    }

    /// The first id whose word fails `pred` (the words failing it after
    /// those passing, as for [`slice::partition_point`]).
    pub(crate) fn partition_point(&self, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Id of the word equal to `word`, if any.
    pub(crate) fn find(&self, word: &str) -> Option<usize> {
        let at = self.partition_point(|w| w < word);
        (at < self.len() && self.get(at) == word).then_some(at)
    }

    /// True when the ends rise to exactly the text's length, each on a
    /// character boundary, and the words are strictly ascending (what
    /// [`Vocab::partition_point`] relies on).
    pub(crate) fn well_formed(&self) -> bool {
        let mut start = 0usize;
        let mut previous: Option<&str> = None;
        for &end in &self.ends {
            let Some(word) = self.text.get(start..end as usize) else {
                return false;
            };
            if previous.is_some_and(|p| p >= word) {
                return false;
            }
            (previous, start) = (Some(word), end as usize);
        }
        start == self.text.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_back_in_order_and_are_found() {
        let words = ["", "abe", "abé", "talks", "小泉"];
        let v = Vocab::of(words.iter().copied());
        assert_eq!(v.len(), 5);
        assert_eq!(v.iter().collect::<Vec<_>>(), words);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.get(i), *w);
            assert_eq!(v.find(w), Some(i));
        }
        assert_eq!(v.get(5), "", "past the last word");
        assert_eq!(v.find("ab"), None);
        assert_eq!(v.find("zzz"), None);
        assert_eq!(v.partition_point(|w| w < "b"), 3);
        assert!(v.well_formed());
    }

    #[test]
    fn a_vocabulary_out_of_order_or_off_its_text_is_not_well_formed() {
        let v = Vocab::of(["abe", "talks"].into_iter());
        let breakages: [fn(&mut Vocab); 5] = [
            |v| v.ends.swap(0, 1),
            |v| v.ends[1] += 1,
            |v| v.ends.pop().map_or((), drop),
            |v| v.text = "talksabe".into(),
            |v| {
                // An end inside a character.
                v.text = "aéalks".into();
                v.ends = vec![2, 7];
            },
        ];
        for (n, breakage) in breakages.iter().enumerate() {
            let mut broken = v.clone();
            breakage(&mut broken);
            assert!(!broken.well_formed(), "breakage {n}");
            // Reading it never panics.
            let _ = (broken.iter().count(), broken.get(1), broken.find("abe"));
        }
        assert!(Vocab::default().well_formed());
    }
}
