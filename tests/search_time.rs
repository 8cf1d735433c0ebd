//! Time operators at the EDTF edge cases (open and unknown interval ends,
//! year-only, season, decade, uncertain and approximate dates), answered the
//! same way by the engine, the explorer's `/`, `chronoscope search` and
//! `--query` on `list`/`export`. The store: `tests/relevance/synthetic.yaml`.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use assert_cmd::Command;
use chronoscope::search::{CancelToken, Engine};
use chronoscope::store::Store;
use predicates::prelude::*;

fn store_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/synthetic.yaml")
}

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Arc::new(Store::load_path(&store_path()).unwrap().store)))
}

/// (definite ids, possible ids), each in ranked order.
fn split(q: &str) -> (Vec<String>, Vec<String>) {
    let e = engine();
    let r = e.search(&e.parse(q).unwrap(), &CancelToken::new());
    let id = |h: &chronoscope::search::Hit| e.store().events[h.event].id.to_string();
    (
        r.hits.iter().filter(|h| !h.possible).map(id).collect(),
        r.hits.iter().filter(|h| h.possible).map(id).collect(),
    )
}

#[test]
fn before_a_date_counts_open_starts_and_year_only_dates_and_doubts_uncertain_ones() {
    let (sure, maybe) = split("before:2010");
    assert_eq!(
        sure,
        [
            "founding-talks",
            "charter-signed",
            "flood-1999",
            "marrow-elected",
            "osaka-accord",
            "reservoir-dispute"
        ],
        "`../1997` (open start) and `1999` (year only) are surely before 2010"
    );
    assert_eq!(maybe, ["busan-observers"], "`2008-05?` is doubted");
}

#[test]
fn a_day_inside_a_year_only_date_makes_it_possible_not_sure() {
    let (sure, maybe) = split("before:2010-06-15 after:2009-12-31");
    assert!(sure.is_empty(), "{sure:?}");
    assert_eq!(
        maybe,
        ["drought-years", "silt-study", "monitoring-network"],
        "`2010~`, `201X` and `2010/..` may each start before mid-June 2010"
    );
}

#[test]
fn an_unknown_end_is_never_sure() {
    let (sure, maybe) = split("after:levee-programme");
    assert!(sure.is_empty(), "`2013/` may still be going on: {sure:?}");
    assert!(maybe.contains(&"spring-flood".to_string()), "{maybe:?}");
    let (sure, maybe) = split("overlaps:2020");
    assert_eq!(
        sure,
        ["monitoring-network", "osaka-basin-meeting"],
        "`2010/..` is still running"
    );
    assert_eq!(
        maybe,
        ["levee-programme"],
        "`2013/` may have ended before 2020"
    );
}

#[test]
fn during_an_open_era() {
    let (sure, maybe) = split("during:tanaka-chair levee");
    assert_eq!(sure, ["levee-programme", "spring-flood"]);
    assert!(maybe.is_empty());
    let (sure, maybe) = split("during:tanaka-chair year:2012");
    assert!(sure.is_empty(), "{sure:?}");
    assert_eq!(
        maybe,
        ["silt-study", "tanaka-elected"],
        "`201X` may be any year of the 2010s; `2012-07` may be before the era began in July 2012"
    );
    let (sure, _) = split("during:tanaka-chair");
    assert!(
        !sure.contains(&"monitoring-network".to_string()),
        "`2010/..` began before the era: not during it"
    );
}

#[test]
fn within_narrows_to_a_window_and_keeps_possible_hits_last() {
    let (sure, maybe) = split("after:nordhavn-withdrawal within:1m");
    assert_eq!(sure, ["tanaka-visits-busan"]);
    assert_eq!(maybe, ["silt-study"], "`201X` may fall in March 2019");
    let (sure, _) = split("before:charter-signed within:2y");
    assert!(
        sure.is_empty(),
        "`../1997` has no start to be within 2 years of"
    );
}

#[test]
fn negation_keeps_possible_hits_possible() {
    let (sure, maybe) = split("-before:2010 -after:2012");
    assert!(maybe.contains(&"busan-observers".to_string()), "{maybe:?}");
    assert!(sure.contains(&"marrow-resigns".to_string()), "{sure:?}");
    assert!(!sure.contains(&"flood-1999".to_string()));
}

#[test]
fn the_explorer_shows_the_same_hits_marked_the_same_way() {
    let mut app = common::explorer::app_from(&store_path());
    for q in [
        "before:2010",
        "overlaps:2020",
        "during:tanaka-chair year:2012",
    ] {
        common::explorer::searching(&mut app, q);
        let f = app.filter().expect("a search filters the view");
        let e = engine();
        let want = e.search(&e.parse(q).unwrap(), &CancelToken::new());
        let shown: Vec<(usize, bool)> = f
            .results
            .hits
            .iter()
            .map(|h| (h.event, h.possible))
            .collect();
        let engine_says: Vec<(usize, bool)> =
            want.hits.iter().map(|h| (h.event, h.possible)).collect();
        assert_eq!(shown, engine_says, "{q}");
        app.update(chronoscope::tui::action::Action::Cancel);
    }
}

#[test]
fn an_unknown_anchor_is_an_inline_error_in_the_explorer() {
    let mut app = common::explorer::app_from(&store_path());
    common::explorer::searching(&mut app, "flood before:no-such-event");
    let err = app.search_error().expect("the prompt shows an error");
    assert!(
        err.message.contains("no event or era `no-such-event`"),
        "{}",
        err.message
    );
    assert_eq!(err.span, 6..26, "the whole operator is marked");
}

fn cli() -> Command {
    let mut c = Command::cargo_bin("chronoscope").unwrap();
    c.arg("--store").arg(store_path());
    c
}

#[test]
fn search_marks_possible_hits_with_a_question_mark() {
    cli()
        .args(["search", "before:2010", "--limit", "0"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  7.?2008-05?"))
        .stdout(predicate::str::contains("  1. ..1997").or(predicate::str::contains("  1. …1997")));
    let out = cli()
        .args(["search", "overlaps:2020", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let possibly: Vec<(&str, bool)> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["possibly"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        possibly,
        [
            ("monitoring-network", false),
            ("osaka-basin-meeting", false),
            ("levee-programme", true)
        ]
    );
}

#[test]
fn list_and_export_query_keep_possible_hits_in_chronological_order() {
    let out = cli()
        .args(["list", "--query", "overlaps:2020"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "monitoring-network",
            "levee-programme",
            "osaka-basin-meeting"
        ],
        "the possible `2013/` included, in timeline order"
    );
    let out = cli()
        .args([
            "export",
            "--format",
            "csv",
            "--query",
            "after:nordhavn-withdrawal within:1m",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "header and two events: {csv}");
    assert!(csv.contains("tanaka-visits-busan") && csv.contains("silt-study"));
}

#[test]
fn bad_operators_are_errors_naming_the_part() {
    cli()
        .args(["list", "--query", "during:nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no event or era `nowhere`"));
    cli()
        .args(["search", "within:2y"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs a `before:` or `after:`"));
    cli()
        .args(["search", "after:2014 within:2q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a duration"));
    cli()
        .args(["search", "overlaps:2014-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overlaps:"));
}
