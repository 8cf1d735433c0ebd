//! Lookups of ids: positions in the list that owns them, hashed by that
//! list's own ids, so no id is copied. A map keyed by `String` held a
//! second copy of every event id (about 6 MB at 100,000 events, 55 MB at a
//! million) and made as many allocations on every open, snapshot or not.

use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashTable};

/// Positions by id, for one list: the first position of each id (later
/// duplicates are reported by `check`). The hasher is seeded per process
/// (foldhash), so a store cannot choose ids that collide on purpose.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ids {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl Ids {
    /// The lookup of a list of `n` items whose ids `id` gives. Positions
    /// are `u32`: a list longer than that cannot come from a store under
    /// the size cap (every item takes more than one byte), and the items
    /// past it would simply not be found.
    pub(crate) fn build<'a>(n: usize, id: impl Fn(usize) -> &'a str) -> Ids {
        let n = n.min(u32::MAX as usize);
        let hasher = DefaultHashBuilder::default();
        let mut table = HashTable::with_capacity(n);
        for i in 0..n {
            let key = id(i);
            let entry = table.entry(
                hasher.hash_one(key),
                |&j: &u32| id(j as usize) == key,
                |&j: &u32| hasher.hash_one(id(j as usize)),
            );
            if let Entry::Vacant(slot) = entry {
                slot.insert(i as u32);
            }
        }
        Ids { table, hasher }
    }

    /// The first position whose id is `key`; `id` must be the list the
    /// lookup was built from.
    pub(crate) fn get<'a>(&self, key: &str, id: impl Fn(usize) -> &'a str) -> Option<usize> {
        let found = self
            .table
            .find(self.hasher.hash_one(key), |&j| id(j as usize) == key);
        found.map(|&j| j as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::Ids;

    #[test]
    fn the_first_position_of_each_id_is_found_and_no_other() {
        let ids = ["b", "a", "b", "c", "a"];
        let lookup = Ids::build(ids.len(), |i| ids[i]);
        assert_eq!(lookup.get("a", |i| ids[i]), Some(1));
        assert_eq!(lookup.get("b", |i| ids[i]), Some(0));
        assert_eq!(lookup.get("c", |i| ids[i]), Some(3));
        assert_eq!(lookup.get("d", |i| ids[i]), None);
        assert_eq!(lookup.get("", |i| ids[i]), None);
    }

    #[test]
    fn many_ids_each_find_their_first_position() {
        let ids: Vec<String> = (0..10_000)
            .map(|i| format!("event-{}", i % 7_000))
            .collect();
        let lookup = Ids::build(ids.len(), |i| &ids[i]);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(lookup.get(id, |j| &ids[j]), Some(i % 7_000), "{id}");
        }
        assert_eq!(Ids::default().get("event-1", |j| &ids[j]), None);
    }
}
