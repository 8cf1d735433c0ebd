//! Hand-written edge cases of the subset and just outside it: each agrees
//! with serde-saphyr; those inside the subset must also be taken (else the
//! subset is narrower than its documentation says).

use super::agrees;

const EVENT: &str = "events:\n  - id: e\n    date: \"2014\"\n    title: t\n";

/// Texts the fast reader must take (and agree on).
fn inside() -> Vec<(&'static str, String)> {
    let e = EVENT;
    let v = |value: &str| format!("title: {value}\n");
    let esc = "\"\\\\ \\\" \\/ \\0 \\a \\b \\e \\f \\n \\r \\t \\v \\N \\_ \\L \\P \\x41 \\xe9 \\u263A \\U0001F600 \\\t \\ \"";
    vec![
        ("comments everywhere", format!("# head\ntitle: x # c\n\n  # odd indent\n{e}    # in event\n    tags: [a, b] # c\n    note: 'n' # c\n    lane: \"l\" # c\n")),
        ("compact lists", "title: x\nevents:\n- id: a\n  date: d\n  title: t\n  tags:\n  - a\n  - b\n  excerpts:\n  - source: s\n    quote: q\n".into()),
        ("every escape", v(esc)),
        ("plain with # and : inside", v("a#b c:d e# f")),
        ("plain that looks like other types", format!("title: true\ndescription: 0x1F\n{e}    lane: 1e3\n    note: .inf\n    tags: [yes, No, 012, .5e3x]\n")),
        ("plain with inner spaces", v("a  b   c")),
        ("plain with flow indicators inside", v("a [b] {c}, d")),
        ("quoted empties", "title: \"\"\ndescription: ''\n".into()),
        ("quoted with comment-like text", v("\"a # b\" # c")),
        ("single quotes doubled", v("'it''s ''q'''")),
        ("empty flow lists", "title: x\nactors:\n  - id: a\n    name: n\n    aliases: []\nplaces:\n  - id: p\n    name: n\n    aliases: [ ]\n".into()),
        ("quoted flow items", "title: x\nactors:\n  - id: a\n    name: n\n    aliases: ['a, b', \"c]\", ' d ',e]\n".into()),
        ("status and context", format!("title: x\n{e}    status: occurred\n    context: false\n")),
        ("unicode", v("横田めぐみ 요코타 🎌 مرحبا")),
        ("folded clip", "title: x\ndescription: >\n  a\n  b\n\n  c\n\n\nevents: []\n".replace("events: []\n", EVENT)),
        ("folded strip", "title: x\ndescription: >-\n  a\n  b\n\n\n".into()),
        ("folded keep", "title: x\ndescription: >+\n  a\n  b\n\n\n".into()),
        ("literal clip", "title: x\ndescription: |\n  a\n\n  b\n\n".into()),
        ("literal strip", "title: x\ndescription: |-\n  a\n   b\n".into()),
        ("literal keep then comment", "title: x\ndescription: |+\n  a\n\n# c\nsources: []\n".replace("sources: []\n", EVENT)),
        ("block header comment", "title: x\ndescription: >- # c\n  a\n".into()),
        ("block scalar with # lines", "title: x\ndescription: |\n  # not a comment\n  a\n".into()),
        ("block scalars in lists", format!("title: x\n{e}    tags:\n      - >-\n        long\n        tag\n      - |\n        lit\n")),
        ("deep block content", "title: x\ndescription: >-\n        deep\n        text\n".into()),
        ("blank lines inside a block with fewer spaces", "title: x\ndescription: |\n    a\n  \n \n    b\n".into()),
        ("wide key spacing", v("    spaced")),
        ("every record", chronoscope::synth::yaml(3, 9)),
        ("document start", "---\ntitle: x\n".into()),
        ("document start after a comment", "# c\n\n---\n# d\ntitle: x\nevents:\n  - id: e\n    date: d\n    title: t\n".into()),
        ("discrepancies", format!("title: x\n{e}    discrepancies:\n      - source: s\n        quote: q\n        says: a\n        record: b\n        basis: c\n")),
        ("eras", "title: x\neras:\n  - id: r\n    name: R\n    date: 2001/2002\n    lane: l\n    note: n\n".into()),
    ]
}

/// Texts just outside the subset (or refused by serde-saphyr): any answer
/// that agrees is right, and for refused ones only declining agrees.
fn outside() -> Vec<(&'static str, String)> {
    let e = EVENT;
    let v = |value: &str| format!("title: {value}\n");
    [
        (
            "document start with a comment",
            "--- # c\ntitle: x\n".to_string(),
        ),
        ("document start with content", "--- title: x\n".into()),
        ("two document starts", "---\n---\ntitle: x\n".into()),
        ("document start only", "---\n".into()),
        ("document end", "title: x\n...\n".into()),
        ("directive", "%YAML 1.2\n---\ntitle: x\n".into()),
        ("anchor", v("&a x")),
        ("alias", v("*a")),
        ("tag", v("!!str x")),
        ("multi-line plain", "title: a\n  b\n".into()),
        ("multi-line plain after a blank", "title: a\n\n  b\n".into()),
        ("multi-line double", "title: \"a\n  b\"\n".into()),
        ("multi-line single", "title: 'a\n  b'\n".into()),
        (
            "multi-line flow",
            format!("title: x\n{e}    tags: [a,\n      b]\n"),
        ),
        ("tab after colon", "title:\tx\n".into()),
        (
            "tab indentation",
            format!("title: x\n{}", e.replace("    title", "\ttitle")),
        ),
        ("tab in plain", v("a\tb")),
        ("trailing tab", v("a\t")),
        ("crlf", "title: x\r\ndescription: y\r\n".into()),
        (
            "folded more indented",
            "title: x\ndescription: >-\n  a\n     b\n  c\n".into(),
        ),
        (
            "explicit indentation",
            "title: x\ndescription: |2\n   a\n".into(),
        ),
        (
            "leading blank in block",
            "title: x\ndescription: |-\n\n  a\n".into(),
        ),
        (
            "block at the end without a break",
            "title: x\ndescription: |\n  a".into(),
        ),
        (
            "empty block",
            "title: x\ndescription: |\nsources: []\n".into(),
        ),
        ("nested flow", format!("title: x\n{e}    tags: [a, [b]]\n")),
        ("flow mapping", format!("title: x\n{e}    tags: [a: b]\n")),
        ("flow map value", "title: {a: b}\n".into()),
        (
            "trailing comma",
            format!("title: x\n{e}    tags: [a, b, ]\n"),
        ),
        (
            "empty flow entry",
            format!("title: x\n{e}    tags: [a, , b]\n"),
        ),
        ("complex key", "? title\n: x\n".into()),
        ("quoted key", "\"title\": x\n".into()),
        ("space before colon", "title : x\n".into()),
        ("indented root", "  title: x\n".into()),
        (
            "entry with wide dash",
            format!("title: x\n{}", e.replace("  - id", "  -   id")),
        ),
        (
            "misaligned key",
            format!("title: x\n{}", e.replace("    date", "     date")),
        ),
        ("bom", "\u{feff}title: x\n".into()),
        ("nel", v("a\u{85}b")),
        ("line separator", v("a\u{2028}b")),
        ("c1 in quotes", v("\"a\u{90}b\"")),
        ("nul in quotes", v("'a\0b'")),
        ("bad escape", v("\"\\q\"")),
        ("short hex escape", v("\"\\x4\"")),
        ("surrogate escape", v("\"\\uD800\"")),
        ("escape at line end", "title: \"a\\\n  b\"\n".into()),
        ("control in comment", "title: x # c\u{1b}\n".into()),
        (
            "yes is no boolean",
            format!("title: x\n{e}    context: yes\n"),
        ),
        ("capital True", format!("title: x\n{e}    context: True\n")),
        (
            "quoted status",
            format!("title: x\n{e}    status: \"occurred\"\n"),
        ),
        (
            "unknown status",
            format!("title: x\n{e}    status: planned\n"),
        ),
        ("empty events", "title: x\nevents: []\n".into()),
        ("null events", "title: x\nevents:\n".into()),
        ("null title", v("~")),
        ("null word", v("null")),
        ("empty title", "title:\n".into()),
        ("empty optional", "title: x\ndescription:\n".into()),
        ("duplicate key", "title: x\ntitle: y\n".into()),
        (
            "duplicate list",
            format!("title: x\n{e}    tags: [a]\n    tags: [b]\n"),
        ),
        ("unknown key", "title: x\nbogus: 1\n".into()),
        ("missing title", "description: x\n".into()),
        (
            "missing event date",
            "title: x\nevents:\n  - id: e\n    title: t\n".into(),
        ),
        ("merge key", format!("title: x\n{e}    <<: {{a: b}}\n")),
        ("colon space in plain", v("a: b")),
        ("colon at end", v("a:")),
        ("dash value", v("- a")),
        ("indicator starts", v("@x")),
        ("value on next line", "title:\n  x\n".into()),
        (
            "continuation after list",
            format!("title: x\n{e}    tags:\n      - a\n        b\n"),
        ),
        (
            "deeper item after key",
            format!("title: x\n{e}      extra: 1\n"),
        ),
        (
            "spaces-only deeper line in block",
            "title: x\ndescription: |\n  a\n     \n  b\n".into(),
        ),
        (
            "item without value",
            format!("title: x\n{e}    tags:\n      -\n      - a\n"),
        ),
        ("no-break spaces around plain", v("\u{a0}x\u{a0}")),
        (
            "literal in list one deeper",
            format!("title: x\n{e}    tags:\n      - |\n       x\n"),
        ),
        (
            "literal in compact list one deeper",
            format!("title: x\n{e}    tags:\n    - |\n     x\n"),
        ),
        (
            "literal in compact list as deep",
            format!("title: x\n{e}    tags:\n    - |\n    x\n"),
        ),
        (
            "keep at the end",
            "title: x\ndescription: |+\n  a\n\n".into(),
        ),
    ]
    .into_iter()
    .collect()
}

#[test]
fn the_subset_is_taken_and_agrees() {
    for (name, text) in inside() {
        assert!(agrees(name, &text), "{name} is declined:\n{text}");
    }
}

#[test]
fn texts_outside_the_subset_agree() {
    for (name, text) in outside() {
        agrees(name, &text);
    }
}
