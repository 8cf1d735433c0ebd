//! The loader thread: reads and parses the store, says so as soon as the
//! store can be shown, then checks it. The first load and every reload go
//! through it, so the event loop never waits for a store and `q` always
//! answers at once. The check reports its progress (throttled) and stops
//! when the [`Loader`] is dropped: a reload replaces it, or the user quits,
//! and no core keeps checking a store nobody will see.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::rows::Timeline;
use super::view::loading::{Progress, Stage};
use crate::check::{self, Report};
use crate::error::LoadError;
use crate::store::Store;

/// What the loader thread tells the event loop, in this order.
#[derive(Debug)]
pub enum Message {
    /// The store is parsed and its rows laid out: show it (its check is still running).
    Parsed(Box<Parsed>),
    /// `check` has looked up this many quotes of all (done, total); sent at
    /// most every [`PROGRESS_EVERY`] while it runs, so the title can say "checking 40%".
    Checking(usize, usize),
    /// `check` finished on the store sent with [`Message::Parsed`].
    Checked(Box<Report>),
    /// The store does not load.
    Failed(Box<LoadError>),
    /// The loader thread ended without a result (it panicked).
    Stopped,
}

/// A parsed store with its timeline rows, both built off the UI thread.
#[derive(Debug)]
pub struct Parsed {
    /// The store, shared with the check still running on it.
    pub store: Arc<Store>,
    /// Its rows (0.6 s for 100 000 events: too long for the UI thread).
    pub timeline: Timeline,
    /// Where its search index is kept (a store loaded through the cache).
    pub index: Option<crate::cache::index::IndexCache>,
}

/// Progress messages are at least this far apart (the title is redrawn at
/// most that often for them; the check's chunks end far more often).
pub const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// A load running in the background; dropping it cancels its check.
#[derive(Debug)]
pub struct Loader {
    rx: Receiver<Message>,
    /// Set on drop: the loader thread's check stops after the chunks in hand.
    cancel: Arc<AtomicBool>,
    /// When it started (the loading screen shows the seconds since).
    pub started: Instant,
    /// What is being loaded, for the loading screen.
    pub progress: Progress,
}

impl Loader {
    /// Starts loading `path` (None: the built-in store) on a new thread.
    pub fn start(path: Option<PathBuf>) -> Loader {
        let progress = Progress {
            what: path
                .as_ref()
                .map_or("the built-in chronology".to_string(), |p| {
                    p.display().to_string()
                }),
            bytes: path
                .as_deref()
                .and_then(|p| std::fs::metadata(p).ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len()),
            stage: Stage::Reading,
            elapsed: Duration::ZERO,
        };
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || run(path.as_deref(), &tx, &stop));
        Loader {
            rx,
            cancel,
            started: Instant::now(),
            progress,
        }
    }

    /// Stops the check after the chunks in hand: no report will come, and
    /// the channel closes ([`Message::Stopped`]) once the thread ends.
    /// Dropping the loader does the same.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The next message, without waiting.
    pub fn try_next(&mut self) -> Option<Message> {
        match self.rx.try_recv() {
            Ok(m) => {
                if let Message::Parsed(p) = &m {
                    self.progress.stage = Stage::Checking(p.store.events.len());
                }
                Some(m)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Message::Stopped),
        }
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The loader thread's work. The store is split from the parsed file and
/// shared (`Arc`) with the explorer, so the timeline shows while the check
/// runs on the same store. Sends stop quietly once the explorer has gone (it
/// quit, or a newer reload replaced this one), and the check stops with them.
fn run(path: Option<&Path>, tx: &Sender<Message>, cancel: &AtomicBool) {
    let (store, mut to_check) = match Store::open_deferred(path) {
        Ok(loaded) => loaded.split(),
        Err(e) => {
            let _ = tx.send(Message::Failed(Box::new(e)));
            return;
        }
    };
    let store = Arc::new(store);
    let timeline = Timeline::build(&store);
    let parsed = Parsed {
        store: Arc::clone(&store),
        timeline,
        index: to_check.index_cache(),
    };
    if tx.send(Message::Parsed(Box::new(parsed))).is_err() {
        return;
    }
    // A store parsed from YAML is snapshotted only now, after it is shown:
    // the first frame does not wait for the write (the check does, so that
    // its report is kept beside the snapshot).
    to_check.save_snapshot(&store);
    let last_sent = Mutex::new(None::<Instant>);
    let on_progress = |done: usize, total: usize| {
        // The checking threads call this after every chunk: send only when
        // the last message is PROGRESS_EVERY old, and never block a chunk.
        let Ok(mut last) = last_sent.try_lock() else {
            return;
        };
        if last.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) {
            return;
        }
        *last = Some(Instant::now());
        // A failed send means the Loader (and so its receiver) was dropped,
        // which has already set `cancel`.
        let _ = tx.send(Message::Checking(done, total));
    };
    let progress = check::Progress {
        on_progress: &on_progress,
        cancel,
    };
    if let Some(report) = check::check_store(&store, &to_check, &progress) {
        let _ = tx.send(Message::Checked(Box::new(report)));
    }
}
