//! Property: every hit really shows every free term of the query (as typed,
//! ignoring case, or a typo of its start for terms of 5+ letters, or a year
//! as the event's date), and no hit contains a negated one.

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

/// The matched characters spell the term, ignoring case; a term of five or
/// more letters may be misspelt but keeps its first letter.
fn spells(got: &str, term: &str) -> bool {
    let (got, term) = (got.to_lowercase(), term.to_lowercase());
    got == term || (term.chars().count() >= 5 && got.chars().next() == term.chars().next())
}

/// A year term matches events dated in that year.
fn dated_in(e: &Engine, event: usize, term: &str) -> bool {
    let Ok(year) = term.parse::<i64>() else {
        return false;
    };
    let d = &e.store().events[event].date;
    d.start_year().is_some_and(|y| y <= year) && d.latest().day().is_none_or(|l| l.year >= year)
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
                    // A word match spells it in each range (one per occurrence);
                    // initials of a name spell it across its ranges.
                    let got: String = l.ranges.iter().map(|x| &l.text[x.clone()]).collect();
                    spells(&got, t) || l.ranges.iter().any(|x| spells(&l.text[x.clone()], t))
                }) || dated_in(e, hit.event, t);
                prop_assert!(ok, "event {} lacks {t:?}: {lights:?}", e.store().events[hit.event].id);
            }
            prop_assert!(
                e.highlights(&negated, hit.event).is_empty() && !dated_in(e, hit.event, &neg),
                "event {} contains the negated {neg:?}", e.store().events[hit.event].id
            );
        }
    }
}
