//! Output never carries the store's control sequences: a hostile store (see `tests/common/hostile.rs`)
//! through `list`, `show`, `check` and `export` in every format, on stdout,
//! stderr and in files: no raw control sequence, bidi or invisible character
//! gets out; CSV formulas are neutralised, ICS lines cannot be injected,
//! Markdown keeps its structure, JSON escapes losslessly. (Atomic writes are
//! in `tests/atomic_writes.rs`.)

mod common;

use std::process::Output;

use common::hostile::{self, Hostile, assert_no_hazard, assert_no_payload};

const FORMATS: [&str; 6] = ["json", "csv", "md", "ics", "timelinejs", "csl"];

fn assert_clean_output(out: &Output, what: &str) {
    assert_no_hazard(&out.stdout, &format!("{what}: stdout"));
    assert_no_hazard(&out.stderr, &format!("{what}: stderr"));
    assert_no_payload(&out.stdout, &format!("{what}: stdout"));
    assert_no_payload(&out.stderr, &format!("{what}: stderr"));
}

fn text(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn the_detector_finds_every_payload_of_the_hostile_store() {
    // The checks below can fail: the store's own text is full of hazards.
    let yaml_decoded = Hostile::new().loaded();
    let title = yaml_decoded.title.as_bytes();
    assert!(!common::hostile::hazards(title).is_empty());
    for p in hostile::PAYLOADS {
        assert!(
            hostile::SOURCE_TEXT
                .as_bytes()
                .windows(p.len())
                .any(|w| w == *p)
                || title.windows(p.len()).any(|w| w == *p),
            "payload {:?} is in the store",
            String::from_utf8_lossy(p)
        );
    }
}

#[test]
fn check_flags_the_hostile_store_without_echoing_it() {
    let h = Hostile::new();
    for args in [
        &["check"][..],
        &["check", "--verbose"],
        &["check", "--format", "json"],
    ] {
        let out = h.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: errors found");
        assert_clean_output(&out, &format!("{args:?}"));
        assert!(text(&out).contains("text-safety"), "{args:?} flags hazards");
    }
}

#[test]
fn list_in_every_format_writes_no_raw_control_sequence() {
    let h = Hostile::new();
    for format in ["table", "json", "csv", "md"] {
        let out = h.run(&["list", "--format", format]);
        assert_eq!(out.status.code(), Some(0), "list --format {format}");
        assert_clean_output(&out, &format!("list --format {format}"));
    }
    // Piped, the table is tab-separated: one line per event, three fields,
    // the hazards shown as visible pictures.
    let plain = text(&h.run(&["list"]));
    assert_eq!(plain.lines().count(), 4, "{plain}");
    assert!(plain.lines().all(|l| l.split('\t').count() == 3), "{plain}");
    assert!(plain.contains("␛[31mRED"), "{plain}");
}

#[test]
fn show_of_every_event_is_sanitised() {
    let h = Hostile::new();
    for id in hostile::PLAIN_IDS {
        let out = h.run(&["show", id]);
        assert_eq!(out.status.code(), Some(0), "show {id}");
        assert_clean_output(&out, &format!("show {id}"));
    }
    let talks = text(&h.run(&["show", "talks"]));
    assert!(talks.contains("⟨U+202E⟩"), "bidi override made visible");
    // An id with an escape sequence, typed by the user, is echoed safely.
    let out = h.run(&["show", "no\u{1b}]0;title\u{7}such"]);
    assert_eq!(out.status.code(), Some(2));
    assert_clean_output(&out, "show <hostile id>");
}

#[test]
fn export_in_every_format_is_free_of_raw_controls_on_stdout_and_in_files() {
    let h = Hostile::new();
    for format in FORMATS {
        let out = h.run(&["export", "--format", format]);
        assert_eq!(out.status.code(), Some(0), "export {format}");
        assert_clean_output(&out, &format!("export --format {format}"));
        let file = h.dir.path().join(format!("out.{format}"));
        let written = h.run(&[
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_eq!(written.status.code(), Some(0), "export {format} --out");
        assert_clean_output(
            &written,
            &format!("export --format {format} --out (messages)"),
        );
        let bytes = std::fs::read(&file).unwrap();
        assert_no_hazard(&bytes, &format!("{format} file"));
        assert_eq!(bytes, out.stdout, "{format}: the file is what stdout gets");
    }
}

#[test]
fn json_exports_escape_hazards_losslessly() {
    let h = Hostile::new();
    let store = h.loaded();
    let out = text(&h.run(&["export", "--format", "json"]));
    assert!(out.contains(r"\u001b[31m"), "ESC written as \\u001b");
    assert!(out.contains(r"\u202e"), "U+202E written as \\u202e");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        doc["title"],
        store.title.as_str(),
        "the exact title comes back"
    );
    let titles: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = store.events.iter().map(|e| &*e.title).collect();
    assert_eq!(titles, expected);
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"evil\u{1b}[31m-id\u{202e}"), "{ids:?}");
    // TimelineJS shows text as HTML: hazards are dropped, markup escaped.
    let tl: serde_json::Value =
        serde_json::from_str(&text(&h.run(&["export", "--format", "timelinejs"]))).unwrap();
    let headline = tl["title"]["text"]["headline"].as_str().unwrap();
    assert_eq!(
        headline,
        "Hostile [31mRED[0m[2J]52;c;SGFja2Vk]8;;https://evil.example/\\link]8;;\\]0;pwned31m0;c1evilisozerowidth chronology"
    );
    let injection = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "injection")
        .unwrap();
    let body = injection["text"]["text"].as_str().unwrap();
    assert!(body.contains("&lt;img src=x"), "{body}");
    assert!(!body.contains("<img"), "{body}");
}

#[test]
fn csv_formula_cells_are_neutralised() {
    let h = Hostile::new();
    let out = h.run(&["export", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    let mut cells = 0;
    for row in rows.records() {
        for cell in row.unwrap().iter() {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would evaluate: {cell:?}"
            );
        }
    }
    assert_eq!(cells, 4 * 18, "four events, eighteen columns");
    let body = text(&out);
    assert!(body.contains("'=cmd|"), "{body}");
    assert!(body.contains("'+1 # Not a heading"), "{body}");
    assert!(body.contains("'-2+3"), "{body}");
    assert!(body.contains("'@SUM(1+1)"), "{body}");
}

/// The content lines of an iCalendar text, unfolded (RFC 5545 §3.1).
fn ics_lines(ics: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in ics.split("\r\n") {
        if let Some(rest) = raw.strip_prefix(' ') {
            lines
                .last_mut()
                .expect("a continuation follows a line")
                .push_str(rest);
        } else if !raw.is_empty() {
            lines.push(raw.to_string());
        }
    }
    lines
}

#[test]
fn ics_summaries_with_crlf_and_end_vevent_inject_no_line() {
    let h = Hostile::new();
    let ics = text(&h.run(&["export", "--format", "ics"]));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "only CRLF line ends"
    );
    for raw in ics.split("\r\n") {
        assert!(raw.len() <= 75, "folded at 75 octets: {raw:?}");
    }
    let lines = ics_lines(&ics);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split([':', ';']).next().unwrap())
        .collect();
    let count = |n: &str| lines.iter().filter(|l| l.as_str() == n).count();
    assert_eq!(count("BEGIN:VEVENT"), 4, "{ics}");
    assert_eq!(count("END:VEVENT"), 4, "{ics}");
    assert_eq!(names.iter().filter(|n| **n == "SUMMARY").count(), 4);
    assert!(!lines.iter().any(|l| l.starts_with("SUMMARY:injected")));
    let known = [
        "BEGIN",
        "END",
        "VERSION",
        "PRODID",
        "CALSCALE",
        "X-WR-CALNAME",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "LOCATION",
        "CATEGORIES",
        "STATUS",
        "TRANSP",
        "X-CHRONOSCOPE-EDTF",
        "X-CHRONOSCOPE-PRECISION",
    ];
    for (line, name) in lines.iter().zip(&names) {
        assert!(known.contains(name), "an unexpected line: {line:?}");
    }
    let description = lines
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:") && l.contains("Summary"))
        .unwrap();
    assert!(
        description.contains(r"\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected"),
        "the injection stays text inside the value: {description}"
    );
    let parsed: icalendar::Calendar = ics.parse().expect("a valid calendar");
    assert_eq!(parsed.components.len(), 4);
}

#[test]
fn markdown_keeps_its_structure() {
    let h = Hostile::new();
    let md = text(&h.run(&["export", "--format", "md"]));
    let lines: Vec<&str> = md.lines().collect();
    let h1 = lines.iter().filter(|l| l.starts_with("# ")).count();
    let h2 = lines.iter().filter(|l| l.starts_with("## ")).count();
    assert_eq!((h1, h2), (1, 4), "one title, one heading per event:\n{md}");
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("###") || l.starts_with("#\t")),
        "{md}"
    );
    for l in &lines {
        let t = l.trim_start();
        assert!(
            !t.starts_with('|')
                && !t.starts_with('<')
                && !t.starts_with("- ")
                && !t.starts_with("1. "),
            "store text opened a table, HTML block or list: {l:?}"
        );
    }
    let footnotes = lines.iter().filter(|l| l.starts_with("[^")).count();
    assert_eq!(footnotes, 2, "one footnote per excerpt:\n{md}");
    for (i, c) in md.char_indices() {
        if c == '<' {
            assert!(
                md[i..].starts_with("<http") || md[..i].ends_with('\\'),
                "raw HTML at byte {i}: {}",
                &md[i..(i + 30).min(md.len())]
            );
        }
    }
}

#[test]
fn list_as_a_table_on_a_terminal_is_sanitised() {
    let h = Hostile::new();
    let mut s = common::pty::Session::start(&["--store", h.store.to_str().unwrap(), "list"]);
    assert_eq!(s.wait_exit(), 0);
    assert_no_hazard(&s.raw, "list on a terminal");
    assert_no_payload(&s.raw, "list on a terminal");
    let screen = s.contents();
    assert!(
        screen.contains("DATE") && screen.contains("␛[31mRED"),
        "{screen}"
    );
}
