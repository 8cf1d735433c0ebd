//! Property: every hit really contains every free term of the query, and no
//! hit contains a negated one.

use std::sync::{Arc, OnceLock};

use chronoscope::search::{CancelToken, Engine, Query};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Arc::new(chronoscope::synth::store(400, 11))))
}

fn term() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,4}",
        "[A-Z][a-z]{0,3}",
        prop::sample::select(vec![
            "koizumi",
            "pyongyang",
            "abduct",
            "1977",
            "jakarta",
            "横田",
            "拉致",
            "평양",
            "talks",
            "Kim",
            "summit",
            "Beijing"
        ])
        .prop_map(str::to_string),
    ]
}

/// The matched characters spell the term (ASCII case folded unless the term
/// has an upper-case letter; long text words compare lower-cased).
fn spells(got: &str, term: &str) -> bool {
    if term.chars().any(char::is_uppercase) {
        got == term
    } else {
        got.to_lowercase() == term.to_lowercase()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_hit_contains_every_term(terms in prop::collection::vec(term(), 1..3), neg in term()) {
        let e = engine();
        let text = format!("{} -{neg}", terms.join(" "));
        let query = Query::parse(&text).unwrap();
        let r = e.search(&query, &CancelToken::new());
        let negated = Query::parse(&neg).unwrap();
        for hit in &r.hits {
            let lights = e.highlights(&query, hit.event);
            for (ti, t) in terms.iter().enumerate() {
                let ok = lights.iter().filter(|l| l.term == ti).any(|l| {
                    // A fuzzy match spells the term across its ranges; a word
                    // match spells it in each range (one per occurrence).
                    let got: String = l.ranges.iter().map(|x| &l.text[x.clone()]).collect();
                    spells(&got, t) || l.ranges.iter().any(|x| spells(&l.text[x.clone()], t))
                });
                prop_assert!(ok, "event {} lacks {t:?}: {lights:?}", e.store().events[hit.event].id);
            }
            prop_assert!(
                e.highlights(&negated, hit.event).is_empty(),
                "event {} contains the negated {neg:?}", e.store().events[hit.event].id
            );
        }
    }
}
