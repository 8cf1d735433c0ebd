//! `chronoscope import timelinejs`: real Knight Lab files, a hand-written file
//! with every quirk, v2 refused, and a round trip store → TimelineJS → store.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chronoscope::export::{self, View};
use chronoscope::import::timelinejs::{ImportError, import};
use chronoscope::store::{Loaded, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/timelinejs")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// Writes the YAML to a temporary store file and loads it like a user would.
fn load(yaml: &str) -> (tempfile::TempDir, Loaded) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, yaml).unwrap();
    let l = Store::load_path(&path).expect("imported store loads");
    (dir, l)
}

fn assert_checks_clean(l: &Loaded) {
    let report = chronoscope::check::check(l);
    let lines: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    assert_eq!(lines, Vec::<String>::new(), "check findings");
}

#[test]
fn houston_example_imports_and_passes_check() {
    let out = import(&read("houston-timeline3.json"), "houston-timeline3.json").unwrap();
    assert_eq!(out.events, 18);
    let (_d, l) = load(&out.yaml);
    assert_checks_clean(&l);
    assert_eq!(l.store.title, "Whitney Houston 1963 - 2012");
    let first = l.store.event("a-musical-heritage").unwrap();
    assert_eq!(first.date.edtf(), "1963-08-09");
    assert!(first.context);
    assert!(
        first
            .note
            .as_deref()
            .unwrap()
            .contains("houston-timeline3.json")
    );
    // Year-only slides stay year-only: no month or day invented.
    let signed = l.store.event("signed").unwrap();
    assert_eq!(signed.date.edtf(), "1983");
    // Same-year slides keep the file's order.
    let ids: Vec<&str> = l
        .store
        .events
        .iter()
        .filter(|e| e.date.edtf() == "1978")
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["first-recording", "the-early-years", "early-album-credits"]
    );
    for e in &l.store.events {
        for text in [&e.title, &e.summary] {
            assert!(
                !text.contains('<') && !text.contains('>'),
                "markup kept in {text:?}"
            );
        }
    }
}

#[test]
fn version_2_file_is_refused_with_exit_2() {
    let err = import(&read("houston-timeline2-legacy-v2.json"), "v2.json").unwrap_err();
    assert!(matches!(err, ImportError::Version2 { .. }));
    Command::cargo_bin("chronoscope")
        .unwrap()
        .args(["import", "timelinejs"])
        .arg(fixture("houston-timeline2-legacy-v2.json"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("TimelineJS 2 file"));
}

#[test]
fn eras_template_imports_eras() {
    let out = import(&read("eras.json"), "eras.json").unwrap();
    assert!(out.eras >= 3, "{} eras", out.eras);
    let (_d, l) = load(&out.yaml);
    assert_checks_clean(&l);
    let era = l
        .store
        .eras
        .iter()
        .find(|e| e.name == "Era Test 650-700")
        .unwrap();
    assert_eq!(era.date.edtf(), "0650/0700");
}

#[test]
fn hand_written_quirks_are_tolerated_and_nothing_is_invented() {
    let out = import(&read("quirks.json"), "quirks.json").unwrap();
    let (_d, l) = load(&out.yaml);
    assert_checks_clean(&l);
    let s = &l.store;
    assert_eq!(s.title, "Quirks & edge cases");
    // String parts with leading zeros; empty strings and unknown keys ignored.
    let a = s.event("string-parts").unwrap();
    assert_eq!(a.date.edtf(), "1963-08-09");
    assert_eq!(a.summary, "Parts are strings with a leading zero.");
    // Same headline: deduplicated id; numeric year.
    assert_eq!(s.event("string-parts-2").unwrap().date.edtf(), "1978");
    // Empty day string: month precision, never a day.
    let m = s.event("month-span").unwrap();
    assert_eq!(m.date.edtf(), "2002-09/2002-10");
    assert_eq!(m.lane.as_deref(), Some("Diplomacy"));
    assert!(m.note.as_deref().unwrap().contains("autumn 2002"));
    // unique_id colliding with a slug already used gets a suffix; time dropped and noted.
    let t = s.event("month-span-2").unwrap();
    assert_eq!(t.date.edtf(), "2014-03-10");
    assert!(t.note.as_deref().unwrap().contains("09:30"));
    for text in [&t.title, &t.summary] {
        assert!(
            chronoscope::sanitize::hazards(text).next().is_none(),
            "hazard kept in {text:?}"
        );
        assert!(!text.contains('<'), "markup kept in {text:?}");
    }
    // A day without a month: year only.
    assert_eq!(s.event("day-without-month").unwrap().date.edtf(), "2020");
    // Reversed end dropped; negative year written as EDTF.
    assert_eq!(s.event("reversed-end").unwrap().date.edtf(), "2010-05");
    assert_eq!(s.event("ides-of-march").unwrap().date.edtf(), "-0044-03-15");
    // Bad month, no year, cosmological year: left out with a warning each.
    for gone in ["bad-month", "no-year", "big-bang"] {
        assert!(s.event(gone).is_none(), "{gone} imported");
    }
    assert!(out.warnings.iter().any(|w| w.contains("month 13")));
    assert!(out.warnings.iter().any(|w| w.contains("no start year")));
    assert!(out.warnings.iter().any(|w| w.contains("-13800000000")));
    assert_eq!(s.eras[0].date.edtf(), "1960/1969-12-31");
}

#[test]
fn invalid_json_names_line_and_column() {
    let err = import("{\n  \"events\": [\n    {,]\n}", "broken.json").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("broken.json:3:6: error: not valid JSON"),
        "{msg}"
    );
    let err = import("[1, 2]", "list.json").unwrap_err();
    assert!(err.to_string().contains("not a TimelineJS 3 timeline"));
}

fn round_trip(strip_private: bool) {
    let shipped = Store::load_embedded().unwrap();
    let tl = export::timelinejs::to_string(&View::all(&shipped.store));
    let mut doc: serde_json::Value = serde_json::from_str(&tl).unwrap();
    if strip_private {
        for e in doc["events"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("chronoscope");
        }
    }
    let out = import(&doc.to_string(), "timeline.json").unwrap();
    let (_d, back) = load(&out.yaml);
    assert_checks_clean(&back);
    assert_eq!(back.store.events.len(), shipped.store.events.len());
    for e in &shipped.store.events {
        let b = back
            .store
            .event(&e.id)
            .unwrap_or_else(|| panic!("id {} lost", e.id));
        assert_eq!(b.date.earliest(), e.date.earliest(), "{}", e.id);
        assert_eq!(b.date.precision(), e.date.precision(), "{}", e.id);
        if !strip_private || !e.date.is_approximate() && !e.date.is_uncertain() {
            assert_eq!(b.date.edtf(), e.date.edtf(), "{}", e.id);
        }
        assert_eq!(b.title, e.title);
        assert_eq!(b.lane, e.lane);
    }
}

#[test]
fn round_trip_keeps_ids_dates_and_precision() {
    round_trip(false);
}

#[test]
fn round_trip_from_date_parts_alone_keeps_dates() {
    round_trip(true);
}

#[test]
fn import_writes_atomically_and_refuses_to_clobber() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("events.yaml");
    std::fs::write(&out, "mine").unwrap();
    let run = |force: bool| {
        let mut c = Command::cargo_bin("chronoscope").unwrap();
        c.args(["import", "timelinejs"])
            .arg(fixture("houston-timeline3.json"))
            .arg("--out")
            .arg(&out);
        if force {
            c.arg("--force");
        }
        c.assert()
    };
    run(false)
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    run(true).success();
    Command::cargo_bin("chronoscope")
        .unwrap()
        .arg("--store")
        .arg(&out)
        .arg("check")
        .assert()
        .success();
}
