//! Terminal side of issue 6, with the real binary in a pseudo-terminal: the
//! terminal comes back after a closed pty and Ctrl-Z/fg; TERM=dumb, NO_COLOR,
//! `--color never`, a non-tty stdout, a 1×1 terminal and a storm of resizes
//! are handled; a hostile store reaches the screen only as visible text.
//! (`q`, SIGTERM and SIGHUP are in `tests/e2e_pty.rs`.)

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::{
    Launch, Session, TIMEOUT, colour_codes, proc_stat, sgr_params, ticks_per_second,
};

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");

/// Reads output until the screen has not changed for 300 ms (bounded). The
/// explorer redraws every 250 ms, but an unchanged frame changes no cell.
fn settle(s: &mut Session) {
    let start = Instant::now();
    loop {
        let before = s.contents();
        let window = Instant::now();
        while window.elapsed() < Duration::from_millis(300) {
            s.pump(Duration::from_millis(50));
        }
        if s.contents() == before || start.elapsed() > TIMEOUT {
            return;
        }
    }
}

#[test]
fn a_closed_pty_makes_the_explorer_exit_promptly_without_spinning() {
    let mut s = Session::start(&[]);
    s.wait_for("Timeline 1/55");
    let pid = s.pid();
    let (_, cpu_before) = proc_stat(pid).expect("the explorer runs");
    let start = Instant::now();
    s.hang_up();
    let mut cpu_last = cpu_before;
    let code = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status.exit_code();
        }
        if let Some((_, cpu)) = proc_stat(pid) {
            cpu_last = cpu;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "still running 5 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let cpu = Duration::from_millis((cpu_last - cpu_before) * 1000 / ticks_per_second());
    assert!(
        cpu <= elapsed / 2 + Duration::from_millis(50),
        "CPU {cpu:?} in {elapsed:?}: it spun instead of waiting"
    );
    assert_eq!(code, 129, "exits as after SIGHUP");
}

/// The pid of the only child of `parent`.
fn only_child(parent: u32) -> u32 {
    let start = Instant::now();
    loop {
        let list = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        if let Some(pid) = list.split_whitespace().next() {
            return pid.parse().unwrap();
        }
        assert!(start.elapsed() < TIMEOUT, "no child of {parent}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_stops_the_explorer_and_fg_redraws_it() {
    // A job-control shell runs the explorer in its own process group, as an
    // interactive shell does (a session leader's orphaned group would ignore
    // SIGTSTP). `fg` gives it the terminal back and sends SIGCONT.
    let mut launch = Launch::chronoscope(&[]);
    launch.program = "bash".into();
    launch.args = vec![
        "-c".into(),
        r#"set -m; "$0"; echo "shell: job stopped"; read -r _; fg"#.into(),
        BIN.into(),
    ];
    let mut s = launch.start();
    s.wait_for("Timeline 1/55");
    let pid = only_child(s.pid());
    s.keys("5j");
    s.wait_for("Timeline 6/55");
    s.keys("\u{1a}");
    s.wait_for("shell: job stopped");
    assert_eq!(proc_stat(pid).map(|p| p.0), Some('T'), "stopped");
    assert!(
        !s.screen.screen().alternate_screen(),
        "main screen while stopped"
    );
    assert!(!s.contents().contains("Timeline"), "{}", s.contents());
    s.assert_modes_restored();
    s.keys("\n");
    s.wait_for("Timeline 6/55");
    assert!(s.screen.screen().alternate_screen());
    assert_ne!(proc_stat(pid).map(|p| p.0), Some('T'), "running again");
    s.assert_raw_mode();
    s.keys("j");
    s.wait_for("Timeline 7/55");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn term_dumb_is_refused_with_a_hint_and_no_escape_sequence() {
    let mut s = Launch::chronoscope(&[]).env("TERM", "dumb").start();
    assert_eq!(s.wait_exit(), 2);
    let out = String::from_utf8_lossy(&s.raw);
    assert!(out.contains("TERM=dumb"), "{out}");
    assert!(out.contains("chronoscope list"), "{out}");
    assert!(!s.raw.contains(&0x1b), "no escape sequence: {out:?}");
    s.assert_modes_restored();
}

/// Opens the explorer, moves, opens help and quits; returns the raw output.
fn draw_and_quit(launch: Launch) -> Session {
    let mut s = launch.start();
    s.wait_for("Timeline 1/55");
    s.keys("3j");
    s.wait_for("Timeline 4/55");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    s
}

fn assert_monochrome_but_visible(s: &Session, what: &str) {
    let params = sgr_params(&s.raw);
    assert_eq!(
        colour_codes(&params),
        Vec::<u16>::new(),
        "{what}: no colour"
    );
    let codes: Vec<&str> = params.iter().flat_map(|p| p.split(';')).collect();
    assert!(
        codes.contains(&"7"),
        "{what}: reverse video marks the selection"
    );
    assert!(codes.contains(&"1"), "{what}: bold");
}

#[test]
fn no_color_draws_without_colour_but_with_reverse_and_bold() {
    let s = draw_and_quit(Launch::chronoscope(&[]).env("NO_COLOR", "1"));
    assert_monochrome_but_visible(&s, "NO_COLOR=1");
}

#[test]
fn color_never_draws_without_colour_but_with_reverse_and_bold() {
    let s = draw_and_quit(Launch::chronoscope(&["--color", "never"]).without_env("NO_COLOR"));
    assert_monochrome_but_visible(&s, "--color never");
}

#[test]
fn colour_is_used_by_default_so_the_colour_check_can_fail() {
    let s = draw_and_quit(Launch::chronoscope(&[]).without_env("NO_COLOR"));
    assert!(!colour_codes(&sgr_params(&s.raw)).is_empty());
}

#[test]
fn stdout_that_is_not_a_terminal_is_refused_without_escape_sequences() {
    let out = Command::new(BIN)
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("needs a terminal") && err.contains("chronoscope list"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert!(!out.stderr.contains(&0x1b), "no escape sequence: {err:?}");
}

#[test]
fn a_1x1_terminal_and_a_storm_of_resizes_leave_a_correct_screen_and_working_keys() {
    let mut s = Launch::chronoscope(&[]).size(1, 1).start();
    s.wait_for_bytes(b"\x1b[?1049h", 0);
    settle(&mut s);
    let sizes = [
        (1, 1),
        (2, 200),
        (200, 2),
        (1, 100),
        (50, 1),
        (24, 80),
        (3, 3),
        (500, 500),
    ];
    for i in 0..200 {
        let (rows, cols) = sizes[i % sizes.len()];
        s.resize(rows, cols);
        s.pump(Duration::ZERO);
    }
    s.resize(30, 100);
    s.wait_for("Timeline 1/55");
    settle(&mut s);
    s.keys("5j");
    s.wait_for("Timeline 6/55");
    settle(&mut s);
    let mut fresh = Session::start(&[]);
    fresh.wait_for("Timeline 1/55");
    fresh.keys("5j");
    fresh.wait_for("Timeline 6/55");
    settle(&mut fresh);
    assert_eq!(
        s.contents(),
        fresh.contents(),
        "the same screen as a fresh start"
    );
    for x in [&mut s, &mut fresh] {
        x.keys("q");
        assert_eq!(x.wait_exit(), 0);
        x.assert_restored();
    }
}

/// The column of the first cell holding `mark` in `row`, by screen cells
/// (a wide character takes two).
fn column_of(s: &Session, row: u16, mark: &str) -> Option<u16> {
    let (_, cols) = s.screen.screen().size();
    (0..cols.get()).find(|&c| {
        s.screen
            .screen()
            .cell(row, c)
            .is_some_and(|x| x.contents() == mark)
    })
}

/// The screen rows whose text contains `text`.
fn rows_with(s: &Session, text: &str) -> Vec<u16> {
    let (rows, cols) = s.screen.screen().size();
    let lines: Vec<String> = s.screen.screen().rows(0, cols.get()).collect();
    (0..rows.get())
        .filter(|&r| lines[usize::from(r)].contains(text))
        .collect()
}

#[test]
fn a_hostile_store_reaches_the_screen_only_as_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::hostile::write_store(dir.path());
    let mut s = Session::start(&["--store", store.to_str().unwrap()]);
    s.wait_for("Timeline 1/4");
    settle(&mut s);
    // Wide rows line up: the timeline's right border is in the same cell
    // column on the CJK row as on the ASCII rows.
    let cjk = rows_with(&s, "横田めぐみさんの件で協議");
    let ascii = rows_with(&s, "Talks ␛[31mRED");
    assert!(!cjk.is_empty() && !ascii.is_empty(), "{}", s.contents());
    let border = column_of(&s, ascii[0], "┃");
    assert!(border.is_some());
    for r in cjk.iter().chain(&ascii) {
        assert_eq!(column_of(&s, *r, "┃"), border, "row {r}:\n{}", s.contents());
    }
    // Every pane and view: detail, excerpts, the source reader, help.
    for (key, shows) in [
        ("j", "Timeline 2/4"),
        ("j", "Timeline 3/4"),
        ("j", "Timeline 4/4"),
        ("g", "Timeline 1/4"),
        ("\t", "Timeline 1/4"),
        ("\t", "Excerpts 1"),
        ("o", "横田めぐみさんの件で協議した。김정일 위원장."),
    ] {
        s.keys(key);
        s.wait_for(shows);
        settle(&mut s);
    }
    // The source reader: its right border stays in the last column on the
    // line with Japanese and Korean text.
    let (_, cols) = s.screen.screen().size();
    for r in rows_with(&s, "김정일 위원장") {
        let last = s
            .screen
            .screen()
            .cell(r, cols.get() - 1)
            .map(|c| c.contents().to_string());
        assert_eq!(last.as_deref(), Some("┃"), "row {r}:\n{}", s.contents());
    }
    assert!(s.contents().contains("␛[31mtalks␛[0m"), "shown as pictures");
    assert!(
        s.contents().contains("⟨U+202E⟩"),
        "bidi override shown as a code"
    );
    for key in ["q", "G", "?"] {
        s.keys(key);
        settle(&mut s);
    }
    s.wait_for("Keys");
    s.keys("\u{1b}");
    settle(&mut s);
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    common::hostile::assert_no_payload(&s.raw, "the explorer");
}
