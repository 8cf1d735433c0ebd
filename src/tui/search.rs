//! The explorer's side of search: the engine built off the UI thread, the
//! searcher it feeds, the filtered view of the hits, and the prompt's history.
//! [`super::app::App`] drives it; the domain engine lives in `crate::search`.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use crate::cache::index::IndexCache;
use crate::search::query::MAX_QUERY_BYTES;
use crate::search::{Engine, Highlight, Order, Query, QueryError, Results, Searcher};
use crate::store::Store;

use super::rows::{Row, Timeline};

/// Most queries remembered by the prompt history (per session).
pub const HISTORY: usize = 100;

/// The prompt accepts at most this many bytes, as the engine does.
pub const PROMPT_CAP: usize = MAX_QUERY_BYTES;

/// No row: the event is not a hit.
const NO_ROW: u32 = u32::MAX;

/// The hits of one query as the timeline shows them.
#[derive(Debug, Clone)]
pub struct Filter {
    /// The hits, in display order (`results.order`), and the query.
    pub results: Results,
    /// Rows of the filtered timeline (year separators only in timeline order).
    pub rows: Vec<Row>,
    /// Row of each store event, `NO_ROW` for events that are not hits.
    row_of: Vec<u32>,
    /// Position of each store event in the hits, `NO_ROW` for non-hits.
    pos_of: Vec<u32>,
}

impl Filter {
    /// The filtered view of `results` over `timeline`, in `order`.
    pub fn new(mut results: Results, order: Order, timeline: &Timeline) -> Filter {
        if results.order != order {
            results.sort(order);
        }
        let mut f = Filter {
            results,
            rows: Vec::new(),
            row_of: Vec::new(),
            pos_of: Vec::new(),
        };
        f.layout(timeline);
        f
    }

    /// Recomputes the rows for the hits in their current order.
    fn layout(&mut self, timeline: &Timeline) {
        let n = timeline.years.len();
        let hits = &self.results.hits;
        self.rows = Vec::with_capacity(hits.len() * 2);
        self.row_of = vec![NO_ROW; n];
        self.pos_of = vec![NO_ROW; n];
        let mut year: Option<Option<i64>> = None;
        for (pos, h) in hits.iter().enumerate() {
            let e = h.event;
            if self.results.order == Order::Timeline {
                let y = timeline.years.get(e).copied().flatten();
                if year != Some(y) {
                    self.rows.push(Row::Year(y));
                    year = Some(y);
                }
            }
            if e < n {
                self.row_of[e] = self.rows.len() as u32;
                self.pos_of[e] = pos as u32;
            }
            self.rows.push(Row::Event(e));
        }
    }

    /// Puts the hits in `order`.
    pub fn reorder(&mut self, order: Order, timeline: &Timeline) {
        self.results.sort(order);
        self.layout(timeline);
    }

    /// The query these are the hits of.
    pub fn query(&self) -> &Query {
        &self.results.query
    }

    /// Number of hits.
    pub fn len(&self) -> usize {
        self.results.hits.len()
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.results.hits.is_empty()
    }

    /// True while hits are still filling in.
    pub fn partial(&self) -> bool {
        !self.results.complete
    }

    /// The event at display position `pos`.
    pub fn event_at(&self, pos: usize) -> Option<usize> {
        self.results.hits.get(pos).map(|h| h.event)
    }

    /// The timeline row of event `e`, if it is a hit.
    pub fn row_of(&self, e: usize) -> Option<usize> {
        self.row_of
            .get(e)
            .filter(|&&r| r != NO_ROW)
            .map(|&r| r as usize)
    }

    /// The position of event `e` among the hits, if it is a hit.
    pub fn pos_of(&self, e: usize) -> Option<usize> {
        self.pos_of
            .get(e)
            .filter(|&&r| r != NO_ROW)
            .map(|&r| r as usize)
    }
}

/// The engine, while it is being built and once it is ready.
#[derive(Debug)]
enum Slot {
    Building(Receiver<Arc<Engine>>),
    Ready(Box<Searcher>, Arc<Engine>),
    Failed,
}

/// Search state kept across prompts: engine, searcher, last results, history.
#[derive(Debug)]
pub struct SearchState {
    slot: Slot,
    /// Text submitted to the searcher, waiting for the engine or a poll.
    pending: Option<String>,
    /// Generation whose updates feed the view.
    live: Option<u64>,
    /// The latest complete or partial results of the live query.
    pub results: Option<Results>,
    /// Why the prompt's query cannot run.
    pub error: Option<QueryError>,
    /// Queries accepted with Enter, oldest first.
    pub history: Vec<String>,
}

impl SearchState {
    /// Starts indexing `store` on a background thread, or reading its index
    /// from `index` when one fitting it is kept there (an unchanged store:
    /// search is ready almost at once).
    pub fn new(store: Arc<Store>, index: Option<IndexCache>) -> SearchState {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("chronoscope-index".into())
            .spawn(move || {
                let (engine, read) = Engine::read_or_build(store, index.as_ref());
                let engine = Arc::new(engine);
                // Search first; then the built index is kept for next time.
                if tx.send(Arc::clone(&engine)).is_ok()
                    && let (false, Some(c)) = (read, &index)
                {
                    engine.keep_index(c);
                }
            });
        SearchState {
            slot: if spawned.is_ok() {
                Slot::Building(rx)
            } else {
                Slot::Failed
            },
            pending: None,
            live: None,
            results: None,
            error: None,
            history: Vec::new(),
        }
    }

    /// Re-indexes after a reload (from `index` when kept there), keeping the history.
    pub fn rebuild(&mut self, store: Arc<Store>, index: Option<IndexCache>) {
        let history = std::mem::take(&mut self.history);
        *self = SearchState::new(store, index);
        self.history = history;
    }

    /// True once the engine is built.
    pub fn ready(&mut self) -> bool {
        self.engine_now(false);
        matches!(self.slot, Slot::Ready(..))
    }

    fn engine_now(&mut self, block: bool) {
        if let Slot::Building(rx) = &self.slot {
            let got = if block {
                rx.recv().ok()
            } else {
                match rx.try_recv() {
                    Ok(e) => Some(e),
                    Err(mpsc::TryRecvError::Empty) => return,
                    Err(mpsc::TryRecvError::Disconnected) => None,
                }
            };
            self.slot = match got {
                Some(engine) => Slot::Ready(Box::new(Searcher::new(Arc::clone(&engine))), engine),
                None => Slot::Failed,
            };
        }
    }

    /// Waits until the index is built (for tests and scripted use).
    pub fn wait_ready(&mut self) {
        self.engine_now(true);
    }

    /// True while the index thread has not delivered (as of the last poll).
    pub fn building(&self) -> bool {
        matches!(self.slot, Slot::Building(_))
    }

    /// The engine, when ready.
    pub fn engine(&self) -> Option<&Arc<Engine>> {
        match &self.slot {
            Slot::Ready(_, e) => Some(e),
            _ => None,
        }
    }

    /// True when the index could not be built (no thread).
    pub fn failed(&self) -> bool {
        matches!(self.slot, Slot::Failed)
    }

    /// Asks for `text` to be searched (sent at the next [`SearchState::pump`]).
    pub fn request(&mut self, text: &str) {
        self.pending = Some(text.to_string());
        self.error = None;
    }

    /// Stops feeding the view (Esc, clear): later updates are ignored.
    pub fn stop(&mut self) {
        self.pending = None;
        self.live = None;
        self.error = None;
        self.results = None;
    }

    /// True while a query is waiting or running.
    pub fn busy(&self) -> bool {
        self.pending.is_some() || self.live.is_some()
    }

    /// Submits a pending query and collects the newest update; `block` waits
    /// until the query is done. Returns true when results or an error changed.
    pub fn pump(&mut self, block: bool) -> bool {
        if self.pending.is_some() {
            self.engine_now(block);
        }
        let Slot::Ready(searcher, _) = &mut self.slot else {
            return false;
        };
        if let Some(text) = self.pending.take() {
            self.live = Some(searcher.submit(&text));
        }
        let Some(live) = self.live else {
            return false;
        };
        let update = if block {
            searcher.wait(std::time::Duration::from_secs(60))
        } else {
            searcher.poll()
        };
        let Some(u) = update.filter(|u| u.generation == live) else {
            return false;
        };
        if u.done {
            self.live = None;
        }
        match u.outcome {
            Ok(r) => {
                self.error = None;
                self.results = Some(r);
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// Remembers an accepted query (no consecutive duplicates).
    pub fn remember(&mut self, text: &str) {
        if text.trim().is_empty() || self.history.last().is_some_and(|h| h == text) {
            return;
        }
        self.history.push(text.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// Where the query's free terms match event `e`.
    pub fn highlights(&self, query: &Query, e: usize) -> Vec<Highlight> {
        self.engine()
            .map(|eng| eng.highlights(query, e))
            .unwrap_or_default()
    }
}
