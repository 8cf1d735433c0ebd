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
//! - An interval open or unknown on one side (`2011-12/..`, `2014/`) spans
//!   only its known end, as precisely as written (December 2011, the year
//!   2014), and its SUMMARY says so; an event before 1 CE cannot be written in
//!   iCalendar and is left out, named in the [`Report`].
//! - Lines end in CRLF and are folded at 75 octets on UTF-8 boundaries; TEXT
//!   values escape `\ ; ,` and newlines; control characters are dropped.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::{Exported, Report, Unit, View, clean, endpoints, excerpt_citation};
use crate::date::{Day, Edge, EventDate, Precision};
use crate::model::Status;
use crate::store::{Event, Store};

/// Escapes an RFC 5545 TEXT value.
pub fn escape_text(s: &str) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut start = 0;
    // Every character escaped is ASCII: the text between is copied whole.
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'\\' => "\\\\",
            b';' => "\\;",
            b',' => "\\,",
            b'\n' => "\\n",
            b'\t' => " ",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out
}

/// The value of a non-standard property such as `X-WR-CALNAME`: clients
/// (ical.js, Python's icalendar, Apple and Google calendars) read it raw, so
/// TEXT escapes (`\,`) would show as literal backslashes. Only what would
/// break the line is changed: line breaks and tabs become spaces.
pub fn unescaped_value(s: &str) -> String {
    clean(s)
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\t' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Appends one content line, folded at 75 octets (continuations start with a
/// space, which counts), never splitting a UTF-8 character; ends with CRLF.
pub fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    // 75 octets on the first line, 74 after the space of each continuation;
    // a character that does not fit goes whole to the next line.
    let mut limit = 75;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn ymd(d: Day) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// The all-day span `[start, end)` of a date. An interval with an open or
/// unknown end spans only its known end, as precisely as that end is known
/// (`2019-08/..`: August 2019), never one invented day. `Err` says why the
/// date cannot be written.
fn span(date: &EventDate) -> Result<(Day, Day), &'static str> {
    let (a, b) = match (date.earliest(), date.latest()) {
        (Edge::Day(a), Edge::Day(b)) => (a, b),
        _ => {
            let (start, end) = endpoints(date);
            let known = start.or(end).ok_or("it has no known end")?;
            match (known.earliest(), known.latest()) {
                (Edge::Day(a), Edge::Day(b)) => (a, b),
                _ => return Err("it has no known end"),
            }
        }
    };
    // iCalendar dates have four-digit years from 0001 (RFC 5545 `date-fullyear`
    // is four digits, and clients refuse year 0000); DTEND is the day after.
    if a.year < 1 {
        return Err(
            "iCalendar cannot hold dates before 1 CE; the JSON, CSV and Markdown exports keep it",
        );
    }
    if b.year > 9998 {
        return Err(
            "iCalendar cannot hold dates after 9998; the JSON, CSV and Markdown exports keep it",
        );
    }
    let end = b
        .to_naive()
        .and_then(|d| d.succ_opt())
        .map(Day::from_naive)
        .ok_or("its last day is not a calendar day")?;
    Ok((a, end))
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

/// The end of the SUMMARY label for an interval drawn over one end only.
fn open_words(date: &EventDate) -> &'static str {
    if date.is_end_unknown() {
        ", end unknown: drawn over its start only"
    } else if date.is_end_open() {
        ", open end: drawn over its start only"
    } else if date.is_start_unknown() {
        ", start unknown: drawn over its end only"
    } else if date.is_start_open() {
        ", open start: drawn over its end only"
    } else {
        ""
    }
}

/// The view as an iCalendar file. `stamp` is the DTSTAMP of every event (the
/// command line passes the current time, or `SOURCE_DATE_EPOCH` when set).
pub fn to_string(view: &View<'_>, stamp: DateTime<Utc>) -> String {
    export(view, stamp).text
}

/// The view as an iCalendar file, with the report of what it left out (dates
/// before 1 CE) and what it drew over one end only (open intervals).
pub fn export(view: &View<'_>, stamp: DateTime<Utc>) -> Exported {
    let (text, report) = super::in_memory(0, |out| write(view, stamp, out));
    Exported { text, report }
}

/// Events rendered per chunk.
const CHUNK: usize = 256;

/// Writes the calendar to `out` as [`export()`] makes it, the events rendered
/// in chunks on every core and written in order (never held whole).
pub fn write(
    view: &View<'_>,
    stamp: DateTime<Utc>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Report> {
    let store = view.store;
    let mut report = Report::new(Unit::Events, view.len());
    let mut one_end = Vec::new();
    let mut placed = Vec::with_capacity(view.len());
    for &i in &view.indices {
        let e = &store.events[i];
        match span(&e.date) {
            Ok(span) => {
                if !open_words(&e.date).is_empty() {
                    one_end.push(e.id.as_str());
                }
                placed.push((i, span));
            }
            Err(why) => report.leave_out(&e.id, e.date.edtf(), why),
        }
    }
    let mut head = String::new();
    calendar_header(&mut head, &store.title);
    out.write_all(head.as_bytes())?;
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let chunks: Vec<&[(usize, (Day, Day))]> = placed.chunks(CHUNK).collect();
    let render = |c: usize, buffer: &mut Vec<u8>| {
        super::chunks::as_text(buffer, |text| {
            for &(i, span) in chunks[c] {
                vevent(text, store, &store.events[i], span, &dtstamp);
            }
        })
    };
    super::chunks::write_in_order(chunks.len(), render, out)?;
    let mut tail = String::new();
    push_folded(&mut tail, "END:VCALENDAR");
    out.write_all(tail.as_bytes())?;
    if !one_end.is_empty() {
        report.notes.push(format!(
            "{} open-ended (drawn over their known end only, labelled in SUMMARY): {}",
            one_end.len(),
            one_end.join(", ")
        ));
    }
    Ok(report)
}

/// The VCALENDAR's opening lines: version, producer, calendar scale and name.
fn calendar_header(out: &mut String, title: &str) {
    push_folded(out, "BEGIN:VCALENDAR");
    push_folded(out, "VERSION:2.0");
    push_folded(
        out,
        concat!(
            "PRODID:-//chronoscope//chronoscope ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    );
    push_folded(out, "CALSCALE:GREGORIAN");
    push_folded(out, &format!("X-WR-CALNAME:{}", unescaped_value(title)));
}

/// One VEVENT: all-day from `start` to `end` (exclusive), its precision in
/// the summary when coarser than a day, and its EDTF date kept exactly.
fn vevent(out: &mut String, store: &Store, e: &Event, (start, end): (Day, Day), dtstamp: &str) {
    let line = |out: &mut String, s: &str| push_folded(out, s);
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}@chronoscope", escape_text(&e.id)));
    line(out, &format!("DTSTAMP:{dtstamp}"));
    line(out, &format!("DTSTART;VALUE=DATE:{}", ymd(start)));
    line(out, &format!("DTEND;VALUE=DATE:{}", ymd(end)));
    let mut summary = e.title.to_string();
    if needs_precision_label(&e.date) {
        let _ = write!(
            summary,
            " [{}, {}{}]",
            e.date.compact(),
            e.date.precision_words(),
            open_words(&e.date)
        );
    }
    line(out, &format!("SUMMARY:{}", escape_text(&summary)));
    line(
        out,
        &format!("DESCRIPTION:{}", escape_text(&description(store, e))),
    );
    if let Some(p) = &e.place {
        line(out, &format!("LOCATION:{}", escape_text(store.place_name(p))));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| escape_text(t)).collect();
        line(out, &format!("CATEGORIES:{}", tags.join(",")));
    }
    let status = match e.status {
        Status::Occurred => "CONFIRMED",
        Status::Scheduled => "TENTATIVE",
    };
    line(out, &format!("STATUS:{status}"));
    line(out, "TRANSP:TRANSPARENT");
    line(
        out,
        &format!("X-CHRONOSCOPE-EDTF:{}", escape_text(e.date.edtf())),
    );
    line(
        out,
        &format!("X-CHRONOSCOPE-PRECISION:{}", e.date.precision().noun()),
    );
    line(out, "END:VEVENT");
}

/// The event's DESCRIPTION (unescaped): its date in words, summary,
/// excerpts with citations, discrepancies and note.
fn description(store: &Store, e: &Event) -> String {
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
    desc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_cuts_where_a_character_at_a_time_would() {
        // The fold as RFC 5545 words it: a character that would pass 75
        // octets (the continuation's space counted) starts the next line.
        let by_char = |line: &str| {
            let (mut out, mut width) = (String::new(), 0);
            for c in line.chars() {
                if width + c.len_utf8() > 75 {
                    out.push_str("\r\n ");
                    width = 1;
                }
                out.push(c);
                width += c.len_utf8();
            }
            out + "\r\n"
        };
        for n in 0..300 {
            for unit in ["a", "é", "横", "😀", "a横"] {
                let line = format!("X:{}", unit.repeat(n));
                let mut out = String::new();
                push_folded(&mut out, &line);
                assert_eq!(out, by_char(&line), "{n} × {unit}");
            }
        }
    }

    #[test]
    fn cleaning_drops_exactly_the_hazards_but_newlines_and_tabs() {
        let s = "a\u{1b}[1mb\n\tc\u{202e}d\u{200b}e\u{7f}\u{9b}f横\r\u{e0041}g";
        let by_char: String = s
            .chars()
            .filter(|&c| crate::sanitize::hazard(c).is_none() || c == '\n' || c == '\t')
            .collect();
        assert_eq!(clean(s), by_char);
        assert_eq!(clean(s), "a[1mb\n\tcdef横g");
    }

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
    fn a_calendar_name_is_written_without_text_escapes() {
        assert_eq!(
            unescaped_value("Japan–North Korea, 1977–2023; two\narticles"),
            "Japan–North Korea, 1977–2023; two articles"
        );
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
