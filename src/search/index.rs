//! The search index, built once per store.
//!
//! - Short shared fields ("atoms": actor and place names with every alias,
//!   tags, lanes, era names, source titles and publishers): each distinct
//!   string is fuzzy-scored once per term, and events point at their atoms.
//! - Words of titles and long text (summary, excerpts, notes, discrepancies):
//!   a word index, each word with the fields it occurs in. The
//!   vocabulary is sorted, so a prefix is a contiguous range of word ids; each
//!   event keeps its distinct word ids sorted, so "does this event have a word
//!   starting with `abd`" is a short walk of its ids, never a scan of its
//!   text. Both word tables are gap-coded ([`IdLists`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Field;
use super::text::is_cjk;
use super::time::Reach;
use crate::store::{Event, Store};

mod atoms;
mod eras;
mod firsts;
mod gaps;
mod valid;
mod vocab;
mod words;

pub(crate) use atoms::AtomLists;
pub(crate) use gaps::IdLists;

/// One distinct short-field string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Atom {
    pub field: Field,
    pub text: String,
    /// Index of the actor, place or source it names (0 otherwise).
    pub owner: u32,
}

/// Long-text field bits stored with each word of an event.
pub(crate) const IN_SUMMARY: u8 = 1;
pub(crate) const IN_EXCERPT: u8 = 2;
pub(crate) const IN_NOTE: u8 = 4;
pub(crate) const IN_DISCREPANCY: u8 = 8;
pub(crate) const IN_TITLE: u8 = 16;
/// The word-indexed fields, in bit order (position = [`slot`] of the bit).
pub(crate) const WORD_FIELDS: [(u8, Field); 5] = [
    (IN_SUMMARY, Field::Summary),
    (IN_EXCERPT, Field::Excerpt),
    (IN_NOTE, Field::Note),
    (IN_DISCREPANCY, Field::Discrepancy),
    (IN_TITLE, Field::Title),
];

/// Everything the engine looks up; see the module documentation.
///
/// Kept in the cache beside the store's snapshot (`crate::cache::index`),
/// without the date reaches, cheaper to derive again than to read. The posting lists are kept although they could be
/// inverted from the event words: reading them is about three times faster.
/// Its serial form leaves out the two gap-coded tables, which the cache
/// writes apart as their bytes ([`Index::tables`], [`Index::with_tables`]).
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Index {
    pub atoms: Vec<Atom>,
    /// Per event: its atoms, sorted, each flagged when it is an actor or
    /// place atom (every alias) whose person or place the title names, so
    /// that `平壌` or `junichiro` counts as a title match of "Koizumi–Kim
    /// Jong Il summit in Pyongyang".
    pub event_atoms: AtomLists,
    /// Lower-cased words, sorted.
    pub vocab: vocab::Vocab,
    /// Ids of vocabulary words written in CJK scripts (matched by substring).
    pub cjk_words: Vec<u32>,
    /// Per event: distinct word ids, sorted, with the fields they occur in.
    #[serde(skip)]
    pub event_words: IdLists,
    /// Per event and word field (summary, excerpt, note, discrepancy, title):
    /// the [`char_bit`]s of its words' first characters (ASCII letters and
    /// digits; one bit for any other, `firsts::OTHER`). Answers a one-letter term
    /// without touching the word list, and rules out CJK terms cheaply.
    pub first_chars: firsts::FirstChars,
    /// Per event: the days its start and end may fall on, for time
    /// operators; derived from the dates when a query first needs them
    /// ([`Index::reaches`]), so a search without one never pays for it.
    #[serde(skip)]
    reaches: std::sync::OnceLock<Vec<Reach>>,
    /// Per word id: the events using it, ascending, with the fields.
    #[serde(skip)]
    pub postings: IdLists,
}

/// Where item `i` of a table of end offsets lies: from the end before it
/// to its own (an empty span past the last).
#[inline]
pub(crate) fn span(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or(0),
        None => 0,
    };
    start as usize..ends.get(i).copied().unwrap_or(0) as usize
}

/// Position of a long-field bit in [`Index::first_chars`].
pub(crate) fn slot(bit: u8) -> usize {
    bit.trailing_zeros() as usize
}

/// The word-indexed fields of an event with their field bit: the title,
/// then the long texts.
pub(crate) fn word_texts(e: &Event) -> impl Iterator<Item = (u8, &str)> {
    std::iter::once((IN_TITLE, &*e.title)).chain(long_texts(e))
}

/// The long-text fields of an event with their field bit.
pub(crate) fn long_texts(e: &Event) -> impl Iterator<Item = (u8, &str)> {
    let summary = std::iter::once((IN_SUMMARY, &*e.summary));
    let excerpts = e.excerpts.iter().map(|x| (IN_EXCERPT, &*x.quote));
    let note = e.note.iter().map(|n| (IN_NOTE, &**n));
    let disc = e.discrepancies.iter().flat_map(|d| {
        [
            Some(d.says.as_str()),
            Some(d.record.as_str()),
            Some(d.basis.as_str()),
            d.quote.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(|t| (IN_DISCREPANCY, t))
    });
    summary.chain(excerpts).chain(note).chain(disc)
}

/// The atoms, each looked up by the store's text it copies (a lookup
/// copied its key: 2.5 MB allocated and freed again at 10 000 events).
struct AtomTable<'a> {
    atoms: Vec<Atom>,
    ids: HashMap<(Field, &'a str, u32), u32>,
}

impl<'a> AtomTable<'a> {
    fn id(&mut self, field: Field, text: &'a str, owner: u32) -> u32 {
        let key = (field, text, owner);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.atoms.len() as u32;
        self.atoms.push(Atom {
            field,
            text: text.to_string(),
            owner,
        });
        self.ids.insert(key, id);
        id
    }
}

/// Per actor or place id: its atoms (name, then aliases).
fn named_atoms<'a>(
    table: &mut AtomTable<'a>,
    field: Field,
    list: &'a [crate::store::Named],
) -> HashMap<&'a str, Vec<u32>> {
    let mut by_id: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, n) in list.iter().enumerate() {
        let ids = std::iter::once(&n.name)
            .chain(&n.aliases)
            .map(|s| table.id(field, s, i as u32))
            .collect();
        by_id.entry(n.id.as_str()).or_insert(ids);
    }
    by_id
}

/// The atoms that names, tags, lanes, eras and sources contribute, looked up
/// by the ids an event refers to.
struct Owned<'a> {
    actors: &'a HashMap<&'a str, Vec<u32>>,
    places: &'a HashMap<&'a str, Vec<u32>>,
    sources: &'a HashMap<&'a str, Vec<u32>>,
    eras: &'a [u32],
    era_lookup: &'a eras::EraLookup,
}

impl<'a> Owned<'a> {
    /// Every atom event `e` owns: its place and actors (with their aliases),
    /// tags, lane, the eras its date overlaps, the sources it cites; sorted,
    /// without repeats; in `mine`.
    fn atoms_of(&self, e: &'a Event, table: &mut AtomTable<'a>, mine: &mut Vec<u32>) {
        mine.clear();
        if let Some(p) = e.place.as_deref().and_then(|p| self.places.get(p)) {
            mine.extend(p);
        }
        for a in &e.actors {
            if let Some(ids) = self.actors.get(a.as_str()) {
                mine.extend(ids);
            }
        }
        for t in &e.tags {
            mine.push(table.id(Field::Tag, t, 0));
        }
        if let Some(l) = &e.lane {
            mine.push(table.id(Field::Lane, l, 0));
        }
        let first_era = mine.len();
        let _work = self.era_lookup.overlapping(&e.date, mine);
        for era in &mut mine[first_era..] {
            *era = self.eras[*era as usize];
        }
        let cited = e.excerpts.iter().map(|x| x.source.as_str());
        let cited = cited.chain(e.discrepancies.iter().map(|d| d.source.as_str()));
        for s in cited {
            if let Some(ids) = self.sources.get(s) {
                mine.extend(ids);
            }
        }
        mine.sort_unstable();
        mine.dedup();
    }

    /// The actor and place atoms of `e` (every alias) whose person or place
    /// its title names, sorted; `name_lower` holds each such atom's text
    /// lower-cased.
    fn named_in_title(&self, e: &Event, name_lower: &[String]) -> Vec<u32> {
        let title_lower = e.title.to_lowercase();
        let owners = e.place.iter().filter_map(|p| self.places.get(p.as_str()));
        let owners = owners.chain(e.actors.iter().filter_map(|a| self.actors.get(a.as_str())));
        let mut named: Vec<u32> = owners
            .filter(|ids| {
                ids.iter()
                    .any(|&a| title_lower.contains(name_lower[a as usize].as_str()))
            })
            .flatten()
            .copied()
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    }

    /// Per event: its atoms, flagged when its title names them.
    fn lists(
        &self,
        events: &'a [Event],
        table: &mut AtomTable<'a>,
        name_lower: &[String],
    ) -> AtomLists {
        let mut lists = AtomLists::new(table.atoms.len() as u32, events.len());
        let mut mine = Vec::new();
        for e in events {
            let named = self.named_in_title(e, name_lower);
            self.atoms_of(e, table, &mut mine);
            lists.push_list(mine.iter().map(|&a| (a, named.binary_search(&a).is_ok())));
        }
        lists.shrink_to_fit();
        lists
    }
}

impl Index {
    /// One pass over the events fills the per-event tables of dates and
    /// names (date reach, names in the title, atoms); the words and first
    /// letters are read on every core ([`words::of`]).
    pub(crate) fn build(store: &Store) -> Index {
        let mut table = AtomTable {
            atoms: Vec::new(),
            ids: HashMap::new(),
        };
        let actors = named_atoms(&mut table, Field::Actor, &store.actors);
        let places = named_atoms(&mut table, Field::Place, &store.places);
        let mut sources: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, s) in store.sources.iter().enumerate() {
            let ids = vec![
                table.id(Field::Source, &s.title, i as u32),
                table.id(Field::Source, &s.publisher, i as u32),
            ];
            sources.entry(s.id.as_str()).or_insert(ids);
        }
        let eras: Vec<u32> = (0..store.eras.len())
            .map(|i| table.id(Field::Era, &store.eras[i].name, i as u32))
            .collect();
        let era_lookup = eras::EraLookup::new(store.eras.iter().map(|e| &e.date));

        let name_lower: Vec<String> = table.atoms.iter().map(|a| a.text.to_lowercase()).collect();
        // Tags and lanes take their ids first, in the order the events
        // name them (as `Owned::atoms_of` would), so that the number of
        // atoms, and the width of the per-event lists, is known before
        // they are written.
        for e in &store.events {
            for t in &e.tags {
                table.id(Field::Tag, t, 0);
            }
            if let Some(l) = &e.lane {
                table.id(Field::Lane, l, 0);
            }
        }
        let owned = Owned {
            actors: &actors,
            places: &places,
            sources: &sources,
            eras: &eras,
            era_lookup: &era_lookup,
        };
        let mut index = Index {
            event_atoms: owned.lists(&store.events, &mut table, &name_lower),
            ..Index::default()
        };
        let words = words::of(&store.events, super::cores());
        index.event_words = words.lists;
        index.first_chars = words.firsts;
        index.cjk_words = (words.vocab.iter().enumerate())
            .filter(|(_, w)| w.chars().any(is_cjk))
            .map(|(i, _)| i as u32)
            .collect();
        index.vocab = words.vocab;
        index.atoms = table.atoms;
        index.postings = index.event_words.inverted(index.vocab.len());
        index.event_words = std::mem::take(&mut index.event_words).uncounted();
        index
    }

    /// The two gap-coded tables (event words, postings), which the serial
    /// form leaves out.
    pub(crate) fn tables(&self) -> [&IdLists; 2] {
        [&self.event_words, &self.postings]
    }

    /// This index with the tables [`Index::tables`] gave, read back.
    pub(crate) fn with_tables(self, event_words: IdLists, postings: IdLists) -> Index {
        Index {
            event_words: event_words.uncounted(),
            postings,
            ..self
        }
    }

    /// Per event of `store` (the indexed one): the days its start and end
    /// may fall on.
    pub(crate) fn reaches(&self, store: &Store) -> &[Reach] {
        self.reaches.get_or_init(|| {
            store
                .events
                .iter()
                .map(|e| Reach::of_event(&e.date))
                .collect()
        })
    }

    /// Ids of the vocabulary words starting with `prefix` (already lower-cased).
    pub(crate) fn prefix_range(&self, prefix: &str) -> std::ops::Range<u32> {
        let lo = self.vocab.partition_point(|w| w < prefix);
        let hi = self
            .vocab
            .partition_point(|w| w < prefix || w.starts_with(prefix));
        lo as u32..hi as u32
    }

    /// Id of the word equal to `word`, if in the vocabulary.
    pub(crate) fn word_id(&self, word: &str) -> Option<u32> {
        self.vocab.find(word).map(|i| i as u32)
    }
}

/// Sorts (word id, field bit) pairs and merges duplicates in place, OR-ing
/// their bits (a list of its own per event was 5.4 MB allocated and freed
/// again at 10 000 events).
fn merge_words(v: &mut Vec<(u32, u8)>) {
    v.sort_unstable_by_key(|p| p.0);
    v.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
}
