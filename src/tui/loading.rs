//! The loader thread: reads and parses the store, says so as soon as the
//! store can be shown, then checks it. The first load and every reload go
//! through it, so the event loop never waits for a store and `q` always
//! answers at once.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::rows::Timeline;
use super::view::loading::{Progress, Stage};
use crate::check::{Report, check};
use crate::error::LoadError;
use crate::store::Store;

/// What the loader thread tells the event loop, in this order.
#[derive(Debug)]
pub enum Message {
    /// The store is parsed and its rows laid out: show it (its check is still running).
    Parsed(Box<Parsed>),
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
    /// The store.
    pub store: Store,
    /// Its rows (0.6 s for 100 000 events: too long for the UI thread).
    pub timeline: Timeline,
}

/// A load running in the background.
#[derive(Debug)]
pub struct Loader {
    rx: Receiver<Message>,
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
        std::thread::spawn(move || run(path.as_deref(), &tx));
        Loader {
            rx,
            started: Instant::now(),
            progress,
        }
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

/// The loader thread's work. The store is cloned for the explorer so that
/// the check can keep the parsed file (`Loaded`) it needs: the timeline
/// shows while the check runs. Sends stop quietly once the explorer has
/// gone (it quit, or a newer reload replaced this one).
fn run(path: Option<&Path>, tx: &mpsc::Sender<Message>) {
    match Store::open(path) {
        Ok(loaded) => {
            let store = loaded.store.clone();
            let timeline = Timeline::build(&store);
            if tx
                .send(Message::Parsed(Box::new(Parsed { store, timeline })))
                .is_err()
            {
                return;
            }
            let report = check(&loaded);
            let _ = tx.send(Message::Checked(Box::new(report)));
        }
        Err(e) => {
            let _ = tx.send(Message::Failed(Box::new(e)));
        }
    }
}
