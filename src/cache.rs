//! Snapshots of parsed and checked stores, so reopening an unchanged store
//! skips the YAML parse and the quote checks.
//!
//! A snapshot is two files in the platform cache folder (`$XDG_CACHE_HOME`
//! or `~/.cache` on Linux, `~/Library/Caches` on macOS, then `chronoscope/`;
//! `CHRONOSCOPE_CACHE_DIR` overrides it), named by a hash of the store's
//! absolute path: `NAME.store` (the built store and its load findings) and
//! `NAME.report` (what `check` found). Each starts with its key: the format,
//! the program version, the store's name as findings print it, and BLAKE3
//! hashes of the store's bytes and of every source text (or how reading it
//! failed), all compared with what is on disk now before anything else is
//! read; then a BLAKE3 checksum of the payload. A snapshot that is stale,
//! truncated, corrupt or from another version is ignored and rebuilt.
//! The search index is kept beside them the same way ([`index`]).
//!
//! Encoding: `postcard` (serde, compact varints, a stable documented wire
//! format, no unsafe code; its decoder checks every length against the
//! input). rkyv would map without copying, but needs its own derives on every
//! type, the dates included, and trusts its input after one validation pass;
//! bincode's maintenance has stopped.
//! Stores under [`MIN_STORE_BYTES`] are not cached: they parse in
//! milliseconds. At most [`MAX_SNAPSHOTS`] stores are kept (oldest removed).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::check::Report;
use crate::error::LoadError;
use crate::finding::Finding;
use crate::sources::Resolver;
use crate::store::{Loaded, Origin, Store};

mod frames;
pub mod index;
mod key;
mod payload;
mod record;

use frames::{FrameReader, FrameWriter};
use key::{Key, hash_store_file, key_of, name_for};

/// Snapshot layout version; bump when the stored types change shape.
/// 2: framed events, checksum trailer, key with the store's length.
const FORMAT: u32 = 2;
/// Smallest store worth a snapshot: 1 MiB (about 1 500 events).
pub const MIN_STORE_BYTES: usize = 1024 * 1024;
/// Most stores kept in the cache folder.
pub const MAX_SNAPSHOTS: usize = 16;

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns the cache off (or on) for this process (`--no-cache`).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether [`crate::store::Store::open`] uses the cache.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The cache folder: `CHRONOSCOPE_CACHE_DIR`, else the platform's.
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os("CHRONOSCOPE_CACHE_DIR") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::cache_dir().map(|d| d.join("chronoscope")),
    }
}

/// Where a loaded store's snapshot lives, to add the check report later.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    base: PathBuf,
    key: Key,
}

/// A snapshot not written yet: where it goes, and the hash of the text the
/// store was parsed from (see [`save`]).
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    base: PathBuf,
    store_len: u64,
    store_hash: [u8; 32],
}

/// Loads the store at `path` through the cache when it is enabled (see
/// [`open_in`]).
pub fn open(path: &Path) -> Result<Loaded, LoadError> {
    open_in(path, folder().as_deref())
}

/// Like [`open`], but a snapshot to write is left pending in the result
/// ([`crate::store::ToCheck::save_snapshot`]): the explorer shows the
/// store first and writes it after.
pub fn open_deferred(path: &Path) -> Result<Loaded, LoadError> {
    open_deferred_in(path, folder().as_deref())
}

/// [`open_in`], with the snapshot left pending as [`open_deferred`] does.
pub fn open_deferred_in(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    load(path, cache_dir)
}

fn folder() -> Option<PathBuf> {
    if enabled() { dir() } else { None }
}

/// Loads the store at `path`, from its snapshot in `cache_dir` when one
/// holds, else from YAML (then writing the snapshot); `None` reads YAML
/// only. The result is the same either way.
pub fn open_in(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let mut loaded = open_deferred_in(path, cache_dir)?;
    if let Some(pending) = loaded.pending.take() {
        loaded.snapshot = save(&loaded.store, &loaded.findings, pending);
    }
    Ok(loaded)
}

fn load(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let origin = Origin::File(path.to_path_buf());
    let resolver = Resolver::Folder(folder);
    let store_len = std::fs::metadata(path).map_or(0, |m| m.len());
    crate::memory::store_size(store_len);
    let Some(base) = cache_dir
        .filter(|_| store_len >= MIN_STORE_BYTES as u64)
        .map(|d| d.join(name_for(path)))
    else {
        return Store::load_file(path, origin, &resolver).map(|(loaded, _)| loaded);
    };
    // The store's text is hashed as it streams from the file, never held
    // (on a miss it is read again below, in pieces), on another core while
    // the snapshot is read: nothing read is used before the hashes match.
    let (snapshot, store_hash) = std::thread::scope(|s| {
        let hashing = s.spawn(|| hash_store_file(path));
        let snapshot = read(&base, &origin, store_len, &resolver);
        (snapshot, hashing.join().ok().flatten())
    });
    let Some(store_hash) = store_hash else {
        return Store::load_file(path, origin, &resolver).map(|(loaded, _)| loaded);
    };
    if let Some(loaded) = snapshot.filter(|l| {
        l.snapshot
            .as_ref()
            .is_some_and(|s| s.key.store_hash == store_hash)
    }) {
        return Ok(loaded);
    }
    // Read in pieces when it can be, hashed as it streams. Edited meanwhile
    // (the hash differs): keep what is there now, without a snapshot.
    let (mut loaded, hash) = Store::load_file(path, origin, &resolver)?;
    if hash == store_hash {
        loaded.pending = Some(Pending {
            base,
            store_len,
            store_hash,
        });
    }
    Ok(loaded)
}

/// Writes the snapshot of a store loaded from YAML (best effort: a cache
/// that cannot be written only costs time); where it is, when written.
pub(crate) fn save(store: &Store, findings: &[Finding], pending: Pending) -> Option<Snapshot> {
    let key = key_of(store, pending.store_len, pending.store_hash);
    let path = pending.base.with_extension("store");
    write(&path, &key, |out| payload::write(out, store, findings)).ok()?;
    Some(Snapshot {
        base: pending.base,
        key,
    })
}

/// Keeps `report` beside the store's snapshot (best effort: a cache that
/// cannot be written only costs time).
pub(crate) fn remember_report(snapshot: &Snapshot, report: &Report) {
    let _ = write(
        &snapshot.base.with_extension("report"),
        &snapshot.key,
        |out| record::write_report(out, report),
    );
}

/// The store from its snapshot, when its key matches what is on disk now,
/// but for the store's hash: the caller compares it (it is computed
/// meanwhile) before using anything.
fn read(base: &Path, origin: &Origin, store_len: u64, resolver: &Resolver) -> Option<Loaded> {
    let (key, mut frames) = FrameReader::open(&base.with_extension("store"))?;
    if key.format != FORMAT
        || key.program != env!("CARGO_PKG_VERSION")
        || key.store_name != origin.display_name()
        || key.store_len != store_len
    {
        return None;
    }
    // The source texts are read again (the store needs them anyway) and
    // must hash as they did.
    let texts = crate::store::read_sources(resolver, key.sources.iter().map(|(p, _)| p.as_str()));
    for ((_, want), got) in key.sources.iter().zip(&texts) {
        let now = match got {
            Ok(t) => Ok(*blake3::hash(t.text.as_bytes()).as_bytes()),
            Err(p) => Err(p.to_string()),
        };
        if &now != want {
            return None;
        }
    }
    let sealed = frames.sealed();
    let (decoded, sealed) = std::thread::scope(|s| {
        let sealed = s.spawn(sealed);
        let decoded = payload::read(&mut frames).filter(|_| frames.finish());
        (decoded, sealed.join().unwrap_or(false))
    });
    let (mut store, findings) = decoded.filter(|_| sealed)?;
    if store.sources.len() != texts.len() || store.origin != *origin {
        return None;
    }
    for (source, text) in store.sources.iter_mut().zip(texts) {
        source.text = text;
    }
    store.reindex();
    Some(Loaded {
        store,
        findings,
        snapshot: Some(Snapshot {
            base: base.to_path_buf(),
            key,
        }),
        pending: None,
        from_cache: true,
    })
}

/// The check report kept beside `snapshot`, when it is there and was made
/// for this very store. Read only when a check asks for it: a one-shot
/// `list` or `show` never needs it.
pub(crate) fn recall_report(snapshot: &Snapshot) -> Option<Report> {
    recall(snapshot, record::read_report)
}

/// The placed quotes of the check report kept beside `snapshot` (its
/// findings left out and empty), under the same conditions: what an export
/// needs to give each excerpt its place.
pub(crate) fn recall_placed(snapshot: &Snapshot) -> Option<Report> {
    recall(snapshot, record::read_placed)
}

fn recall(snapshot: &Snapshot, read: fn(&mut FrameReader) -> Option<Report>) -> Option<Report> {
    let (found, mut frames) = FrameReader::open(&snapshot.base.with_extension("report"))?;
    if found != snapshot.key {
        return None;
    }
    let sealed = frames.sealed();
    let report = read(&mut frames)?;
    (frames.finish() && sealed()).then_some(report)
}

/// Whether a report for this very store is kept beside `snapshot` (its key
/// only is read).
pub(crate) fn has_report(snapshot: &Snapshot) -> bool {
    FrameReader::open(&snapshot.base.with_extension("report"))
        .is_some_and(|(k, _)| k == snapshot.key)
}

/// Writes a snapshot file atomically (through the exports' writer: regular
/// files only, the temporary removed on a signal), its frames streamed by
/// `frames` into a buffered writer: no encoded copy of the store is held.
fn write(
    path: &Path,
    key: &Key,
    frames: impl FnOnce(&mut FrameWriter<'_>) -> std::io::Result<()>,
) -> Result<(), ()> {
    let folder = path.parent().ok_or(())?;
    create_private_dir(folder).map_err(|_| ())?;
    crate::export::write::write_atomic_with(path, true, |out| {
        let mut out = FrameWriter::start(out, key)?;
        frames(&mut out)?;
        out.finish()
    })
    .map_err(|_| ())?;
    prune(folder);
    Ok(())
}

fn create_private_dir(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

/// Keeps the [`MAX_SNAPSHOTS`] most recently written stores.
fn prune(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut snaps: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "store"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if snaps.len() <= MAX_SNAPSHOTS {
        return;
    }
    snaps.sort();
    for (_, old) in &snaps[..snaps.len() - MAX_SNAPSHOTS] {
        let _ = std::fs::remove_file(old);
        let _ = std::fs::remove_file(old.with_extension("report"));
        let _ = std::fs::remove_file(old.with_extension("index"));
    }
}
