//! Waiting for the store: the loader thread reads, parses and checks it while
//! the terminal shows a loading screen (spinner, elapsed seconds, the file's
//! size, then the events parsed) and still answers `q`, Esc, Ctrl-C and signals.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyModifiers};

use super::view::loading::{Progress, Stage};
use super::{Options, Signals, view};
use crate::check::{Report, check};
use crate::error::LoadError;
use crate::store::Store;

/// The loader's outcome: the store and what `check` found, or why it failed.
pub(super) type Received = Result<(Store, Report), LoadError>;

/// What the loader thread tells the terminal loop.
pub(super) enum Message {
    /// The store is parsed (this many events); checking it now.
    Parsed(usize),
    /// Done.
    Done(Box<Received>),
}

/// Starts loading `path` (None: the built-in store) on a background thread.
pub(super) fn start(path: Option<PathBuf>) -> mpsc::Receiver<Message> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = Store::open(path.as_deref()).map(|loaded| {
            let _ = tx.send(Message::Parsed(loaded.store.events.len()));
            let report = check(&loaded);
            (loaded.store, report)
        });
        let _ = tx.send(Message::Done(Box::new(result)));
    });
    rx
}

/// Whether `k` ends the explorer while the store loads.
pub fn quits_while_loading(k: &event::KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
        || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Waits for the loader, drawing the loading screen from the first 100 ms
/// on (a fast load never flashes it) about ten times a second. `Ok(Err(code))`
/// when the user or a signal ended the wait.
pub(super) fn wait_for_store(
    terminal: &mut DefaultTerminal,
    opts: &Options,
    rx: &mpsc::Receiver<Message>,
    signals: &Signals,
) -> Result<Result<Received, u8>, String> {
    let started = Instant::now();
    let mut progress = Progress {
        what: opts
            .store
            .as_ref()
            .map_or("the built-in chronology".to_string(), |p| {
                p.display().to_string()
            }),
        bytes: opts
            .store
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len()),
        stage: Stage::Reading,
        elapsed: Duration::ZERO,
    };
    let mut wait = Duration::from_millis(100);
    loop {
        if let Some(code) = signals.exit_code() {
            return Ok(Err(code));
        }
        match rx.recv_timeout(wait) {
            Ok(Message::Done(r)) => return Ok(Ok(*r)),
            Ok(Message::Parsed(n)) => {
                progress.stage = Stage::Checking(n);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err("chronoscope: the store loader stopped unexpectedly".into());
            }
        }
        wait = Duration::from_millis(50);
        progress.elapsed = started.elapsed();
        terminal
            .draw(|f| view::loading::render(f, &progress))
            .map_err(|e| e.to_string())?;
        while event::poll(Duration::ZERO).map_err(|e| e.to_string())? {
            if let TermEvent::Key(k) = event::read().map_err(|e| e.to_string())?
                && quits_while_loading(&k)
            {
                return Ok(Err(crate::exit::OK));
            }
        }
    }
}
