//! "Did you mean": the event ids closest to one that does not exist, for
//! `show ID`, `--at ID` and the explorer's `:ID`.
//!
//! Two kinds of near miss are common and need different measures:
//! - a fragment or abbreviation of the id (`yokota`, `kpy2002` for
//!   `koizumi-pyongyang-2002`): a fuzzy subsequence match, scored by
//!   fuzzy-matcher's skim algorithm (consecutive runs and word starts after
//!   `-` score highest, as in fzf);
//! - a misspelling (`yokota-abducton`): Levenshtein distance (strsim), which a
//!   subsequence match misses when a letter is wrong rather than left out.
//!
//! Each id is compared by its first [`COMPARED_CHARS`] characters, so one
//! comparison costs at most a fixed amount and the whole search is linear in
//! the number of events however long the typed text.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::store::Store;

/// Ids and typed text longer than this are compared by this many characters.
const COMPARED_CHARS: usize = 64;
/// Most suggestions given.
pub const MOST: usize = 3;

fn head(s: &str) -> String {
    s.chars()
        .take(COMPARED_CHARS)
        .collect::<String>()
        .to_lowercase()
}

/// How close an id is: fuzzy subsequence matches first (best score first),
/// then misspellings (fewest edits first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    Fragment(std::cmp::Reverse<i64>),
    Misspelt(usize),
}

/// Up to [`MOST`] ids of `store` close to `typed`, closest first; ties in
/// store (chronological) order.
pub fn close_ids<'a>(store: &'a Store, typed: &str) -> Vec<&'a str> {
    let typed = head(typed.trim());
    let n = typed.chars().count();
    if n == 0 {
        return Vec::new();
    }
    let matcher = SkimMatcherV2::default();
    // A fragment must be at least this good: about three points a character
    // keeps scattered letters ("ka" in every id with a k and an a) out.
    let least_score = 3 * i64::try_from(n).unwrap_or(i64::MAX);
    // More edits than a third of the text is another word, not a typo.
    let most_edits = (n / 3).max(2);
    let mut scored: Vec<(Closeness, usize)> = store
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let id = head(&e.id);
            let closeness = match matcher.fuzzy_match(&id, &typed) {
                Some(score) if score >= least_score && n >= 3 => {
                    Closeness::Fragment(std::cmp::Reverse(score))
                }
                _ => {
                    let edits = strsim::levenshtein(&id, &typed);
                    if edits > most_edits {
                        return None;
                    }
                    Closeness::Misspelt(edits)
                }
            };
            Some((closeness, i))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(MOST)
        .map(|(_, i)| store.events[i].id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Store {
        Store::load_embedded().expect("built-in store").store
    }

    #[test]
    fn a_fragment_of_an_id_suggests_the_ids_that_contain_it() {
        let store = builtin();
        let near = close_ids(&store, "yokota");
        assert!(!near.is_empty());
        assert!(near.iter().all(|id| id.contains("yokota")), "{near:?}");
    }

    #[test]
    fn an_abbreviation_finds_the_id_by_its_word_starts() {
        let store = builtin();
        let near = close_ids(&store, "kopy2004");
        assert_eq!(near.first(), Some(&"koizumi-pyongyang-2004"), "{near:?}");
    }

    #[test]
    fn a_misspelt_id_suggests_the_one_meant() {
        let store = builtin();
        let near = close_ids(&store, "yokota-abducton");
        assert_eq!(near.first(), Some(&"yokota-abduction"), "{near:?}");
    }

    #[test]
    fn nothing_close_suggests_nothing() {
        let store = builtin();
        assert!(close_ids(&store, "zzqqxx").is_empty());
        assert!(close_ids(&store, "  ").is_empty());
    }

    #[test]
    fn at_most_three_suggestions() {
        let store = builtin();
        assert!(close_ids(&store, "talks").len() <= MOST);
    }
}
