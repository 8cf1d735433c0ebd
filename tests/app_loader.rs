//! The loader thread's messages: the store is sent as soon as it is parsed
//! (with its rows), then what `check` found; a broken store is one Failed.

mod common;
use common::explorer::copy_store;

use chronoscope::tui::loading::{Loader, Message};

/// Every message of one load, in order.
fn messages(path: &std::path::Path) -> Vec<Message> {
    let mut loader = Loader::start(Some(path.to_path_buf()));
    let mut out = Vec::new();
    loop {
        match loader.try_next() {
            Some(Message::Stopped) => return out,
            Some(m) => out.push(m),
            None => std::thread::sleep(std::time::Duration::from_millis(2)),
        }
    }
}

#[test]
fn the_store_is_sent_parsed_before_its_check_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    // Progress of the check (`Checking`) may come between the two.
    let got: Vec<Message> = messages(&path)
        .into_iter()
        .filter(|m| !matches!(m, Message::Checking(..)))
        .collect();
    let [Message::Parsed(p), Message::Checked(report)] = got.as_slice() else {
        panic!("Parsed then Checked, got {got:?}");
    };
    assert_eq!(p.store.events.len(), report.events);
    assert_eq!(
        p.timeline.years.len(),
        p.store.events.len(),
        "rows built too"
    );
}

#[test]
fn a_store_that_does_not_parse_is_one_failed_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, "title: [unclosed\n").unwrap();
    let got = messages(&path);
    let [Message::Failed(e)] = got.as_slice() else {
        panic!("one Failed, got {got:?}");
    };
    assert!(e.to_string().contains("events.yaml"), "{e}");
}
