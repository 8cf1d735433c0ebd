//! Capture end to end, in the real binary on a pseudo-terminal: `init` a
//! working copy, open it, open a source in the reader, move the cursor to a
//! dated sentence, capture it as a new event; the event appears in the
//! timeline with its excerpt, and `chronoscope check` on the file is clean.

mod common;

use common::pty::Session;

const SENTENCE: &str = "Abe has long worked closely with the Yokotas";

#[test]
fn capture_a_sentence_as_a_new_event_from_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("my-chronology");
    let bin = env!("CARGO_BIN_EXE_chronoscope");
    let init = std::process::Command::new(bin)
        .arg("init")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    let store = copy.join("events.yaml");
    let store = store.to_str().unwrap();
    let mut s = Session::start(&["--store", store, "--at", "yokota-granddaughter-meeting"]);
    s.wait_for("Timeline");
    s.wait_for("check: clean");
    // `o` opens the reader on the event's excerpt ("For five days from March 10 …").
    s.keys("o");
    s.wait_for("Source: The Japan Times");
    s.wait_for("“For five days from March 10” → 2014-03-10/2014-03-14");
    // `}` steps through the dated expressions: "1977", then "1970s and 1980s".
    s.keys("}");
    s.wait_for("“1977” → 1977");
    s.keys("}");
    s.wait_for("“1970s and 1980s” → 1970/1989");
    s.keys("c");
    s.wait_for("Capture the marked sentence as");
    s.wait_for("new event dated 1970/1989");
    s.keys("n");
    s.wait_for("captured new event `abe-has-long-worked-closely-with-1970`");
    // Reloaded and checked: the timeline has the new event, selected, with its excerpt.
    s.wait_for("Timeline 1/56");
    s.wait_for("check: clean");
    s.wait_for(SENTENCE);
    // The excerpt pane quotes the captured sentence from its source.
    s.wait_for("Excerpts 1");
    s.wait_for("North Korean agents in the 1970s and 1980s.");
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let yaml = std::fs::read_to_string(copy.join("events.yaml")).unwrap();
    assert!(
        yaml.contains("id: \"abe-has-long-worked-closely-with-1970\""),
        "{yaml}"
    );
    let check = std::process::Command::new(bin)
        .args(["--store", store, "check"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{:?} {said}{err}", check.status);
    // Findings go to stdout, the summary to stderr: a clean store has only the summary.
    assert!(said.trim().is_empty(), "{said}");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}
