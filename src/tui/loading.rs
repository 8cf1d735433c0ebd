//! Waiting for the store: the loader thread works while the terminal shows
//! a loading screen and still answers `q`, Esc, Ctrl-C and signals.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyModifiers};

use super::{Options, Signals, view};
use crate::check::Report;
use crate::error::LoadError;
use crate::store::Store;

fn is_quit_key(k: &event::KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
        || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

pub(super) type Received = Result<(Store, Report), LoadError>;

pub(super) fn wait_for_store(
    terminal: &mut DefaultTerminal,
    opts: &Options,
    rx: &mpsc::Receiver<Received>,
    signals: &Signals,
) -> Result<Result<Received, u8>, String> {
    let started = Instant::now();
    let what = opts
        .store
        .as_ref()
        .map_or("the built-in chronology".to_string(), |p| {
            p.display().to_string()
        });
    let mut wait = Duration::from_millis(100);
    loop {
        if let Some(code) = signals.exit_code() {
            return Ok(Err(code));
        }
        match rx.recv_timeout(wait) {
            Ok(r) => return Ok(Ok(r)),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err("chronoscope: the store loader stopped unexpectedly".into());
            }
        }
        wait = Duration::from_millis(50);
        let secs = started.elapsed().as_secs_f64();
        terminal
            .draw(|f| view::loading(f, &what, secs))
            .map_err(|e| e.to_string())?;
        while event::poll(Duration::ZERO).map_err(|e| e.to_string())? {
            if let TermEvent::Key(k) = event::read().map_err(|e| e.to_string())?
                && is_quit_key(&k)
            {
                return Ok(Err(crate::cli::EXIT_OK));
            }
        }
    }
}
