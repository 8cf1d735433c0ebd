//! An index read back from the cache: checked to fit the store before the
//! engine uses it.
//!
//! The cache only offers an index whose key matches the store (see
//! `crate::cache::index`), so a misfit here means a damaged or forged file
//! that happened to pass the checksum: it is refused, never trusted. The
//! engine indexes its tables with these ids without further checks, so every
//! id is checked against what it points into, and every list is checked to
//! be sorted where a binary search relies on it.

use super::{Index, Lists};
use crate::search::Field;
use crate::store::Store;

impl<T> Lists<T> {
    /// `lists` lists whose ends rise to exactly the number of items.
    fn well_formed(&self, lists: usize) -> bool {
        self.ends.len() == lists
            && self.ends.windows(2).all(|w| w[0] <= w[1])
            && self.ends.last().map_or(0, |&e| e as usize) == self.items.len()
    }
}

/// True when every list is strictly ascending by `key` (no repeats).
fn each_ascending<T>(lists: &Lists<T>, key: impl Fn(&T) -> u32) -> bool {
    (0..lists.ends.len()).all(|i| lists.get(i).windows(2).all(|w| key(&w[0]) < key(&w[1])))
}

impl Index {
    /// Checks that a decoded index fits `store` (every id in range, the
    /// sorted lists sorted);
    /// `None` for an index that does not fit.
    pub(crate) fn restore(self, store: &Store) -> Option<Index> {
        let events = store.events.len();
        let (atoms, words) = (self.atoms.len() as u32, self.vocab.len() as u32);
        let owners_fit = self.atoms.iter().all(|a| {
            let owners = match a.field {
                Field::Actor => store.actors.len(),
                Field::Place => store.places.len(),
                Field::Source => store.sources.len(),
                Field::Era => store.eras.len(),
                _ => 1,
            };
            (a.owner as usize) < owners
        });
        let fits = owners_fit
            && self.event_atoms.well_formed(events)
            && self.title_named.well_formed(events)
            && self.event_words.well_formed(events)
            && self.first_chars.len() == events
            && self.event_atoms.items.iter().all(|&a| a < atoms)
            && self.title_named.items.iter().all(|&a| a < atoms)
            && each_ascending(&self.event_atoms, |&a| a)
            && each_ascending(&self.title_named, |&a| a)
            && each_ascending(&self.event_words, |w| w.0)
            && self.event_words.items.iter().all(|w| w.0 < words)
            && self.postings.well_formed(self.vocab.len())
            && self.postings.items.iter().all(|p| (p.0 as usize) < events)
            && self.vocab.windows(2).all(|w| w[0] < w[1])
            && self.cjk_words.iter().all(|&w| w < words);
        fits.then_some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::Arc;

    fn round_trip(index: &Index) -> Index {
        let bytes = postcard::to_stdvec(index).expect("encodes");
        postcard::from_bytes(&bytes).expect("decodes")
    }

    #[test]
    fn a_read_back_index_is_the_built_one() {
        let store = crate::synth::store(300, 3);
        let built = Index::build(&store);
        let back = round_trip(&built).restore(&store).expect("fits");
        assert_eq!(back, built);
    }

    #[test]
    fn ids_out_of_range_or_lists_out_of_order_are_refused() {
        let store = crate::synth::store(300, 3);
        let built = Index::build(&store);
        let words = built.vocab.len() as u32;
        let atoms = built.atoms.len() as u32;
        type Breakage = Box<dyn Fn(&mut Index)>;
        let breakages: Vec<Breakage> = vec![
            Box::new(move |i| i.event_words.items[0].0 = words),
            Box::new(move |i| i.event_atoms.items[0] = atoms),
            Box::new(move |i| i.title_named.items.push(0)),
            Box::new(move |i| i.postings.items[0].0 = 300),
            Box::new(move |i| i.cjk_words.push(words)),
            Box::new(move |i| i.atoms[0].owner = 10_000),
            Box::new(move |i| i.first_chars.pop().map_or((), drop)),
            Box::new(move |i| i.vocab.swap(0, 1)),
            Box::new(move |i| i.event_words.ends[0] = u32::MAX),
            Box::new(move |i| {
                let list = i.event_words.ends[0] as usize;
                i.event_words.items[..list].reverse();
            }),
        ];
        for (n, breakage) in breakages.iter().enumerate() {
            let mut broken = round_trip(&built);
            breakage(&mut broken);
            assert!(broken.restore(&store).is_none(), "breakage {n}");
        }
        let other = crate::synth::store(301, 3);
        assert!(
            round_trip(&built).restore(&other).is_none(),
            "another store"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever bytes an index file holds past its checksum, decoding
        /// and checking them never panics, and an index that passes the
        /// check answers queries without panicking.
        #[test]
        fn damaged_index_bytes_never_panic(
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let store = Arc::new(crate::synth::store(60, 5));
            let mut bytes = postcard::to_stdvec(&Index::build(&store)).expect("encodes");
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let Ok(decoded) = postcard::from_bytes::<Index>(&bytes) else {
                return Ok(());
            };
            let Some(index) = decoded.restore(&store) else {
                return Ok(());
            };
            let engine = crate::search::Engine { store: Arc::clone(&store), index, threads: 1 };
            for text in ["talks", "ab", "k", "abe tag:abduction", "before:1990", "小泉"] {
                let query = engine.parse(text).expect("query parses");
                let results = engine.search(&query, &crate::search::CancelToken::new());
                for h in results.hits.iter().take(3) {
                    let _ = engine.highlights(&query, h.event);
                }
            }
        }
    }
}
