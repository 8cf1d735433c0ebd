//! The timeline explorer: `chronoscope` with no subcommand.
//!
//! Flow: terminal event → [`keymap::action_for`] → [`action::Action`] →
//! [`app::App::update`] (maybe an [`app::Effect`] carried out by `effects`)
//! → [`view::render`]. `event_loop` is the only place that reads terminal
//! events; [`loading`] loads and reloads the store on a background thread.

pub mod action;
pub mod app;
pub mod calendar;
pub mod citation;
mod effects;
mod event_loop;
pub mod keymap;
pub mod loading;
pub mod rows;
pub mod search;
mod suggest;
mod terminal;
pub mod text;
pub mod theme;
pub mod timescale;
pub mod view;
mod watch;

use std::io::{self, IsTerminal};
use std::path::PathBuf;

pub use event_loop::{apply, reload};

use crate::exit;
use app::App;
use terminal::{Signals, say};

/// How the explorer is started.
#[derive(Debug, Clone)]
pub struct Options {
    /// Store file, or None for the built-in chronology.
    pub store: Option<PathBuf>,
    /// Event id to start on.
    pub at: Option<String>,
    /// Use colour.
    pub color: bool,
    /// Colour was asked for explicitly (`--color always`), overriding NO_COLOR.
    pub force_color: bool,
}

/// The error for `--at ID` naming no event, with the closest ids.
pub fn unknown_start(app: &App, id: &str) -> String {
    let hint = match suggest::close_ids(app.store(), id) {
        close if close.is_empty() => "use the `id:` of an event in the store".to_string(),
        close => format!("did you mean {}?", suggest::listed(&close)),
    };
    format!(
        "chronoscope: --at {}: no event with this id in {}\n  hint: {hint}",
        text::safe(id),
        text::safe(&app.store().origin.display_name())
    )
}

/// Runs the explorer; returns the exit code.
pub fn run(opts: Options) -> u8 {
    if !io::stdout().is_terminal() {
        say(
            "chronoscope: the explorer needs a terminal on stdout\n  hint: in pipes and scripts use `chronoscope list` or `chronoscope check`",
        );
        return exit::FAILURE;
    }
    // A dumb terminal cannot move the cursor: the screen would be garbage.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        say(
            "chronoscope: the explorer needs a terminal that can move the cursor, and TERM=dumb cannot\n  hint: use `chronoscope list` and `chronoscope show ID` here, or run in a full terminal (TERM=xterm-256color)",
        );
        return exit::FAILURE;
    }
    let signals = match Signals::register() {
        Ok(s) => s,
        Err(e) => {
            say(&format!("chronoscope: cannot install signal handlers: {e}"));
            return exit::FAILURE;
        }
    };
    if opts.force_color {
        ratatui::crossterm::style::force_color_output(true);
    }
    let mut term = match terminal::enter() {
        Ok(t) => t,
        Err(message) => {
            say(&message);
            return exit::FAILURE;
        }
    };
    let outcome = event_loop::run(&mut term, &opts, &signals);
    if !io::stdout().is_terminal() {
        // The terminal closed under us: there is nothing to restore, and
        // ratatui's restore and drop would report the failed writes with
        // `eprintln!`, which panics (and aborts) on the closed terminal.
        std::mem::forget(term);
        return exit::SIGHUP;
    }
    terminal::leave();
    match outcome {
        Ok(code) => code,
        Err(message) => {
            say(&message);
            exit::FAILURE
        }
    }
}
