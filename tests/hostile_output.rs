//! Output side of issue 6: a hostile store (see `tests/common/hostile.rs`)
//! through `list`, `show`, `check` and `export` in every format, on stdout,
//! stderr and in files: no raw control sequence, bidi or invisible character
//! gets out; CSV formulas are neutralised, ICS lines cannot be injected,
//! Markdown keeps its structure, JSON escapes losslessly. And every write is
//! atomic: an existing file, a symlink, a directory or a failing disk leaves
//! the original untouched and nothing partial behind.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::hostile::{self, assert_no_hazard, assert_no_payload};

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");
const FORMATS: [&str; 6] = ["json", "csv", "md", "ics", "timelinejs", "csl"];

struct Hostile {
    dir: tempfile::TempDir,
    store: PathBuf,
}

impl Hostile {
    fn new() -> Hostile {
        let dir = tempfile::tempdir().unwrap();
        let store = hostile::write_store(dir.path());
        Hostile { dir, store }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("--store")
            .arg(&self.store)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    fn loaded(&self) -> chronoscope::store::Store {
        chronoscope::store::Store::load_path(&self.store)
            .expect("the hostile store loads")
            .store
    }
}

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
    let expected: Vec<&str> = store.events.iter().map(|e| e.title.as_str()).collect();
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

fn export_to(h: &Hostile, out: &Path, force: bool) -> Output {
    let mut args = vec!["export", "--format", "json", "--out", out.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    h.run(&args)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_existing_file_is_untouched_without_force_and_replaced_with_it() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("existing.json");
    std::fs::write(&target, b"precious").unwrap();
    let refused = export_to(&h, &target, false);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("already exists; nothing was written"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    let replaced = export_to(&h, &target, true);
    assert_eq!(replaced.status.code(), Some(0));
    assert!(std::fs::read_to_string(&target).unwrap().starts_with('{'));
    assert_eq!(files_in(out_dir.path()), ["existing.json"]);
}

#[test]
fn a_symlink_is_never_followed_and_its_target_untouched() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("target.txt");
    std::fs::write(&target, b"precious").unwrap();
    let link = out_dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for force in [false, true] {
        let out = export_to(&h, &link, force);
        assert_eq!(out.status.code(), Some(2), "force: {force}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is a symbolic link; nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    assert_eq!(files_in(out_dir.path()), ["link.json", "target.txt"]);
}

#[test]
fn a_directory_is_refused() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("folder");
    std::fs::create_dir(&target).unwrap();
    for force in [false, true] {
        let out = export_to(&h, &target, force);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is a directory; nothing was written"), "{err}");
        assert!(files_in(&target).is_empty());
    }
}

/// `export --format json --out <target> [--force]` with a 1-block file-size
/// limit, SIGXFSZ ignored, so write(2) fails with EFBIG like a full disk.
fn export_over_the_size_limit(h: &Hostile, target: &Path, force: bool) -> Output {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", r#"ulimit -f 1; trap "" XFSZ; exec "$0" "$@""#, BIN])
        .arg("--store")
        .arg(&h.store)
        .args(["export", "--format", "json", "--out"])
        .arg(target);
    if force {
        cmd.arg("--force");
    }
    cmd.output().unwrap()
}

#[test]
fn a_failed_write_leaves_the_original_untouched_and_no_temp_file() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("existing.json");
    let original = b"{\"the\": \"original\"}\n".repeat(10);
    std::fs::write(&target, &original).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = export_over_the_size_limit(&h, &target, true);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("existing.json: cannot write"), "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(err.contains("hint:"), "says what to do: {err}");
    assert_eq!(std::fs::read(&target).unwrap(), original, "byte-identical");
    assert_eq!(files_in(out_dir.path()), ["existing.json"], "no temp file");
}

#[test]
fn a_failed_write_to_a_new_file_creates_nothing() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("new.json");
    let out = export_over_the_size_limit(&h, &target, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("File too large"));
    assert!(files_in(out_dir.path()).is_empty(), "nothing left behind");
}

#[test]
fn an_export_file_gets_ordinary_permissions_and_a_replaced_one_keeps_its_own() {
    let h = Hostile::new();
    let out_dir = tempfile::tempdir().unwrap();
    let fresh = out_dir.path().join("fresh.json");
    let out = Command::new("sh")
        .args(["-c", r#"umask 022; exec "$0" "$@""#, BIN])
        .arg("--store")
        .arg(&h.store)
        .args(["export", "--format", "json", "--out"])
        .arg(&fresh)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode(&fresh),
        0o644,
        "0666 less the umask, like any new file"
    );
    let kept = out_dir.path().join("kept.json");
    std::fs::write(&kept, b"old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(export_to(&h, &kept, true).status.code(), Some(0));
    assert_eq!(mode(&kept), 0o640, "the replaced file keeps its mode");
}
