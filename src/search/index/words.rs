//! The word part of the index, built per run of events on every core: the
//! lower-casing and vocabulary lookups of every word of every text are most
//! of the build (1.5 s on one core at 100 000 events), and each run of
//! events needs nothing from the others.
//!
//! Each run keeps its own vocabulary (ids in the order words are first
//! seen) and its word lists gap-coded under those ids; the runs'
//! vocabularies are then merged and sorted, and every run's word lists
//! renumbered to the sorted ids, again on every core, then put end to end.
//! The result is the same whatever the number of runs (a test builds it
//! both ways).

use std::collections::HashMap;

use super::firsts::FirstChars;
use super::vocab::Vocab;
use super::{IdLists, merge_words, slot, word_texts};
use crate::search::text::{char_bit, words};
use crate::store::Event;

/// The words of a run of events, with the run's own word ids (in the
/// order first seen).
struct Run {
    ids: HashMap<Box<str>, u32>,
    lists: IdLists,
    firsts: FirstChars,
}

/// The words of the events, whole store.
pub(super) struct Words {
    /// Lower-cased words, sorted, without repeats.
    pub vocab: Vocab,
    /// Per event: distinct word ids, ascending, with their field bits.
    pub lists: IdLists,
    /// Per event and word field: first-letter bits.
    pub firsts: FirstChars,
}

fn run(events: &[Event]) -> Run {
    let mut out = Run {
        ids: HashMap::new(),
        lists: IdLists::default(),
        firsts: FirstChars::with_capacity(events.len()),
    };
    let mut scratch: Vec<(u32, u8)> = Vec::new();
    let mut lower = String::new();
    for e in events {
        scratch.clear();
        let mut firsts = [0u64; 5];
        for (bit, text) in word_texts(e) {
            for r in words(text) {
                if let Some(c) = text[r.clone()].chars().next() {
                    firsts[slot(bit)] |= c.to_lowercase().next().map_or(0, char_bit);
                }
                let word = &text[r];
                lower.clear();
                if word.is_ascii() {
                    // The same lower case, without a table lookup per letter.
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                } else {
                    lower.extend(word.chars().flat_map(char::to_lowercase));
                }
                let id = match out.ids.get(lower.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = out.ids.len() as u32;
                        out.ids.insert(lower.as_str().into(), id);
                        id
                    }
                };
                scratch.push((id, bit));
            }
        }
        merge_words(&mut scratch);
        out.lists.push_list(scratch.iter().copied());
        out.firsts.push(firsts);
    }
    out
}

/// The words of `events`, read in `runs` runs (one per core).
pub(super) fn of(events: &[Event], runs: usize) -> Words {
    let size = events.len().div_ceil(runs.max(1)).max(1);
    let parts: Vec<Run> = each_on_a_thread(events.chunks(size).collect(), run);
    // The runs' words are borrowed, not copied, until the merged
    // vocabulary is written out once.
    let mut merged: Vec<&str> = parts
        .iter()
        .flat_map(|p| p.ids.keys())
        .map(|w| &**w)
        .collect();
    merged.sort_unstable();
    merged.dedup();
    let vocab = Vocab::of(merged.iter().copied());
    drop(merged);
    let renumbered = each_on_a_thread(parts, |p| renumber(p, &vocab));
    // Sized exactly: a list grown by doubling keeps its spare room (the
    // allocator does not shrink a block to half or more of its size).
    let bytes = renumbered.iter().map(|(l, _)| l.bytes().len()).sum();
    let mut out = Words {
        lists: IdLists::with_capacity(events.len(), bytes),
        firsts: FirstChars::with_capacity(events.len()),
        vocab,
    };
    for (lists, firsts) in renumbered {
        out.lists.append(lists);
        out.firsts.append(&firsts);
    }
    out
}

/// `work` done on each of `items`, all at once, results in order: the
/// first on this thread (which would only wait), each other on a thread
/// of its own.
fn each_on_a_thread<T: Send, R: Send>(items: Vec<T>, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return Vec::new();
    };
    std::thread::scope(|s| {
        let work = &work;
        let others: Vec<_> = items.map(|i| s.spawn(move || work(i))).collect();
        let mut out = Vec::with_capacity(others.len() + 1);
        out.push(work(first));
        for h in others {
            out.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        out
    })
}

/// The word lists of `part` under the ids of `vocab` (the merged
/// vocabulary), each sorted again, with the part's first letters. The
/// part's words are let go before its lists are rewritten, and its lists
/// as soon as they are (the build's peak is here, each run's old and new
/// lists held at once).
fn renumber(part: Run, vocab: &Vocab) -> (IdLists, FirstChars) {
    // Every word of a run is in the merged vocabulary, so the search
    // finds it (the insertion point is never used).
    let mut rank = vec![0u32; part.ids.len()];
    for (w, &id) in &part.ids {
        rank[id as usize] = vocab.partition_point(|v| v < &**w) as u32;
    }
    drop(part.ids);
    let old = part.lists;
    // Ids renumbered in alphabetical order take more room than in the
    // order first seen (frequent words early, small gaps): 1.12 times at
    // 10 000 and 100 000 events. Reserved with room to spare, as growing
    // would double the list (10 MB a run at 100 000 events).
    let mut lists = IdLists::with_capacity(old.len(), old.bytes().len() / 4 * 5);
    let mut list: Vec<(u32, u8)> = Vec::new();
    for i in 0..old.len() {
        list.clear();
        list.extend(old.list(i).map(|(w, bits)| (rank[w as usize], bits)));
        list.sort_unstable();
        lists.push_list(list.iter().copied());
    }
    (lists, part.firsts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_number_of_runs_gives_the_same_words() {
        let store = crate::synth::store(500, 11);
        let one = of(&store.events, 1);
        assert!(one.vocab.well_formed(), "sorted");
        for runs in [2, 3, 7, 1000] {
            let many = of(&store.events, runs);
            assert_eq!(many.vocab, one.vocab, "{runs} runs");
            assert_eq!(many.lists, one.lists, "{runs} runs");
            assert_eq!(many.firsts, one.firsts, "{runs} runs");
        }
        let none = of(&[], 2);
        assert!(none.vocab.len() == 0 && none.firsts.len() == 0);
    }
}
