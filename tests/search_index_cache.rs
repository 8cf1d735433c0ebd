//! The search index kept beside a store's snapshot (`NAME.index`): read
//! back, it answers every query exactly as the index built from the store;
//! a stale, truncated or foreign file, or one whose word tables are
//! malformed under a good checksum, is ignored and replaced; `search`
//! through it prints what `--no-cache` prints.

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use chronoscope::cache::open_in;
use chronoscope::search::{CancelToken, Engine};

/// A synthetic store over the cache's size floor, in a fresh folder.
fn store_folder(seed: u64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(2_000, seed)).expect("store written");
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").expect("source");
    (dir, path)
}

/// Words, names, typos, prefixes, scripts, filters and time operators.
const QUERIES: &[&str] = &[
    "talks",
    "koizumi",
    "kozumi",
    "abd",
    "a",
    "minister summit",
    "\"the talks\"",
    "小泉",
    "김정일",
    "tag:abduction",
    "lane:diplomacy talks",
    "actor:abe",
    "place:pyongyang",
    "source:kyodo",
    "year:1990..2005",
    "has:discrepancy",
    "before:2000 -talks",
    "during:era-3",
    "overlaps:1975/1980",
    "zzzzqqq",
];

/// Every query's hits and the first hits' highlights, as comparable text.
fn answers(engine: &Engine) -> String {
    let mut out = String::new();
    for text in QUERIES {
        let query = engine.parse(text).expect("query parses");
        let results = engine.search(&query, &CancelToken::new());
        out.push_str(&format!("{text}: {:?}\n", results.hits));
        for h in results.hits.iter().take(5) {
            out.push_str(&format!("{:?}\n", engine.highlights(&query, h.event)));
        }
    }
    out
}

fn index_file(cache: &Path) -> Option<PathBuf> {
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(|e| Some(e.ok()?.path()))
        .find(|p| p.extension().is_some_and(|x| x == "index"))
}

/// The engine of the store at `path` opened through `cache`, with its answers.
fn cached_answers(path: &Path, cache: &Path) -> String {
    let loaded = open_in(path, Some(cache)).expect("store loads");
    let kept = loaded.index_cache();
    assert!(kept.is_some(), "a store with a snapshot has a kept index");
    answers(&Engine::cached(Arc::new(loaded.store), kept.as_ref()))
}

fn built_answers(path: &Path) -> String {
    let loaded = open_in(path, None).expect("store loads");
    assert!(loaded.index_cache().is_none(), "no cache, no kept index");
    answers(&Engine::new(Arc::new(loaded.store)))
}

#[test]
fn a_kept_index_is_read_back_and_answers_as_the_built_one() {
    let (_dir, path) = store_folder(42);
    let cache = tempfile::tempdir().expect("cache dir");
    let reference = built_answers(&path);
    assert!(reference.contains("Hit {"), "some queries hit");
    assert_eq!(cached_answers(&path, cache.path()), reference, "cold");
    let file = index_file(cache.path()).expect("the index was kept");
    let written = std::fs::metadata(&file).expect("index file").ino();
    assert_eq!(cached_answers(&path, cache.path()), reference, "warm");
    let after = std::fs::metadata(&file).expect("index file").ino();
    assert_eq!(written, after, "read, not built and written again");
}

/// A store whose index was kept by a first open, with the answers of an
/// index built without the cache and the kept file's bytes.
struct Kept {
    _dir: tempfile::TempDir,
    path: PathBuf,
    cache: tempfile::TempDir,
    reference: String,
    file: PathBuf,
    good: Vec<u8>,
}

fn kept() -> Kept {
    let (_dir, path) = store_folder(42);
    let cache = tempfile::tempdir().expect("cache dir");
    let reference = built_answers(&path);
    cached_answers(&path, cache.path());
    let file = index_file(cache.path()).expect("the index was kept");
    let good = std::fs::read(&file).expect("index bytes");
    Kept {
        _dir,
        path,
        cache,
        reference,
        file,
        good,
    }
}

#[test]
fn a_stale_truncated_or_foreign_index_is_ignored_and_replaced() {
    let Kept {
        _dir,
        path,
        cache,
        reference,
        file,
        good,
    } = kept();

    let truncated = &good[..good.len() / 2];
    std::fs::write(&file, truncated).expect("truncate");
    assert_eq!(cached_answers(&path, cache.path()), reference, "truncated");
    assert_eq!(std::fs::read(&file).expect("rewritten"), good, "replaced");

    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    std::fs::write(&file, &flipped).expect("corrupt");
    assert_eq!(cached_answers(&path, cache.path()), reference, "corrupt");
    assert_eq!(std::fs::read(&file).expect("rewritten"), good, "replaced");

    // Another store's index under this store's name: its key differs.
    let (_other_dir, other) = store_folder(7);
    let other_cache = tempfile::tempdir().expect("cache dir");
    cached_answers(&other, other_cache.path());
    let foreign = index_file(other_cache.path()).expect("other index");
    std::fs::copy(&foreign, &file).expect("foreign index");
    assert_eq!(cached_answers(&path, cache.path()), reference, "foreign");
    assert_eq!(std::fs::read(&file).expect("rewritten"), good, "replaced");

    // The store edited: the kept index is of the old one.
    let edited = std::fs::read_to_string(&path).expect("store") + "\n# edited\n";
    std::fs::write(&path, edited).expect("edit");
    std::fs::write(&file, &good).expect("old index");
    assert_eq!(cached_answers(&path, cache.path()), built_answers(&path));
    assert_ne!(std::fs::read(&file).expect("rewritten"), good, "stale");
}

/// The frames of a kept index file: (offset, length) of each frame's
/// bytes, after the magic, the key and each frame's 4-byte length.
fn frames(file: &[u8]) -> Vec<(usize, usize)> {
    let len_at =
        |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().expect("4 bytes")) as usize;
    let mut at = 8 + 4 + len_at(8);
    let mut out = Vec::new();
    while at < file.len() - 32 {
        out.push((at + 4, len_at(at)));
        at += 4 + len_at(at);
    }
    out
}

#[test]
fn malformed_word_tables_under_a_good_checksum_are_refused() {
    let Kept {
        _dir,
        path,
        cache,
        reference,
        file,
        good,
    } = kept();
    let frames = frames(&good);
    // Format, index, then per table (event words, postings): ends, bytes.
    assert_eq!(frames.len(), 6, "the kept index's frames");
    let (from, end) = (frames[0].0 - 4, good.len() - 32);
    let sum = blake3::hash(&good[from..end]);
    assert_eq!(
        sum.as_bytes(),
        &good[end..],
        "the checksum as the cache makes it"
    );
    for table in [3, 5] {
        let (start, len) = frames[table];
        let mut bad = good.clone();
        // A continuation bit on a list's last byte: its last item never ends.
        bad[start + len - 1] |= 0x80;
        let sum = blake3::hash(&bad[from..end]);
        bad[end..].copy_from_slice(sum.as_bytes());
        std::fs::write(&file, &bad).expect("damaged table");
        assert_eq!(
            cached_answers(&path, cache.path()),
            reference,
            "table {table}"
        );
        assert_eq!(std::fs::read(&file).expect("rewritten"), good, "replaced");
    }
}

/// `chronoscope search QUERY --json --limit 0` on `store`: through the
/// cache folder `cache`, or with `--no-cache` when there is none.
fn search(store: &str, query: &str, cache: Option<&Path>) -> std::process::Output {
    let mut cmd = Command::cargo_bin("chronoscope").expect("binary");
    cmd.args(["--store", store]);
    match cache {
        Some(dir) => cmd.env("CHRONOSCOPE_CACHE_DIR", dir),
        None => cmd.arg("--no-cache"),
    };
    let words = query.split(' ');
    cmd.arg("search")
        .args(words)
        .args(["--json", "--limit", "0"]);
    cmd.output().expect("runs")
}

#[test]
fn search_through_the_kept_index_prints_what_no_cache_prints() {
    let (_dir, path) = store_folder(42);
    let cache = tempfile::tempdir().expect("cache dir");
    let store = path.to_str().expect("utf-8 path");
    for query in ["koizumi", "abd tag:abduction", "kozumi --timeline"] {
        let reference = search(store, query, None);
        assert!(!reference.stdout.is_empty(), "{query}: printed");
        assert_eq!(
            search(store, query, Some(cache.path())),
            reference,
            "{query}: cold"
        );
        assert!(index_file(cache.path()).is_some(), "{query}: index kept");
        assert_eq!(
            search(store, query, Some(cache.path())),
            reference,
            "{query}: warm"
        );
    }
}
