//! Search, filters and time operators over a [`Store`], shared by
//! `chronoscope search`, `--query` on `list`/`export`, and the explorer's `/`.
//!
//! [`Engine::new`] builds the index once; [`Engine::parse`] reads a query and
//! checks its event and era ids; [`Engine::search`] returns [`Results`]: hits
//! ranked by relevance (field weight × match kind, see `matching.rs` and
//! `plan.rs`), events that only possibly satisfy a time operator after the
//! others (`time.rs`), ties in chronological order. [`Engine::highlights`]
//! gives the matched byte ranges of one hit for display. [`Searcher`] runs
//! queries on a worker thread with cancellation and progressive results, for
//! a UI that must never block.

mod highlight;
pub(crate) mod index;
mod longtext;
pub mod matching;
mod plan;
pub mod query;
mod rank;
mod searcher;
pub mod text;
mod time;
mod values;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use highlight::Highlight;
pub use query::{Anchor, Has, Query, QueryError, Term, TermKind};
pub use searcher::{Searcher, Update};
pub use time::Window;

use crate::cache::index::IndexCache;
use crate::store::Store;

/// Where in an event a term matched.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The headline.
    Title,
    /// An actor's name or alias.
    Actor,
    /// The place's name or alias.
    Place,
    /// A tag.
    Tag,
    /// The lane.
    Lane,
    /// An era the event falls in.
    Era,
    /// Title or publisher of a cited source.
    Source,
    /// The summary.
    Summary,
    /// An excerpt's quoted text.
    Excerpt,
    /// The researcher's note.
    Note,
    /// A discrepancy.
    Discrepancy,
    /// The event's date (a year or date typed as a term: `2014`, `2014-03`).
    Date,
}

impl Field {
    /// Every field, in display order.
    pub const ALL: [Field; 12] = [
        Field::Date,
        Field::Title,
        Field::Actor,
        Field::Place,
        Field::Tag,
        Field::Lane,
        Field::Era,
        Field::Source,
        Field::Summary,
        Field::Excerpt,
        Field::Note,
        Field::Discrepancy,
    ];

    /// Lower-case name ("title", "excerpt", …).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Actor => "actor",
            Field::Place => "place",
            Field::Tag => "tag",
            Field::Lane => "lane",
            Field::Era => "era",
            Field::Source => "source",
            Field::Summary => "summary",
            Field::Excerpt => "excerpt",
            Field::Note => "note",
            Field::Discrepancy => "discrepancy",
            Field::Date => "date",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of [`Field`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Fields(u16);

impl Fields {
    /// Adds a field.
    pub fn insert(&mut self, f: Field) {
        self.0 |= f.bit();
    }

    /// True when `f` is in the set.
    pub fn contains(self, f: Field) -> bool {
        self.0 & f.bit() != 0
    }

    /// True for the empty set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The fields, in display order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl std::ops::BitOrAssign for Fields {
    fn bitor_assign(&mut self, rhs: Fields) {
        self.0 |= rhs.0;
    }
}

/// One matching event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into `store.events` (chronological order).
    pub event: usize,
    /// Relevance: higher is better.
    pub score: i64,
    /// Where the free terms matched (empty for a filter-only query).
    pub fields: Fields,
    /// True when the event only possibly satisfies a time operator (its
    /// date, or the anchor's, is too imprecise or doubted to be sure).
    pub possible: bool,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Best match first, ties in chronological order.
    #[default]
    Relevance,
    /// Chronological order, as in the timeline.
    Timeline,
}

/// The outcome of one search.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// The query these are the hits of.
    pub query: Query,
    /// Matching events in [`Results::order`].
    pub hits: Vec<Hit>,
    /// Current order of `hits`.
    pub order: Order,
    /// False when the search was cancelled before it finished.
    pub complete: bool,
    /// Events examined (fewer than the store when a previous result was narrowed).
    pub examined: usize,
}

impl Results {
    /// Puts the hits in `order`.
    pub fn sort(&mut self, order: Order) {
        self.order = order;
        match order {
            Order::Relevance => rank::rank(&mut self.hits),
            Order::Timeline => self.hits.sort_unstable_by_key(|h| h.event),
        }
    }

    /// The hit events in chronological order (the candidates of a narrowed search).
    pub fn events_in_order(&self, store_len: usize) -> Vec<u32> {
        let mut bits = vec![0u64; store_len.div_ceil(64)];
        for h in &self.hits {
            bits[h.event / 64] |= 1 << (h.event % 64);
        }
        let mut out = Vec::with_capacity(self.hits.len());
        for (w, &word) in bits.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out.push((w * 64) as u32 + word.trailing_zeros());
                word &= word - 1;
            }
        }
        out
    }

    /// Position of the event in `hits`, if it is a hit.
    pub fn position_of(&self, event: usize) -> Option<usize> {
        self.hits.iter().position(|h| h.event == event)
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// A flag a long search checks to stop early.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every search holding this token to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The search engine of one store.
pub struct Engine {
    store: Arc<Store>,
    index: index::Index,
    threads: usize,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("events", &self.store.events.len())
            .field("vocabulary", &self.index.vocab.len())
            .field("atoms", &self.index.atoms.len())
            .finish()
    }
}

impl Engine {
    /// Indexes the store (once; the engine shares it with worker threads).
    pub fn new(store: Arc<Store>) -> Engine {
        Engine::cached(store, None)
    }

    /// The engine of a store loaded through the cache: its index read from
    /// beside the store's snapshot when a fitting one is kept there, else
    /// built and kept there for the next open. The engine answers the same
    /// either way; `None` only builds.
    pub fn cached(store: Arc<Store>, cache: Option<&IndexCache>) -> Engine {
        Engine::cached_ahead(store, cache, None)
    }

    /// As [`Engine::cached`], taking the kept index from `ahead` (read
    /// while the store loaded) when there is one.
    pub fn cached_ahead(
        store: Arc<Store>,
        cache: Option<&IndexCache>,
        ahead: Option<crate::cache::index::ReadAhead>,
    ) -> Engine {
        let (engine, read) = match ahead.and_then(|a| a.take(cache, &store)) {
            Some(index) => (Engine::with_index(store, index), true),
            None => Engine::read_or_build(store, cache),
        };
        if let (false, Some(c)) = (read, cache) {
            engine.keep_index(c);
        }
        engine
    }

    /// As [`Engine::cached`], leaving a built index unwritten: true when
    /// the index was read. The explorer answers searches first and keeps
    /// the index after ([`Engine::keep_index`]).
    pub fn read_or_build(store: Arc<Store>, cache: Option<&IndexCache>) -> (Engine, bool) {
        let kept = cache.and_then(|c| crate::cache::index::read(c, &store));
        let read = kept.is_some();
        let index = kept.unwrap_or_else(|| index::Index::build(&store));
        (Engine::with_index(store, index), read)
    }

    fn with_index(store: Arc<Store>, index: index::Index) -> Engine {
        Engine {
            store,
            index,
            threads: cores(),
        }
    }

    /// Keeps this engine's index in `cache` for the next open of the store.
    pub fn keep_index(&self, cache: &IndexCache) {
        crate::cache::index::remember(cache, &self.index);
    }

    /// The store searched.
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    /// Number of distinct words in the long-text index.
    pub fn vocabulary_len(&self) -> usize {
        self.index.vocab.len()
    }

    /// Uses at most `n` threads per search (default and maximum: the machine's cores, up to 8).
    pub fn set_threads(&mut self, n: usize) {
        self.threads = n.clamp(1, cores());
    }

    /// Parses a query and checks that the events and eras its time operators
    /// name exist in this store (an unknown id is an error with its span).
    pub fn parse(&self, text: &str) -> Result<Query, QueryError> {
        let query = Query::parse(text)?;
        for t in &query.terms {
            let (TermKind::Before(Anchor::Id(id))
            | TermKind::After(Anchor::Id(id))
            | TermKind::During(Anchor::Id(id))) = &t.kind
            else {
                continue;
            };
            let known =
                self.store.index_of(id).is_some() || self.store.eras.iter().any(|e| e.id == *id);
            if !known {
                let eras: Vec<&str> = self.store.eras.iter().map(|e| e.id.as_str()).collect();
                return Err(QueryError {
                    message: format!(
                        "no event or era `{id}` in this store; give an event id (`chronoscope list` shows them), an era ({}) or a date",
                        eras.join(", ")
                    ),
                    span: t.span.clone(),
                });
            }
        }
        Ok(query)
    }

    /// Runs a query over the whole store; hits in relevance order.
    pub fn search(&self, query: &Query, cancel: &CancelToken) -> Results {
        self.search_after(query, cancel, None)
    }

    /// Runs a query; when `previous` is a complete result of a query that
    /// `query` narrows (the user typed more), only its hits are examined.
    pub fn search_after(
        &self,
        query: &Query,
        cancel: &CancelToken,
        previous: Option<&Results>,
    ) -> Results {
        let candidates: Vec<u32> = match previous {
            Some(p) if p.complete && query.narrows(&p.query) => {
                p.events_in_order(self.store.events.len())
            }
            _ => (0..self.store.events.len() as u32).collect(),
        };
        let plan = self.plan(query, candidates.len());
        let mut hits = Vec::new();
        let complete = self.scan(&plan, &candidates, cancel, &mut hits);
        let mut results = Results {
            query: query.clone(),
            hits,
            order: Order::Relevance,
            complete,
            examined: candidates.len(),
        };
        if complete {
            self.finish(&mut results);
        }
        results
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_in_order_lists_hit_events_ascending() {
        let hit = |event| Hit {
            event,
            score: 1,
            fields: Fields::default(),
            possible: false,
        };
        let r = Results {
            hits: vec![hit(70), hit(3), hit(64), hit(0)],
            ..Results::default()
        };
        assert_eq!(r.events_in_order(100), vec![0, 3, 64, 70]);
    }
}
