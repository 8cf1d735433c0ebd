//! The JSON export is streamed (chunks of events rendered on every core,
//! written in order): through the real binary it writes the library's
//! document byte for byte, to standard output and to `--out`, and keeps the
//! printer's rules (a closed pipe ends quietly, a full disk is exit 2); `list`
//! writes its documents the same way.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chronoscope::export::{self, View};
use chronoscope::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");

/// Events in the test store: a few chunks of the export's 256.
const EVENTS: usize = 700;

/// A store of [`EVENTS`] events whose excerpts are found in their source,
/// some with discrepancies, hazards and empty lists.
fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("paper.txt"),
        "The talks, which began before 2014, go on.\n",
    )
    .unwrap();
    let mut yaml = String::from(
        "title: Streamed\nsources:\n  - id: paper\n    title: Talks\n    publisher: The Paper\n    published: \"2014-03-22\"\n    text: paper.txt\nevents:\n",
    );
    for n in 0..EVENTS {
        yaml.push_str(&format!(
            "  - id: e-{n:04}\n    date: \"{}-03\"\n    title: \"Event {n} \\u202e \\\"q\\\"\"\n",
            1900 + n % 120
        ));
        if n % 3 == 0 {
            yaml.push_str("    tags: [a, b]\n    excerpts:\n      - source: paper\n        quote: \"which began\"\n");
        }
        if n % 7 == 0 {
            yaml.push_str("    discrepancies:\n      - source: paper\n        says: x\n        record: y\n        basis: z\n");
        }
        if n % 5 == 0 {
            yaml.push_str("    context: true\n");
        }
    }
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, yaml).unwrap();
    (dir, path)
}

fn run(store: &Path, cache: &Path, args: &[&str], stdout: impl Into<Stdio>) -> Output {
    run_format("json", store, cache, args, stdout)
}

fn run_format(
    format: &str,
    store: &Path,
    cache: &Path,
    args: &[&str],
    stdout: impl Into<Stdio>,
) -> Output {
    Command::new(BIN)
        .env("CHRONOSCOPE_CACHE_DIR", cache)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .arg("--store")
        .arg(store)
        .args(["export", "--format", format])
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn the_streamed_document_is_the_librarys_on_stdout_and_in_a_file() {
    let (dir, path) = store();
    let loaded = Store::load_path(&path).expect("the store loads");
    let expected = export::json::to_string(&View::all(&loaded.store));
    let out = run(&path, dir.path(), &[], Stdio::piped());
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == expected.as_bytes(), "stdout differs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!("wrote {EVENTS} events as chronoscope JSON to standard output")
    );
    let file = dir.path().join("out.json");
    let out = run(
        &path,
        dir.path(),
        &["--out", file.to_str().unwrap()],
        Stdio::null(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read(&file).unwrap() == expected.as_bytes(),
        "the file differs"
    );
    // Every chunk joined in order, in one layout.
    let doc: serde_json::Value = serde_json::from_str(&expected).expect("JSON");
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let stored: Vec<&str> = loaded.store.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, stored);
    let (_, events) = expected
        .split_once("\n  \"events\": [")
        .expect("events last");
    assert_eq!(events.lines().filter(|l| *l == "    {").count(), EVENTS);
    assert!(expected.contains("\\u202e") && !expected.contains('\u{202e}'));
    assert_eq!(
        expected.matches("\"located\": {").count(),
        EVENTS.div_ceil(3)
    );
}

#[test]
fn a_closed_pipe_ends_the_streamed_export_quietly() {
    let (dir, path) = store();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = run(&path, dir.path(), &[], writer);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_full_disk_ends_the_streamed_export_with_exit_2_and_a_message() {
    let (dir, path) = store();
    let full = File::options().write(true).open("/dev/full").unwrap();
    let out = run(&path, dir.path(), &[], full);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
    assert!(
        !err.contains("wrote"),
        "no summary of a failed export: {err}"
    );
}

/// A format's document as the library makes it, held whole.
type Library = fn(&View<'_>) -> String;

/// The calendar stamped as the binary stamps it under `SOURCE_DATE_EPOCH`.
fn ics(view: &View<'_>) -> String {
    let stamp = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    export::ics::to_string(view, stamp)
}

/// Every streamed format with its document as the library makes it; `list`
/// writes the first three.
const LIBRARY: [(&str, Library); 5] = [
    ("md", export::markdown::to_string),
    ("json", export::json::to_string),
    ("csv", export::csv::to_string),
    ("timelinejs", export::timelinejs::to_string),
    ("ics", ics),
];

#[test]
fn every_streamed_format_writes_the_librarys_document() {
    let (dir, path) = store();
    let loaded = Store::load_path(&path).expect("the store loads");
    let view = View::all(&loaded.store);
    for (format, library) in LIBRARY {
        let streamed = export::format(format).and_then(|f| f.write);
        assert!(streamed.is_some(), "{format} streams");
        let out = run_format(format, &path, dir.path(), &[], Stdio::piped());
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(out.stdout == library(&view).as_bytes(), "{format} differs");
    }
}

#[test]
fn markdown_footnotes_are_numbered_across_chunks_in_view_order() {
    let (_dir, path) = store();
    let loaded = Store::load_path(&path).expect("the store loads");
    let md = export::markdown::to_string(&View::all(&loaded.store));
    let (sections, notes) = md.split_once("\n---\n\n").expect("footnotes");
    let excerpts = EVENTS.div_ceil(3);
    let marks: Vec<usize> = sections
        .split("[^")
        .skip(1)
        .map(|m| m.split(']').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(marks, (1..=excerpts).collect::<Vec<_>>());
    let defined: Vec<usize> = notes
        .lines()
        .map(|l| {
            l.strip_prefix("[^")
                .unwrap()
                .split(']')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(defined, marks);
}

/// A TimelineJS document is serde_json's pretty writing of its own value
/// (its objects are maps, so their keys come sorted): parsed and written
/// again through the safe writer, it is the same bytes, chunks and all.
fn rewritten(doc: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(doc).expect("JSON");
    export::safe_json::to_string_pretty(&value).unwrap() + "\n"
}

#[test]
fn the_streamed_timelinejs_document_has_serdes_layout_whatever_the_view() {
    let (_dir, path) = store();
    let loaded = Store::load_path(&path).expect("the store loads");
    let shipped = Store::load_embedded().expect("the shipped store loads");
    let nothing = View {
        indices: Vec::new(),
        ..View::all(&shipped.store)
    };
    for view in [View::all(&loaded.store), View::all(&shipped.store), nothing] {
        let doc = export::timelinejs::to_string(&view);
        assert_eq!(doc, rewritten(&doc), "{} events", view.len());
    }
}

/// `list --format json|csv|md`, now written as made through `export`'s
/// writers (it held the whole document: 278 MB at 100,000 events), still
/// prints the library's document byte for byte, and nothing else, and a
/// closed pipe still ends it quietly.
#[test]
fn list_documents_are_the_librarys_and_a_closed_pipe_ends_them_quietly() {
    let (dir, path) = store();
    let loaded = Store::load_path(&path).expect("the store loads");
    let view = View::all(&loaded.store);
    let list = |format: &str, stdout: Stdio| {
        Command::new(BIN)
            .env("CHRONOSCOPE_CACHE_DIR", dir.path())
            .arg("--store")
            .arg(&path)
            .args(["list", "--format", format])
            .stdout(stdout)
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    for (format, library) in &LIBRARY[..3] {
        let out = list(format, Stdio::piped());
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(out.stdout == library(&view).as_bytes(), "{format} differs");
        assert!(out.stderr.is_empty(), "{format}: nothing but the document");
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = list(format, writer.into());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}
