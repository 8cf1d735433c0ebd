//! Per event and word field: the first letters of its words, as
//! [`char_bit`](crate::search::text::char_bit)s, in five bytes a field.
//!
//! A one-letter term asks only for an ASCII letter or digit (the low 36
//! bits), and a CJK term only whether any first letter is not ASCII; the
//! bits above 36 (other characters, sharing bits) fold into one, [`OTHER`].
//! So 40 bits a field where a `u64` took 64: 25 bytes an event instead of
//! 40 (150 KB less at 10 000 events).

use serde::{Deserialize, Serialize};

/// The bits of ASCII letters and digits.
const ALNUM: u64 = (1 << 36) - 1;
/// Set when some first letter is another character (not ASCII, where CJK
/// words start).
pub(crate) const OTHER: u64 = 1 << 39;
/// Bytes a field takes.
const FIELD_BYTES: usize = 5;
/// Bytes an event takes: its five word fields.
const EVENT_BYTES: usize = 5 * FIELD_BYTES;

/// The first letters of every event's word fields, one event after another.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct FirstChars {
    bytes: Vec<u8>,
}

impl FirstChars {
    /// Room for `events` events.
    pub(super) fn with_capacity(events: usize) -> FirstChars {
        FirstChars {
            bytes: Vec::with_capacity(events * EVENT_BYTES),
        }
    }

    /// Appends an event's first-letter bits per word field (by `slot`).
    pub(super) fn push(&mut self, fields: [u64; 5]) {
        for bits in fields {
            let kept = (bits & ALNUM) | if bits & !ALNUM != 0 { OTHER } else { 0 };
            self.bytes
                .extend_from_slice(&kept.to_le_bytes()[..FIELD_BYTES]);
        }
    }

    /// Appends every event of `other`.
    pub(super) fn append(&mut self, other: &FirstChars) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// Number of events.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len() / EVENT_BYTES
    }

    /// True when whole events are held (what a kept index must have).
    pub(super) fn whole(&self) -> bool {
        self.bytes.len().is_multiple_of(EVENT_BYTES)
    }

    /// True when some word of event `e` starts with a character other
    /// than an ASCII letter or digit ([`OTHER`] in any field): read from
    /// the five bytes holding that bit, without the rest.
    #[inline]
    pub(crate) fn any_other(&self, e: usize) -> bool {
        let at = e.saturating_mul(EVENT_BYTES);
        let top = (OTHER >> (8 * (FIELD_BYTES - 1))) as u8;
        (self.bytes.get(at..at.saturating_add(EVENT_BYTES))).is_some_and(|event| {
            (0..5).any(|slot| event[slot * FIELD_BYTES + FIELD_BYTES - 1] & top != 0)
        })
    }

    /// Event `e`'s first-letter bits per word field (none past the last).
    #[inline]
    pub(crate) fn get(&self, e: usize) -> [u64; 5] {
        let at = e.saturating_mul(EVENT_BYTES);
        let Some(event) = self.bytes.get(at..at.saturating_add(EVENT_BYTES)) else {
            return [0; 5];
        };
        std::array::from_fn(|slot| {
            let field = &event[slot * FIELD_BYTES..(slot + 1) * FIELD_BYTES];
            (field.iter().rev()).fold(0u64, |v, &b| (v << 8) | u64::from(b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::char_bit;

    #[test]
    fn letters_and_digits_read_back_and_other_characters_fold_into_one_bit() {
        let ascii = char_bit('a') | char_bit('z') | char_bit('0') | char_bit('9');
        let events = [
            [ascii, 0, char_bit('k'), 0, char_bit('q')],
            [char_bit('小') | char_bit('b'), char_bit('é'), 0, 0, 0],
            [0; 5],
        ];
        let mut f = FirstChars::with_capacity(3);
        for e in events {
            f.push(e);
        }
        assert_eq!(f.len(), 3);
        assert!(f.whole());
        assert_eq!(f.get(0), events[0], "letters and digits as they are");
        assert_eq!(f.get(1), [char_bit('b') | OTHER, OTHER, 0, 0, 0]);
        assert_eq!(f.get(2), [0; 5]);
        assert_eq!(f.get(3), [0; 5], "past the last event");
        let others: Vec<bool> = (0..4).map(|e| f.any_other(e)).collect();
        assert_eq!(others, [false, true, false, false]);
        assert_eq!(f.get(usize::MAX), [0; 5]);
        let mut two = FirstChars::default();
        two.append(&f);
        two.append(&f);
        assert_eq!((two.len(), two.get(4)), (6, f.get(1)));
        two.bytes.pop();
        assert!(!two.whole());
    }
}
