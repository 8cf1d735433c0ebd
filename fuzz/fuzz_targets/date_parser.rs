//! Any string given to the EDTF wrapper: it either refuses it with an error,
//! or yields a date whose bounds are in order and whose displays do not panic.
#![no_main]

use chronoscope::date::{Edge, EventDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let Ok(d) = EventDate::parse(input) else {
        return;
    };
    assert!(
        d.earliest() <= d.latest(),
        "{input:?}: earliest after latest"
    );
    for edge in [d.earliest(), d.latest()] {
        if let Edge::Day(day) = edge {
            assert!(
                (-9999..=9999).contains(&day.year),
                "{input:?}: year out of range"
            );
            assert!(
                day.to_naive().is_some(),
                "{input:?}: {day} is not a calendar day"
            );
        }
    }
    assert_eq!(d.chrono_cmp(&d), std::cmp::Ordering::Equal);
    let _ = (d.compact(), d.long(), d.precision_words());
    // What was accepted once is accepted again, unchanged.
    let again = EventDate::parse(d.edtf()).expect("a parsed date re-parses");
    assert_eq!(again.earliest(), d.earliest());
    assert_eq!(again.latest(), d.latest());
});
