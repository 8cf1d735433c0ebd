//! The fast reader is linear: four times the input takes at most six times
//! as long (best of several interleaved runs, so a busy machine does not fail it), for
//! many events, one long flow list, one long block scalar and one long line.
//! The smaller input is already about a megabyte, past the caches, so that
//! the four-times one is not slower for memory alone. A test binary of its
//! own, its tests one at a time: timed beside the differential and property
//! tests of `tests/yaml_fast.rs` on two cores, a run could read as superlinear.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Held by each growth test while it measures.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

use chronoscope::yaml::{fast_parse_on, read_in_pieces};

/// One read of `text` on one thread (it must be taken).
fn once(text: &str) -> Duration {
    let t = Instant::now();
    assert!(fast_parse_on(text, 1).is_some(), "declined");
    t.elapsed()
}

/// Best times of seven reads of each size, interleaved so that a burst of
/// load elsewhere hits both alike.
fn grows_linearly(name: &str, make: impl Fn(usize) -> String, n: usize) {
    let (small, big) = (make(n), make(4 * n));
    four_times_within_six(name, n, || once(&small), || once(&big));
}

/// Asserts that the best of seven runs of `big` (four times `n`) took at
/// most six times the best of seven of `small`, interleaved, one growth
/// test at a time.
fn four_times_within_six(
    name: &str,
    n: usize,
    small: impl Fn() -> Duration,
    big: impl Fn() -> Duration,
) {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..7 {
        a = a.min(small());
        b = b.min(big());
    }
    assert!(b <= a * 6, "{name}: {n} took {a:?}, {} took {b:?}", 4 * n);
}

#[test]
fn reading_grows_linearly_with_events() {
    grows_linearly("events", |n| chronoscope::synth::yaml(n, 5), 1_200);
}

#[test]
fn reading_grows_linearly_with_a_flow_list() {
    let make = |n: usize| {
        let items = vec!["横田 x"; n].join(", ");
        format!("title: x\nactors:\n  - id: a\n    name: n\n    aliases: [{items}]\n")
    };
    grows_linearly("flow list", make, 100_000);
}

#[test]
fn reading_grows_linearly_with_a_block_scalar() {
    let make = |n: usize| {
        format!(
            "title: x\ndescription: >-\n{}",
            "  some folded words\n\n".repeat(n)
        )
    };
    grows_linearly("block scalar", make, 50_000);
}

#[test]
fn reading_grows_linearly_with_a_line() {
    let make = |n: usize| {
        format!(
            "title: \"{}\"\ndescription: {}\n",
            "ab\\t横".repeat(n),
            "a b#".repeat(n)
        )
    };
    grows_linearly("long line", make, 100_000);
}

/// Best times of seven reads in pieces of `piece` bytes of the stores
/// `make` writes for `n` and four times `n`, interleaved.
fn grows_linearly_in_pieces(name: &str, make: impl Fn(usize) -> String, n: usize, piece: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (small, big) = (dir.path().join("small.yaml"), dir.path().join("big.yaml"));
    std::fs::write(&small, make(n)).expect("written");
    std::fs::write(&big, make(4 * n)).expect("written");
    let once = |path: &std::path::Path| {
        let t = Instant::now();
        assert!(
            read_in_pieces(path, piece).is_some(),
            "{name}: not read in pieces"
        );
        t.elapsed()
    };
    four_times_within_six(name, n, || once(&small), || once(&big));
}

#[test]
fn reading_in_pieces_grows_linearly_with_events() {
    grows_linearly_in_pieces(
        "events",
        |n| chronoscope::synth::yaml(n, 5),
        1_200,
        16 * 1024,
    );
}

/// One entry far longer than a piece: the reader looks for the next entry
/// start only in what it has not searched yet.
#[test]
fn reading_in_pieces_grows_linearly_with_one_long_entry() {
    let make = |n: usize| {
        format!(
            "title: x\nevents:\n  - id: a\n    date: 2001\n    title: t\n    note: >-\n{}",
            "      some folded words\n".repeat(n)
        )
    };
    grows_linearly_in_pieces("long entry", make, 50_000, 1024);
}
