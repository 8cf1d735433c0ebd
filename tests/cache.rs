//! The cache of parsed and checked stores: reused only while the store and
//! its sources are unchanged, rebuilt when its file is stale, truncated,
//! corrupt or foreign, and never changing what any command shows.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chronoscope::cache::{MIN_STORE_BYTES, open_in};
use chronoscope::check::{Report, check};
use chronoscope::store::Loaded;

/// A synthetic store over the cache's size floor, with its source text
/// (which some excerpts quote and others miss), in a fresh folder.
fn store_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = chronoscope::synth::yaml(2_000, 42);
    assert!(yaml.len() >= MIN_STORE_BYTES, "{} bytes", yaml.len());
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, yaml).expect("store written");
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").expect("source");
    (dir, path)
}

fn snapshot_files(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// What a reader sees of a store and its check, as comparable text.
fn seen(loaded: &Loaded, report: &Report) -> String {
    format!(
        "{}\n{}\n{}\n{:?}\n{:?}",
        loaded.store.title,
        serde_json::to_string(&loaded.store.events).expect("events serialise"),
        serde_json::to_string(&loaded.store.sources).expect("sources serialise"),
        report.findings,
        report.located,
    )
}

fn open_and_check(path: &Path, cache: Option<&Path>) -> (Loaded, String) {
    let loaded = open_in(path, cache).expect("store loads");
    let report = check(&loaded);
    let view = seen(&loaded, &report);
    (loaded, view)
}

#[test]
fn a_snapshot_is_reused_and_gives_the_same_store_and_report_as_yaml() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    let (plain, from_yaml) = open_and_check(&path, None);
    assert!(!plain.from_cache());
    let (cold, cold_view) = open_and_check(&path, Some(cache.path()));
    assert!(!cold.from_cache(), "nothing cached yet");
    assert_eq!(
        snapshot_files(cache.path()).len(),
        2,
        "store and report snapshots"
    );
    let (warm, warm_view) = open_and_check(&path, Some(cache.path()));
    assert!(warm.from_cache() && warm.checked(), "the snapshot is used");
    assert_eq!(cold_view, from_yaml);
    assert_eq!(warm_view, from_yaml);
    let id = &warm.store.events[17].id;
    assert_eq!(warm.store.index_of(id), Some(17), "lookups rebuilt");
}

#[test]
fn a_stale_truncated_corrupt_or_foreign_snapshot_is_detected_and_rebuilt() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    let (_, reference) = open_and_check(&path, None);
    open_and_check(&path, Some(cache.path()));
    let store_snap = snapshot_files(cache.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .expect("a .store snapshot");
    let good = std::fs::read(&store_snap).expect("snapshot bytes");
    let damaged: Vec<(&str, Vec<u8>)> = vec![
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("corrupt payload byte", {
            let mut b = good.clone();
            let i = b.len() - 100;
            b[i] ^= 0x55;
            b
        }),
        ("foreign file", b"PK\x03\x04 not a snapshot at all".to_vec()),
        ("another format version", {
            let mut b = good.clone();
            b[7] = b[7].wrapping_add(1);
            b
        }),
        ("stale key (another store's hash)", {
            let mut b = good.clone();
            // The key follows the magic and its length; its store hash is
            // near its end: flip a byte there.
            let key_len = u32::from_le_bytes([b[8], b[9], b[10], b[11]]) as usize;
            b[12 + key_len - 40] ^= 0xff;
            b
        }),
    ];
    for (what, bytes) in damaged {
        std::fs::write(&store_snap, &bytes).expect("damage the snapshot");
        let (loaded, view) = open_and_check(&path, Some(cache.path()));
        assert!(!loaded.from_cache(), "{what}: must not be trusted");
        assert_eq!(view, reference, "{what}: same result as YAML");
        let (again, view) = open_and_check(&path, Some(cache.path()));
        assert!(again.from_cache(), "{what}: the snapshot was rebuilt");
        assert_eq!(view, reference, "{what}: rebuilt snapshot reads the same");
    }
}

#[test]
fn a_store_or_source_edited_on_disk_is_read_again_not_taken_from_the_old_snapshot() {
    let (dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    open_and_check(&path, Some(cache.path()));
    let yaml = std::fs::read_to_string(&path).expect("store text");
    let events = yaml.find("\nevents:\n").expect("an events section");
    // The first event title, quoted or plain (the generator's serialiser
    // decides): "Edited " goes right after the opening quote, if any.
    let key = "\n    title: ";
    let at = events + yaml[events..].find(key).expect("an event title") + key.len();
    let at = if yaml[at..].starts_with(['"', '\'']) {
        at + 1
    } else {
        at
    };
    let edit = format!("{}Edited {}", &yaml[..at], &yaml[at..]);
    std::fs::write(&path, edit).expect("edit");
    let (edited, view) = open_and_check(&path, Some(cache.path()));
    assert!(!edited.from_cache(), "an edited store is parsed again");
    assert_eq!(view, open_and_check(&path, None).1);
    let titles = edited
        .store
        .events
        .iter()
        .filter(|e| e.title.starts_with("Edited "));
    assert_eq!(titles.count(), 1, "the edit is seen");

    open_and_check(&path, Some(cache.path()));
    std::fs::write(dir.path().join("synth-source.txt"), "another text\n").expect("edit");
    let (resourced, view) = open_and_check(&path, Some(cache.path()));
    assert!(
        !resourced.from_cache(),
        "an edited source text invalidates the snapshot"
    );
    assert_eq!(view, open_and_check(&path, None).1);
}

fn run(args: &[&str], cache: &Path) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = Command::cargo_bin("chronoscope")
        .expect("binary")
        .env("CHRONOSCOPE_CACHE_DIR", cache)
        .args(args)
        .output()
        .expect("runs");
    (out.status.code(), out.stdout, out.stderr)
}

#[test]
fn check_list_search_show_and_export_print_the_same_with_and_without_the_cache() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    let store = path.to_str().expect("utf-8 path");
    let id = open_in(&path, None).expect("loads").store.events[3]
        .id
        .clone();
    let commands: [Vec<&str>; 6] = [
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["list"],
        vec!["search", "talks", "--limit", "0"],
        vec!["show", &id],
        vec!["export", "--format", "csv"],
    ];
    for args in &commands {
        let mut no_cache = vec!["--store", store, "--no-cache"];
        no_cache.extend(args);
        let mut cached = vec!["--store", store];
        cached.extend(args);
        let reference = run(&no_cache, cache.path());
        assert!(
            snapshot_files(cache.path()).is_empty(),
            "--no-cache writes nothing"
        );
        assert!(!reference.1.is_empty(), "{args:?} printed something");
        let cold = run(&cached, cache.path());
        let warm = run(&cached, cache.path());
        assert_eq!(cold, reference, "{args:?}: first run with the cache");
        assert_eq!(warm, reference, "{args:?}: run from the snapshot");
        assert!(
            !snapshot_files(cache.path()).is_empty(),
            "{args:?} wrote a snapshot"
        );
        for f in snapshot_files(cache.path()) {
            std::fs::remove_file(f).expect("clear the cache");
        }
    }
}

/// The `.store` snapshot in `cache`.
fn store_snapshot(cache: &Path) -> PathBuf {
    snapshot_files(cache)
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "store"))
        .expect("a .store snapshot")
}

/// Recomputes a snapshot's checksum trailer (BLAKE3 of everything between
/// the key and the trailer), so that only the check under test can refuse it.
fn reseal(bytes: &mut [u8]) {
    let key_len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let end = bytes.len() - 32;
    let sum = *blake3::hash(&bytes[12 + key_len..end]).as_bytes();
    bytes[end..].copy_from_slice(&sum);
}

/// Writes `bytes` as the snapshot, then: the next open must not trust it
/// (and reads what YAML reads), and the one after must use the rebuilt one.
fn refused_then_rebuilt(path: &Path, cache: &Path, bytes: &[u8], what: &str) {
    let reference = open_and_check(path, None).1;
    std::fs::write(store_snapshot(cache), bytes).expect("replace the snapshot");
    let (loaded, view) = open_and_check(path, Some(cache));
    assert!(!loaded.from_cache(), "{what}: must not be trusted");
    assert_eq!(view, reference, "{what}: same result as YAML");
    let (again, view) = open_and_check(path, Some(cache));
    assert!(again.from_cache(), "{what}: the snapshot was rebuilt");
    assert_eq!(view, reference, "{what}: rebuilt snapshot reads the same");
}

#[test]
fn a_snapshot_of_an_older_format_is_ignored_and_rebuilt() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    open_and_check(&path, Some(cache.path()));
    let mut old = std::fs::read(store_snapshot(cache.path())).expect("snapshot bytes");
    // Format 1 as it was written: its magic's last byte and its key's
    // format field (the key's first byte, a varint) both said 1.
    assert_eq!((old[7], old[12]), (2, 2), "format 2 now");
    old[7] = 1;
    old[12] = 1;
    refused_then_rebuilt(&path, cache.path(), &old, "format 1 file");
    let mut old_key = std::fs::read(store_snapshot(cache.path())).expect("snapshot bytes");
    old_key[12] = 1;
    refused_then_rebuilt(&path, cache.path(), &old_key, "format 1 key");
}

#[test]
fn a_snapshot_whose_date_is_out_of_range_is_refused_and_rebuilt() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    let (loaded, _) = open_and_check(&path, Some(cache.path()));
    let day = loaded
        .store
        .events
        .iter()
        .map(|e| e.date.edtf().to_string())
        .find(|d| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-')
        .expect("an event dated to the day");
    let mut bytes = std::fs::read(store_snapshot(cache.path())).expect("snapshot bytes");
    // The date as the snapshot writes it: its length, then its text.
    let mut written = vec![10u8];
    written.extend_from_slice(day.as_bytes());
    let at = bytes
        .windows(written.len())
        .position(|w| w == written)
        .expect("the date in the snapshot");
    // Month 13: out of range, in a file whose checksum is right.
    bytes[at + 6..at + 8].copy_from_slice(b"13");
    reseal(&mut bytes);
    refused_then_rebuilt(&path, cache.path(), &bytes, "month 13");
}

#[test]
fn a_store_opened_for_the_explorer_is_shown_before_its_snapshot_is_written() {
    let (_dir, path) = store_folder();
    let cache = tempfile::tempdir().expect("cache dir");
    let loaded = chronoscope::cache::open_deferred_in(&path, Some(cache.path())).expect("loads");
    assert!(!loaded.from_cache());
    assert!(
        snapshot_files(cache.path()).is_empty(),
        "nothing written while opening"
    );
    let (store, mut rest) = loaded.split();
    assert!(rest.snapshot_pending(), "the snapshot is left to write");
    rest.save_snapshot(&store);
    assert!(!rest.snapshot_pending());
    assert_eq!(snapshot_files(cache.path()).len(), 1, "written when asked");
    let (warm, view) = open_and_check(&path, Some(cache.path()));
    assert!(warm.from_cache(), "and used by the next open");
    assert_eq!(view, open_and_check(&path, None).1);
}

/// A warm export gives each excerpt its place from the report a check kept
/// (its findings passed over, not decoded), and prints what an export
/// from YAML prints.
#[test]
fn an_export_placing_quotes_from_a_kept_report_prints_the_same_as_from_yaml() {
    let (_dir, path) = store_folder();
    // A source text that holds the quotes of every third event.
    let loaded = open_in(&path, None).expect("loads").store;
    let quoted: Vec<&str> = (loaded.events.iter().step_by(3))
        .flat_map(|e| e.excerpts.first())
        .map(|x| &*x.quote)
        .collect();
    let source = path.with_file_name("synth-source.txt");
    std::fs::write(&source, quoted.join("\n\n")).expect("source");
    let cache = tempfile::tempdir().expect("cache dir");
    let store = path.to_str().expect("utf-8 path");
    let export = ["export", "--format", "json"];
    let reference = run(
        &[&["--store", store, "--no-cache"][..], &export].concat(),
        cache.path(),
    );
    let text = String::from_utf8(reference.1.clone()).expect("utf-8");
    assert!(text.contains("\"located\": {"), "some quotes are found");
    assert!(text.contains("\"located\": null"), "some are not");
    run(&["--store", store, "check"], cache.path());
    assert!(
        snapshot_files(cache.path())
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "report")),
        "the check kept its report"
    );
    let warm = run(&[&["--store", store][..], &export].concat(), cache.path());
    assert_eq!(warm, reference);
}
