//! Findings: compiler-style diagnostics about a store that loaded.

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
    /// The file the finding is about (the store, or a source text).
    pub file: String,
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
            file: file.to_string(),
            line: pos.line,
            col: pos.col,
            severity,
            message: crate::sanitize::for_terminal(&message.into()).into_owned(),
            rule,
        }
    }
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
