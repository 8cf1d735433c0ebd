//! Hostile input costs at most in proportion: growing a query term, the
//! number of terms, or the length of a store's words grows the search time in
//! proportion (typo matching is bounded per word, never term × text).
//! Timed as the fastest of several samples of ten runs. The input grows
//! fourfold and the time may grow at most sixfold: linear work gives 4×, a
//! product of two sizes 16×, so the slack for a shared machine (and for
//! caches, which a bigger store overflows) cannot hide a quadratic.

use std::sync::Arc;
use std::time::Instant;

use chronoscope::search::{CancelToken, Engine};
use chronoscope::sources::Resolver;
use chronoscope::store::{Origin, Store};

fn fastest(engine: &Engine, q: &str) -> f64 {
    let query = engine.parse(q).unwrap();
    // Each sample is ten searches, so a descheduled moment is a small part of it.
    (0..7)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..10 {
                let r = engine.search(&query, &CancelToken::new());
                std::hint::black_box(r.hits.len());
            }
            t.elapsed().as_secs_f64() / 10.0
        })
        .fold(f64::INFINITY, f64::min)
}

/// A store of `n` events whose titles and summaries are one long word each
/// (`len` letters close to the query's letters, so typo matching is tried).
fn long_words(n: usize, len: usize) -> Engine {
    let mut y = String::from("title: t\nevents:\n");
    for i in 0..n {
        let word: String = (0..len)
            .map(|k| ['k', 'o', 'i', 'z'][(k + i) % 4])
            .collect();
        y.push_str(&format!(
            "  - id: e{i}\n    date: \"2000\"\n    title: {word}\n    summary: {word} {word}\n"
        ));
    }
    let loaded = Store::load_str(&y, Origin::Embedded, &Resolver::Embedded).unwrap();
    Engine::new(Arc::new(loaded.store))
}

fn assert_proportional(small: f64, big: f64, what: &str) {
    // Four times the input: about four times the time (6× allows for noise).
    assert!(
        big <= 6.0 * small.max(20e-6),
        "{what}: {:.3} ms then {:.3} ms",
        small * 1e3,
        big * 1e3
    );
}

#[test]
fn a_longer_term_costs_at_most_proportionally() {
    let e = Engine::new(Arc::new(Store::load_embedded().unwrap().store));
    let term = |n: usize| "koizumi".repeat(n / 7);
    let small = fastest(&e, &term(1400));
    let big = fastest(&e, &term(5600));
    assert_proportional(small, big, "term of 1400 then 5600 letters");
}

#[test]
fn more_terms_cost_at_most_proportionally() {
    let e = Engine::new(Arc::new(Store::load_embedded().unwrap().store));
    let terms = |n: usize| vec!["koizmi"; n].join(" ");
    let small = fastest(&e, &terms(20));
    let big = fastest(&e, &terms(80));
    assert_proportional(small, big, "20 then 80 terms");
}

#[test]
fn longer_words_in_the_store_cost_at_most_proportionally() {
    let small = fastest(&long_words(100, 10_000), "koizmu");
    let big = fastest(&long_words(100, 40_000), "koizmu");
    assert_proportional(small, big, "words of 10,000 then 40,000 letters");
}
