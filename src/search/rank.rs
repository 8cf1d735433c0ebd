//! Ranking: definite hits before possible ones, best score first, ties in
//! chronological order.

use super::Hit;

fn rank_key(h: &Hit) -> (bool, std::cmp::Reverse<i64>, usize) {
    (h.possible, std::cmp::Reverse(h.score), h.event)
}

/// Definite hits before possible ones, then best score first, ties in
/// chronological order.
pub(super) fn rank(hits: &mut Vec<Hit>) {
    if hits.iter().any(|h| h.possible) {
        let (mut sure, mut maybe): (Vec<Hit>, Vec<Hit>) = hits.iter().partition(|h| !h.possible);
        rank_by_score(&mut sure);
        rank_by_score(&mut maybe);
        sure.append(&mut maybe);
        *hits = sure;
    } else {
        rank_by_score(hits);
    }
}

/// Best score first, ties in chronological order. Hits arrive in event order
/// from a scan, and scores span a small range, so a stable counting sort by
/// score does it in linear time (a comparison sort of 100k hits costs ~5 ms).
fn rank_by_score(hits: &mut Vec<Hit>) {
    let (Some(lo), Some(hi)) = (
        hits.iter().map(|h| h.score).min(),
        hits.iter().map(|h| h.score).max(),
    ) else {
        return;
    };
    let in_event_order = hits.windows(2).all(|w| w[0].event < w[1].event);
    let span = (hi - lo) as usize;
    if !in_event_order || span > 1 << 16 || hits.len() < 64 {
        hits.sort_unstable_by_key(rank_key);
        return;
    }
    let mut starts = vec![0usize; span + 2];
    for h in hits.iter() {
        starts[(hi - h.score) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut out = vec![hits[0]; hits.len()];
    for h in hits.iter() {
        let slot = &mut starts[(hi - h.score) as usize];
        out[*slot] = *h;
        *slot += 1;
    }
    *hits = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Fields;

    #[test]
    fn counting_rank_equals_a_comparison_sort() {
        let mut seed = 5u64;
        let mut hits: Vec<Hit> = (0..5000)
            .map(|event| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                Hit {
                    event,
                    score: ((seed >> 40) % 300) as i64 - 20,
                    fields: Fields::default(),
                    possible: seed.is_multiple_of(7),
                }
            })
            .collect();
        let mut want = hits.clone();
        want.sort_unstable_by_key(rank_key);
        rank(&mut hits);
        assert_eq!(hits, want);
    }
}
