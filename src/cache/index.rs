//! The search index kept beside a store's snapshot (`NAME.index`), so a
//! one-shot `search` or the explorer on an unchanged store reads its index
//! instead of building it (1.5 s at 100 000 events).
//!
//! Keyed and checked exactly like `NAME.report`: the file starts with the
//! snapshot's key (store and source hashes, program version), compared with
//! the key of the store just loaded before anything else is read; then the
//! payload's checksum; then the payload, led by `INDEX_FORMAT` so an index
//! of another layout is never decoded as this one: the index's serial form,
//! then each gap-coded table (event words, postings) as its list ends and
//! its bytes as they are, read straight into the buffer the engine walks
//! (`IdLists::from_parts` checks them). Written atomically, best
//! effort. A stale, truncated, corrupt or foreign file is ignored (and
//! replaced by the index built instead); a decoded index is still checked
//! to fit the store before use (`Index::restore`).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::frames::FrameReader;
use super::key::Key;
use super::{Snapshot, write};
use crate::search::index::{IdLists, Index};
use crate::store::{Loaded, Store, ToCheck};

/// Layout version of the stored index; bump when the index types change
/// shape or meaning. 2: the word tables' bytes in frames of their own.
/// 3: the vocabulary as one string and its words' ends; the atoms per
/// event at the narrowest width, each flagged when the title names it;
/// the first letters in five bytes a field. 4: the word tables' field bits
/// as a 3-bit code below each gap.
const INDEX_FORMAT: u32 = 4;

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
    let (key, index) = decode(&cache.file()?)?;
    trusted(key, index, cache, store)
}

/// The key and index of a kept index file whose checksum and format hold;
/// not yet compared with any store.
fn decode(file: &Path) -> Option<(Key, Index)> {
    let (key, mut frames) = FrameReader::open(file)?;
    let sealed = frames.sealed();
    if frames.frame::<u32>()? != INDEX_FORMAT {
        return None;
    }
    let index = frames.frame::<Index>()?;
    let mut table = || IdLists::from_parts(frames.frame()?, frames.raw_frame()?);
    let (words, postings) = (table()?, table()?);
    let index = index.with_tables(words, postings);
    (frames.finish() && sealed()).then_some((key, index))
}

/// `index` when `key` is the key of the store just loaded and the index
/// fits that store.
fn trusted(key: Key, index: Index, cache: &IndexCache, store: &Store) -> Option<Index> {
    if Some(&key) != cache.0.get().map(|s| &s.key) {
        return None;
    }
    index.restore(store)
}

/// A kept index read on another thread while its store loads (a one-shot
/// `search`: the two reads take about as long as each other). Nothing read
/// is used before [`ReadAhead::take`] has compared its key with the key of
/// the store that was loaded.
pub struct ReadAhead(std::thread::JoinHandle<Option<(Key, Index)>>);

impl ReadAhead {
    /// Starts reading the index kept for the store file at `path` in the
    /// cache folder (none when the cache is off).
    pub fn start(path: &Path) -> Option<ReadAhead> {
        let file = super::folder()?
            .join(super::key::name_for(path))
            .with_extension("index");
        Some(ReadAhead(std::thread::spawn(move || decode(&file))))
    }

    /// The index read ahead, when it is the one kept for `store` (`cache`
    /// is where the loaded store says its index is kept).
    pub(crate) fn take(self, cache: Option<&IndexCache>, store: &Store) -> Option<Index> {
        let (key, index) = self.0.join().ok()??;
        trusted(key, index, cache?, store)
    }
}

/// Keeps `index` for the next open of the same store (best effort: a cache
/// that cannot be written only costs time).
pub(crate) fn remember(cache: &IndexCache, index: &Index) {
    let (Some(file), Some(snapshot)) = (cache.file(), cache.0.get()) else {
        return;
    };
    let _ = write(&file, &snapshot.key, |out| {
        out.frame(&INDEX_FORMAT)?;
        out.frame(index)?;
        for table in index.tables() {
            out.frame(&table.ends())?;
            out.raw_frame(table.bytes())?;
        }
        Ok(())
    });
}
