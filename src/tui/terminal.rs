//! The terminal around the explorer: entering and leaving the alternate
//! screen, and the signals that end the process with the terminal restored.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};

use crate::exit;

/// Signals whose default action ends the process: each is caught, the loop
/// restores the terminal, and the process exits 128 + the signal number.
pub const ENDING: [i32; 6] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM];

/// The ending signal received (0: none yet), read by the event loop.
pub struct Signals {
    received: Arc<AtomicUsize>,
}

impl Signals {
    /// Installs the handlers (they only record the signal number).
    pub fn register() -> io::Result<Self> {
        let received = Arc::new(AtomicUsize::new(0));
        for sig in ENDING {
            // The handler only stores the signal number in an atomic (the
            // only thing a signal handler may safely do); the loop reads it.
            signal_hook::flag::register_usize(sig, Arc::clone(&received), sig as usize)?;
        }
        exit_when_hung_up()?;
        Ok(Signals { received })
    }

    /// The exit code for a signal received, if any.
    pub fn exit_code(&self) -> Option<u8> {
        match self.received.load(Ordering::Relaxed) {
            0 => None,
            n => Some(exit::after_signal(i32::try_from(n).unwrap_or(SIGTERM))),
        }
    }
}

/// When the terminal closes under us (its window or ssh connection goes away),
/// the kernel sends SIGHUP, but crossterm 0.29's event reader, if it is
/// waiting, retries its read of the hung-up terminal forever at full CPU and
/// never returns to the loop that checks the flag. So a thread watches for
/// SIGHUP and, when no terminal is left to restore, exits at once.
fn exit_when_hung_up() -> io::Result<()> {
    let mut hups = signal_hook::iterator::Signals::new([SIGHUP])?;
    std::thread::spawn(move || {
        for _ in hups.forever() {
            // A hung-up terminal answers no terminal ioctl: isatty is false.
            if !io::stdout().is_terminal() {
                std::process::exit(i32::from(exit::SIGHUP));
            }
        }
    });
    Ok(())
}

/// Prints a message to stderr, ignoring failure: stderr may be the terminal
/// that just closed, and `eprintln!` would panic (then abort) on it.
pub fn say(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// Leaves the terminal as we found it: mouse off, cursor shown, main screen, cooked mode.
pub fn leave() {
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
pub fn reenter(terminal: &mut DefaultTerminal) -> io::Result<()> {
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

/// Sets the terminal up for the explorer and makes a panic restore it.
pub fn enter() -> Result<DefaultTerminal, String> {
    let terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(format!("chronoscope: cannot set up the terminal: {e}"));
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
    Ok(terminal)
}
