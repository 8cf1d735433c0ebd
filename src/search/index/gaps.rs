//! The two big tables of the index (per event: word ids; per word: event
//! ids) as they sit in memory and in the kept index file: lists of strictly
//! ascending ids, each written as one LEB128 number (7 bits a byte): the
//! gap from the previous id in its list above a 3-bit code of the item's
//! field bits (a byte of bits follows the rare combinations, [`ESCAPE`]).
//! Most items take one or two bytes where a `(u32, u8)` took eight (the two
//! tables of a 100 000-event store, 110 MB, became 23 MB), and the file
//! holds the very bytes the engine walks: reading it is one check, no copy.
//!
//! Lists are walked front to back ([`IdLists::list`]); none is searched by
//! position (an event's word list is a few dozen items: a walk that stops
//! past the wanted ids costs what a binary search did).
//!
//! [`IdLists::from_parts`] refuses anything that does not spell out exactly
//! the lists the ends announce: ends that fall, a gap that overflows, an id
//! repeated or falling, bytes missing or left over. Whether the ids are in
//! range is checked later, with the rest of the index (`Index::restore`),
//! against the largest id found here.

/// Lists of `(id, field bits)`, ids strictly ascending within a list.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct IdLists {
    /// Every list's items, gap-coded, one list after another.
    bytes: Vec<u8>,
    /// Per list: the offset in `bytes` where it ends.
    ends: Vec<u32>,
    /// Per list: its number of items; none once let go
    /// ([`IdLists::uncounted`]), when [`IdLists::count`] walks the list.
    lens: Vec<u32>,
    /// One past the largest id of any list (0 when there is none).
    top: u32,
}

/// Field bits an item can carry: the five word fields' (`IN_TITLE` is 16).
pub(crate) const BITS: u8 = 31;

/// The field bits of each 3-bit code written below an item's gap: one
/// field (nine items in ten), or summary and excerpt, or summary and title;
/// the last, [`ESCAPE`], says the bits follow in a byte of their own. With
/// five bits below it, a gap took one byte under 4 and two under 512; with
/// three, under 16 and 2048: the two tables of 10 000 events 2.29 -> 1.98 MB
/// (the escaped items, one in twenty, a byte more each).
const CODE_BITS: [u8; 8] = [1, 2, 4, 8, 16, 1 | 2, 1 | 16, 0];
/// The code whose field bits follow the number.
const ESCAPE: u8 = 7;
/// Per field bits (0..=31): their code ([`ESCAPE`] when none).
const CODE_OF: [u8; 32] = {
    let mut table = [ESCAPE; 32];
    let mut code = 0;
    while code < ESCAPE as usize {
        table[CODE_BITS[code] as usize] = code as u8;
        code += 1;
    }
    table
};

/// An item as written: one number, the gap above the code of its field
/// bits, then the bits themselves when the code is [`ESCAPE`].
type Item = (u64, Option<u8>);

fn packed(gap: u32, bits: u8) -> Item {
    let bits = bits & BITS;
    let code = CODE_OF[usize::from(bits)];
    (
        (u64::from(gap) << 3) | u64::from(code),
        (code == ESCAPE).then_some(bits),
    )
}

/// Bytes an item takes: its number's LEB128 form, and its escaped bits.
fn item_len((value, escaped): Item) -> usize {
    (64 - (value | 1).leading_zeros() as usize).div_ceil(7) + usize::from(escaped.is_some())
}

/// Writes an item into `out`, which is exactly as long as it takes.
fn put(out: &mut [u8], (mut value, escaped): Item) {
    let mut at = 0;
    while value >= 0x80 {
        out[at] = value as u8 | 0x80;
        value >>= 7;
        at += 1;
    }
    out[at] = value as u8;
    if let Some(bits) = escaped {
        out[at + 1] = bits;
    }
}

fn push(bytes: &mut Vec<u8>, (mut value, escaped): Item) {
    while value >= 0x80 {
        bytes.push(value as u8 | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
    bytes.extend(escaped);
}

/// The item at the start of `bytes`: its gap, its field bits and the bytes
/// it takes; `None` when it is cut short, its gap exceeds 32 bits or its
/// escaped bits are not field bits.
#[inline]
fn step(bytes: &[u8]) -> Option<(u32, u8, usize)> {
    let (&b0, rest) = bytes.split_first()?;
    let b1 = rest.first().copied().unwrap_or(0x80);
    // 1 when a second byte follows. Items of one and two bytes are read
    // without a branch on which (they mix at random: a mispredicted branch
    // per item cost more than the decoding).
    let two = b0 >> 7;
    let (value, used) = if two & (b1 >> 7) != 0 {
        long_item(bytes)?
    } else {
        let value = u64::from(b0 & 0x7f) | (u64::from(b1 & 0u8.wrapping_sub(two)) << 7);
        (value, 1 + usize::from(two))
    };
    // At most 35 bits (`long_item`): the gap fits in 32.
    let (gap, code) = ((value >> 3) as u32, value as u8 & 7);
    if code == ESCAPE {
        let bits = *bytes.get(used)?;
        return (bits <= BITS).then_some((gap, bits, used + 1));
    }
    Some((gap, CODE_BITS[usize::from(code)], used))
}

/// One LEB128 number of at most 35 bits (a 32-bit gap and a 3-bit code)
/// at the start of `bytes`, with the bytes it takes.
fn long_item(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, shift) in [0, 7, 14, 21, 28].into_iter().enumerate() {
        let b = *bytes.get(i)?;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The items of one list, decoded as they are walked.
#[derive(Clone)]
pub(crate) struct Ids<'a> {
    rest: &'a [u8],
    previous: u32,
}

impl Iterator for Ids<'_> {
    type Item = (u32, u8);

    #[inline]
    fn next(&mut self) -> Option<(u32, u8)> {
        let (gap, bits, used) = step(self.rest)?;
        self.rest = self.rest.get(used..)?;
        // Checked ascending when built or read: wrapping never happens, and
        // costs no overflow test on the way.
        self.previous = self.previous.wrapping_add(gap);
        Some((self.previous, bits))
    }
}

impl IdLists {
    /// No lists yet, with room for `lists` lists of `bytes` bytes in all.
    pub(super) fn with_capacity(lists: usize, bytes: usize) -> IdLists {
        IdLists {
            bytes: Vec::with_capacity(bytes),
            ends: Vec::with_capacity(lists),
            lens: Vec::with_capacity(lists),
            top: 0,
        }
    }

    /// Appends a list; its ids must be strictly ascending, its field bits
    /// within [`BITS`].
    pub(super) fn push_list(&mut self, items: impl IntoIterator<Item = (u32, u8)>) {
        let mut previous = 0u32;
        let mut n = 0u32;
        for (id, bits) in items {
            push(&mut self.bytes, packed(id.wrapping_sub(previous), bits));
            previous = id;
            n += 1;
        }
        if n > 0 {
            self.top = self.top.max(previous.saturating_add(1));
        }
        self.close(n);
    }

    /// Ends the list whose `n` items were just written into `bytes`.
    fn close(&mut self, n: u32) {
        // Offsets past 4 GiB cannot occur under the store's size cap; if
        // they did, the list would read as empty, never out of bounds.
        self.ends
            .push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
        self.lens.push(n);
    }

    /// The lists inverted: list `id` holds, ascending, the lists of `self`
    /// holding `id`, with its field bits there; `ids` is one past the
    /// largest id of `self` (for posting lists, the vocabulary's size).
    ///
    /// Two walks over `self`: the first counts each new list's items and
    /// bytes (the gap from the list before holding the same id), so the
    /// second writes every item straight to its place; no uncompressed
    /// table is ever held.
    pub(super) fn inverted(&self, ids: usize) -> IdLists {
        let mut lens = vec![0u32; ids];
        let mut ends = vec![0u32; ids];
        let mut last = vec![0u32; ids];
        let mut top = 0;
        for list in 0..self.len() {
            if self.list(list).next().is_some() {
                top = list as u32 + 1;
            }
            for (id, bits) in self.list(list) {
                let id = id as usize;
                ends[id] += item_len(packed(list as u32 - last[id], bits)) as u32;
                (last[id], lens[id]) = (list as u32, lens[id] + 1);
            }
        }
        let mut at = Vec::with_capacity(ids);
        let mut total = 0usize;
        for end in ends.iter_mut() {
            at.push(total);
            total += *end as usize;
            *end = u32::try_from(total).unwrap_or(u32::MAX);
        }
        let mut bytes = vec![0u8; total];
        last.fill(0);
        for list in 0..self.len() {
            for (id, bits) in self.list(list) {
                let id = id as usize;
                let item = packed(list as u32 - last[id], bits);
                let used = item_len(item);
                put(&mut bytes[at[id]..at[id] + used], item);
                (last[id], at[id]) = (list as u32, at[id] + used);
            }
        }
        IdLists {
            bytes,
            ends,
            lens,
            top,
        }
    }

    /// Appends every list of `other`, in order.
    pub(super) fn append(&mut self, other: IdLists) {
        let base = u32::try_from(self.bytes.len()).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&other.bytes);
        self.ends
            .extend(other.ends.iter().map(|e| e.saturating_add(base)));
        self.lens.extend_from_slice(&other.lens);
        self.top = self.top.max(other.top);
    }

    /// Number of lists.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The items of list `i` (none past the last list).
    pub(crate) fn list(&self, i: usize) -> Ids<'_> {
        let rest = self.bytes.get(super::span(&self.ends, i)).unwrap_or(&[]);
        Ids { rest, previous: 0 }
    }

    /// Number of items of list `i` (0 past the last list).
    pub(crate) fn count(&self, i: usize) -> usize {
        match self.lens.get(i) {
            Some(&n) => n as usize,
            None => self.list(i).count(),
        }
    }

    /// These lists without their counts, for lists never counted on a
    /// search's way (an event's words: 4 bytes an event, 40 KB at 10 000
    /// events); [`IdLists::count`] then walks the list.
    pub(super) fn uncounted(mut self) -> IdLists {
        self.lens = Vec::new();
        self
    }

    /// One past the largest id of any list (0 when there is none).
    pub(crate) fn top(&self) -> u32 {
        self.top
    }

    /// Per list: the offset in [`IdLists::bytes`] where it ends.
    pub(crate) fn ends(&self) -> &[u32] {
        &self.ends
    }

    /// Every list's items, gap-coded, as written to the kept index.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The lists that `ends` and `bytes` (as [`IdLists::ends`] and
    /// [`IdLists::bytes`] gave them) spell out; `None` unless they spell
    /// well-formed, strictly ascending lists, exactly to the last byte.
    pub(crate) fn from_parts(ends: Vec<u32>, bytes: Vec<u8>) -> Option<IdLists> {
        if ends.last().map_or(0, |&e| e as usize) != bytes.len() {
            return None;
        }
        let mut lens = Vec::with_capacity(ends.len());
        let (mut start, mut top) = (0usize, 0u32);
        for &end in &ends {
            let list = bytes.get(start..end as usize)?;
            let (mut at, mut previous, mut n) = (0, 0u32, 0u32);
            while let Some(rest) = list.get(at..).filter(|r| !r.is_empty()) {
                let (gap, _, used) = step(rest)?;
                if n > 0 && gap == 0 {
                    return None;
                }
                previous = previous.checked_add(gap)?;
                (at, n) = (at + used, n + 1);
            }
            if n > 0 {
                top = top.max(previous.saturating_add(1));
            }
            lens.push(n);
            start = end as usize;
        }
        Some(IdLists {
            bytes,
            ends,
            lens,
            top,
        })
    }
}

#[cfg(test)]
mod tests;
