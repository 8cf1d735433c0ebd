//! The two big tables of the kept index (per event: word ids; per word:
//! event ids) hold lists of ascending ids, written here as the gap from the
//! previous id in each list (LEB128, 7 bits a byte) plus the field bits:
//! most gaps fit one or two bytes where the ids take three, so the file is
//! about a third smaller, and reading it (read, checksum, decode) as much
//! faster. Used through `#[serde(with = "gaps")]`.
//!
//! Decoding refuses anything that does not spell out exactly the lists the
//! ends announce: ends that fall, a gap that overflows, bytes missing or
//! left over. Whether the ids are in range is checked later, with the rest
//! of the index (`Index::restore`).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Lists;

/// The encoded bytes, written as one byte string (not a list of numbers).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

struct BytesVisitor;

impl serde::de::Visitor<'_> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a byte string")
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }
}

struct OwnedBytes(Vec<u8>);

impl<'de> Deserialize<'de> for OwnedBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_bytes(BytesVisitor).map(OwnedBytes)
    }
}

pub(super) fn serialize<S: Serializer>(lists: &Lists<(u32, u8)>, s: S) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(lists.items.len() * 3);
    for i in 0..lists.ends.len() {
        let mut previous = 0u32;
        for &(id, bits) in lists.get(i) {
            let mut gap = id.wrapping_sub(previous);
            while gap >= 0x80 {
                bytes.push(gap as u8 | 0x80);
                gap >>= 7;
            }
            bytes.push(gap as u8);
            bytes.push(bits);
            previous = id;
        }
    }
    (&lists.ends, Bytes(&bytes)).serialize(s)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Lists<(u32, u8)>, D::Error> {
    let (ends, OwnedBytes(bytes)) = <(Vec<u32>, OwnedBytes)>::deserialize(d)?;
    decode(ends, &bytes).ok_or_else(|| D::Error::custom("malformed id lists"))
}

fn decode(ends: Vec<u32>, bytes: &[u8]) -> Option<Lists<(u32, u8)>> {
    let total = *ends.last().unwrap_or(&0) as usize;
    // Each item takes at least two bytes: a count beyond that is a lie.
    if ends.windows(2).any(|w| w[0] > w[1]) || total > bytes.len() / 2 {
        return None;
    }
    let mut items = Vec::with_capacity(total);
    let mut at = 0;
    let mut start = 0;
    for &end in &ends {
        let mut previous = 0u32;
        for _ in start..end {
            // Most gaps take one byte: read it without the loop.
            let (gap, used) = match bytes.get(at) {
                Some(&b) if b < 0x80 => (u32::from(b), 1),
                _ => long_gap(bytes.get(at..)?)?,
            };
            at += used;
            previous = previous.checked_add(gap)?;
            items.push((previous, *bytes.get(at)?));
            at += 1;
        }
        start = end;
    }
    (at == bytes.len()).then_some(Lists { items, ends })
}

/// One LEB128 number of at most 32 bits at the start of `bytes`, with the
/// bytes it takes.
fn long_gap(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut gap = 0u32;
    for (i, shift) in [0, 7, 14, 21, 28].into_iter().enumerate() {
        let b = *bytes.get(i)?;
        let part = u32::from(b & 0x7f);
        if shift == 28 && part > 0x0f {
            return None;
        }
        gap |= part << shift;
        if b & 0x80 == 0 {
            return Some((gap, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(v: &[&[(u32, u8)]]) -> Lists<(u32, u8)> {
        let mut l = Lists::default();
        for items in v {
            l.push_list(items.iter().copied());
        }
        l
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Holder(#[serde(with = "super")] Lists<(u32, u8)>);

    #[test]
    fn lists_read_back_as_written() {
        let l = lists(&[
            &[(0, 1), (5, 2), (300, 4), (u32::MAX, 16)],
            &[],
            &[(127, 8), (128, 1)],
        ]);
        let bytes = postcard::to_stdvec(&Holder(l.clone())).expect("encodes");
        assert_eq!(
            postcard::from_bytes::<Holder>(&bytes).expect("decodes"),
            Holder(l)
        );
    }

    #[test]
    fn malformed_bytes_are_refused() {
        let l = lists(&[&[(3, 1), (900, 2)], &[(70_000, 4)]]);
        let bytes = postcard::to_stdvec(&Holder(l)).expect("encodes");
        for cut in 1..bytes.len() {
            assert!(
                postcard::from_bytes::<Holder>(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let (ends, raw) = (vec![2, 1], [1u8, 1, 1, 1]);
        assert!(decode(ends, &raw).is_none(), "falling ends");
        assert!(decode(vec![1], &[1, 1, 9]).is_none(), "bytes left over");
        let overflow = [0xff, 0xff, 0xff, 0xff, 0x7f, 1];
        assert!(decode(vec![1], &overflow).is_none(), "gap over 32 bits");
        let sum_over = [0xff, 0xff, 0xff, 0xff, 0x0f, 1, 1, 1];
        assert!(decode(vec![2], &sum_over).is_none(), "ids over 32 bits");
    }
}
