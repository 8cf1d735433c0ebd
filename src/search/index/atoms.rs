//! Per event: the atoms it owns, each with whether the event's title names
//! it, at the narrowest width that holds them.
//!
//! Each item is `atom id << 1 | named`, written in 1, 2 or 4 little-endian
//! bytes, the fewest that hold the largest item: a store has a few hundred
//! or thousand atoms, so one or two bytes where a `u32` took four, and the
//! title flag replaces a second table of the named atoms (its own ids and
//! ends). At 10 000 events (107 atoms) the two tables took 852 KB, grown by
//! doubling; here 145 KB.

use serde::{Deserialize, Serialize};

/// Lists of `(atom id, named in the title)`, ids strictly ascending within
/// a list.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct AtomLists {
    /// Every list's items, `width` bytes each, one list after another.
    items: Vec<u8>,
    /// Bytes an item takes: 1, 2 or 4.
    width: u8,
    /// Per list: the number of items up to its end.
    ends: Vec<u32>,
}

/// The items of one list, read at the lists' width (a width not 1 or 2
/// reads as 4: a kept index of another is refused before use).
#[derive(Clone)]
pub(crate) struct Atoms<'a> {
    rest: &'a [u8],
    width: u8,
}

impl Iterator for Atoms<'_> {
    type Item = (u32, bool);

    #[inline]
    fn next(&mut self) -> Option<(u32, bool)> {
        let v = match self.width {
            1 => {
                let (&b, rest) = self.rest.split_first()?;
                self.rest = rest;
                u32::from(b)
            }
            2 => {
                let (b, rest) = self.rest.split_first_chunk::<2>()?;
                self.rest = rest;
                u32::from(u16::from_le_bytes(*b))
            }
            _ => {
                let (b, rest) = self.rest.split_first_chunk::<4>()?;
                self.rest = rest;
                u32::from_le_bytes(*b)
            }
        };
        Some((v >> 1, v & 1 != 0))
    }
}

/// An item as one number: the id above the flag.
fn item(id: u32, named: bool) -> u32 {
    (id << 1) | u32::from(named)
}

impl AtomLists {
    /// No lists yet, at the width that holds any id below `atoms`;
    /// room for `lists` lists.
    pub(super) fn new(atoms: u32, lists: usize) -> AtomLists {
        let width = match item(atoms.saturating_sub(1), true) {
            0..=0xff => 1,
            0x100..=0xffff => 2,
            _ => 4,
        };
        AtomLists {
            items: Vec::new(),
            width,
            ends: Vec::with_capacity(lists),
        }
    }

    /// Appends a list of `(atom id, named in the title)`, ids ascending
    /// and below the `atoms` given to [`AtomLists::new`].
    pub(super) fn push_list(&mut self, list: impl IntoIterator<Item = (u32, bool)>) {
        let width = usize::from(self.width);
        for (id, named) in list {
            let bytes = item(id, named).to_le_bytes();
            self.items.extend_from_slice(&bytes[..width]);
        }
        // Past 4 G items (beyond the store's size cap) a list would read
        // as empty, never out of bounds.
        let n = self.items.len() / width;
        self.ends.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// Gives back the room grown for items never written.
    pub(super) fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Number of lists.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The items of list `i`, as `(atom id, named in the title)` (none past
    /// the last list).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Atoms<'_> {
        let items = super::span(&self.ends, i);
        let width = usize::from(self.width);
        let rest = (self.items)
            .get(items.start * width..items.end * width)
            .unwrap_or(&[]);
        Atoms {
            rest,
            width: self.width,
        }
    }

    /// True when there are `lists` lists, ends rising to exactly the items
    /// held, each list strictly ascending with every id below `atoms`.
    pub(super) fn well_formed(&self, lists: usize, atoms: u32) -> bool {
        let width = usize::from(self.width);
        let shaped = matches!(width, 1 | 2 | 4)
            && self.ends.len() == lists
            && self.ends.windows(2).all(|w| w[0] <= w[1])
            && self.ends.last().map_or(0, |&e| e as usize * width) == self.items.len();
        shaped
            && (0..lists).all(|i| {
                let mut previous: Option<u32> = None;
                self.get(i).all(|(id, _)| {
                    let rising = previous.is_none_or(|p| p < id);
                    previous = Some(id);
                    rising && id < atoms
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(top: u32) -> Vec<Vec<(u32, bool)>> {
        vec![
            vec![(0, false), (3, true), (top, false)],
            vec![],
            vec![(1, true), (top, true)],
        ]
    }

    fn of(atoms: u32, lists: &[Vec<(u32, bool)>]) -> AtomLists {
        let mut out = AtomLists::new(atoms, lists.len());
        for list in lists {
            out.push_list(list.iter().copied());
        }
        out
    }

    #[test]
    fn lists_read_back_at_the_narrowest_width() {
        for (top, width) in [
            (5, 1),
            (127, 1),
            (128, 2),
            (32_767, 2),
            (32_768, 4),
            (1 << 30, 4),
        ] {
            let want = lists(top);
            let got = of(top + 1, &want);
            assert_eq!(got.width, width, "{top}");
            assert_eq!(got.items.len(), 5 * width as usize, "{top}");
            assert_eq!(got.len(), 3);
            for (i, list) in want.iter().enumerate() {
                assert_eq!(got.get(i).collect::<Vec<_>>(), *list, "{top}");
            }
            assert_eq!(got.get(3).count(), 0, "past the last list");
            assert!(got.well_formed(3, top + 1));
            assert!(!got.well_formed(3, top), "an id out of range");
            assert!(!got.well_formed(4, top + 1), "a list missing");
        }
        assert!(of(0, &[]).well_formed(0, 0));
    }

    #[test]
    fn misshapen_lists_are_refused_and_read_without_panic() {
        let good = of(301, &lists(300));
        let breakages: [fn(&mut AtomLists); 5] = [
            |a| a.width = 3,
            |a| a.ends.swap(1, 2),
            |a| a.ends[2] += 1,
            |a| a.items.truncate(3),
            // List 0 as (0, 0, 300): an id repeated.
            |a| a.items[2] = 0,
        ];
        for (n, breakage) in breakages.iter().enumerate() {
            let mut broken = good.clone();
            breakage(&mut broken);
            assert!(!broken.well_formed(3, 301), "breakage {n}");
            for i in 0..4 {
                let _ = broken.get(i).count();
            }
        }
    }
}
