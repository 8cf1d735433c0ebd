//! Property tests (proptest) for the two guarantees every screen relies on:
//! the terminal sanitiser lets nothing hazardous through, and the
//! chronological order of dates is a total order consistent with their bounds.
//! Fuzz-found regressions are pinned at the end.

use std::cmp::Ordering;

use chronoscope::date::{Edge, EventDate, Precision};
use chronoscope::sanitize::{for_terminal, for_terminal_multiline, hazards};
use proptest::prelude::*;

/// Characters that must never reach a terminal raw, written out independently
/// of `sanitize::hazard`: every Cc and Cf character of Unicode 15.1, the line
/// and paragraph separators, and the blank fillers.
fn must_not_pass(c: char) -> bool {
    c.is_control()
        || matches!(c as u32,
            0xAD | 0x34F | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2
            | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180E | 0x200B..=0x200F | 0x2028..=0x202E
            | 0x2060..=0x2064 | 0x2066..=0x206F | 0x3164 | 0xFEFF | 0xFFA0 | 0xFFF9..=0xFFFB
            | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
            | 0xE0001 | 0xE0020..=0xE007F)
}

/// Text mixing plain, CJK, hazardous and arbitrary characters.
fn hostile_text() -> impl Strategy<Value = String> {
    let hazardous = prop::sample::select(vec![
        '\u{1b}',
        '\u{7}',
        '\u{0}',
        '\r',
        '\n',
        '\t',
        '\u{7f}',
        '\u{85}',
        '\u{9b}',
        '\u{202e}',
        '\u{2066}',
        '\u{200b}',
        '\u{200d}',
        '\u{feff}',
        '\u{2028}',
        '\u{e0041}',
        '\u{3164}',
        '\u{ad}',
        '\u{61c}',
        '\u{206f}',
    ]);
    let plain = prop::sample::select(vec![
        'a', ' ', '[', '3', '1', 'm', ';', '横', '요', '⟨', '␛',
    ]);
    prop::collection::vec(prop_oneof![hazardous, plain, any::<char>()], 0..64)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn one_line_output_has_no_hazard_no_escape_and_no_line_break(s in hostile_text()) {
        let out = for_terminal(&s);
        prop_assert!(!out.chars().any(must_not_pass), "{out:?}");
        prop_assert!(!out.as_bytes().contains(&0x1b));
        prop_assert_eq!(hazards(&out).count(), 0);
    }

    #[test]
    fn multiline_output_keeps_only_newlines(s in hostile_text(), tab in 1usize..9) {
        let out = for_terminal_multiline(&s, tab);
        prop_assert!(!out.chars().any(|c| c != '\n' && must_not_pass(c)), "{out:?}");
        prop_assert!(!out.as_bytes().contains(&0x1b));
    }

    #[test]
    fn sanitising_twice_changes_nothing_more(s in hostile_text(), tab in 1usize..9) {
        let once = for_terminal(&s);
        prop_assert_eq!(for_terminal(&once), once.clone());
        let many = for_terminal_multiline(&s, tab);
        prop_assert_eq!(for_terminal_multiline(&many, tab), many.clone());
    }

    #[test]
    fn safe_text_passes_unchanged(s in "[a-zA-Z0-9 .,横田めぐみ요코타-]{0,40}") {
        prop_assert_eq!(for_terminal(&s), s.as_str());
        prop_assert_eq!(for_terminal_multiline(&s, 4), s.as_str());
    }
}

/// One EDTF date (level 0/1) built from parts; some are invalid on purpose
/// (day 31 of short months), and those must simply fail to parse.
fn edtf_date() -> impl Strategy<Value = String> {
    let year = prop_oneof![
        (1000i32..2100).prop_map(|y| format!("{y:04}")),
        (-9999i32..0).prop_map(|y| format!("-{:04}", -y)),
        (100i32..210).prop_map(|d| format!("{d:03}X")),
    ];
    let month = prop_oneof![
        Just(String::new()),
        (1u8..=12).prop_map(|m| format!("-{m:02}")),
        (21u8..=24).prop_map(|s| format!("-{s}")),
    ];
    let day = prop_oneof![
        Just(String::new()),
        (1u8..=31).prop_map(|d| format!("-{d:02}"))
    ];
    let qualifier = prop::sample::select(vec!["", "?", "~", "%"]);
    (year, month, day, qualifier).prop_map(|(y, m, d, q)| {
        let d = if m.is_empty() || y.ends_with('X') {
            String::new()
        } else {
            d
        };
        format!("{y}{m}{d}{q}")
    })
}

/// A date or an interval (closed, open-ended or unknown-ended).
fn edtf() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => edtf_date(),
        2 => (edtf_date(), edtf_date()).prop_map(|(a, b)| format!("{a}/{b}")),
        1 => edtf_date().prop_map(|a| format!("{a}/..")),
        1 => edtf_date().prop_map(|a| format!("../{a}")),
        1 => edtf_date().prop_map(|a| format!("{a}/")),
    ]
}

fn parsed() -> impl Strategy<Value = EventDate> {
    edtf().prop_filter_map("not a valid level 0/1 date", |s| EventDate::parse(&s).ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn earliest_is_never_after_latest(d in parsed()) {
        prop_assert!(d.earliest() <= d.latest(), "{}", d.edtf());
        prop_assert!(d.overlaps(d.earliest(), d.latest()));
    }

    #[test]
    fn order_is_antisymmetric_and_follows_the_bounds(a in parsed(), b in parsed()) {
        prop_assert_eq!(a.chrono_cmp(&b), b.chrono_cmp(&a).reverse());
        prop_assert_eq!(a.chrono_cmp(&a), Ordering::Equal);
        if a.earliest() < b.earliest() {
            prop_assert_eq!(a.chrono_cmp(&b), Ordering::Less);
        }
        if a.earliest() == b.earliest() && a.latest() < b.latest() {
            prop_assert_eq!(a.chrono_cmp(&b), Ordering::Less);
        }
    }

    #[test]
    fn order_is_transitive(a in parsed(), b in parsed(), c in parsed()) {
        let le = |x: &EventDate, y: &EventDate| x.chrono_cmp(y) != Ordering::Greater;
        if le(&a, &b) && le(&b, &c) {
            prop_assert!(le(&a, &c), "{} ≤ {} ≤ {}", a.edtf(), b.edtf(), c.edtf());
        }
    }

    #[test]
    fn sorting_puts_earliest_days_in_order(mut v in prop::collection::vec(parsed(), 0..30)) {
        v.sort_by(EventDate::chrono_cmp);
        prop_assert!(v.windows(2).all(|w| w[0].earliest() <= w[1].earliest()));
    }

    #[test]
    fn precision_is_never_invented(y in 1000i32..2100, m in 1u8..=12) {
        let year = EventDate::parse(&format!("{y}")).unwrap();
        prop_assert_eq!(year.precision(), Precision::Year);
        prop_assert_eq!(year.long(), y.to_string());
        let month = EventDate::parse(&format!("{y}-{m:02}")).unwrap();
        prop_assert_eq!(month.precision(), Precision::Month);
        prop_assert_eq!(month.compact(), format!("{y}-{m:02}"));
        prop_assert!(!month.long().starts_with(|c: char| c.is_ascii_digit()), "{}", month.long());
    }
}

/// BCE years are accepted in ISO 8601 astronomical numbering: `-0043` is 44 BCE.
#[test]
fn bce_years_use_astronomical_numbering() {
    let ides = EventDate::parse("-0043-03-15").unwrap();
    assert_eq!(ides.long(), "15 March 44 BCE");
    assert_eq!(ides.precision(), Precision::Day);
    let year = EventDate::parse("-0043").unwrap();
    assert_eq!(year.long(), "44 BCE");
    let Edge::Day(first) = year.earliest() else {
        panic!("bounded")
    };
    assert_eq!((first.year, first.month, first.day), (-43, 1, 1));
    assert_eq!(EventDate::parse("0000").unwrap().long(), "1 BCE");
    assert_eq!(
        year.chrono_cmp(&EventDate::parse("0001").unwrap()),
        Ordering::Less
    );
}
