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

use serde::{Deserialize, Serialize};

use crate::check::Report;
use crate::error::LoadError;
use crate::sources::Resolver;
use crate::store::{Loaded, Origin, Store};

pub mod index;
mod record;

use record::{FindingRecord, ReportRecord};

/// Snapshot layout version; bump when the stored types change shape.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"CHRONOS\x01";
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

/// What must be unchanged for a snapshot to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    format: u32,
    program: String,
    store_name: String,
    store_hash: [u8; 32],
    /// Per declared source: its path and the hash of its text, or the problem.
    sources: Vec<(String, Result<[u8; 32], String>)>,
}

/// Where a loaded store's snapshot lives, to add the check report later.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    base: PathBuf,
    key: Key,
}

#[derive(Deserialize)]
struct StorePayload {
    store: Store,
    findings: Vec<FindingRecord>,
}

/// [`StorePayload`] as written: the same encoding, borrowing the store
/// (a copy would double the memory of a big store while it is written).
#[derive(Serialize)]
struct StorePayloadRef<'a> {
    store: &'a Store,
    findings: Vec<FindingRecord>,
}

/// Loads the store at `path` through the cache when it is enabled (see
/// [`open_in`]).
pub fn open(path: &Path) -> Result<Loaded, LoadError> {
    let folder = if enabled() { dir() } else { None };
    open_in(path, folder.as_deref())
}

/// Loads the store at `path`, from its snapshot in `cache_dir` when one
/// holds, else from YAML (then writing the snapshot); `None` reads YAML
/// only. The result is the same either way.
pub fn open_in(path: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let text = crate::yaml::read_store_file(path)?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let origin = Origin::File(path.to_path_buf());
    let resolver = Resolver::Folder(folder);
    let base = match (text.len() >= MIN_STORE_BYTES, cache_dir) {
        (true, Some(d)) => d.join(name_for(path)),
        _ => return Store::load_str(&text, origin, &resolver),
    };
    let store_hash = *blake3::hash(text.as_bytes()).as_bytes();
    // The text is not needed to read a snapshot: read it again on a miss
    // rather than hold it (as big as the store) while the snapshot decodes.
    drop(text);
    if let Some(loaded) = read(&base, &origin, store_hash, &resolver) {
        return Ok(loaded);
    }
    let text = crate::yaml::read_store_file(path)?;
    if *blake3::hash(text.as_bytes()).as_bytes() != store_hash {
        // Edited meanwhile: load what is there now, without a snapshot.
        return Store::load_str(&text, origin, &resolver);
    }
    let mut loaded = Store::load_str(&text, origin, &resolver)?;
    drop(text);
    let key = key_of(&loaded.store, store_hash);
    let payload = StorePayloadRef {
        store: &loaded.store,
        findings: loaded.findings.iter().map(FindingRecord::from).collect(),
    };
    if write(&base.with_extension("store"), &key, &payload).is_ok() {
        loaded.snapshot = Some(Snapshot { base, key });
    }
    Ok(loaded)
}

/// Keeps `report` beside the store's snapshot (best effort: a cache that
/// cannot be written only costs time).
pub(crate) fn remember_report(snapshot: &Snapshot, report: &Report) {
    let _ = write(
        &snapshot.base.with_extension("report"),
        &snapshot.key,
        &ReportRecord::from(report),
    );
}

fn name_for(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let digest = blake3::hash(absolute.as_os_str().as_encoded_bytes());
    digest.to_hex()[..32].to_string()
}

fn key_of(store: &Store, store_hash: [u8; 32]) -> Key {
    Key {
        format: FORMAT,
        program: env!("CARGO_PKG_VERSION").to_string(),
        store_name: store.origin.display_name(),
        store_hash,
        sources: store
            .sources
            .iter()
            .map(|s| {
                let state = match &s.text {
                    Ok(t) => Ok(*blake3::hash(t.text.as_bytes()).as_bytes()),
                    Err(p) => Err(p.to_string()),
                };
                (s.path.clone(), state)
            })
            .collect(),
    }
}

/// The store from its snapshot, when the key matches what is on disk now.
fn read(base: &Path, origin: &Origin, store_hash: [u8; 32], resolver: &Resolver) -> Option<Loaded> {
    let bytes = std::fs::read(base.with_extension("store")).ok()?;
    let (key, payload) = split(&bytes)?;
    if key.format != FORMAT
        || key.program != env!("CARGO_PKG_VERSION")
        || key.store_name != origin.display_name()
        || key.store_hash != store_hash
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
    let payload: StorePayload = postcard::from_bytes(payload).ok()?;
    let mut store = payload.store;
    if store.sources.len() != texts.len() || store.origin != *origin {
        return None;
    }
    for (source, text) in store.sources.iter_mut().zip(texts) {
        source.text = text;
    }
    store.reindex();
    let findings = payload
        .findings
        .into_iter()
        .map(FindingRecord::into_finding)
        .collect::<Option<Vec<_>>>()?;
    let checked = read_report(base, &key);
    Some(Loaded {
        store,
        findings,
        checked,
        snapshot: Some(Snapshot {
            base: base.to_path_buf(),
            key,
        }),
        from_cache: true,
    })
}

fn read_report(base: &Path, key: &Key) -> Option<Report> {
    let bytes = std::fs::read(base.with_extension("report")).ok()?;
    let (found, payload) = split(&bytes)?;
    if &found != key {
        return None;
    }
    postcard::from_bytes::<ReportRecord>(payload)
        .ok()?
        .into_report()
}

/// Header and payload of a snapshot file: magic, key length, key, payload
/// checksum, payload. `None` when anything is off.
fn split(bytes: &[u8]) -> Option<(Key, &[u8])> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (len, rest) = rest.split_first_chunk::<4>()?;
    let len = u32::from_le_bytes(*len) as usize;
    let key_bytes = rest.get(..len)?;
    let rest = &rest[len..];
    let (sum, payload) = rest.split_first_chunk::<32>()?;
    if blake3::hash(payload).as_bytes() != sum {
        return None;
    }
    Some((postcard::from_bytes(key_bytes).ok()?, payload))
}

fn write(path: &Path, key: &Key, payload: &impl Serialize) -> Result<(), ()> {
    let folder = path.parent().ok_or(())?;
    create_private_dir(folder).map_err(|_| ())?;
    let key_bytes = postcard::to_stdvec(key).map_err(|_| ())?;
    // One buffer: the header with room for the checksum, then the payload.
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(key_bytes.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&key_bytes);
    let sum_at = bytes.len();
    bytes.extend_from_slice(&[0; 32]);
    let mut bytes = postcard::to_extend(payload, bytes).map_err(|_| ())?;
    let sum = blake3::hash(&bytes[sum_at + 32..]);
    bytes[sum_at..sum_at + 32].copy_from_slice(sum.as_bytes());
    crate::export::write::write_atomic(path, &bytes, true).map_err(|_| ())?;
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
