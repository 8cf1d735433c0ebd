//! The one printer, through the real binary: a closed pipe ends quietly, a
//! full disk on stdout or stderr is exit 2 (never a panic's 101), JSON
//! always goes through the safe writer, and file names from outside reach
//! stderr only sanitised.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::hostile::{Hostile, assert_no_hazard};

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");

fn cs() -> Command {
    let mut c = Command::new(BIN);
    c.env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

/// Runs with standard output a pipe whose reading end is already closed, as
/// after `| head -1` has read its line: every write gets EPIPE.
fn into_closed_pipe(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    cs().args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn dev_full() -> File {
    File::options().write(true).open("/dev/full").unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_commands_exit_code() {
    let cases: [(&[&str], i32); 5] = [
        (&["search", "a"], 0),
        (&["search", "a", "--json"], 0),
        (&["check", "-v"], 0),
        (&["list"], 0),
        (&["export", "--format", "md"], 0),
    ];
    for (args, code) in cases {
        let out = into_closed_pipe(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
    // A closed pipe keeps the command's own code: no hit is still 1.
    let out = into_closed_pipe(&["search", "zzzqqqxxx"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_real_head_minus_1_reads_one_line_and_the_exit_status_is_clean() {
    // The shell's view: `chronoscope search a | head -1` with pipefail.
    let script = format!("set -o pipefail; {BIN} search a --limit 0 | head -1");
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_full_disk_on_stdout_is_exit_2_with_a_message() {
    for args in [
        &["search", "koizumi"][..],
        &["search", "koizumi", "--json"],
        &["check", "-v"],
        &["show", "yokota-abduction"],
        &["schema"],
        &["--help"],
    ] {
        let out = cs()
            .args(args)
            .stdout(dev_full())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(err.contains("hint:"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn every_command_with_a_full_stderr_exits_0_or_2_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("out.json");
    let out_file = out_file.to_str().unwrap();
    let tl = dir.path().join("tl.json");
    std::fs::write(&tl, TIMELINE_WITH_A_WARNING).unwrap();
    let tl = tl.to_str().unwrap();
    // (args, exit code with a full stderr): 2 whenever the command had
    // something to say there, else the command's own code.
    let cases: Vec<(Vec<&str>, i32)> = vec![
        (vec!["check"], 2),
        (vec!["check", "--format", "json"], 0),
        (vec!["list"], 0),
        (vec!["list", "--from", "2015", "--to", "2014"], 2),
        (vec!["show", "yokota-abduction"], 0),
        (vec!["show", "nope"], 2),
        // Every export reports on stderr what it wrote: a full stderr is a
        // write failure like any other.
        (vec!["export", "--format", "csv"], 2),
        (vec!["export", "--format", "json", "--out", out_file], 2),
        (vec!["schema"], 0),
        (vec!["completions", "bash"], 0),
        (vec!["man"], 0),
        (vec!["search", "koizumi"], 2),
        (vec!["search", "year:2004..2002"], 2),
        (vec!["import", "timelinejs", tl], 2),
        (vec!["--version"], 0),
        (vec!["list", "--no-such-option"], 2),
        (vec!["--store", "/nonexistent/events.yaml", "list"], 2),
    ];
    for (args, code) in cases {
        let out = cs()
            .args(&args)
            .stdout(Stdio::null())
            .stderr(dev_full())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
    }
}

#[test]
fn search_json_escapes_c1_and_bidi_characters_losslessly() {
    let h = Hostile::new();
    let out = h.run(&["search", "talks", "--json", "--limit", "0"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_hazard(&out.stdout, "search --json");
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("\\u009b"), "C1 CSI escaped: {json}");
    assert!(json.contains("\\u202e"), "bidi override escaped: {json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let store = h.loaded();
    let hit = &v["hits"][0];
    let event = store.event(hit["id"].as_str().unwrap()).unwrap();
    assert_eq!(hit["title"], &*event.title, "read back exactly");
    assert!(event.title.contains('\u{9b}') || event.title.contains('\u{202e}'));
}

/// A TimelineJS file one of whose slides gives a day without a month (a
/// warning: the day is dropped).
const TIMELINE_WITH_A_WARNING: &str = r#"{"events": [
  {"start_date": {"year": "2014", "day": "5"}, "text": {"headline": "Talks"}}
]}"#;

/// A file name carrying an escape sequence (OSC 0 sets the window title,
/// `ESC[2J` clears the screen) and a bidi override.
const HOSTILE_NAME: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}";

/// `chronoscope ARGS… PATH`, expecting exit `code`, and every message about
/// PATH sanitised and holding `words`.
fn run_on_hostile_path(args: &[&str], path: &Path, code: i32, words: &str) {
    let out = cs().args(args).arg(path).output().unwrap();
    let what = format!("{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{what}: {err}");
    assert_no_hazard(&out.stderr, &what);
    assert!(err.contains(words), "{what}: {err}");
    assert!(
        err.contains("evil\u{241b}]0;pwned"),
        "{what}: pictures: {err}"
    );
    assert!(err.contains("⟨U+202E⟩"), "{what}: bidi shown: {err}");
}

#[test]
fn hostile_file_names_reach_stderr_only_sanitised_in_every_message() {
    let dir = tempfile::tempdir().unwrap();
    let named = |suffix: &str| dir.path().join(format!("{HOSTILE_NAME}{suffix}"));
    let import = ["import", "timelinejs"];
    std::fs::write(named(".json"), "{ not json").unwrap();
    run_on_hostile_path(&import, &named(".json"), 2, "JSON");
    run_on_hostile_path(&import, &named("-missing.json"), 2, "cannot read");
    std::fs::write(named("-tl.json"), TIMELINE_WITH_A_WARNING).unwrap();
    run_on_hostile_path(&import, &named("-tl.json"), 0, "warning");
    let export = ["export", "--format", "json", "--out"];
    run_on_hostile_path(&export, &named("-out.json"), 0, "wrote 55 events");
    run_on_hostile_path(&export, &named("-out.json"), 2, "already exists");
    run_on_hostile_path(
        &["list", "--store"],
        &named(".yaml"),
        2,
        "cannot read the store",
    );
}

#[test]
fn a_date_range_that_ends_before_it_starts_is_an_error() {
    let out = cs()
        .args(["list", "--from", "2015", "--to", "2014"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--from 2015 starts after --to 2014 ends"),
        "{err}"
    );
    assert!(
        err.contains("hint: swap them: --from 2014 --to 2015"),
        "{err}"
    );
    let out = cs()
        .args([
            "export", "--format", "csv", "--from", "2014-06", "--to", "2014",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "June 2014 lies within 2014");
}

#[test]
fn search_on_a_terminal_wraps_between_words_within_the_width() {
    let cols = 60;
    let mut s = common::pty::Launch::chronoscope(&["search", "koizumi", "--limit", "5"])
        .size(40, cols)
        .start();
    assert_eq!(s.wait_exit(), 0);
    let text = String::from_utf8_lossy(&s.raw).replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 5, "{text}");
    for line in &lines {
        let width = unicode_width::UnicodeWidthStr::width(*line);
        assert!(
            width <= usize::from(cols),
            "{width} columns: {line:?}\n{text}"
        );
    }
    // A title longer than the window goes on under the date, not mid-word.
    let wrapped = lines.windows(2).any(|w| {
        w[0].starts_with("  1. ") && w[1].starts_with("     ") && !w[1].starts_with("     matched")
    });
    assert!(wrapped, "{text}");
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let piped = cs()
        .args(["search", "koizumi", "--limit", "5"])
        .output()
        .unwrap();
    let piped = String::from_utf8([piped.stdout, piped.stderr].concat()).unwrap();
    assert_eq!(words(&text), words(&piped), "the same words, none split");
    assert!(
        !text.contains("Pyongyan…"),
        "snippets end at a word: {text}"
    );
}
