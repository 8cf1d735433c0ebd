//! The timeline explorer: `chronoscope` with no subcommand.
//!
//! Flow: terminal event → [`keymap::action_for`] → [`action::Action`] →
//! [`app::App::update`] (maybe an [`app::Effect`] carried out here) →
//! [`view::render`]. This file is the only one that reads terminal events.

pub mod action;
pub mod app;
pub mod calendar;
pub mod citation;
pub mod keymap;
pub mod loading;
pub mod rows;
pub mod search;
pub mod text;
pub mod theme;
pub mod timescale;
pub mod view;
mod watch;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};

use crate::check::{Report, check};
use crate::error::LoadError;
use crate::store::Store;
use action::Action;
use app::{App, Effect};
use loading::wait_for_store;
use theme::Theme;

/// Exit code after SIGTERM (128 + 15).
pub const EXIT_SIGTERM: u8 = 143;
/// Exit code after SIGHUP (128 + 1).
pub const EXIT_SIGHUP: u8 = 129;

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

/// Loads a store and checks it (run on the loader thread).
pub fn load(path: Option<&Path>) -> Result<(Store, Report), LoadError> {
    let loaded = Store::open(path)?;
    let report = check(&loaded);
    Ok((loaded.store, report))
}

struct Signals {
    term: Arc<AtomicBool>,
    hup: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Self> {
        let s = Signals {
            term: Arc::new(AtomicBool::new(false)),
            hup: Arc::new(AtomicBool::new(false)),
        };
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&s.term))?;
        signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&s.hup))?;
        exit_when_hung_up()?;
        Ok(s)
    }

    fn exit_code(&self) -> Option<u8> {
        if self.term.load(Ordering::Relaxed) {
            Some(EXIT_SIGTERM)
        } else if self.hup.load(Ordering::Relaxed) {
            Some(EXIT_SIGHUP)
        } else {
            None
        }
    }
}

/// When the terminal closes under us (its window or ssh connection goes away),
/// the kernel sends SIGHUP, but crossterm 0.29's event reader, if it is
/// waiting, retries its read of the hung-up terminal forever at full CPU and
/// never returns to the loop that checks the flag. So a thread watches for
/// SIGHUP and, when no terminal is left to restore, exits at once.
fn exit_when_hung_up() -> io::Result<()> {
    let mut hups = signal_hook::iterator::Signals::new([signal_hook::consts::SIGHUP])?;
    std::thread::spawn(move || {
        for _ in hups.forever() {
            // A hung-up terminal answers no terminal ioctl: isatty is false.
            if !io::stdout().is_terminal() {
                std::process::exit(i32::from(EXIT_SIGHUP));
            }
        }
    });
    Ok(())
}

/// Prints a message to stderr, ignoring failure: stderr may be the terminal
/// that just closed, and `eprintln!` would panic (then abort) on it.
fn say(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// Leaves the terminal as we found it: mouse off, cursor shown, main screen, cooked mode.
fn leave_terminal() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        cursor::Show
    );
    ratatui::restore();
}

/// Takes the terminal back after Ctrl-Z/fg or the editor, and makes the next
/// draw repaint everything. Not `Terminal::clear`: it asks the terminal for
/// the cursor position and fails (ending the session) when no answer comes
/// within 2 s (a terminal that does not answer, or a slow link).
fn enter_terminal(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    // The two buffers are the last screen drawn and an empty one: swapping
    // empties the last screen too, so the next draw writes every cell.
    terminal.swap_buffers();
    Ok(())
}

/// Runs the explorer; returns the exit code.
pub fn run(opts: Options) -> u8 {
    if !io::stdout().is_terminal() {
        say(
            "chronoscope: the explorer needs a terminal on stdout\n  hint: in pipes and scripts use `chronoscope list` or `chronoscope check`",
        );
        return crate::exit::FAILURE;
    }
    // A dumb terminal cannot move the cursor: the screen would be garbage.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        say(
            "chronoscope: the explorer needs a terminal that can move the cursor, and TERM=dumb cannot\n  hint: use `chronoscope list` and `chronoscope show ID` here, or run in a full terminal (TERM=xterm-256color)",
        );
        return crate::exit::FAILURE;
    }
    let signals = match Signals::register() {
        Ok(s) => s,
        Err(e) => {
            say(&format!("chronoscope: cannot install signal handlers: {e}"));
            return crate::exit::FAILURE;
        }
    };
    if opts.force_color {
        ratatui::crossterm::style::force_color_output(true);
    }
    let rx = loading::start(opts.store.clone());
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            say(&format!("chronoscope: cannot set up the terminal: {e}"));
            return crate::exit::FAILURE;
        }
    };
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            cursor::Show
        );
        previous(info);
    }));
    let outcome = session(&mut terminal, &opts, &rx, &signals);
    if !io::stdout().is_terminal() {
        // The terminal closed under us: there is nothing to restore, and
        // ratatui's restore and drop would report the failed writes with
        // `eprintln!`, which panics (and aborts) on the closed terminal.
        std::mem::forget(terminal);
        return EXIT_SIGHUP;
    }
    leave_terminal();
    match outcome {
        Ok(code) => code,
        Err(message) => {
            say(&message);
            crate::exit::FAILURE
        }
    }
}

fn session(
    terminal: &mut DefaultTerminal,
    opts: &Options,
    rx: &mpsc::Receiver<loading::Message>,
    signals: &Signals,
) -> Result<u8, String> {
    let (store, report) = match wait_for_store(terminal, opts, rx, signals)? {
        Ok(Ok(loaded)) => loaded,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(code) => return Ok(code),
    };
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(store, &report, today);
    if let Some(id) = &opts.at
        && !app.start_at(id)
    {
        return Err(format!(
            "chronoscope: --at {}: no event with this id in {}\n  hint: use the `id:` of an event in the store",
            text::safe(id),
            app.store().origin.display_name()
        ));
    }
    let size = terminal.size().map_err(|e| e.to_string())?;
    app.resize(size.width, size.height);
    let theme = Theme::for_color(opts.color);
    let mut watch = opts.store.as_deref().map(watch::Watch::new);
    let io_err = |e: io::Error| e.to_string();
    loop {
        app.poll_search();
        terminal
            .draw(|f| view::render(&app, &theme, f))
            .map_err(io_err)?;
        if !app.running() {
            return Ok(crate::exit::OK);
        }
        if let Some(code) = signals.exit_code() {
            return Ok(code);
        }
        // While a search runs, look for its results every few milliseconds;
        // idle, wake only for input (and the file watch / signals).
        let wait = if app.search_busy() {
            Duration::from_millis(8)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(wait).map_err(io_err)? {
            let action = match event::read().map_err(io_err)? {
                TermEvent::Key(mut k) if k.kind == KeyEventKind::Press => {
                    // No binding uses Alt: an Alt key is Esc typed just before the
                    // key (terminals send both as ESC + key), so honour the Esc first.
                    if k.modifiers.contains(KeyModifiers::ALT) {
                        k.modifiers.remove(KeyModifiers::ALT);
                        let esc = event::KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                        let ctx = app.key_context();
                        if let Some(a) =
                            keymap::action_for(ctx, app.prefix(), app.count().is_some(), esc)
                            && let Some(effect) = app.update(a)
                        {
                            perform(terminal, &mut app, effect, watch.as_mut())?;
                        }
                        if !app.running() {
                            continue;
                        }
                    }
                    if k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL) {
                        return Ok(crate::exit::OK);
                    }
                    let found = keymap::action_for(
                        app.key_context(),
                        app.prefix(),
                        app.count().is_some(),
                        k,
                    );
                    if found.is_none() && (app.prefix().is_some() || app.count().is_some()) {
                        app.clear_pending();
                    }
                    found
                }
                TermEvent::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollDown => Some(Action::WheelDown(m.column, m.row)),
                    MouseEventKind::ScrollUp => Some(Action::WheelUp(m.column, m.row)),
                    MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
                    _ => None,
                },
                TermEvent::Resize(w, h) => {
                    app.resize(w, h);
                    None
                }
                TermEvent::Paste(text) => {
                    app.paste(&text);
                    None
                }
                _ => None,
            };
            if let Some(effect) = action.and_then(|a| app.update(a)) {
                perform(terminal, &mut app, effect, watch.as_mut())?;
            }
        }
        if let (Some(w), Some(path)) = (watch.as_mut(), opts.store.as_deref())
            && w.changed()
        {
            reload(&mut app, path);
        }
    }
}

/// Reloads the store file into `app`, keeping the selection; a store that no
/// longer loads leaves the last good state and says why in the banner.
pub fn reload(app: &mut App, path: &Path) {
    match load(Some(path)) {
        Ok((store, report)) => app.replace_store(store, &report),
        Err(e) => {
            let first = e.to_string().lines().next().unwrap_or_default().to_string();
            app.set_banner(Some(format!(
                "the store no longer loads (showing the last good state): {first}"
            )));
        }
    }
}

fn perform(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    effect: Effect,
    watch: Option<&mut watch::Watch>,
) -> Result<(), String> {
    let io_err = |e: io::Error| e.to_string();
    match effect {
        Effect::Copy(text) => {
            let backend = terminal.backend_mut();
            backend
                .write_all(citation::osc52(&text).as_bytes())
                .and_then(|()| backend.flush())
                .map_err(io_err)?;
        }
        Effect::Suspend => {
            leave_terminal();
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
            enter_terminal(terminal).map_err(io_err)?;
        }
        Effect::Edit { path, line } => {
            leave_terminal();
            let editor = std::env::var("VISUAL")
                .or_else(|_| std::env::var("EDITOR"))
                .unwrap_or_else(|_| "vi".to_string());
            let mut parts = editor.split_whitespace();
            let program = parts.next().unwrap_or("vi").to_string();
            let status = std::process::Command::new(&program)
                .args(parts)
                .arg(format!("+{line}"))
                .arg(&path)
                .status();
            enter_terminal(terminal).map_err(io_err)?;
            match status {
                Ok(_) => {
                    reload(app, &path);
                    if let Some(w) = watch {
                        w.reset();
                    }
                }
                Err(e) => app.set_message(format!(
                    "could not start the editor `{}`: {e}; set $EDITOR",
                    text::safe(&program)
                )),
            }
        }
    }
    Ok(())
}
