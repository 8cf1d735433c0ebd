//! iCalendar (RFC 5545): one all-day `VEVENT` per event.
//!
//! - `DTSTART;VALUE=DATE` is the first possible day, `DTEND;VALUE=DATE` the day
//!   after the last possible day (DTEND is exclusive), so an interval
//!   `2014-03-10/2014-03-14` spans five days.
//! - An event known only to the month, season or year spans that whole month,
//!   season or year; its SUMMARY ends with the date and its precision
//!   (`[2020-01, month known]`) so no calendar reader mistakes it for a
//!   five-week event, and `X-CHRONOSCOPE-EDTF` / `X-CHRONOSCOPE-PRECISION`
//!   carry the exact EDTF and precision.
//! - An interval open on one side (`2011-12/..`) spans only its known side;
//!   an event before year 0 cannot be written in iCalendar and is left out.
//! - Lines end in CRLF and are folded at 75 octets on UTF-8 boundaries; TEXT
//!   values escape `\ ; ,` and newlines; control characters are dropped.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::{View, clean, excerpt_citation};
use crate::date::{Day, Edge, EventDate, Precision};
use crate::model::Status;

/// Escapes an RFC 5545 TEXT value.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets (continuations start with a
/// space, which counts), never splitting a UTF-8 character; ends with CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > limit {
            out.push_str("\r\n ");
            width = 1;
            limit = 75;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ymd(d: Day) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// The all-day span `[start, end)` of a date, when at least one side is known.
fn span(date: &EventDate) -> Option<(Day, Day)> {
    let (a, b) = match (date.earliest(), date.latest()) {
        (Edge::Day(a), Edge::Day(b)) => (a, b),
        (Edge::Day(a), _) => (a, a),
        (_, Edge::Day(b)) => (b, b),
        _ => return None,
    };
    // iCalendar dates have four-digit years: BCE dates cannot be written.
    if a.year < 0 || b.year > 9998 {
        return None;
    }
    let end = b.to_naive()?.succ_opt().map(Day::from_naive)?;
    Some((a, end))
}

fn needs_precision_label(date: &EventDate) -> bool {
    date.precision() != Precision::Day
        || date.is_approximate()
        || date.is_uncertain()
        || !matches!(
            (date.earliest(), date.latest()),
            (Edge::Day(_), Edge::Day(_))
        )
}

/// The view as an iCalendar file. `stamp` is the DTSTAMP of every event (the
/// command line passes the current time, or `SOURCE_DATE_EPOCH` when set).
pub fn to_string(view: &View<'_>, stamp: DateTime<Utc>) -> String {
    let store = view.store;
    let mut out = String::new();
    let line = |out: &mut String, s: &str| push_folded(out, s);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(
        &mut out,
        concat!(
            "PRODID:-//chronoscope//chronoscope ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    );
    line(&mut out, "CALSCALE:GREGORIAN");
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape_text(&store.title)),
    );
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for e in view.events() {
        let Some((start, end)) = span(&e.date) else {
            continue;
        };
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}@chronoscope", escape_text(&e.id)));
        line(&mut out, &format!("DTSTAMP:{dtstamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ymd(start)));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", ymd(end)));
        let mut summary = e.title.clone();
        if needs_precision_label(&e.date) {
            let _ = write!(
                summary,
                " [{}, {}]",
                e.date.compact(),
                e.date.precision_words()
            );
        }
        line(&mut out, &format!("SUMMARY:{}", escape_text(&summary)));
        let mut desc = format!(
            "Date: {} ({}; EDTF {})",
            e.date.long(),
            e.date.precision_words(),
            e.date.edtf()
        );
        if !e.summary.is_empty() {
            let _ = write!(desc, "\n\n{}", e.summary);
        }
        for x in &e.excerpts {
            let _ = write!(desc, "\n\n“{}”\n— {}", x.quote, excerpt_citation(store, x));
        }
        for d in &e.discrepancies {
            let _ = write!(
                desc,
                "\n\nDiscrepancy ({}): says {}; the record: {} (basis: {})",
                d.source, d.says, d.record, d.basis
            );
        }
        if let Some(n) = &e.note {
            let _ = write!(desc, "\n\nNote: {n}");
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape_text(&desc)));
        if let Some(p) = &e.place {
            line(
                &mut out,
                &format!("LOCATION:{}", escape_text(store.place_name(p))),
            );
        }
        if !e.tags.is_empty() {
            let tags: Vec<String> = e.tags.iter().map(|t| escape_text(t)).collect();
            line(&mut out, &format!("CATEGORIES:{}", tags.join(",")));
        }
        let status = match e.status {
            Status::Occurred => "CONFIRMED",
            Status::Scheduled => "TENTATIVE",
        };
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(
            &mut out,
            &format!("X-CHRONOSCOPE-EDTF:{}", escape_text(e.date.edtf())),
        );
        line(
            &mut out,
            &format!("X-CHRONOSCOPE-PRECISION:{}", e.date.precision().noun()),
        );
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_75_octets_and_utf8() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "横田めぐみ".repeat(20));
        push_folded(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn month_precision_spans_the_whole_month_with_exclusive_end() {
        let d = EventDate::parse("2020-01").unwrap();
        let (a, b) = span(&d).unwrap();
        assert_eq!((ymd(a), ymd(b)), ("20200101".into(), "20200201".into()));
        assert!(needs_precision_label(&d));
        let d = EventDate::parse("2014-03-10/2014-03-14").unwrap();
        let (a, b) = span(&d).unwrap();
        assert_eq!((ymd(a), ymd(b)), ("20140310".into(), "20140315".into()));
        assert!(!needs_precision_label(&d));
    }
}
