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

use super::{Snapshot, split, write};
use crate::search::index::Index;
use crate::store::{Loaded, Store, ToCheck};

/// Layout version of the stored index; bump when the index types change
/// shape or meaning.
const INDEX_FORMAT: u32 = 1;

/// Where the index of a store loaded through the cache is kept: the
/// store's snapshot (only stores with one have a kept index).
#[derive(Debug, Clone)]
pub struct IndexCache(Snapshot);

impl Loaded {
    /// Where this store's search index is kept, when it came with a
    /// snapshot (a cached store at least [`super::MIN_STORE_BYTES`] big).
    pub fn index_cache(&self) -> Option<IndexCache> {
        self.snapshot.clone().map(IndexCache)
    }
}

impl ToCheck {
    /// As [`Loaded::index_cache`], after [`Loaded::split`].
    pub fn index_cache(&self) -> Option<IndexCache> {
        self.snapshot.clone().map(IndexCache)
    }
}

fn path(cache: &IndexCache) -> std::path::PathBuf {
    cache.0.base.with_extension("index")
}

/// The kept index of `store`, when the file is there, its key is the
/// store's, its checksum and format hold, and it fits the store.
pub(crate) fn read(cache: &IndexCache, store: &Store) -> Option<Index> {
    let bytes = std::fs::read(path(cache)).ok()?;
    let (found, payload) = split(&bytes)?;
    if found != cache.0.key {
        return None;
    }
    let (format, rest) = postcard::take_from_bytes::<u32>(payload).ok()?;
    if format != INDEX_FORMAT {
        return None;
    }
    postcard::from_bytes::<Index>(rest).ok()?.restore(store)
}

/// Keeps `index` for the next open of the same store (best effort: a cache
/// that cannot be written only costs time).
pub(crate) fn remember(cache: &IndexCache, index: &Index) {
    let _ = write(&path(cache), &cache.0.key, &(INDEX_FORMAT, index));
}
