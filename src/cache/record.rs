//! Findings and reports as a snapshot stores them: a finding's rule is
//! `&'static str` in memory, so it is written by name and read back only
//! when the name is one of the rules this version knows (else the snapshot
//! is ignored and rebuilt).

use serde::{Deserialize, Serialize};

use crate::check::{Located, Report};
use crate::error::Pos;
use crate::finding::{Finding, Severity};

/// Every rule name a finding can carry.
const RULES: [&str; 9] = [
    "date-valid",
    "id-unique",
    "reference",
    "excerpt-verbatim",
    "quote-date",
    "anachronism",
    "source-file",
    "text-safety",
    "excerpt-missing",
];

#[derive(Serialize, Deserialize)]
pub(super) struct FindingRecord {
    file: String,
    line: u64,
    col: u64,
    error: bool,
    message: String,
    rule: String,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        FindingRecord {
            file: f.file.to_string(),
            line: f.line,
            col: f.col,
            error: f.severity == Severity::Error,
            message: f.message.clone(),
            rule: f.rule.to_string(),
        }
    }
}

impl FindingRecord {
    pub(super) fn into_finding(self) -> Option<Finding> {
        let rule = RULES.iter().find(|r| **r == self.rule)?;
        let pos = Pos {
            line: self.line,
            col: self.col,
        };
        Some(if self.error {
            Finding::error(&self.file, pos, rule, self.message)
        } else {
            Finding::warning(&self.file, pos, rule, self.message)
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct ReportRecord {
    findings: Vec<FindingRecord>,
    located: Vec<Located>,
    events: usize,
}

impl From<&Report> for ReportRecord {
    fn from(r: &Report) -> Self {
        ReportRecord {
            findings: r.findings.iter().map(FindingRecord::from).collect(),
            located: r.located.clone(),
            events: r.events,
        }
    }
}

impl ReportRecord {
    pub(super) fn into_report(self) -> Option<Report> {
        Some(Report {
            findings: self
                .findings
                .into_iter()
                .map(FindingRecord::into_finding)
                .collect::<Option<Vec<_>>>()?,
            located: self.located,
            events: self.events,
        })
    }
}
