//! The one printer of the command line (as in ripgrep): every subcommand
//! returns an [`Outcome`] (its standard output, its messages for standard
//! error and its exit code) and only [`emit`] writes them.
//!
//! The output policy lives here, not at each call site:
//! - a closed pipe (`| head -1`) ends the output quietly with the command's
//!   own exit code;
//! - any other write failure (a full disk, `/dev/full`) exits
//!   [`exit::FAILURE`], with a message on standard error when that still works;
//! - every message for standard error is sanitised here, so a file name or a
//!   parser message holding escape sequences never reaches the terminal raw;
//! - JSON is built only by [`Outcome::json`], through the safe JSON writer;
//! - output too big to hold (a 150 MB export) is written as it is made
//!   ([`Outcome::streamed`]), under the same rules.

use std::io::{ErrorKind, Write};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::exit;
use crate::sanitize::for_terminal_multiline;

/// What a subcommand produced; written by [`emit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The process exit code.
    pub code: u8,
    /// Standard output, written first and byte for byte.
    pub stdout: String,
    /// Messages for standard error, one or more lines each, written after
    /// standard output and sanitised on the way.
    pub stderr: Vec<String>,
    /// Standard output made while it is written, after `stdout`.
    pub stream: Stream,
}

/// Writes standard output as it is made; returns more messages for
/// standard error.
type Produce = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<Vec<String>> + Send>;

/// Standard output written by a function as it is made (a 150 MB export is
/// never held whole), under the same rules as `stdout`. Run once, by
/// [`emit`]; equal only to itself.
#[derive(Clone, Default)]
pub struct Stream(Option<Arc<Mutex<Option<Produce>>>>);

impl Stream {
    fn take(&self) -> Option<Produce> {
        let cell = self.0.as_ref()?;
        cell.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Stream(..)"
        } else {
            "Stream(none)"
        })
    }
}

impl PartialEq for Stream {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Stream {}

impl Outcome {
    /// Success with this standard output.
    pub fn ok(stdout: impl Into<String>) -> Self {
        Outcome {
            code: exit::OK,
            stdout: stdout.into(),
            stderr: Vec::new(),
            stream: Stream::default(),
        }
    }

    /// Nothing to print, only an exit code (the explorer prints its own).
    pub fn code(code: u8) -> Self {
        Outcome {
            code,
            stdout: String::new(),
            stderr: Vec::new(),
            stream: Stream::default(),
        }
    }

    /// A failure ([`exit::FAILURE`]) with one message for standard error.
    pub fn failure(message: impl Into<String>) -> Self {
        Outcome::code(exit::FAILURE).note(message)
    }

    /// `value` as pretty JSON through the safe writer (control, bidi and
    /// invisible characters escaped as `\uXXXX`), ending in a newline.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Self {
        match crate::export::safe_json::to_string_pretty(value) {
            Ok(mut text) => {
                text.push('\n');
                Outcome::ok(text)
            }
            Err(e) => Outcome::failure(format!("chronoscope: cannot write JSON: {e}")),
        }
    }

    /// Success with standard output written by `produce` as it is made;
    /// the messages it returns go to standard error after this outcome's.
    pub fn streamed(
        produce: impl FnOnce(&mut dyn Write) -> std::io::Result<Vec<String>> + Send + 'static,
    ) -> Self {
        let mut outcome = Outcome::code(exit::OK);
        outcome.stream = Stream(Some(Arc::new(Mutex::new(Some(Box::new(produce))))));
        outcome
    }

    /// Adds a message for standard error.
    #[must_use]
    pub fn note(mut self, message: impl Into<String>) -> Self {
        self.stderr.push(message.into());
        self
    }

    /// Sets the exit code.
    #[must_use]
    pub fn with_code(mut self, code: u8) -> Self {
        self.code = code;
        self
    }
}

/// Writes `outcome` to `out` and `err`; returns the exit code the process
/// should end with.
pub fn emit(outcome: &Outcome, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // Nothing to print leaves the stream alone: after the explorer, a flush
    // of a terminal that has gone away would fail and turn its exit code
    // (129 after SIGHUP) into a write failure.
    let stdout = Some(outcome.stdout.as_bytes()).filter(|b| !b.is_empty());
    let mut more = Vec::new();
    let written = stdout
        .map(|bytes| write_flushed(out, bytes))
        .unwrap_or(Ok(()))
        .and_then(|()| match outcome.stream.take() {
            Some(produce) => {
                more = produce(out)?;
                out.flush()
            }
            None => Ok(()),
        });
    if let Err(e) = written {
        if e.kind() == ErrorKind::BrokenPipe {
            return outcome.code;
        }
        let message = format!(
            "chronoscope: cannot write to standard output: {e}\n  hint: {}\n",
            hint(&e)
        );
        // Standard error may be broken too; the exit code still tells.
        let _ = write_flushed(err, message.as_bytes());
        return exit::FAILURE;
    }
    for message in outcome.stderr.iter().chain(&more) {
        let mut text = for_terminal_multiline(message, 8).into_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if let Err(e) = write_flushed(err, text.as_bytes()) {
            if e.kind() == ErrorKind::BrokenPipe {
                return outcome.code;
            }
            return exit::FAILURE;
        }
    }
    outcome.code
}

fn write_flushed(w: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
    w.write_all(bytes)?;
    w.flush()
}

fn hint(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "the disk (or your quota) is full: free some space, or send the output elsewhere"
        }
        _ => "check where standard output goes (a file, a pipe, a device), then try again",
    }
}

/// What clap decided instead of running a command: help and version on
/// standard output (exit 0; styled on a terminal unless NO_COLOR is set), a
/// usage error on standard error (exit 2; plain, as every message is
/// sanitised).
pub fn from_clap(e: &clap::Error) -> Outcome {
    let code = u8::try_from(e.exit_code()).unwrap_or(exit::FAILURE);
    if e.use_stderr() {
        return Outcome::code(code).note(e.render().to_string());
    }
    let styled = std::io::IsTerminal::is_terminal(&std::io::stdout())
        && super::ColorChoice::Auto.use_color();
    let help = if styled {
        e.render().ansi().to_string()
    } else {
        e.render().to_string()
    };
    Outcome::ok(help).with_code(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write and flush with `kind`.
    struct Failing(ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from(self.0))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::Error::from(self.0))
        }
    }

    fn findings() -> Outcome {
        Outcome::ok("a\nb\n").note("summary").with_code(1)
    }

    #[test]
    fn a_closed_stdout_ends_quietly_with_the_commands_code() {
        let mut err = Vec::new();
        let code = emit(&findings(), &mut Failing(ErrorKind::BrokenPipe), &mut err);
        assert_eq!(code, 1);
        assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    }

    #[test]
    fn a_full_stdout_is_exit_2_with_a_message() {
        let mut err = Vec::new();
        let code = emit(&findings(), &mut Failing(ErrorKind::StorageFull), &mut err);
        assert_eq!(code, exit::FAILURE);
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("cannot write to standard output"), "{err}");
        assert!(err.contains("hint: the disk"), "{err}");
    }

    #[test]
    fn a_full_stderr_is_exit_2_and_a_closed_one_keeps_the_code() {
        let mut out = Vec::new();
        let code = emit(&findings(), &mut out, &mut Failing(ErrorKind::StorageFull));
        assert_eq!(code, exit::FAILURE);
        assert_eq!(out, b"a\nb\n");
        let code = emit(
            &findings(),
            &mut Vec::new(),
            &mut Failing(ErrorKind::BrokenPipe),
        );
        assert_eq!(code, 1);
    }

    #[test]
    fn nothing_to_print_touches_no_stream() {
        let code = emit(
            &Outcome::code(129),
            &mut Failing(ErrorKind::Other),
            &mut Failing(ErrorKind::Other),
        );
        assert_eq!(code, 129, "the explorer's code survives a dead terminal");
    }

    #[test]
    fn messages_are_sanitised_and_end_in_a_newline() {
        let o = Outcome::failure("x\u{1b}]0;title\u{7}: cannot read\n  hint: \u{202e}y");
        let mut err = Vec::new();
        assert_eq!(emit(&o, &mut Vec::new(), &mut err), exit::FAILURE);
        let err = String::from_utf8(err).unwrap();
        assert_eq!(
            err,
            "x\u{241b}]0;title\u{2407}: cannot read\n  hint: ⟨U+202E⟩y\n"
        );
    }

    #[test]
    fn json_goes_through_the_safe_writer() {
        let o = Outcome::json(&serde_json::json!({"t": "a\u{9b}b\u{2066}"}));
        assert_eq!(o.stdout, "{\n  \"t\": \"a\\u009bb\\u2066\"\n}\n");
    }

    fn streamed() -> Outcome {
        Outcome::streamed(|out| {
            out.write_all(b"made ")?;
            out.write_all(b"as written\n")?;
            Ok(vec!["after it".into()])
        })
        .note("before")
    }

    #[test]
    fn a_stream_is_written_once_with_its_messages_after_the_outcomes() {
        let o = streamed();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(emit(&o, &mut out, &mut err), exit::OK);
        assert_eq!(out, b"made as written\n");
        assert_eq!(err, b"before\nafter it\n");
        let (mut again, mut err) = (Vec::new(), Vec::new());
        emit(&o, &mut again, &mut err);
        assert!(again.is_empty(), "a stream runs once");
        assert_eq!(o.clone(), o, "a stream equals itself");
        assert_ne!(streamed(), streamed());
    }

    #[test]
    fn a_stream_keeps_the_printers_rules_on_failure() {
        let mut err = Vec::new();
        let code = emit(&streamed(), &mut Failing(ErrorKind::BrokenPipe), &mut err);
        assert_eq!(code, exit::OK);
        assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
        let code = emit(&streamed(), &mut Failing(ErrorKind::StorageFull), &mut err);
        assert_eq!(code, exit::FAILURE);
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("cannot write to standard output"), "{err}");
        assert!(!err.contains("after it"), "{err}");
    }
}
