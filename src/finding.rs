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
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub col: u64,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and, where useful, what to do.
    pub message: String,
    /// The rule's stable name, e.g. `excerpt-verbatim`.
    pub rule: &'static str,
}

impl Finding {
    /// An error at `pos` in `file`.
    pub fn error(file: &str, pos: Pos, rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(file, pos, Severity::Error, rule, message)
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &str, pos: Pos, rule: &'static str, message: impl Into<String>) -> Self {
        Self::new(file, pos, Severity::Warning, rule, message)
    }

    fn new(
        file: &str,
        pos: Pos,
        severity: Severity,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            file: shared_name(file),
            line: pos.line,
            col: pos.col,
            severity,
            message: crate::sanitize::for_terminal(&message.into()).into_owned(),
            rule,
        }
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
