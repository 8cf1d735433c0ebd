//! A store read in pieces (`yaml::read_in_pieces`, `Store::load_path`)
//! against the same store read whole (`yaml::parse`, `Store::load_str`):
//! for every input it is either not read in pieces (and the loader reads it
//! whole) or gives exactly the same file, store and findings, in the same
//! order, with the hash the cache's key takes. Pieces are cut everywhere
//! (sizes from one byte up); stores whose events are not last, that the
//! fast reader declines in a late piece, or with bad UTF-8 there, are read
//! whole; the text held at once stays bounded as the store grows.

use std::path::{Path, PathBuf};

use chronoscope::model::StoreFile;
use chronoscope::store::{Loaded, Origin, Store};
use chronoscope::yaml::{parse, read_in_pieces};

/// Writes `text` as `events.yaml` (with the synthetic source beside it) in
/// a fresh folder.
fn store_file(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, text).expect("store written");
    std::fs::write(dir.path().join("synth-source.txt"), "nothing quoted here\n").expect("source");
    (dir, path)
}

/// Asserts that `path` read in pieces of `piece` bytes is what `parse`
/// makes of its text, hashed as the cache hashes it; whether it was.
fn same_in_pieces(path: &Path, piece: usize) -> bool {
    let bytes = std::fs::read(path).expect("read");
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes));
    let Some((raw, hash, _)) = read_in_pieces(path, piece) else {
        return false;
    };
    let whole: StoreFile = parse(&text, path).expect("what is read in pieces parses whole");
    assert!(raw == whole, "{}: piece {piece}: differs", path.display());
    assert_eq!(hash, *blake3::hash(text.as_bytes()).as_bytes());
    true
}

/// The events (as JSON) and findings of a load, for comparison.
fn shape(loaded: &Loaded) -> (String, Vec<chronoscope::finding::Finding>) {
    let events = serde_json::to_string(&loaded.store.events).expect("events serialise");
    (events, loaded.findings.clone())
}

/// Loads `path` in pieces of `piece` bytes and whole from its text; both
/// must give the same store and findings.
fn same_load(path: &Path, piece: usize) {
    let text = std::fs::read_to_string(path).expect("utf-8");
    let folder = chronoscope::sources::Resolver::Folder(path.parent().expect("folder").into());
    let whole = Store::load_str(&text, Origin::File(path.to_path_buf()), &folder);
    let pieces = Store::load_path_in_pieces(path, piece);
    match (whole, pieces) {
        (Ok(w), Ok(p)) => assert!(shape(&w) == shape(&p), "piece {piece}: the loads differ"),
        (Err(w), Err(p)) => assert_eq!(w.to_string(), p.to_string()),
        (w, p) => panic!(
            "piece {piece}: {:?} whole, {:?} in pieces",
            w.err(),
            p.err()
        ),
    }
}

/// A synthetic store with every kind of finding loading makes: duplicate
/// and empty ids, unknown places, actors, sources and related events, bad
/// dates (whose events are left out), hidden characters.
fn with_findings(n: usize) -> String {
    let text = chronoscope::synth::yaml(n, 11);
    let mut out = String::with_capacity(text.len() + n * 8);
    let mut event = 0;
    for line in text.lines() {
        let mut line = line.to_string();
        if line.starts_with("  - id: event-") {
            event += 1;
            match event % 13 {
                1 => line = "  - id: event-0000003".into(),
                2 => line.push_str("\n    related:\n      - event-0000001\n      - ghost"),
                3 => line = "  - id: ''".into(),
                _ => {}
            }
        } else if event % 4 == 1 && line == "    actors:" {
            line.push_str("\n      - nobody");
        } else if event % 11 == 5 && line.starts_with("    date: ") {
            line = "    date: 2015-13-45".into();
        } else if event % 7 == 2 && line.starts_with("    place: ") {
            line = "    place: nowhere".into();
        } else if event % 9 == 4 && line.starts_with("      - source: src-1") {
            line = "      - source: src-99".into();
        } else if event % 5 == 3 && line.starts_with("    lane: ") {
            line.push_str(" \u{202e}x");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[test]
fn synthetic_stores_in_pieces_of_every_size_are_read_as_whole() {
    // No event: no `events:` key to read in pieces.
    let (_dir, path) = store_file(chronoscope::synth::yaml(0, 3).as_bytes());
    assert!(!same_in_pieces(&path, 1));
    for n in [1, 2, 7, 60] {
        let (_dir, path) = store_file(chronoscope::synth::yaml(n, 3).as_bytes());
        for piece in [1, 2, 50, 333, 1_000, 4_096, 30_000, 1 << 20] {
            assert!(
                same_in_pieces(&path, piece),
                "{n} events, piece {piece}: not read in pieces"
            );
        }
    }
}

#[test]
fn findings_of_a_store_read_in_pieces_are_those_of_the_whole_text_in_order() {
    let (_dir, path) = store_file(with_findings(300).as_bytes());
    let text = with_findings(300);
    assert!(
        chronoscope::yaml::fast_parse(&text).is_some(),
        "declined whole"
    );
    for piece in [1, 100, 3_000, 20_000, 1 << 20] {
        assert!(same_in_pieces(&path, piece), "piece {piece}");
        same_load(&path, piece);
    }
    let loaded = Store::load_path_in_pieces(&path, 3_000).expect("loads");
    let rules: std::collections::BTreeSet<_> = loaded.findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules.into_iter().collect::<Vec<_>>(),
        ["date-valid", "id-unique", "reference", "text-safety"]
    );
}

#[test]
fn a_bom_comments_and_blank_lines_between_events_are_read_in_pieces() {
    let text = chronoscope::synth::yaml(40, 8);
    let text = text.replace("events:\n", "events: # the events\n\n# first\n");
    let text = text.replace(
        "\n  - id: event-0000010",
        "\n\n  # ten\n  - id: event-0000010",
    );
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let (_dir, path) = store_file(&bytes);
    for piece in [1, 700, 5_000] {
        assert!(same_in_pieces(&path, piece));
        same_load(&path, piece);
    }
}

#[test]
fn every_yaml_of_the_repository_is_read_in_pieces_as_whole_or_read_whole() {
    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("folder").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if path.is_dir() && name != "target" && name != ".git" {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    yaml_files(Path::new(env!("CARGO_MANIFEST_DIR")), &mut files);
    assert!(files.len() >= 5, "{files:?}");
    let mut read = 0;
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        for piece in [1, 512, 1 << 20] {
            if std::str::from_utf8(&bytes).is_ok_and(|t| parse(t, path).is_ok()) {
                read += usize::from(same_in_pieces(path, piece));
            } else {
                assert!(read_in_pieces(path, piece).is_none(), "{}", path.display());
            }
        }
    }
    assert!(read > 0, "no file of the repository was read in pieces");
}

#[test]
fn events_not_last_a_late_decline_or_late_bad_utf8_are_read_whole() {
    let text = chronoscope::synth::yaml(200, 4);
    let (head, events) = text.split_once("events:\n").expect("events");
    let (before_eras, eras) = head.split_once("eras:\n").expect("eras");
    // Eras after the events: not the last key.
    let eras_last = format!("{before_eras}events:\n{events}eras:\n{eras}");
    // An anchor, in the last event: outside the fast reader's subset.
    let anchored = format!("{text}    note: &n anchored\n");
    // A stray byte that is not UTF-8 in the last event.
    let mut bad = text.clone().into_bytes();
    let at = bad.len() - 10;
    bad[at] = 0xff;
    for (name, bytes) in [
        ("eras last", eras_last.as_bytes()),
        ("anchored", anchored.as_bytes()),
        ("bad utf-8", &bad[..]),
    ] {
        let (_dir, path) = store_file(bytes);
        for piece in [1, 4_000] {
            assert!(
                read_in_pieces(&path, piece).is_none(),
                "{name}: read in pieces"
            );
            let whole = Store::load_path_in_pieces(&path, 1 << 30);
            let pieces = Store::load_path_in_pieces(&path, piece);
            match (whole, pieces) {
                (Ok(w), Ok(p)) => assert!(shape(&w) == shape(&p), "{name}"),
                (Err(w), Err(p)) => assert_eq!(w.to_string(), p.to_string(), "{name}"),
                (w, p) => panic!("{name}: {:?} whole, {:?} in pieces", w.err(), p.err()),
            }
        }
    }
    let (_dir, path) = store_file(&bad);
    let err = Store::load_path_in_pieces(&path, 1)
        .err()
        .expect("bad utf-8 refused");
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

#[test]
fn the_text_held_at_once_stays_bounded_as_the_store_grows() {
    const PIECE: usize = 64 * 1024;
    // The piece is cut at the last entry start in what was read: at most a
    // piece and one block of the file (64 KiB).
    const BOUND: usize = PIECE + 64 * 1024;
    for n in [300, 1_200, 4_800] {
        let text = chronoscope::synth::yaml(n, 9);
        let (_dir, path) = store_file(text.as_bytes());
        let (raw, _, largest) = read_in_pieces(&path, PIECE).expect("read in pieces");
        assert_eq!(raw.events.len(), n);
        assert!(
            largest <= BOUND,
            "{n} events ({} bytes): {largest} held",
            text.len()
        );
    }
}

#[test]
fn a_store_split_over_the_whole_text_readers_threads_loads_as_in_pieces() {
    // Over 1 MiB of events: read whole, they are split over the cores.
    let text = with_findings(1_500);
    assert!(text.len() > 1 << 20, "{} bytes", text.len());
    let (_dir, path) = store_file(text.as_bytes());
    for piece in [10_000, 1 << 20] {
        same_load(&path, piece);
    }
}

#[test]
fn actors_and_places_after_the_events_give_what_serde_saphyr_gives() {
    let text = with_findings(200);
    let (head, events) = text.split_once("events:\n").expect("events");
    let (before, named) = head.split_once("actors:\n").expect("actors");
    let (named, eras) = named.split_once("eras:\n").expect("eras");
    // The fast reader reads the events before it knows every actor and
    // place, then reads them again once it does.
    let late = format!("{before}eras:\n{eras}events:\n{events}actors:\n{named}");
    assert!(chronoscope::yaml::fast_parse(&late).is_some(), "declined");
    // An anchor on the description: serde-saphyr reads this one.
    let anchored = late.replacen("description: ", "description: &d ", 1);
    assert!(chronoscope::yaml::fast_parse(&anchored).is_none(), "taken");
    let load = |text: &str| {
        let origin = Origin::File(PathBuf::from("events.yaml"));
        let folder = chronoscope::sources::Resolver::Folder(PathBuf::from("."));
        Store::load_str(text, origin, &folder).expect("loads")
    };
    let (fast, slow) = (load(&late), load(&anchored));
    assert!(shape(&fast) == shape(&slow));
    assert!(
        fast.findings
            .iter()
            .any(|f| f.message.contains("unknown actor `nobody`"))
    );
    let (_dir, path) = store_file(late.as_bytes());
    assert!(
        read_in_pieces(&path, 1_000).is_none(),
        "the events are not last"
    );
}

#[test]
fn crlf_line_ends_are_read_in_pieces_as_whole_or_read_whole() {
    let text = chronoscope::synth::yaml(30, 2).replace('\n', "\r\n");
    let (_dir, path) = store_file(text.as_bytes());
    for piece in [1, 2_000] {
        same_in_pieces(&path, piece);
        same_load(&path, piece);
    }
}
