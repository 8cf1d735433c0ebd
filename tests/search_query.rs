//! The query grammar: terms, phrases, filters, negation, errors with spans.

use chronoscope::date::{Day, Edge};
use chronoscope::search::{Has, Query, TermKind};

fn kinds(q: &str) -> Vec<(bool, TermKind)> {
    Query::parse(q)
        .unwrap()
        .terms
        .into_iter()
        .map(|t| (t.negated, t.kind))
        .collect()
}

fn text(s: &str, phrase: bool) -> TermKind {
    TermKind::Text {
        text: s.into(),
        phrase,
    }
}

#[test]
fn free_terms_phrases_and_negation() {
    assert_eq!(
        kinds(r#"koizumi -summit "family members" -"a b""#),
        vec![
            (false, text("koizumi", false)),
            (true, text("summit", false)),
            (false, text("family members", true)),
            (true, text("a b", true)),
        ]
    );
}

#[test]
fn field_filters_parse_to_their_kinds() {
    assert_eq!(
        kinds("tag:Abduction actor:koizumi place:beijing source:kyodo lane:diplomacy -tag:x"),
        vec![
            (false, TermKind::Tag("abduction".into())),
            (false, TermKind::Actor("koizumi".into())),
            (false, TermKind::Place("beijing".into())),
            (false, TermKind::Source("kyodo".into())),
            (false, TermKind::Lane("diplomacy".into())),
            (true, TermKind::Tag("x".into())),
        ]
    );
    assert_eq!(
        kinds("year:2002..2004 year:1977 year:..1990"),
        vec![
            (
                false,
                TermKind::Year {
                    from: Some(2002),
                    to: Some(2004)
                }
            ),
            (
                false,
                TermKind::Year {
                    from: Some(1977),
                    to: Some(1977)
                }
            ),
            (
                false,
                TermKind::Year {
                    from: None,
                    to: Some(1990)
                }
            ),
        ]
    );
    assert_eq!(
        kinds("date:2014-03 has:disc has:excerpt"),
        vec![
            (
                false,
                TermKind::Date {
                    from: Edge::Day(Day::new(2014, 3, 1)),
                    to: Edge::Day(Day::new(2014, 3, 31))
                }
            ),
            (false, TermKind::Has(Has::Discrepancy)),
            (false, TermKind::Has(Has::Excerpt)),
        ]
    );
}

#[test]
fn errors_name_the_problem_and_its_span() {
    let cases = [
        ("koizumi tag:", 8..12, "needs a value"),
        ("year:2004..2002", 5..15, "starts after it ends"),
        ("year:abc", 5..8, "not a year"),
        ("date:2014-13", 5..12, "not a valid EDTF date"),
        ("has:x", 4..5, "not one of"),
        ("has:", 0..4, "needs a value"),
        ("color:red", 0..5, "unknown filter `color:`"),
        (r#"a "open phrase"#, 2..14, "unclosed quote"),
    ];
    for (q, span, words) in cases {
        let e = Query::parse(q).expect_err(q);
        assert_eq!(e.span, span, "{q}: {e}");
        assert!(e.message.contains(words), "{q}: {}", e.message);
    }
}

#[test]
fn a_lone_dash_while_typing_is_not_an_error() {
    assert!(Query::parse("koizumi -").unwrap().terms.len() == 1);
}

#[test]
fn huge_input_is_capped_not_refused() {
    let big = "あ".repeat(400_000);
    let q = Query::parse(&big).unwrap();
    assert!(q.raw.len() <= chronoscope::search::query::MAX_QUERY_BYTES);
}

#[test]
fn narrowing_only_when_every_old_term_is_implied() {
    let p = |s: &str| Query::parse(s).unwrap();
    assert!(
        p("koizum").narrows(&p("koizu")),
        "same liberties: one typo each"
    );
    assert!(p("ko pyo").narrows(&p("ko")));
    assert!(
        !p("koiz").narrows(&p("koi")),
        "at 4 letters a term also matches inside words: more hits, not fewer"
    );
    assert!(
        !p("koizu").narrows(&p("koiz")),
        "at 5 letters one typo is allowed"
    );
    assert!(
        !p("2014").narrows(&p("201")),
        "a year also matches events by date"
    );
    assert!(p("2014 b").narrows(&p("2014")));
    assert!(p("tag:abduc").narrows(&p("tag:ab")));
    assert!(
        !p("-koiz").narrows(&p("-koi")),
        "a longer negation excludes less"
    );
    assert!(!p("year:20").narrows(&p("year:2")));
    assert!(!p("tag:a").narrows(&p("tag")));
}
