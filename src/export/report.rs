//! What an export wrote and what it left out, so that no export decides
//! quietly: the command line prints the [`Report`] on stderr ("wrote 47 of
//! 48 events", then each event left out with its date and the reason).

use std::io::{self, Write};

use crate::sanitize::for_terminal;

/// What an exporter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Events of the view (every format but CSL-JSON).
    Events,
    /// Sources of the store (CSL-JSON).
    Sources,
}

impl Unit {
    fn noun(self, n: usize) -> &'static str {
        match (self, n) {
            (Unit::Events, 1) => "event",
            (Unit::Events, _) => "events",
            (Unit::Sources, 1) => "source",
            (Unit::Sources, _) => "sources",
        }
    }
}

/// One thing the format could not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The event (or era) id.
    pub id: String,
    /// Its EDTF date.
    pub date: String,
    /// Why the format cannot hold it, and what to do.
    pub reason: String,
}

/// The account of one export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What was counted.
    pub unit: Unit,
    /// How many were offered (the view's events, or the store's sources).
    pub offered: usize,
    /// How many the document holds.
    pub written: usize,
    /// Each thing left out, in view order.
    pub left_out: Vec<LeftOut>,
    /// Things written in a form that says less than the store (e.g. an open
    /// interval drawn over its known end only).
    pub notes: Vec<String>,
}

impl Report {
    /// A report of `offered` things, all written so far.
    pub fn new(unit: Unit, offered: usize) -> Self {
        Report {
            unit,
            offered,
            written: offered,
            left_out: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records that `id` (dated `date`) was left out, and why.
    pub fn leave_out(&mut self, id: &str, date: &str, reason: impl Into<String>) {
        self.written = self.written.saturating_sub(1);
        self.left_out.push(LeftOut {
            id: id.to_string(),
            date: date.to_string(),
            reason: reason.into(),
        });
    }

    /// The report as lines for a terminal (store text sanitised): "wrote 47
    /// of 48 events to out.ics", then "  left out …" and "  note: …" lines.
    pub fn lines(&self, format: &str, target: Option<&str>) -> Vec<String> {
        let noun = self.unit.noun(self.offered);
        let count = if self.written == self.offered {
            format!("{} {noun}", self.written)
        } else {
            format!("{} of {} {noun}", self.written, self.offered)
        };
        let to = target.map_or_else(
            || " to standard output".to_string(),
            |t| format!(" to {}", for_terminal(t)),
        );
        let mut out = vec![format!("wrote {count} as {format}{to}")];
        for x in &self.left_out {
            out.push(format!(
                "  left out `{}` ({}): {}",
                for_terminal(&x.id),
                for_terminal(&x.date),
                for_terminal(&x.reason)
            ));
        }
        for n in &self.notes {
            out.push(format!("  note: {}", for_terminal(n)));
        }
        out
    }

    /// Writes [`Self::lines`] to `w`, one per line.
    pub fn write_to(
        &self,
        w: &mut dyn Write,
        format: &str,
        target: Option<&str>,
    ) -> io::Result<()> {
        for l in self.lines(format, target) {
            writeln!(w, "{l}")?;
        }
        Ok(())
    }
}

/// An export: the document and the account of what it holds.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The document.
    pub text: String,
    /// What it holds and what it left out.
    pub report: Report,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_names_what_was_left_out_and_counts_the_rest() {
        let mut r = Report::new(Unit::Events, 3);
        r.leave_out("caesar\u{1b}[2J", "-0043-03-15", "no BCE years");
        r.notes.push("one open interval".into());
        let lines = r.lines("iCalendar", Some("out.ics"));
        assert_eq!(lines[0], "wrote 2 of 3 events as iCalendar to out.ics");
        assert_eq!(
            lines[1],
            "  left out `caesar␛[2J` (-0043-03-15): no BCE years"
        );
        assert_eq!(lines[2], "  note: one open interval");
        let all = Report::new(Unit::Sources, 2).lines("CSL-JSON", None);
        assert_eq!(all, ["wrote 2 sources as CSL-JSON to standard output"]);
    }
}
