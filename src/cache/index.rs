//! The search index kept beside a store's snapshot (`NAME.index`), so a
//! one-shot `search` or the explorer on an unchanged store reads its index
//! instead of building it (1.5 s at 100 000 events).
//!
//! Keyed and checked exactly like `NAME.report`: the file starts with the
//! snapshot's key (store and source hashes, program version), compared with
//! the key of the store just loaded before anything else is read; then the
//! payload's checksum; then the payload, led by `INDEX_FORMAT` so an index
//! of another layout is never decoded as this one. Written atomically, best
//! effort. A stale, truncated, corrupt or foreign file is ignored (and
//! replaced by the index built instead); a decoded index is still checked
//! to fit the store before use (`Index::restore`).

use std::sync::{Arc, OnceLock};

use super::frames::FrameReader;
use super::{Snapshot, write};
use crate::search::index::Index;
use crate::store::{Loaded, Store, ToCheck};

/// Layout version of the stored index; bump when the index types change
/// shape or meaning.
const INDEX_FORMAT: u32 = 1;

/// Where the index of a store loaded through the cache is kept: beside the
/// store's snapshot (only stores with one have a kept index). The explorer
/// writes a new store's snapshot after its first frame, while the index is
/// building: the place is known once that snapshot is written, and an
/// index built before then is not kept.
#[derive(Debug, Clone)]
pub struct IndexCache(Arc<OnceLock<Snapshot>>);

impl IndexCache {
    fn at(snapshot: Snapshot) -> IndexCache {
        IndexCache(Arc::new(OnceLock::from(snapshot)))
    }

    /// A place that [`IndexCache::found`] fills once the snapshot is written.
    pub(crate) fn later() -> IndexCache {
        IndexCache(Arc::new(OnceLock::new()))
    }

    /// The snapshot is written: the index is kept beside it from now on.
    pub(crate) fn found(&self, snapshot: &Snapshot) {
        let _ = self.0.set(snapshot.clone());
    }

    fn file(&self) -> Option<std::path::PathBuf> {
        self.0.get().map(|s| s.base.with_extension("index"))
    }
}

impl Loaded {
    /// Where this store's search index is kept, when it came with a
    /// snapshot (a cached store at least [`super::MIN_STORE_BYTES`] big).
    pub fn index_cache(&self) -> Option<IndexCache> {
        self.snapshot.clone().map(IndexCache::at)
    }
}

impl ToCheck {
    /// As [`Loaded::index_cache`], after [`Loaded::split`]; for a snapshot
    /// still to be written ([`ToCheck::save_snapshot`]), the place it will have.
    pub fn index_cache(&self) -> Option<IndexCache> {
        match (&self.snapshot, &self.index_place) {
            (Some(s), _) => Some(IndexCache::at(s.clone())),
            (None, place) => place.clone(),
        }
    }
}

/// The kept index of `store`, when the file is there, its key is the
/// store's, its checksum and format hold, and it fits the store.
pub(crate) fn read(cache: &IndexCache, store: &Store) -> Option<Index> {
    let (found, mut frames) = FrameReader::open(&cache.file()?)?;
    if Some(&found) != cache.0.get().map(|s| &s.key) {
        return None;
    }
    let sealed = frames.sealed();
    if frames.frame::<u32>()? != INDEX_FORMAT {
        return None;
    }
    let index = frames.frame::<Index>()?;
    if !(frames.finish() && sealed()) {
        return None;
    }
    index.restore(store)
}

/// Keeps `index` for the next open of the same store (best effort: a cache
/// that cannot be written only costs time).
pub(crate) fn remember(cache: &IndexCache, index: &Index) {
    let (Some(file), Some(snapshot)) = (cache.file(), cache.0.get()) else {
        return;
    };
    let _ = write(&file, &snapshot.key, |out| {
        out.frame(&INDEX_FORMAT)?;
        out.frame(index)
    });
}
