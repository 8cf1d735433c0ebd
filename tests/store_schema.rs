//! The store's JSON Schema is generated from the model the loader reads: it
//! accepts what the loader accepts, refuses what it refuses, and its text is
//! kept as a snapshot so every change to the format shows in review.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chronoscope::export::schema::store_schema;

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&store_schema()).expect("a valid draft 2020-12 schema")
}

fn errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Whether the store loader reads `yaml` into the model (before `check`).
fn loader_accepts(yaml: &str) -> bool {
    chronoscope::yaml::parse(yaml, Path::new("fixture.yaml")).is_ok()
}

fn yaml_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn schema_command_output_is_the_reviewed_snapshot() {
    let out = Command::cargo_bin("chronoscope")
        .unwrap()
        .arg("schema")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let printed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        printed,
        store_schema(),
        "the command prints the model's schema"
    );
    insta::assert_snapshot!("store_schema", text);
}

#[test]
fn shipped_events_yaml_parsed_to_json_is_valid() {
    let doc: serde_json::Value =
        serde_saphyr::from_str(chronoscope::sources::EMBEDDED_STORE).unwrap();
    assert_eq!(errors(&validator(), &doc), Vec::<String>::new());
}

#[test]
fn every_check_fixture_gets_the_loaders_verdict() {
    let v = validator();
    let fixtures = yaml_fixtures();
    assert!(fixtures.len() >= 10, "{fixtures:?}");
    for path in fixtures {
        let yaml = std::fs::read_to_string(&path).unwrap();
        let loads = loader_accepts(&yaml);
        // A YAML-level error (a duplicate key) never reaches JSON at all.
        let Ok(doc) = serde_saphyr::from_str::<serde_json::Value>(&yaml) else {
            assert!(
                !loads,
                "{}: the loader read what YAML refused",
                path.display()
            );
            continue;
        };
        assert_eq!(
            v.is_valid(&doc),
            loads,
            "{}: schema and loader disagree: {:?}",
            path.display(),
            errors(&v, &doc)
        );
    }
}

#[test]
fn imported_and_synthetic_stores_are_valid() {
    let v = validator();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs");
    let mut stores = vec![chronoscope::synth::yaml(300, 4)];
    for name in [
        "houston-timeline3.json",
        "eras.json",
        "quirks.json",
        "markup.json",
    ] {
        let json = std::fs::read_to_string(dir.join(name)).unwrap();
        let imported = chronoscope::import::timelinejs::import(&json, name).unwrap();
        stores.push(imported.yaml);
    }
    for yaml in stores {
        assert!(loader_accepts(&yaml));
        let doc: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(errors(&v, &doc), Vec::<String>::new());
    }
}

#[test]
fn schema_refuses_shapes_the_loader_refuses() {
    let v = validator();
    let event = |extra: serde_json::Value| {
        let mut e = serde_json::json!({ "id": "a", "date": "2014", "title": "x" });
        e.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        serde_json::json!({ "title": "t", "events": [e] })
    };
    let refused = [
        serde_json::json!({ "events": [] }),
        serde_json::json!({ "title": null }),
        serde_json::json!({ "title": "t", "colour": "red" }),
        event(serde_json::json!({ "when": 1 })),
        event(serde_json::json!({ "status": "maybe" })),
        event(serde_json::json!({ "context": "sometimes" })),
        event(serde_json::json!({ "excerpts": [{ "source": "s" }] })),
        event(serde_json::json!({ "excerpts": [{ "source": "s", "quote": "q", "page": 3 }] })),
        event(serde_json::json!({ "discrepancies": [{ "source": "s", "says": "a" }] })),
        serde_json::json!({ "title": "t", "sources": [{ "id": "s", "title": "x", "publisher": "p", "published": "2014" }] }),
    ];
    for doc in refused {
        let yaml = serde_saphyr::to_string(&doc).unwrap();
        assert!(!loader_accepts(&yaml), "loader accepted {doc}");
        assert!(!v.is_valid(&doc), "schema accepted {doc}");
    }
    // What the loader accepts as absent, the schema accepts too.
    assert!(v.is_valid(&event(
        serde_json::json!({ "summary": null, "status": null })
    )));
}
