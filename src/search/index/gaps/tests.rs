use super::*;

fn lists(v: &[&[(u32, u8)]]) -> IdLists {
    let mut l = IdLists::default();
    for items in v {
        l.push_list(items.iter().copied());
    }
    l
}

fn items(l: &IdLists) -> Vec<Vec<(u32, u8)>> {
    (0..l.len()).map(|i| l.list(i).collect()).collect()
}

const SAMPLE: &[&[(u32, u8)]] = &[
    &[(0, 1), (5, 2), (300, 4), (70_000, 8), (u32::MAX, 16)],
    &[],
    &[(127, 8), (128, 1)],
];

#[test]
fn lists_walk_back_as_pushed_and_count() {
    let l = lists(SAMPLE);
    let want: Vec<Vec<(u32, u8)>> = SAMPLE.iter().map(|s| s.to_vec()).collect();
    assert_eq!(items(&l), want);
    assert_eq!(
        (l.count(0), l.count(1), l.count(2), l.count(3)),
        (5, 0, 2, 0)
    );
    assert_eq!(l.list(3).count(), 0, "past the last list");
    assert_eq!(l.top(), u32::MAX, "saturates at the largest id");
    assert_eq!(lists(&[&[(3, 1)], &[]]).top(), 4);
    assert_eq!(lists(&[&[], &[]]).top(), 0);
}

#[test]
fn uncounted_lists_count_by_walking() {
    let l = lists(SAMPLE).uncounted();
    assert!(l.lens.is_empty());
    assert_eq!(
        (l.count(0), l.count(1), l.count(2), l.count(3)),
        (5, 0, 2, 0)
    );
    assert_eq!(items(&l), items(&lists(SAMPLE)));
}

#[test]
fn lists_read_back_from_their_parts() {
    let l = lists(SAMPLE);
    let back = IdLists::from_parts(l.ends().to_vec(), l.bytes().to_vec());
    assert_eq!(back, Some(l));
    let empty = IdLists::from_parts(Vec::new(), Vec::new());
    assert_eq!(empty, Some(IdLists::default()));
}

fn encoded(items: &[(u32, u8)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    items
        .iter()
        .for_each(|&(gap, bits)| push(&mut bytes, packed(gap, bits)));
    bytes
}

#[test]
fn items_take_the_bytes_their_packed_gap_needs() {
    // One field, or summary with excerpt or title: the code alone.
    let coded = [
        (0, 1),
        (15, 16),
        (16, 3),
        (2047, 17),
        (2048, 8),
        (u32::MAX, 2),
    ];
    let lens: Vec<usize> = coded.iter().map(|&i| encoded(&[i]).len()).collect();
    assert_eq!(lens, [1, 1, 2, 2, 3, 5]);
    // Other fields together (or none): a byte of bits more.
    let escaped = [(0, 0), (15, 31), (16, 18), (u32::MAX, 4 | 8)];
    let lens: Vec<usize> = escaped.iter().map(|&i| encoded(&[i]).len()).collect();
    assert_eq!(lens, [2, 2, 3, 6]);
    for (gap, bits) in coded.into_iter().chain(escaped) {
        let bytes = encoded(&[(gap, bits)]);
        assert_eq!(item_len(packed(gap, bits)), bytes.len(), "{gap}");
        assert_eq!(step(&bytes), Some((gap, bits, bytes.len())), "{gap}");
        let mut put_in = vec![0u8; bytes.len()];
        put(&mut put_in, packed(gap, bits));
        assert_eq!(put_in, bytes, "{gap}");
    }
    // An escape whose byte is missing or holds no field bits.
    assert_eq!(step(&[ESCAPE]), None);
    assert_eq!(step(&[ESCAPE, 32]), None);
    assert_eq!(step(&[ESCAPE, 31]), Some((0, 31, 2)));
}

#[test]
fn malformed_parts_are_refused() {
    let l = lists(&[&[(3, 1), (900, 2 | 4)], &[(70_000, 4)]]);
    let (ends, bytes) = (l.ends().to_vec(), l.bytes().to_vec());
    assert_eq!(bytes.len(), 7, "items of 1, 2 + 1 escaped and 3 bytes");
    for cut in 0..bytes.len() {
        let short = bytes[..cut].to_vec();
        assert!(
            IdLists::from_parts(ends.clone(), short.clone()).is_none(),
            "cut at {cut}"
        );
        // The ends moved to match: a list may then end inside an item.
        let moved: Vec<u32> = ends.iter().map(|&e| e.min(cut as u32)).collect();
        let between_items = [0, 1, 4].contains(&cut);
        let read = IdLists::from_parts(moved, short);
        assert_eq!(read.is_some(), between_items, "lists cut at {cut}");
    }
    let parts = |ends: &[u32], bytes: Vec<u8>| IdLists::from_parts(ends.to_vec(), bytes);
    assert!(parts(&[2, 1], vec![1, 1]).is_none(), "falling ends");
    assert!(parts(&[2], vec![1, 1, 9]).is_none(), "bytes left over");
    let repeat = encoded(&[(5, 1), (0, 1)]);
    assert_eq!(repeat.len(), 2);
    assert!(parts(&[2], repeat.clone()).is_none(), "an id repeated");
    assert!(parts(&[1, 2], repeat).is_some(), "a first id of 0");
    let over = vec![0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert!(parts(&[6], over).is_none(), "gap over 32 bits");
    let escaped = encoded(&[(5, 2 | 4)]);
    assert!(parts(&[2], escaped.clone()).is_some());
    assert!(
        parts(&[1], escaped[..1].to_vec()).is_none(),
        "escaped bits cut off"
    );
    let bad = vec![escaped[0], 0x40];
    assert!(parts(&[2], bad).is_none(), "escaped bits not field bits");
    assert!(parts(&[7], vec![0xff; 7]).is_none(), "number never ends");
    let sum_over = encoded(&[(u32::MAX, 1), (1, 1)]);
    assert!(parts(&[7], sum_over).is_none(), "ids over 32 bits");
}

#[test]
fn inverted_lists_hold_each_id_where_it_occurs() {
    let l = lists(&[&[(1, 1), (200, 2)], &[], &[(0, 4), (1, 8)], &[(200, 16)]]);
    let inv = l.inverted(201);
    assert_eq!(inv.len(), 201);
    assert_eq!(inv.list(0).collect::<Vec<_>>(), [(2, 4)]);
    assert_eq!(inv.list(1).collect::<Vec<_>>(), [(0, 1), (2, 8)]);
    assert_eq!(inv.list(200).collect::<Vec<_>>(), [(0, 2), (3, 16)]);
    assert_eq!((inv.count(1), inv.count(5), inv.list(5).count()), (2, 0, 0));
    assert_eq!(inv.top(), 4);
    let back = IdLists::from_parts(inv.ends().to_vec(), inv.bytes().to_vec());
    assert_eq!(back.as_ref(), Some(&inv), "as a read-back table");
    // Gaps of every length, each written to exactly its place.
    let mut far = IdLists::default();
    for e in 0..300_000u32 {
        let wide = e % 70_001 == 0 || e % 130 == 0;
        far.push_list(wide.then_some((0, (e % 7) as u8)));
    }
    let inv = far.inverted(1);
    let want: Vec<(u32, u8)> = (0..300_000u32)
        .filter(|e| e % 70_001 == 0 || e % 130 == 0)
        .map(|e| (e, (e % 7) as u8))
        .collect();
    assert_eq!(inv.list(0).collect::<Vec<_>>(), want);
}

#[test]
fn appended_lists_keep_their_items() {
    let mut a = lists(&SAMPLE[1..]);
    a.append(lists(SAMPLE));
    let mut want = items(&lists(&SAMPLE[1..]));
    want.extend(items(&lists(SAMPLE)));
    assert_eq!(items(&a), want);
    assert_eq!(
        a,
        lists(&[SAMPLE[1], SAMPLE[2], SAMPLE[0], SAMPLE[1], SAMPLE[2]])
    );
}
