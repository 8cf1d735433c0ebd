//! `chronoscope import timelinejs`: real Knight Lab files, a hand-written file
//! with every quirk, v2 refused, and a round trip store → TimelineJS → store.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chronoscope::export::{self, View};
use chronoscope::import::timelinejs::{ImportError, convert, import};
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
    assert_eq!(&*s.title, "Quirks & edge cases");
    // String parts with leading zeros; empty strings and unknown keys ignored.
    let a = s.event("string-parts").unwrap();
    assert_eq!(a.date.edtf(), "1963-08-09");
    assert_eq!(&*a.summary, "Parts are strings with a leading zero.");
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

fn export_then_import(store: &Store) -> String {
    let tl = export::timelinejs::to_string(&View::all(store));
    import(&tl, "timeline.json").unwrap().yaml
}

#[test]
fn round_trip_through_timelinejs_is_a_fixed_point() {
    let shipped = Store::load_embedded().unwrap();
    let first = export_then_import(&shipped.store);
    let (_d, once) = load(&first);
    let second = export_then_import(&once.store);
    assert_eq!(first, second, "a second round trip changed the store");
    for (e, b) in shipped.store.events.iter().zip(&once.store.events) {
        assert_eq!(e.id, b.id);
        // The export's date line is not folded into the summary…
        assert!(!b.summary.contains("EDTF"), "{}: {}", b.id, b.summary);
        assert!(!b.summary.contains("Note:") && !b.summary.contains("Context:"));
        assert!(
            b.summary.starts_with(&*e.summary),
            "{}: summary {:?} does not start with {:?}",
            e.id,
            b.summary,
            e.summary
        );
        // …the note comes back as the note…
        let note = b.note.as_deref().unwrap();
        if let Some(original) = &e.note {
            assert!(note.ends_with(&**original), "{}: {note}", e.id);
        }
        // …and `status: scheduled` is read back.
        assert_eq!(b.status, e.status, "{}", e.id);
    }
    assert!(
        once.store
            .events
            .iter()
            .any(|e| e.status == chronoscope::model::Status::Scheduled),
        "the shipped store has scheduled events to carry"
    );
}

#[test]
fn note_says_each_sentence_once_and_summary_keeps_punctuation() {
    let json = r#"{"events": [{
        "start_date": {"year": 2014, "month": 3, "day": 10, "hour": 9, "minute": 30},
        "end_date": {"year": 2014, "month": 3, "day": 12, "hour": 9, "minute": 30},
        "display_date": "10–12 March",
        "text": {"headline": "Talks", "text": "<p>Talks in <em>Beijing</em>, then <a href='#'>Tokyo</a>.</p><p><em>Note:</em> Imported from old.json (TimelineJS 3, slide 7); no archived source is quoted. Date shown in the file: “March”. Dated by the communiqué.</p>"}
    }]}"#;
    let out = import(json, "talks.json").unwrap();
    let (_d, l) = load(&out.yaml);
    let e = &l.store.events[0];
    assert_eq!(&*e.summary, "Talks in Beijing, then Tokyo.");
    assert_eq!(
        e.note.as_deref().unwrap(),
        "Imported from talks.json (TimelineJS 3, slide 1); no archived source is quoted. \
         Date shown in the file: “10–12 March”. Dated by the communiqué. \
         On import the time of day (09:30) was dropped."
    );
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
}

/// Seconds to convert a file (best of three).
fn seconds_to_convert(json: &str) -> f64 {
    (0..3)
        .map(|_| {
            let t = std::time::Instant::now();
            convert(json, "hostile.json").unwrap();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Asserts that the time to convert `file(n)` grows in proportion to `n`:
/// four times the input may take at most six times as long. Linear work
/// gives 4, quadratic 16 (the old id loop measured 5.5 per doubling, a note
/// searched as it grows 3.9), so the slack for a busy shared machine cannot
/// hide a product of two sizes.
fn assert_linear(what: &str, n: usize, file: impl Fn(usize) -> String) {
    let small = seconds_to_convert(&file(n));
    let large = seconds_to_convert(&file(4 * n));
    assert!(
        large < 6.0 * small,
        "{what}: {n}: {small:.3} s; {}: {large:.3} s",
        4 * n
    );
}

#[test]
fn repeated_headlines_cost_time_linear_in_their_number() {
    assert_linear("slides headed \"same\"", 1_500, |n| {
        let slide = r#"{"start_date": {"year": 2000}, "text": {"headline": "same"}}"#;
        format!(r#"{{"events": [{}]}}"#, vec![slide; n].join(","))
    });
}

#[test]
fn many_note_paragraphs_cost_time_linear_in_their_number() {
    assert_linear("note paragraphs", 2_500, |n| {
        let own = "Imported from a.json (TimelineJS 3, slide 1); no archived source is quoted.";
        let paragraphs: String = (0..n)
            .map(|i| format!("<p>Note: {own} Sentence {i}. {own}</p>"))
            .collect();
        let slide = serde_json::json!({
            "start_date": {"year": 2000},
            "text": {"headline": "notes", "text": paragraphs},
        });
        serde_json::json!({ "events": [slide] }).to_string()
    });
}

#[test]
fn file_names_reach_the_terminal_sanitised() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}]0;pwned\u{7}\u{202e}.json");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::cargo_bin("chronoscope")
            .unwrap()
            .args(["import", "timelinejs"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    let assert_safe = |stderr: &str, expect: &str| {
        assert!(stderr.contains(expect), "{stderr}");
        assert!(
            chronoscope::sanitize::hazards(stderr).all(|(_, c, _)| c == '\n'),
            "raw control or bidi character in {stderr:?}"
        );
    };
    assert_safe(&run(&[evil.as_os_str()]), "cannot read");
    std::fs::write(&evil, "{ not json").unwrap();
    assert_safe(&run(&[evil.as_os_str()]), "not valid JSON");
    std::fs::write(
        &evil,
        r#"{"events": [{"start_date": {"year": 1999, "month": 13}}]}"#,
    )
    .unwrap();
    assert_safe(&run(&[evil.as_os_str()]), "month 13");
    let out = dir.path().join("out\u{1b}[2J.yaml");
    let args = [evil.as_os_str(), "--out".as_ref(), out.as_os_str()];
    assert_safe(&run(&args), "wrote 0 events");
    assert_safe(&run(&args), "already exists");
}

#[test]
fn exported_private_summary_and_twice_escaped_fields_read_back() {
    // The shape wt-exports writes: the summary kept verbatim in the private
    // object, `group` and `display_date` escaped twice (TimelineJS decodes them
    // once, then its innerHTML shows `<b>` as text).
    let json = r#"{"events": [{
        "unique_id": "planned-summit",
        "start_date": {"year": 2030, "month": 5},
        "display_date": "c. May 2030 &amp;lt;b&amp;gt;",
        "group": "talks &amp;amp; summits",
        "text": {"headline": "A summit", "text": "<p>Announced ahead: leaders &quot;agree&quot; to meet; 1 &lt; 2 &amp; 3 &gt; 2.</p><blockquote>“q”<br><cite>Kyodo</cite></blockquote><p><em>Context:</em> An invented event.</p><p><small>Date: May 2030 (month; EDTF 2030-05)</small></p>"},
        "chronoscope": {"edtf": "2030-05", "summary": "Announced ahead: leaders \"agree\" to meet; 1 < 2 & 3 > 2.", "status": "scheduled"}
    }]}"#;
    let out = import(json, "t.json").unwrap();
    let (_d, l) = load(&out.yaml);
    let e = l.store.event("planned-summit").unwrap();
    assert_eq!(
        &*e.summary,
        "Announced ahead: leaders \"agree\" to meet; 1 < 2 & 3 > 2."
    );
    assert_eq!(e.lane.as_deref(), Some("talks & summits"));
    assert_eq!(e.status, chronoscope::model::Status::Scheduled);
    assert_eq!(
        e.note.as_deref().unwrap(),
        "Imported from t.json (TimelineJS 3, slide 1); no archived source is quoted. \
         Date shown in the file: “c. May 2030 <b>”. An invented event."
    );
}

#[test]
fn markup_is_read_as_a_browser_shows_it() {
    let out = import(&read("markup.json"), "markup.json").unwrap();
    let (_d, l) = load(&out.yaml);
    assert_checks_clean(&l);
    let s = &l.store;
    assert_eq!(&*s.title, "Markup as browsers read it");
    let inline = s.event("inline").unwrap();
    assert_eq!(&*inline.title, "Koizumi in Pyongyang");
    assert_eq!(
        &*inline.summary,
        "Five abduction victims, former residents; of Niigata."
    );
    let hidden = s.event("hidden").unwrap();
    assert_eq!(&*hidden.title, "Hidden parts");
    assert_eq!(&*hidden.summary, "Visible text.");
    let exported = s.event("exported").unwrap();
    assert_eq!(&*exported.summary, "The summary.");
    assert!(
        exported
            .note
            .as_deref()
            .unwrap()
            .ends_with("Date shown in the file: “March 2014”. The researcher's note."),
        "{:?}",
        exported.note
    );
    assert_eq!(exported.status, chronoscope::model::Status::Scheduled);
}
