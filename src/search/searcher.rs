//! Searching off the UI thread: a worker runs the newest query, a newer query
//! cancels the one running, and big stores report hits progressively.
//!
//! ```no_run
//! # use std::sync::Arc;
//! # use chronoscope::search::{Engine, Searcher};
//! # fn frame(engine: Arc<Engine>) {
//! let mut searcher = Searcher::new(engine);
//! searcher.submit("koizumi pyong");
//! // each frame:
//! if let Some(update) = searcher.poll() {
//!     // update.outcome: Ok(results so far) or Err(a filter error to show inline)
//! }
//! # }
//! ```

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::{CancelToken, Engine, Order, Query, QueryError, Results};

/// What the worker reports for the current query.
#[derive(Debug, Clone)]
pub struct Update {
    /// Which submission this answers (see [`Searcher::submit`]).
    pub generation: u64,
    /// The hits so far, or why the query cannot run.
    pub outcome: Result<Results, QueryError>,
    /// True for the last update of this query.
    pub done: bool,
}

struct Job {
    generation: u64,
    text: String,
    cancel: CancelToken,
}

/// Events per slice of a progressive search.
const SLICE: usize = 65_536;
/// Events in the first slice: small, so the first hits show within a frame
/// even when nearly every event matches (`k` at 1M events).
const FIRST_SLICE: usize = 16_384;
/// Least time between two partial updates.
const PARTIAL_EVERY: Duration = Duration::from_millis(30);

/// Runs queries on a worker thread; see the module documentation.
pub struct Searcher {
    jobs: Option<Sender<Job>>,
    updates: Receiver<Update>,
    generation: u64,
    current: CancelToken,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("generation", &self.generation)
            .finish()
    }
}

impl Searcher {
    /// Starts the worker thread.
    pub fn new(engine: Arc<Engine>) -> Searcher {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, updates) = mpsc::channel::<Update>();
        let worker = std::thread::Builder::new()
            .name("chronoscope-search".into())
            .spawn(move || work(&engine, &inbox, &outbox))
            .ok();
        Searcher {
            jobs: Some(jobs),
            updates,
            generation: 0,
            current: CancelToken::new(),
            worker,
        }
    }

    /// Starts searching `query`, cancelling the previous query; returns its generation.
    pub fn submit(&mut self, query: &str) -> u64 {
        self.current.cancel();
        self.current = CancelToken::new();
        self.generation += 1;
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Job {
                generation: self.generation,
                text: query.to_string(),
                cancel: self.current.clone(),
            });
        }
        self.generation
    }

    /// The newest update of the current query, if one arrived; never blocks.
    pub fn poll(&mut self) -> Option<Update> {
        let mut latest = None;
        while let Ok(u) = self.updates.try_recv() {
            if u.generation == self.generation {
                latest = Some(u);
            }
        }
        latest
    }

    /// Blocks until the current query is done, or `timeout` passes.
    pub fn wait(&mut self, timeout: Duration) -> Option<Update> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.updates.recv_timeout(left) {
                Ok(u) if u.generation == self.generation && u.done => return Some(u),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.current.cancel();
        self.jobs = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn work(engine: &Engine, inbox: &Receiver<Job>, outbox: &Sender<Update>) {
    let mut last: Option<Results> = None;
    while let Ok(mut job) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            job = newer;
        }
        if job.cancel.is_cancelled() {
            continue;
        }
        let send = |outcome, done| {
            outbox
                .send(Update {
                    generation: job.generation,
                    outcome,
                    done,
                })
                .is_ok()
        };
        let query = match engine.parse(&job.text) {
            Ok(q) => q,
            Err(e) => {
                if !send(Err(e), true) {
                    return;
                }
                continue;
            }
        };
        if let Some(results) = run(engine, &query, &job.cancel, last.as_ref(), &send) {
            let alive = send(Ok(results.clone()), true);
            last = Some(results);
            if !alive {
                return;
            }
        }
    }
}

/// Searches slice by slice, sending partial results; `None` when cancelled.
fn run(
    engine: &Engine,
    query: &Query,
    cancel: &CancelToken,
    previous: Option<&Results>,
    send: &dyn Fn(Result<Results, QueryError>, bool) -> bool,
) -> Option<Results> {
    let total = engine.store.events.len();
    let narrowing = previous.filter(|p| p.complete && query.narrows(&p.query));
    let candidates: Vec<u32> = match narrowing {
        Some(p) => p.events_in_order(total),
        None => (0..total as u32).collect(),
    };
    if candidates.len() <= SLICE {
        let r = engine.search_after(query, cancel, narrowing);
        return r.complete.then_some(r);
    }
    let plan = engine.plan(query, candidates.len());
    let mut results = Results {
        query: query.clone(),
        examined: candidates.len(),
        ..Results::default()
    };
    // The first slice's hits go out at once (within a frame at 1M events),
    // later ones at most every PARTIAL_EVERY.
    let mut sent: Option<Instant> = None;
    let (first, rest) = candidates.split_at(FIRST_SLICE.min(candidates.len()));
    for slice in std::iter::once(first).chain(rest.chunks(SLICE)) {
        if !engine.scan(&plan, slice, cancel, &mut results.hits) {
            return None;
        }
        if sent.is_none_or(|t| t.elapsed() >= PARTIAL_EVERY) {
            let mut partial = results.clone();
            partial.sort(Order::Relevance);
            if !send(Ok(partial), false) {
                return None;
            }
            sent = Some(Instant::now());
        }
    }
    results.complete = true;
    engine.finish(&mut results);
    (!cancel.is_cancelled()).then_some(results)
}
