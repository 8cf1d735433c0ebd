//! The real binary in a pseudo-terminal, for what a researcher does with
//! `check`'s findings and live reload: a quote edited on disk becomes a
//! finding read through `!`, and reloading a big store never stops `q`.

mod common;

use common::explorer::copy_store;
use common::pty::Session;

/// Replaces the first `from` in the file at `path` by `to`.
fn edit(path: &std::path::Path, from: &str, to: &str) {
    let yaml = std::fs::read_to_string(path).unwrap();
    assert!(yaml.contains(from), "the store holds {from:?}");
    std::fs::write(path, yaml.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_quote_edited_on_disk_is_read_as_a_finding_through_bang() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let store = path.to_str().unwrap();
    let mut s = Session::start(&["--store", store, "--at", "yokota-abduction"]);
    s.wait_for("check: clean");
    edit(
        &path,
        "who went missing on her way home from school",
        "who vanished on her way home from school",
    );
    s.wait_for("check: 1 error · ! list");
    s.keys("!");
    s.wait_for("Findings · check: 1 error");
    s.wait_for("[excerpt-verbatim]");
    s.wait_for("quote not found verbatim");
    let screen = s.contents();
    assert!(screen.contains("events.yaml:"), "{screen}");
    // Enter goes to the event the finding is about.
    s.keys("\r");
    s.wait_for("Megumi Yokota abducted");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn q_answers_at_once_while_a_big_store_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let store = path.to_str().unwrap();
    let mut s = Session::start(&["--store", store]);
    s.wait_for("Timeline 1/55");
    // 15,000 synthetic events (13 MB): seconds to parse and check in a
    // debug build, all of it on the loader thread.
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").unwrap();
    std::fs::write(&path, chronoscope::synth::yaml(15_000, 42)).unwrap();
    s.wait_for("reloading…");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let out = String::from_utf8_lossy(&s.raw);
    assert!(
        !out.contains("15000 events"),
        "q answered only after the big store was parsed"
    );
}
