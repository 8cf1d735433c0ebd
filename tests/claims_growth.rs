//! Resolution and matching work is linear in the text: doubling the input
//! at most doubles the steps counted by `claims::work` (tokens looked at,
//! postings visited), for ordinary articles and for hostile ones.

use chronoscope::claims::matching::Matcher;
use chronoscope::claims::{find_claims, work};
use chronoscope::date::EventDate;
use chronoscope::store::Store;

/// Steps to find, resolve and match every claim of `text` against the built-in store.
fn steps(store: &Store, text: &str) -> (u64, usize) {
    let published = EventDate::parse("2023-07-14/2023-07-15").unwrap();
    let matcher = Matcher::new(store, Some(("kyodo-2023-07", text)));
    work::take();
    let claims = find_claims(text, &published).unwrap();
    let verdicts = matcher.judge(text, &claims);
    assert_eq!(verdicts.len(), claims.len());
    (work::take(), claims.len())
}

fn assert_linear(name: &str, unit: &str, store: &Store) {
    let base = unit.repeat(40);
    let (w1, n1) = steps(store, &base);
    let (w2, n2) = steps(store, &base.repeat(2));
    let (w4, _) = steps(store, &base.repeat(4));
    assert!(
        n1 > 0 && n2 >= 2 * n1 - 1,
        "{name}: claims found {n1}, {n2}"
    );
    // Doubling the text at most doubles the work (a little slack for the
    // fixed cost of the first sentence).
    assert!(
        w2 as f64 <= 2.05 * w1 as f64,
        "{name}: {w1} steps, then {w2} for twice the text"
    );
    assert!(
        w4 as f64 <= 2.05 * w2 as f64,
        "{name}: {w2} steps, then {w4} for twice the text"
    );
}

#[test]
fn work_grows_linearly_with_ordinary_and_hostile_text() {
    let loaded = Store::load_embedded().unwrap();
    let store = &loaded.store;
    let kyodo = include_str!("../assets/sources/kyodo-2023-07.txt");
    assert_linear("the Kyodo article", kyodo, store);
    // One endless sentence full of dates: anchors and scores must not pile up.
    assert_linear(
        "one sentence of dates",
        "on Jan. 5, 2021, and Feb. 6 and Wednesday and in 1977, ",
        store,
    );
    // Words that point back, each with many candidate dates before it.
    assert_linear(
        "anaphora",
        "on March 3 and March 4 the following month two days later that year ",
        store,
    );
    // Names and title words of many events in one sentence, no full stop.
    assert_linear(
        "names without end",
        "Kishida Yoon Kim Jong Un Koizumi Pyongyang Jakarta Vilnius summit talks abductees missile in 2004 ",
        store,
    );
    // Digits and punctuation only.
    assert_linear("digits", "12 34, 1999 90. 1.2.3 ", store);
}
