//! An index read back from the cache: checked to fit the store before the
//! engine uses it.
//!
//! The cache only offers an index whose key matches the store (see
//! `crate::cache::index`), so a misfit here means a damaged or forged file
//! that happened to pass the checksum: it is refused, never trusted. The
//! engine indexes its tables with these ids without further checks, so every
//! id is checked against what it points into, and every list is checked to
//! be sorted where a binary search relies on it. The two gap-coded tables
//! were checked well formed and ascending as they were read
//! (`IdLists::from_parts`); here, their ids against what they point into.

use super::{IdLists, Index};
use crate::search::Field;
use crate::store::Store;

impl IdLists {
    /// `lists` lists, every id below `bound`.
    fn fit(&self, lists: usize, bound: usize) -> bool {
        self.len() == lists && self.top() as usize <= bound
    }
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
            && self.event_atoms.well_formed(events, atoms)
            && self.event_words.fit(events, self.vocab.len())
            && self.first_chars.whole()
            && self.first_chars.len() == events
            && self.postings.fit(self.vocab.len(), events)
            && self.vocab.well_formed()
            && self.cjk_words.iter().all(|&w| w < words);
        fits.then_some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// An index as the cache keeps it: the serial form, and each
    /// gap-coded table's ends and bytes.
    struct Parts {
        index: Index,
        tables: [(Vec<u32>, Vec<u8>); 2],
    }

    type Encoded<'a> = (&'a Index, &'a [u32], &'a [u8], &'a [u32], &'a [u8]);
    type Decoded = (Index, Vec<u32>, Vec<u8>, Vec<u32>, Vec<u8>);

    fn encode(index: &Index) -> Vec<u8> {
        let [w, p] = index.tables();
        let parts: Encoded = (index, w.ends(), w.bytes(), p.ends(), p.bytes());
        postcard::to_stdvec(&parts).expect("encodes")
    }

    fn parts(bytes: &[u8]) -> Option<Parts> {
        let (index, we, wb, pe, pb): Decoded = postcard::from_bytes(bytes).ok()?;
        let tables = [(we, wb), (pe, pb)];
        Some(Parts { index, tables })
    }

    /// The index the parts spell, when its tables read back.
    fn decode(parts: Parts) -> Option<Index> {
        let [(we, wb), (pe, pb)] = parts.tables;
        let words = IdLists::from_parts(we, wb)?;
        Some((parts.index).with_tables(words, IdLists::from_parts(pe, pb)?))
    }

    fn round_trip(index: &Index) -> Parts {
        parts(&encode(index)).expect("decodes")
    }

    /// Table `t` of `parts` re-encoded after `change` to its lists.
    fn relist(parts: &mut Parts, t: usize, change: impl Fn(&mut Vec<Vec<(u32, u8)>>)) {
        let (ends, bytes) = std::mem::take(&mut parts.tables[t]);
        let read = IdLists::from_parts(ends, bytes).expect("a good table");
        let mut lists: Vec<Vec<(u32, u8)>> =
            (0..read.len()).map(|i| read.list(i).collect()).collect();
        change(&mut lists);
        let mut out = IdLists::default();
        for l in lists {
            out.push_list(l);
        }
        parts.tables[t] = (out.ends().to_vec(), out.bytes().to_vec());
    }

    /// The atom lists of `parts` rebuilt after `change` to their lists.
    fn reatom(parts: &mut Parts, change: impl Fn(&mut Vec<Vec<(u32, bool)>>)) {
        let read = &parts.index.event_atoms;
        let mut lists: Vec<Vec<(u32, bool)>> =
            (0..read.len()).map(|i| read.get(i).collect()).collect();
        change(&mut lists);
        let mut out = super::super::AtomLists::new(parts.index.atoms.len() as u32, lists.len());
        for l in lists {
            out.push_list(l);
        }
        parts.index.event_atoms = out;
    }

    #[test]
    fn a_read_back_index_is_the_built_one() {
        let store = crate::synth::store(300, 3);
        let built = Index::build(&store);
        let back = decode(round_trip(&built)).expect("reads back");
        assert_eq!(back.restore(&store).expect("fits"), built);
    }

    #[test]
    fn ids_out_of_range_or_lists_out_of_order_are_refused() {
        let store = crate::synth::store(300, 3);
        let built = Index::build(&store);
        let words = built.vocab.len() as u32;
        let atoms = built.atoms.len() as u32;
        let last_id =
            |id: u32| move |l: &mut Vec<Vec<(u32, u8)>>| l[0].last_mut().expect("an item").0 = id;
        type Breakage = Box<dyn Fn(&mut Parts)>;
        let breakages: Vec<Breakage> = vec![
            Box::new(move |p| relist(p, 0, last_id(words))),
            Box::new(move |p| reatom(p, |l| l[0][0].0 = atoms)),
            Box::new(move |p| reatom(p, |l| l[0].reverse())),
            Box::new(move |p| reatom(p, |l| drop(l.pop()))),
            Box::new(move |p| relist(p, 1, last_id(300))),
            Box::new(move |p| p.index.cjk_words.push(words)),
            Box::new(move |p| p.index.atoms[0].owner = 10_000),
            Box::new(move |p| {
                let mut fewer = super::super::firsts::FirstChars::default();
                (0..299).for_each(|e| fewer.push(p.index.first_chars.get(e)));
                p.index.first_chars = fewer;
            }),
            Box::new(move |p| {
                let mut words: Vec<String> = p.index.vocab.iter().map(String::from).collect();
                words.swap(0, 1);
                p.index.vocab = super::super::vocab::Vocab::of(words.iter().map(String::as_str));
            }),
            Box::new(move |p| p.tables[0].0[0] = u32::MAX),
            Box::new(move |p| relist(p, 0, |l| l[0].reverse())),
            Box::new(move |p| {
                relist(p, 1, |l| {
                    // The last id again: a repeat, not a fall.
                    let last = l[0][l[0].len() - 1];
                    l[0].push(last)
                })
            }),
            Box::new(move |p| relist(p, 0, |l| drop(l.pop()))),
            Box::new(move |p| relist(p, 1, |l| l.push(Vec::new()))),
        ];
        for (n, breakage) in breakages.iter().enumerate() {
            let mut broken = round_trip(&built);
            breakage(&mut broken);
            assert!(
                decode(broken).and_then(|i| i.restore(&store)).is_none(),
                "breakage {n}"
            );
        }
        let other = crate::synth::store(301, 3);
        let read = decode(round_trip(&built)).expect("reads back");
        assert!(read.restore(&other).is_none(), "another store");
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
            let mut bytes = encode(&Index::build(&store));
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            let Some(index) = parts(&bytes).and_then(decode).and_then(|i| i.restore(&store)) else {
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
