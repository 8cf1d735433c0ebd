//! The real binary in a pseudo-terminal: keys in, screen out, and the
//! terminal restored (alternate screen left, cursor shown, the terminal's
//! modes as they were) after `q`, SIGTERM and SIGHUP.

mod common;

use common::pty::{Launch, Session};

#[test]
fn keys_drive_the_explorer_and_q_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Timeline 1/55");
    s.keys("5j");
    s.wait_for("Timeline 6/55");
    s.keys(":2014-03\r");
    s.wait_for("Tokyo's relations with Beijing");
    s.keys("?");
    s.wait_for("Keys · j/k scroll");
    s.keys("\u{1b}");
    s.wait_for("j/k move");
    s.keys("j");
    s.wait_for("Timeline 23/55");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn starts_at_an_event_and_sigterm_restores_the_terminal() {
    let mut s = Session::start(&["--at", "beijing-talks-2014"]);
    s.wait_for("Formal Japan–North Korea");
    s.wait_for("Timeline 29/55");
    s.signal(libc::SIGTERM);
    assert_eq!(s.wait_exit(), 143);
    s.assert_restored();
}

#[test]
fn an_unknown_start_event_is_an_error_after_restoring() {
    let mut s = Session::start(&["--at", "no-such-event"]);
    assert_eq!(s.wait_exit(), 2);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw);
    assert!(
        out.contains("--at no-such-event: no event with this id"),
        "{out}"
    );
}

#[test]
fn stdout_that_is_not_a_terminal_is_refused_with_a_hint() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("chronoscope list"));
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = Session::start(&[]);
    s.wait_for("Timeline 1/55");
    s.signal(libc::SIGHUP);
    assert_eq!(s.wait_exit(), 129);
    s.assert_restored();
}

#[test]
fn a_store_edited_on_disk_is_reloaded_keeping_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join("assets/sources")).unwrap();
    for f in std::fs::read_dir(root.join("assets/sources")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(
            &f,
            dir.path()
                .join("assets/sources")
                .join(f.file_name().unwrap()),
        )
        .unwrap();
    }
    let path = dir.path().join("events.yaml");
    let original = std::fs::read_to_string(root.join("events.yaml")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let store = path.to_str().unwrap();
    let mut s = Session::start(&["--store", store, "--at", "arf-2023"]);
    s.wait_for("Timeline 55/55");
    let added = original.replacen(
        "\nevents:\n",
        "\nevents:\n  - id: added-by-test\n    date: \"1950\"\n    title: Added while open\n    context: true\n    note: test\n",
        1,
    );
    std::fs::write(&path, added).unwrap();
    s.wait_for("Timeline 56/56");
    std::fs::write(&path, "title: [broken\n").unwrap();
    s.wait_for("no longer loads");
    s.wait_for("Timeline 56/56");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

/// `n` in "Hits n/m of 55", the pane title of a filtered view.
fn hit_position(screen: &str) -> Option<(usize, usize)> {
    let rest = &screen[screen.find("Hits ")? + "Hits ".len()..];
    let (n, rest) = rest.split_once('/')?;
    let m: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((n.parse().ok()?, m.parse().ok()?))
}

#[test]
fn search_keep_step_clear_and_quit_in_the_real_binary() {
    let mut s = Launch::chronoscope(&[]).size(40, 160).start();
    s.wait_for("Timeline 1/55");
    s.keys("/koizumi");
    s.wait_for("/koizumi");
    s.wait_for("Hits 1/");
    s.keys("\r");
    // Kept: the prompt closed, the hits stay, with the browse hint.
    s.wait_for("n/N next/previous hit");
    s.wait_for("Koizumi–Kim Jong Il summit in Pyongyang");
    let screen = s.contents();
    let (first, hits) = hit_position(&screen).expect("a Hits title");
    assert_eq!(first, 1, "{screen}");
    assert!(
        (2..55).contains(&hits),
        "koizumi narrows the view: {screen}"
    );
    assert!(!screen.contains("Megumi Yokota abducted"), "{screen}");
    // n moves to the second hit.
    s.keys("n");
    s.wait_for(&format!("Hits 2/{hits} of 55"));
    // Esc clears the search: the whole timeline again, on the same event.
    s.keys("\u{1b}");
    s.wait_for("search cleared");
    s.wait_for("/55 ");
    let screen = s.contents();
    assert!(screen.contains("Timeline "), "{screen}");
    assert!(hit_position(&screen).is_none(), "{screen}");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_big_store_shows_a_loading_screen_and_q_quits_while_it_loads() {
    // 15,000 synthetic events (13 MB): about 5 s to parse and check in a
    // debug build, so the loading screen is up when `q` arrives.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(15_000, 42)).unwrap();
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").unwrap();
    let store = path.to_str().unwrap();
    let mut s = Session::start(&["--store", store]);
    s.wait_for("Loading");
    s.wait_for("MB)");
    s.wait_for(" s · ");
    s.wait_for("q or Esc cancels");
    let screen = s.contents();
    assert!(screen.contains(store), "{screen}");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    // The explorer never drew the timeline: q ended the load itself.
    let out = String::from_utf8_lossy(&s.raw);
    assert!(
        !out.contains("Timeline"),
        "the store finished loading first"
    );
}
