//! Findings: compiler-style diagnostics about a store that loaded.

use std::cell::RefCell;
use std::sync::Arc;

use serde::Serialize;

use crate::error::Pos;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: `check` exits 1.
    Error,
    /// Worth a look: `check` still exits 0.
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One diagnostic: `file:line:col: severity: message [rule]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file the finding is about (the store, or a source text); shared
    /// by the findings of one file (a big store can have a million).
    pub file: Arc<str>,
    /// 1-based line (u32 as in [`crate::model::At`]: 8 bytes less per
    /// finding, of which a store can have a million).
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and, where useful, what to do; shared by the findings
    /// of a check (or of a kept report) that say the same (see [`Messages`]).
    pub message: Arc<str>,
    /// The rule's stable name, e.g. `excerpt-verbatim`.
    pub rule: &'static str,
}

impl Finding {
    /// An error at `pos` in `file`.
    pub fn error(file: &str, pos: Pos, rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(file, pos, Severity::Error, rule, &message.into(), None)
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &str, pos: Pos, rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(file, pos, Severity::Warning, rule, &message.into(), None)
    }

    fn new(
        file: &str,
        pos: Pos,
        severity: Severity,
        rule: &'static str,
        message: &str,
        shared: Option<&mut Messages>,
    ) -> Self {
        let clean = crate::sanitize::for_terminal(message);
        Finding {
            file: shared_name(file),
            // A store is capped far below 4 billion lines or columns.
            line: u32::try_from(pos.line).unwrap_or(u32::MAX),
            col: u32::try_from(pos.col).unwrap_or(u32::MAX),
            severity,
            message: match shared {
                Some(messages) => messages.share(&clean),
                None => Arc::from(&*clean),
            },
            rule,
        }
    }
}

/// The messages of one run of findings (a check, or a kept report being
/// read), each held once: a store whose quotes all miss the same source
/// has as many findings saying the same words (200,000 copies of 110 bytes
/// were a fifth of a 100,000-event store's peak). It holds only messages
/// that are in the findings anyway, and lives as long as the run. Hashed
/// with foldhash (seeded per process): SipHash over 200,000 messages was a
/// tenth of reading a kept report.
#[derive(Default)]
pub struct Messages(hashbrown::HashSet<Arc<str>>);

impl Messages {
    /// A finding (as [`Finding::error`] or [`Finding::warning`] make), its
    /// message shared with any same one before.
    pub fn finding(
        &mut self,
        severity: Severity,
        file: &str,
        pos: Pos,
        rule: &'static str,
        message: impl AsRef<str>,
    ) -> Finding {
        Finding::new(file, pos, severity, rule, message.as_ref(), Some(self))
    }

    /// The held copy of `message`, held from now on if it is new.
    fn share(&mut self, message: &str) -> Arc<str> {
        if let Some(held) = self.0.get(message) {
            return Arc::clone(held);
        }
        let held: Arc<str> = Arc::from(message);
        self.0.insert(Arc::clone(&held));
        held
    }
}

/// The file name as an `Arc`, the same one as the last finding's when the
/// name is the same: findings come in runs per file, so a store with a
/// finding per excerpt holds its name once, not once per finding.
fn shared_name(file: &str) -> Arc<str> {
    thread_local! {
        static LAST: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some(name) if **name == *file => Arc::clone(name),
            _ => {
                let name: Arc<str> = Arc::from(file);
                *last = Some(Arc::clone(&name));
                name
            }
        }
    })
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {} [{}]",
            crate::sanitize::for_terminal(&self.file),
            self.line,
            self.col,
            self.severity,
            self.message,
            self.rule
        )
    }
}
