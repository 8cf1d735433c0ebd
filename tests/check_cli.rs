//! `chronoscope check` through the real binary: one invalid fixture per rule,
//! each asserting the message, the line and column, and the exit code.

use assert_cmd::Command;
use predicates::prelude::*;

fn check(fixture: &str) -> assert_cmd::assert::Assert {
    Command::cargo_bin("chronoscope")
        .expect("binary")
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--store",
            &format!("tests/fixtures/check/{fixture}.yaml"),
        ])
        .assert()
}

/// Asserts one finding `file:line:col: severity: …message… [rule]` and the exit code.
fn finding(fixture: &str, line_col: &str, severity: &str, message: &str, rule: &str, code: i32) {
    let prefix = format!("tests/fixtures/check/{fixture}.yaml:{line_col}: {severity}: ");
    check(fixture).code(code).stdout(
        predicate::str::contains(prefix)
            .and(predicate::str::contains(message))
            .and(predicate::str::contains(format!("[{rule}]"))),
    );
}

#[test]
fn valid_fixture_is_clean() {
    check("valid")
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("0 error(s), 0 warning(s)"));
}

#[test]
fn impossible_calendar_date_is_an_error() {
    finding(
        "date-valid",
        "17:11",
        "error",
        "`2023-02-30` is not a valid EDTF date",
        "date-valid",
        1,
    );
}

#[test]
fn duplicate_event_id_is_an_error() {
    finding(
        "id-unique",
        "30:9",
        "error",
        "duplicate event id `talks` (first declared at line 25)",
        "id-unique",
        1,
    );
}

#[test]
fn unknown_related_event_is_an_error() {
    finding(
        "reference",
        "21:15",
        "error",
        "unknown event `no-such-event`",
        "reference",
        1,
    );
}

#[test]
fn quote_not_in_source_is_an_error_with_the_closest_match() {
    finding(
        "excerpt-verbatim",
        "24:16",
        "error",
        "quote not found verbatim in source `mini`",
        "excerpt-verbatim",
        1,
    );
    check("excerpt-verbatim").stdout(predicate::str::contains(
        "where the quote has \"Bali on Friday\"",
    ));
}

#[test]
fn ambiguous_quote_is_an_error_listing_both_places() {
    finding(
        "excerpt-ambiguous",
        "24:16",
        "error",
        "quote occurs 2 times in source `mini` (assets/mini.txt:3:1, assets/mini.txt:3:22)",
        "excerpt-verbatim",
        1,
    );
}

#[test]
fn weekday_in_quote_must_fit_the_event_date() {
    finding(
        "quote-date",
        "24:16",
        "error",
        "says \"Friday\", which does not fit the event's date 2023-07-13",
        "quote-date",
        1,
    );
}

#[test]
fn event_after_its_sources_is_an_anachronism() {
    finding(
        "anachronism",
        "16:9",
        "error",
        "is dated after every source that supports it was published (latest 2023-07-15)",
        "anachronism",
        1,
    );
}

#[test]
fn source_path_climbing_out_is_refused() {
    finding(
        "source-file",
        "7:11",
        "error",
        "climbs out of the store's folder",
        "source-file",
        1,
    );
}

#[test]
fn escape_sequence_in_a_title_is_flagged_and_not_echoed() {
    finding(
        "text-safety",
        "18:12",
        "error",
        "`title` contains a control character or escape sequence (U+001B",
        "text-safety",
        1,
    );
    check("text-safety").stdout(predicate::str::contains("\u{1b}").not());
}

#[test]
fn event_without_excerpt_is_a_warning_only() {
    finding(
        "excerpt-missing",
        "25:9",
        "warning",
        "event `talks` has no excerpt",
        "excerpt-missing",
        0,
    );
}

#[test]
fn unknown_key_cannot_load() {
    check("unknown-key").code(2).stdout("").stderr(
        predicate::str::contains(
            "tests/fixtures/check/unknown-key.yaml:20:5: error: unknown field `palce`",
        )
        .and(predicate::str::contains("hint:")),
    );
}

#[test]
fn duplicate_key_cannot_load() {
    check("duplicate-key")
        .code(2)
        .stderr(predicate::str::contains(
            "tests/fixtures/check/duplicate-key.yaml:20:5: error: duplicate key `place`",
        ));
}

#[test]
fn null_is_not_a_string() {
    check("null-string")
        .code(2)
        .stderr(predicate::str::contains(
            "tests/fixtures/check/null-string.yaml:18:12: error: this value is empty or null (`~`, `null`), but text is required here",
        ));
}

#[test]
fn json_output_has_the_same_fields() {
    let out = Command::cargo_bin("chronoscope")
        .expect("binary")
        .args([
            "check",
            "--format",
            "json",
            "--store",
            "tests/fixtures/check/quote-date.yaml",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let f = &v["findings"][0];
    assert_eq!(f["file"], "tests/fixtures/check/quote-date.yaml");
    assert_eq!(
        (f["line"].as_u64(), f["col"].as_u64()),
        (Some(24), Some(16))
    );
    assert_eq!(f["severity"], "error");
    assert_eq!(f["rule"], "quote-date");
    assert_eq!(v["errors"], 1);
}

#[test]
fn shipped_store_passes_check_with_no_errors() {
    Command::cargo_bin("chronoscope")
        .expect("binary")
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error:").not());
}

#[test]
fn verbose_check_reports_where_each_excerpt_was_found() {
    Command::cargo_bin("chronoscope")
        .expect("binary")
        .args(["check", "--verbose"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"events\.yaml:\d+: note: excerpt of `yokota-abduction` found verbatim at assets/sources/japantimes-2014-03\.txt:\d+:\d+").expect("regex"));
}
