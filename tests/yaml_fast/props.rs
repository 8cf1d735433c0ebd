//! Property tests: random stores with hostile values written by the house
//! serializer, and synthetic stores with characters deleted or inserted at
//! random, all agree with serde-saphyr; what the fast reader takes reads
//! back the values that were written.

use std::sync::LazyLock;

use chronoscope::model::{
    self, DiscrepancyDef, EventDef, ExcerptDef, NamedDef, SourceDef, Status, StoreFile,
};
use chronoscope::yaml::fast_parse;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use super::agrees;

/// Values from an alphabet of YAML indicators, quotes, comment and mapping
/// marks, spaces, breaks, tabs, controls, NEL, U+2028, BOM, CJK and emoji;
/// long enough sometimes for the serializer to fold them.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ a-zA-Z0-9:#&*!|>'\"%@`,\\[\\]{}\\-?~\n\r\t\u{0}\u{1b}\u{7f}\u{85}\u{a0}\u{2028}\u{feff}横田평양😀]{0,12}",
        "[ a-z:#'\"\n\t\u{85}\u{2028}横田]{0,150}",
        "[a-z ]{60,200}",
        "(null|~|true|no|-|- a|: |#|\\|-|>|0x1F|1e3|\\.inf|'|\"\"|)",
    ]
}

/// A store whose every value comes from `v` (cycled) and whose optional
/// parts are present or not by the bits of `bits`.
fn store(v: &[String], bits: u64) -> StoreFile {
    let mut i = 0;
    let mut next = || {
        i += 1;
        model::text(v[i % v.len()].clone())
    };
    let on = |b: u32| bits >> b & 1 == 1;
    let mut s = StoreFile::new(next().value);
    s.description = on(0).then(&mut next);
    if on(1) {
        s.sources.push(SourceDef {
            id: next(),
            title: next(),
            publisher: next(),
            published: next(),
            dated_by: on(2).then(&mut next),
            author: on(3).then(&mut next),
            url: None,
            language: on(4).then(&mut next),
            text: next(),
        });
    }
    for k in 0..(bits >> 5 & 3) {
        let aliases = (0..k).map(|_| next()).collect();
        s.actors.push(NamedDef {
            id: next(),
            name: next(),
            aliases,
            note: on(7).then(&mut next),
        });
    }
    for k in 0..(bits >> 8 & 3) {
        let mut e = EventDef::new(next().value, next().value, next().value);
        e.summary = on(10).then(&mut next);
        e.tags = (0..k).map(|_| next()).collect();
        e.actors = (0..(bits >> 11 & 3)).map(|_| next()).collect();
        e.status = on(13).then(|| {
            model::in_memory(if on(14) {
                Status::Scheduled
            } else {
                Status::Occurred
            })
        });
        e.context = on(15).then(|| model::in_memory(on(16)));
        e.note = on(17).then(&mut next);
        if on(18) {
            e.excerpts.push(ExcerptDef {
                source: next(),
                quote: next(),
                prefix: on(19).then(&mut next),
                suffix: None,
            });
        }
        if on(20) {
            let (source, quote) = (next(), on(21).then(&mut next));
            e.discrepancies.push(DiscrepancyDef {
                source,
                quote,
                says: next(),
                record: next(),
                basis: next(),
            });
        }
        s.events.push(e);
    }
    s
}

static SYNTH: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..8)
        .map(|seed| chronoscope::synth::yaml(2, seed))
        .collect()
});

/// Characters inserted by the mutation test: structure, quotes, spaces, breaks.
const INSERTS: &[char] = &[
    ' ', '\n', '\t', '-', ':', '#', '"', '\'', '[', ']', ',', '|', '>', '&', '*', '!', 'a', '\r',
    '\u{85}', '横',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn written_stores_agree_and_read_back(values in prop::collection::vec(value(), 1..40), bits in any::<u64>()) {
        let s = store(&values, bits);
        let yaml = model::to_yaml(&s).unwrap();
        if agrees("random store", &yaml) {
            let back = fast_parse(&yaml).unwrap();
            prop_assert_eq!(model::to_yaml(&back).unwrap(), yaml);
        }
    }

    #[test]
    fn mutated_stores_agree(
        which in 0..8usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<bool>(), prop::sample::select(INSERTS)), 1..4),
    ) {
        let mut text = SYNTH[which].clone();
        for (at, delete, c) in edits {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let i = bounds[at.index(bounds.len())];
            if delete {
                text.remove(i);
            } else {
                text.insert(i, c);
            }
        }
        agrees("mutated store", &text);
    }
}

/// The property above proves little if the fast reader declines every
/// random store: most must be taken.
#[test]
fn most_written_stores_are_taken() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (prop::collection::vec(value(), 1..40), any::<u64>());
    let mut taken = 0;
    for _ in 0..300 {
        let (values, bits) = strategy.new_tree(&mut runner).unwrap().current();
        taken += usize::from(fast_parse(&model::to_yaml(&store(&values, bits)).unwrap()).is_some());
    }
    assert!(taken >= 150, "only {taken} of 300 random stores taken");
}
