//! Loading a [`Store`]: from the binary, a file or YAML text, and what
//! loading noticed before the quotes are checked.

use std::path::{Path, PathBuf};

use super::{Origin, Store, build};
use crate::error::LoadError;
use crate::finding::Finding;
use crate::sources::Resolver;

/// A store plus what loading noticed. The spanned file is not kept: the rules
/// that need its positions (ids, references, text safety of every field) run
/// while it is parsed, and the store keeps the positions findings point at.
pub struct Loaded {
    /// The store.
    pub store: Store,
    /// Problems found while loading (bad dates, unreadable sources, duplicate
    /// ids, unknown references, unsafe text), before the quotes are checked.
    pub findings: Vec<Finding>,
    /// The store's snapshot in the cache, where the report is added.
    pub(crate) snapshot: Option<crate::cache::Snapshot>,
    /// The snapshot to write, when it was left for later ([`ToCheck::save_snapshot`]).
    pub(crate) pending: Option<crate::cache::Pending>,
    /// Read from a snapshot rather than from YAML.
    pub(crate) from_cache: bool,
}

impl Loaded {
    /// Whether the store was read from a snapshot in the cache (unchanged
    /// since it was last opened) rather than parsed from YAML.
    pub fn from_cache(&self) -> bool {
        self.from_cache
    }

    /// Whether the check report is already known (from the snapshot), so
    /// [`crate::check::check`] returns at once.
    pub fn checked(&self) -> bool {
        self.snapshot.as_ref().is_some_and(crate::cache::has_report)
    }

    /// Where the check kept beside the store's snapshot found each quote,
    /// when there is a report for this very store (read from the cache
    /// folder now; its findings are left out, empty: an export gives each
    /// excerpt its place from it and shows no findings).
    pub(crate) fn kept_places(&self) -> Option<crate::check::Report> {
        self.snapshot.as_ref().and_then(crate::cache::recall_placed)
    }

    /// The store, and what checking it needs besides the store: so the
    /// explorer can share the store (`Arc`) with its view and search index
    /// while [`crate::check::check_store`] runs on another thread.
    pub fn split(self) -> (Store, ToCheck) {
        (
            self.store,
            ToCheck {
                findings: self.findings,
                snapshot: self.snapshot,
                index_place: self
                    .pending
                    .is_some()
                    .then(crate::cache::index::IndexCache::later),
                pending: self.pending,
            },
        )
    }
}

/// What [`crate::check::check_store`] needs besides the store (see [`Loaded::split`]).
pub struct ToCheck {
    /// The findings of loading.
    pub findings: Vec<Finding>,
    pub(crate) snapshot: Option<crate::cache::Snapshot>,
    pending: Option<crate::cache::Pending>,
    /// Where the search index will be kept once the pending snapshot is written.
    pub(crate) index_place: Option<crate::cache::index::IndexCache>,
}

impl ToCheck {
    /// Writes the store's snapshot when opening it left one to write
    /// ([`Store::open_deferred`]), so that the check report is kept beside
    /// it; does nothing otherwise.
    pub fn save_snapshot(&mut self, store: &Store) {
        if let Some(pending) = self.pending.take() {
            self.snapshot = crate::cache::save(store, &self.findings, pending);
            if let (Some(snapshot), Some(place)) = (&self.snapshot, &self.index_place) {
                place.found(snapshot);
            }
        }
    }

    /// Whether a snapshot is still to be written ([`Self::save_snapshot`]).
    pub fn snapshot_pending(&self) -> bool {
        self.pending.is_some()
    }
}

impl Store {
    /// Loads the chronology compiled into the binary.
    pub fn load_embedded() -> Result<Loaded, LoadError> {
        Self::load_str(
            crate::sources::EMBEDDED_STORE,
            Origin::Embedded,
            &Resolver::Embedded,
        )
    }

    /// Loads a store file from disk; its sources are read relative to its folder.
    pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
        Self::load_path_in_pieces(path, crate::yaml::stream::PIECE_BYTES)
    }

    /// Loads the embedded store, or the file at `path` when given, through
    /// the cache of parsed and checked stores ([`crate::cache`]) unless it is
    /// turned off.
    pub fn open(path: Option<&Path>) -> Result<Loaded, LoadError> {
        match path {
            Some(p) => crate::cache::open(p),
            None => Self::load_embedded(),
        }
    }

    /// Like [`Store::open`], but a snapshot of a store parsed from YAML is
    /// not written yet: the explorer shows the store first, then writes it
    /// ([`ToCheck::save_snapshot`]).
    pub fn open_deferred(path: Option<&Path>) -> Result<Loaded, LoadError> {
        match path {
            Some(p) => crate::cache::open_deferred(p),
            None => Self::load_embedded(),
        }
    }

    /// Loads the store file at `path`: read in pieces when it can be
    /// ([`crate::yaml::stream`]: its whole text is never held), else whole as
    /// [`Store::load_string`] does (which words every error); with the BLAKE3
    /// hash of its text, as the cache's key takes it.
    pub(crate) fn load_file(
        path: &Path,
        origin: Origin,
        resolver: &Resolver,
    ) -> Result<(Loaded, [u8; 32]), LoadError> {
        let piece = crate::yaml::stream::PIECE_BYTES;
        Self::load_file_in(path, origin, resolver, piece)
    }

    /// [`Store::load_path`], its events read in pieces of about `piece`
    /// bytes (for tests: pieces cut everywhere).
    #[doc(hidden)]
    pub fn load_path_in_pieces(path: &Path, piece: usize) -> Result<Loaded, LoadError> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let origin = Origin::File(path.to_path_buf());
        Self::load_file_in(path, origin, &Resolver::Folder(folder), piece).map(|(loaded, _)| loaded)
    }

    fn load_file_in(
        path: &Path,
        origin: Origin,
        resolver: &Resolver,
        piece: usize,
    ) -> Result<(Loaded, [u8; 32]), LoadError> {
        let name = origin.display_name();
        let step = build::Step { file: &name };
        if let Some(read) = crate::yaml::stream::read(path, &step, piece) {
            let named = Path::new(&name);
            let head = crate::yaml::longest_value_within_cap(read.head, named)?;
            if let Some((key, pos, size)) = read.events.too_long {
                return Err(crate::yaml::value_too_large(named, key, pos, size));
            }
            let loaded = built_store(head, read.events, origin, resolver);
            return Ok((loaded, read.hash));
        }
        let text = crate::yaml::read_store_file(path)?;
        let hash = *blake3::hash(text.as_bytes()).as_bytes();
        Ok((Store::load_string(text, origin, resolver)?, hash))
    }

    /// Loads a store from YAML text.
    pub fn load_str(yaml: &str, origin: Origin, resolver: &Resolver) -> Result<Loaded, LoadError> {
        let (head, built) = parsed(yaml, &origin)?;
        Ok(built_store(head, built, origin, resolver))
    }

    /// Loads a store from YAML text it takes, dropped once parsed (each
    /// event was made the store's as it was read): a big store's text (87
    /// MiB at 100,000 events) is not held while the store is finished.
    pub fn load_string(
        yaml: String,
        origin: Origin,
        resolver: &Resolver,
    ) -> Result<Loaded, LoadError> {
        let (head, built) = parsed(&yaml, &origin)?;
        drop(yaml);
        Ok(built_store(head, built, origin, resolver))
    }
}

/// The parsed file's head, and its events made the store's by [`build::Step`].
fn parsed(
    yaml: &str,
    origin: &Origin,
) -> Result<(crate::model::StoreFile, build::Built), LoadError> {
    let name = origin.display_name();
    let path = Path::new(&name);
    let (head, built) = crate::yaml::parse_events(yaml, path, &build::Step { file: &name })?;
    if let Some((key, pos, size)) = built.too_long {
        return Err(crate::yaml::value_too_large(path, key, pos, size));
    }
    Ok((head, built))
}

fn built_store(
    head: crate::model::StoreFile,
    built: build::Built,
    origin: Origin,
    resolver: &Resolver,
) -> Loaded {
    let mut findings = Vec::new();
    let store = build::build(head, built, origin, resolver, &mut findings);
    Loaded {
        store,
        findings,
        snapshot: None,
        pending: None,
        from_cache: false,
    }
}
