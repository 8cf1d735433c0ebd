//! Every export format from the shipped store: golden files, and each format
//! checked by a real reader (JSON Schema, iCalendar parser, CSV reader).
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test export_formats`.

use std::path::{Path, PathBuf};

use chronoscope::export::{self, View};
use chronoscope::store::{Loaded, Store};

fn shipped() -> Loaded {
    Store::load_embedded().expect("the shipped store loads")
}

fn stamp() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap()
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 to accept)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn golden_files_match_every_format() {
    let l = shipped();
    let v = View::all(&l.store);
    golden("events.json", &export::json::to_string(&v));
    golden("events.csv", &export::csv::to_string(&v));
    golden("events.md", &export::markdown::to_string(&v));
    golden("events.ics", &export::ics::to_string(&v, stamp()));
    golden("timeline.json", &export::timelinejs::to_string(&v));
    golden("sources.csl.json", &export::csl::to_string(&v));
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(schema).expect("schema is JSON");
    jsonschema::draft202012::new(&schema).expect("schema is a valid draft 2020-12 schema")
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn shipped_events_yaml_validates_against_the_store_schema() {
    let yaml = chronoscope::sources::EMBEDDED_STORE;
    let doc: serde_json::Value = serde_saphyr::from_str(yaml).expect("events.yaml as JSON");
    let v = validator(export::schema::STORE_SCHEMA);
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
}

#[test]
fn store_schema_rejects_what_the_loader_rejects() {
    let v = validator(export::schema::STORE_SCHEMA);
    let bad = [
        serde_json::json!({ "events": [] }),
        serde_json::json!({ "title": "t", "colour": "red" }),
        serde_json::json!({ "title": "t", "events": [{ "id": "a", "date": "2014", "title": "x", "when": 1 }] }),
        serde_json::json!({ "title": "t", "events": [{ "id": "a", "title": "x" }] }),
        serde_json::json!({ "title": "t", "events": [{ "id": "a", "date": "March 2014", "title": "x" }] }),
        serde_json::json!({ "title": "t", "events": [{ "id": "a", "date": "2014", "title": "x", "status": "maybe" }] }),
    ];
    for doc in bad {
        assert!(!v.is_valid(&doc), "schema accepted {doc}");
    }
}

#[test]
fn json_export_validates_against_its_schema_and_is_versioned() {
    let l = shipped();
    let out = export::json::to_string(&View::all(&l.store));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let v = validator(export::schema::EXPORT_SCHEMA);
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    assert_eq!(doc["version"], 1);
    assert_eq!(
        doc["events"].as_array().unwrap().len(),
        l.store.events.len()
    );
    let mut broken = doc.clone();
    broken["events"][0]["date"]["precision"] = "week".into();
    assert!(
        !v.is_valid(&broken),
        "export schema must constrain precision"
    );
}

#[test]
fn ics_is_read_by_a_real_parser_with_all_day_dates() {
    let l = shipped();
    let ics = export::ics::to_string(&View::all(&l.store), stamp());
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "bare LF in {line:?}");
        assert!(line.len() <= 77, "{} octets: {line:?}", line.len() - 2);
    }
    let unfolded = icalendar::parser::unfold(&ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545 parser accepts it");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), l.store.events.len());
    for ev in &events {
        let prop = |name: &str| ev.properties.iter().find(|p| p.name == name);
        for key in ["DTSTART", "DTEND"] {
            let p = prop(key).unwrap_or_else(|| panic!("{key} missing"));
            assert!(
                p.params
                    .iter()
                    .any(|x| x.key == "VALUE"
                        && x.val.as_ref().is_some_and(|v| v.as_str() == "DATE"))
            );
            assert_eq!(p.val.as_str().len(), 8);
        }
        assert!(prop("DTSTART").unwrap().val.as_str() < prop("DTEND").unwrap().val.as_str());
        assert!(prop("UID").is_some() && prop("DTSTAMP").is_some() && prop("SUMMARY").is_some());
    }
    // The value of property `name` of the event that has property `key` = `val`.
    let value_in = |key: &str, val: &str, name: &str| -> String {
        let e = events
            .iter()
            .find(|e| e.properties.iter().any(|p| p.name == key && p.val == val))
            .unwrap_or_else(|| panic!("no VEVENT with {key}={val}"));
        let p = e.properties.iter().find(|p| p.name == name);
        p.unwrap_or_else(|| panic!("{name} missing"))
            .val
            .as_str()
            .to_string()
    };
    // A month-precision event spans its month, with DTEND exclusive, and says so.
    let month = |name: &str| value_in("X-CHRONOSCOPE-EDTF", "2020-01", name);
    assert_eq!(month("DTSTART"), "20200101");
    assert_eq!(month("DTEND"), "20200201");
    assert!(month("SUMMARY").contains("month known"));
    // An interval ends the day after its last day.
    let talks = |name: &str| value_in("UID", "yokota-granddaughter-meeting@chronoscope", name);
    assert_eq!(
        (talks("DTSTART"), talks("DTEND")),
        ("20140310".into(), "20140315".into())
    );
}

#[test]
fn csv_has_one_row_per_event_and_reads_back() {
    let l = shipped();
    let out = export::csv::to_string(&View::all(&l.store));
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(r.headers().unwrap().len(), export::csv::COLUMNS.len());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), l.store.events.len());
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    let expected: Vec<&str> = l.store.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, expected);
}

/// A store whose text tries to break every format.
fn hostile() -> (tempfile::TempDir, Loaded) {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("events.yaml");
    std::fs::write(
        &path,
        r##"title: "=HYPERLINK(\"http://evil\")"
events:
  - id: a
    date: "2014-03"
    title: "# Heading\n- list [link](http://x) <script>alert(1)</script>"
    summary: "@SUM(A1); semi, comma \\ backslash"
    context: true
    note: "-2+3"
  - id: b
    date: "1987~"
    title: "=1+1"
    context: true
"##,
    )
    .unwrap();
    let l = Store::load_path(&path).expect("hostile store loads");
    (dir, l)
}

#[test]
fn csv_neutralises_formula_cells() {
    let (_d, l) = hostile();
    let out = export::csv::to_string(&View::all(&l.store));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let b = rows.iter().find(|r| &r[0] == "b").unwrap();
    assert_eq!(&b[7], "'=1+1");
    let a = rows.iter().find(|r| &r[0] == "a").unwrap();
    assert_eq!(&a[8], "'@SUM(A1); semi, comma \\ backslash");
    assert_eq!(&a[17], "'-2+3");
    for r in &rows {
        for cell in r {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula {cell:?}"
            );
        }
    }
}

#[test]
fn markdown_escapes_store_text() {
    let (_d, l) = hostile();
    let md = export::markdown::to_string(&View::all(&l.store));
    assert!(!md.contains("<script>"), "raw HTML leaked:\n{md}");
    assert!(!md.contains("[link](http://x)"), "raw link leaked");
    assert!(md.contains("\\# Heading"));
    for line in md.lines() {
        assert!(
            !line.starts_with("- list"),
            "store text opened a list: {line}"
        );
    }
}

#[test]
fn ics_escapes_text() {
    let (_d, l) = hostile();
    let ics = export::ics::to_string(&View::all(&l.store), stamp());
    let unfolded = icalendar::parser::unfold(&ics);
    assert!(unfolded.contains("@SUM(A1)\\; semi\\, comma \\\\ backslash"));
    assert!(icalendar::parser::read_calendar(&unfolded).is_ok());
    // Approximate year: a whole-year span, labelled.
    assert!(unfolded.contains("DTSTART;VALUE=DATE:19870101\r\nDTEND;VALUE=DATE:19880101"));
    assert!(unfolded.contains("X-CHRONOSCOPE-EDTF:1987~"));
}

#[test]
fn timelinejs_gives_date_parts_only_as_far_as_known() {
    let l = shipped();
    let doc: serde_json::Value =
        serde_json::from_str(&export::timelinejs::to_string(&View::all(&l.store))).unwrap();
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), l.store.events.len());
    let by_id = |id: &str| {
        events
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    // Known to the year only at its start (the secret channel opened in 2001).
    let secret = by_id("secret-preparation-2002");
    assert_eq!(secret["start_date"], serde_json::json!({ "year": 2001 }));
    assert_eq!(secret["chronoscope"]["edtf"], "2001/2002-08-30");
    let covid = by_id("nk-border-closure");
    assert_eq!(
        covid["start_date"],
        serde_json::json!({ "year": 2020, "month": 1 })
    );
    let abd = by_id("abductions-1977-1983");
    assert_eq!(
        abd["end_date"],
        serde_json::json!({ "year": 1983, "month": 7 })
    );
    assert!(
        abd["text"]["text"]
            .as_str()
            .unwrap()
            .contains("<blockquote>")
    );
    let (_d, h) = hostile();
    let doc = export::timelinejs::to_string(&View::all(&h.store));
    assert!(!doc.contains("<script>"));
    assert!(
        doc.contains("c. 1987"),
        "approximate date shown with its qualifier"
    );
}

#[test]
fn csl_issued_keeps_only_known_parts() {
    let l = shipped();
    let items: serde_json::Value =
        serde_json::from_str(&export::csl::to_string(&View::all(&l.store))).unwrap();
    let kyodo = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "kyodo-2023-07")
        .unwrap();
    assert_eq!(kyodo["type"], "article-newspaper");
    assert_eq!(kyodo["container-title"], "Kyodo News");
    assert_eq!(
        kyodo["issued"]["date-parts"],
        serde_json::json!([[2023, 7, 14], [2023, 7, 15]])
    );
}

/// The official CSL-JSON schema, v1.0.2 (citation-style-language/schema, tag
/// v1.0.2, `schemas/input/csl-data.json`, MIT), copied byte for byte from the
/// shared standards folder into `tests/fixtures/`.
fn csl_validator() -> jsonschema::Validator {
    let text = include_str!("fixtures/csl-data.json");
    let schema: serde_json::Value = serde_json::from_str(text).expect("CSL schema is JSON");
    jsonschema::draft7::new(&schema).expect("the CSL schema compiles")
}

#[test]
fn csl_export_passes_the_official_csl_json_schema() {
    let v = csl_validator();
    let l = shipped();
    let items: serde_json::Value =
        serde_json::from_str(&export::csl::to_string(&View::all(&l.store))).unwrap();
    assert_eq!(errors(&v, &items), Vec::<String>::new());
    // The old output, with an `edtf` key in `issued`, is refused: the test can fail.
    let mut old = items.clone();
    old[0]["issued"]["edtf"] = "2023-07-14/2023-07-15".into();
    assert!(
        !v.is_valid(&old),
        "the schema must refuse an `edtf` date key"
    );
}

#[test]
fn json_export_schema_accepts_keys_a_later_version_1_adds() {
    let l = shipped();
    let mut doc: serde_json::Value =
        serde_json::from_str(&export::json::to_string(&View::all(&l.store))).unwrap();
    doc["generator"] = "chronoscope 9".into();
    doc["events"][0]["certainty"] = "high".into();
    doc["events"][0]["date"]["calendar"] = "gregorian".into();
    doc["sources"][0]["archived_at"] = "2024-01-01".into();
    let v = validator(export::schema::EXPORT_SCHEMA);
    assert_eq!(errors(&v, &doc), Vec::<String>::new());
    // Required keys are still required.
    doc["events"][0].as_object_mut().unwrap().remove("date");
    assert!(!v.is_valid(&doc));
}

#[test]
fn date_range_selects_by_overlap() {
    let l = shipped();
    let from = chronoscope::date::EventDate::parse("2014-03").unwrap();
    let v = View::between(&l.store, Some(&from), Some(&from));
    assert!(v.len() >= 5);
    for e in v.events() {
        assert!(e.date.overlaps(from.earliest(), from.latest()), "{}", e.id);
    }
    // The 2012–2014 span overlaps March 2014 and must be included.
    assert!(v.events().any(|e| e.id == "ties-worsen-beijing-seoul"));
}
