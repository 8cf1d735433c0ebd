//! Findings that say the same words hold them once, whether they come from
//! a check or from the report a check kept in the cache; the places of a
//! kept report are read without its findings.

use std::path::Path;
use std::sync::Arc;

use super::{Report, check};
use crate::cache::{MIN_STORE_BYTES, open_in};

/// A synthetic store whose source text every quote misses: its findings
/// all say "quote not found verbatim in source …", with few sources.
fn missing_quotes_store(dir: &Path) -> std::path::PathBuf {
    let yaml = crate::synth::yaml(2_000, 7);
    assert!(yaml.len() >= MIN_STORE_BYTES, "{} bytes", yaml.len());
    let path = dir.join("events.yaml");
    std::fs::write(&path, yaml).expect("store written");
    std::fs::write(dir.join("synth-source.txt"), "nothing quoted here\n").expect("source");
    path
}

/// How many `excerpt-verbatim` findings there are, after asserting that
/// every two of them with the same message share its allocation.
fn shared_misses(report: &Report) -> usize {
    let misses: Vec<&Arc<str>> = (report.findings.iter())
        .filter(|f| f.rule == "excerpt-verbatim")
        .map(|f| &f.message)
        .collect();
    let mut firsts: std::collections::HashMap<&str, &Arc<str>> = Default::default();
    for m in &misses {
        let first = firsts.entry(&***m).or_insert(*m);
        assert!(Arc::ptr_eq(first, m), "a second copy of {m:?}");
    }
    // The point of sharing: many findings, few messages.
    assert!(
        firsts.len() * 10 < misses.len(),
        "{} of {}",
        firsts.len(),
        misses.len()
    );
    misses.len()
}

#[test]
fn findings_of_a_check_that_say_the_same_share_their_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = open_in(&missing_quotes_store(dir.path()), None).expect("store loads");
    let report = check(&loaded);
    assert!(shared_misses(&report) > 1_000);
}

#[test]
fn findings_of_a_kept_report_that_say_the_same_share_their_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("cache dir");
    let path = missing_quotes_store(dir.path());
    let cold = open_in(&path, Some(cache.path())).expect("store loads");
    let checked = check(&cold);
    let warm = open_in(&path, Some(cache.path())).expect("store loads again");
    assert!(warm.from_cache(), "the snapshot is reused");
    assert!(crate::cache::has_report(
        warm.snapshot.as_ref().expect("snapshot")
    ));
    let recalled = check(&warm);
    assert_eq!(recalled.findings, checked.findings);
    assert_eq!(shared_misses(&recalled), shared_misses(&checked));
}

/// The places of a kept report are read with its findings passed over
/// (frames of 4,096 rows not decoded): the same places, no findings.
#[test]
fn the_places_of_a_kept_report_are_read_without_its_findings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = tempfile::tempdir().expect("cache dir");
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, crate::synth::yaml(3_000, 7)).expect("store written");
    std::fs::write(dir.path().join("synth-source.txt"), "").expect("source");
    // Some quotes found (every fourth event's first), most missed.
    let store = open_in(&path, None).expect("store loads").store;
    let quoted: Vec<&str> = (store.events.iter().step_by(4))
        .filter_map(|e| e.excerpts.first())
        .map(|x| &*x.quote)
        .collect();
    std::fs::write(dir.path().join("synth-source.txt"), quoted.join("\n\n")).expect("source");
    let cold = open_in(&path, Some(cache.path())).expect("store loads");
    let checked = check(&cold);
    assert!(!checked.located.is_empty(), "some quotes found");
    assert!(
        checked.findings.len() > 4_096,
        "{} findings: more than one frame",
        checked.findings.len()
    );
    let warm = open_in(&path, Some(cache.path())).expect("store loads again");
    let placed = warm.kept_places().expect("the kept report's places");
    assert!(placed.findings.is_empty());
    assert_eq!(placed.located, checked.located);
    assert_eq!(placed.events, checked.events);
}

/// The report's list of findings is made once at its length: the rules
/// checked after the quotes (here `anachronism`) no longer double it.
#[test]
fn a_check_report_holds_no_spare_room_for_findings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = open_in(&missing_quotes_store(dir.path()), None).expect("store loads");
    let report = check(&loaded);
    let rules: std::collections::HashSet<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert!(
        rules.contains("excerpt-verbatim") && rules.contains("anachronism"),
        "{rules:?}"
    );
    assert_eq!(report.findings.capacity(), report.findings.len());
}
