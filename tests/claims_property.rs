//! Property tests of the claims finder and resolver on text built from
//! date-like pieces and arbitrary characters: it never panics, every claim
//! is the text at its range (on character boundaries, at its line and
//! column), claims come in text order, and every date's earliest day is
//! not after its latest.

use std::sync::OnceLock;

use chronoscope::claims::find_claims;
use chronoscope::claims::matching::Matcher;
use chronoscope::date::{Edge, EventDate};
use chronoscope::store::{Loaded, Store};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "on",
        "in",
        "since",
        "the",
        "for",
        "from",
        "last",
        "next",
        "this",
        "that",
        "following",
        "later",
        "earlier",
        "ago",
        "after",
        "less",
        "more",
        "than",
        "about",
        "two",
        "a",
        "five",
        "fifth",
        "straight",
        "year",
        "years",
        "month",
        "months",
        "week",
        "days",
        "decades",
        "end",
        "of",
        "start",
        "March",
        "MARCH",
        "Mar.",
        "Sept.",
        "May",
        "may",
        "Wednesday",
        "friday",
        "1970s",
        "'80s",
        "and",
        "2014",
        "1977",
        "0",
        "29",
        "31",
        "10th",
        "２７",
        "Feb",
        ",",
        ".",
        "\n\n",
        "-",
        "–",
        "will",
        "said",
        "月",
        "\u{1b}",
        "é",
    ]);
    prop_oneof![
        4 => words.prop_map(str::to_string),
        1 => "\\PC{0,3}",
        1 => (0u32..3000).prop_map(|n| n.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.join(" "))
}

fn published() -> impl Strategy<Value = EventDate> {
    prop::sample::select(vec![
        "2014-03-22",
        "2023-07-14/2023-07-15",
        "2020-02-29",
        "0001-01-01",
        "9999-12-31",
        "2014-03",
    ])
    .prop_map(|s| EventDate::parse(s).unwrap())
}

fn store() -> &'static Loaded {
    static STORE: OnceLock<Loaded> = OnceLock::new();
    STORE.get_or_init(|| Store::load_embedded().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn claims_are_where_they_say_and_dates_are_ordered(t in text(), p in published()) {
        let claims = find_claims(&t, &p).unwrap();
        let mut last = 0;
        for c in &claims {
            prop_assert!(t.is_char_boundary(c.range.start) && t.is_char_boundary(c.range.end));
            prop_assert_eq!(&t[c.range.clone()], c.text.as_str());
            prop_assert!(c.range.start >= last);
            last = c.range.start;
            let before = &t[..c.range.start];
            let line = before.matches('\n').count() as u64 + 1;
            let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
            prop_assert_eq!((c.line, c.column), (line, col));
            prop_assert!(c.sentence.start <= c.range.start && c.range.end <= c.sentence.end);
            if let Ok(d) = &c.date {
                prop_assert!(d.earliest() <= d.latest());
                prop_assert!(d.earliest() != Edge::After && d.latest() != Edge::Before);
            }
        }
        // Matching never panics and judges every claim, cited passages or not.
        let store = &store().store;
        for source in [None, Some(("kyodo-2023-07", t.as_str()))] {
            let verdicts = Matcher::new(store, source).judge(&t, &claims);
            prop_assert_eq!(verdicts.len(), claims.len());
            for v in verdicts.iter().flatten() {
                prop_assert!(store.event(&v.id).is_some());
            }
        }
    }
}
