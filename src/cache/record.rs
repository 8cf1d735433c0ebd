//! Findings and reports as a snapshot stores them: a finding's rule is
//! `&'static str` in memory, so it is written by name (by its number in
//! [`RULES`] in a report) and read back only when it is one of the rules
//! this version knows (else the snapshot is ignored and rebuilt).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::frames::{FrameReader, FrameWriter, Owned, Row};
use crate::check::{Located, Report};
use crate::error::Pos;
use crate::finding::{Finding, Messages, Severity};

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

/// A load finding in a store snapshot.
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
            line: f.line.into(),
            col: f.col.into(),
            error: f.severity == Severity::Error,
            message: f.message.to_string(),
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

/// Rows per frame of a report.
const ROWS_PER_FRAME: usize = 4096;

/// A report's first frame: the file names its rows point at (the store's
/// path and each source's, written once instead of once per finding), and
/// how many rows follow.
#[derive(Serialize, Deserialize)]
struct ReportHead {
    files: Vec<String>,
    findings: u64,
    located: u64,
    events: u64,
}

/// A finding in a report; its message borrowed when written (no copy of
/// every message per frame), owned when read.
#[derive(Serialize, Deserialize)]
struct FindingRow<'a> {
    file: u32,
    line: u64,
    col: u64,
    error: bool,
    #[serde(borrow)]
    message: Cow<'a, str>,
    rule: u8,
}

/// The findings of a report, read with their messages borrowed.
struct Findings;

impl Row for Findings {
    type Of<'de> = FindingRow<'de>;
}

#[derive(Serialize, Deserialize)]
struct LocatedRow {
    event: String,
    source: String,
    line: u64,
    found_file: u32,
    found_line: u64,
    found_col: u64,
}

/// Numbers the file names of a report in order of first use.
#[derive(Default)]
struct Files<'a> {
    names: Vec<&'a str>,
    index: std::collections::HashMap<&'a str, u32>,
}

impl<'a> Files<'a> {
    fn add(&mut self, name: &'a str) {
        if !self.index.contains_key(name) {
            self.index.insert(name, self.names.len() as u32);
            self.names.push(name);
        }
    }

    fn of(&self, name: &str) -> u32 {
        self.index.get(name).copied().unwrap_or(u32::MAX)
    }
}

/// Writes `report` as frames: the head, then findings and located quotes
/// in slices of [`ROWS_PER_FRAME`] (no encoded copy of the whole report).
pub(super) fn write_report(out: &mut FrameWriter<'_>, report: &Report) -> std::io::Result<()> {
    let mut files = Files::default();
    report.findings.iter().for_each(|f| files.add(&f.file));
    report.located.iter().for_each(|l| files.add(&l.found_file));
    out.frame(&ReportHead {
        files: files.names.iter().map(|s| s.to_string()).collect(),
        findings: report.findings.len() as u64,
        located: report.located.len() as u64,
        events: report.events as u64,
    })?;
    for slice in report.findings.chunks(ROWS_PER_FRAME) {
        let rows: Vec<FindingRow> = slice
            .iter()
            .map(|f| FindingRow {
                file: files.of(&f.file),
                line: f.line.into(),
                col: f.col.into(),
                error: f.severity == Severity::Error,
                message: Cow::Borrowed(&f.message),
                rule: RULES
                    .iter()
                    .position(|r| *r == f.rule)
                    .unwrap_or(usize::MAX) as u8,
            })
            .collect();
        out.frame(&rows)?;
    }
    for slice in report.located.chunks(ROWS_PER_FRAME) {
        let rows: Vec<LocatedRow> = slice
            .iter()
            .map(|l| LocatedRow {
                event: l.event.clone(),
                source: l.source.clone(),
                line: l.line,
                found_file: files.of(&l.found_file),
                found_line: l.found_line,
                found_col: l.found_col,
            })
            .collect();
        out.frame(&rows)?;
    }
    Ok(())
}

/// The report from its frames; `None` when a frame is missing, a count is
/// off, or a row names a file or rule that is not there.
pub(super) fn read_report(input: &mut FrameReader) -> Option<Report> {
    let head: ReportHead = input.frame()?;
    let files = head.files;
    let file = |i: u32| files.get(i as usize).map(String::as_str);
    // Rows that say the same share one message, as they did when checked.
    let mut messages = Messages::default();
    // A row takes at least 4 bytes encoded.
    let findings = input.rows::<Findings, _>(head.findings, 4, |r| {
        let rule = RULES.get(usize::from(r.rule))?;
        let pos = Pos {
            line: r.line,
            col: r.col,
        };
        let severity = if r.error {
            Severity::Error
        } else {
            Severity::Warning
        };
        Some(messages.finding(severity, file(r.file)?, pos, rule, r.message))
    })?;
    let located = read_located(input, head.located, &files)?;
    Some(Report {
        findings,
        located,
        events: usize::try_from(head.events).ok()?,
    })
}

/// The report's placed quotes alone, its findings passed over undecoded
/// (they are written in frames of [`ROWS_PER_FRAME`]): what an export needs
/// to give each excerpt its place. Decoding 200,000 findings it does not
/// show was a tenth of a warm JSON export at 100,000 events.
pub(super) fn read_placed(input: &mut FrameReader) -> Option<Report> {
    let head: ReportHead = input.frame()?;
    let frames = usize::try_from(head.findings)
        .ok()?
        .div_ceil(ROWS_PER_FRAME);
    (0..frames).try_for_each(|_| input.skip_frame())?;
    Some(Report {
        findings: Vec::new(),
        located: read_located(input, head.located, &head.files)?,
        events: usize::try_from(head.events).ok()?,
    })
}

fn read_located(input: &mut FrameReader, count: u64, files: &[String]) -> Option<Vec<Located>> {
    input.rows::<Owned<LocatedRow>, _>(count, 4, |r| {
        Some(Located {
            event: r.event,
            source: r.source,
            line: r.line,
            found_file: files.get(r.found_file as usize)?.clone(),
            found_line: r.found_line,
            found_col: r.found_col,
        })
    })
}
