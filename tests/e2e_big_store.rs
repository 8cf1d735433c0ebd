//! The real binary on a big synthetic store in a pseudo-terminal: the first
//! frame is interactive while the check and the search index still run in
//! the background, and `q` quits at once with the terminal restored.

mod common;

use common::pty::Session;
use std::time::{Duration, Instant};

/// 100,000 synthetic events (about 65 MB of YAML): in the debug build the
/// tests run, the check and the index take several seconds after the first
/// frame, so "still running" is a real window, not a race.
const EVENTS: usize = 100_000;

/// A hang guard, not a target: parsing 100,000 events in a debug build took
/// 30–45 s to the first frame on the shared 2-core machine (the test's own
/// runtime), more while other builds run.
const FIRST_FRAME_WITHIN: Duration = Duration::from_secs(120);

/// Waits until `text` is on the screen, up to `limit`.
fn wait_long(s: &mut Session, text: &str, limit: Duration) {
    let start = Instant::now();
    while !s.contents().contains(text) {
        assert!(
            start.elapsed() < limit,
            "timed out waiting for {text:?}; screen:\n{}",
            s.contents()
        );
        s.pump(Duration::from_millis(20));
    }
}

/// N in "checking N%".
fn checking_percent(title: &str) -> Option<u32> {
    let rest = &title[title.find("checking ")? + "checking ".len()..];
    rest[..rest.find('%')?].parse().ok()
}

fn title(s: &Session) -> String {
    s.contents().lines().next().unwrap_or_default().to_string()
}

#[test]
fn a_100k_store_is_browsable_while_check_and_index_run_and_q_quits_at_once() {
    let t0 = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(EVENTS, 42)).unwrap();
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").unwrap();
    let generated = t0.elapsed();
    // No cache: a cached report would make the check finish at once.
    let store = path.to_str().unwrap();
    let cache = dir.path().join("cache");
    let mut s = common::pty::Launch::chronoscope(&["--no-cache", "--store", store])
        .env("XDG_CACHE_HOME", cache.to_str().unwrap())
        .start();
    let first = format!("Timeline 1/{EVENTS}");
    wait_long(&mut s, &first, FIRST_FRAME_WITHIN);
    let first_frame = t0.elapsed();
    let before = title(&s);
    assert!(
        before.contains("checking") || before.contains("indexing"),
        "the first frame should come before the background work ends: {before}"
    );
    assert!(!before.contains("clean"), "{before}");
    s.keys("j");
    // Answered at once: the selection moves within a few turns of the loop.
    wait_long(
        &mut s,
        &format!("Timeline 2/{EVENTS}"),
        Duration::from_secs(5),
    );
    let answered = title(&s);
    assert!(
        answered.contains("checking") || answered.contains("indexing"),
        "`j` should be answered while the check or index still runs: {answered}"
    );
    assert!(!answered.contains("clean"), "{answered}");
    // The percentage moves as chunks finish (the first chunks are under 1 %).
    let moving = Instant::now();
    let percent = loop {
        let t = title(&s);
        if let Some(p) = checking_percent(&t).filter(|&p| p > 0) {
            break p;
        }
        assert!(
            !t.contains("check:"),
            "the check ended before any progress showed: {t}"
        );
        assert!(
            moving.elapsed() < Duration::from_secs(20),
            "no progress shown: {t}"
        );
        s.pump(Duration::from_millis(20));
    };
    assert!(percent < 100, "{percent}");
    let quit = Instant::now();
    s.keys("q");
    assert_eq!(s.wait_exit(), 0);
    let quit_took = quit.elapsed();
    s.assert_restored();
    // The check over 100,000 events takes seconds in a debug build: quitting
    // cancels it instead of waiting for it.
    assert!(quit_took < Duration::from_secs(2), "q took {quit_took:?}");
    eprintln!(
        "generated in {generated:?}, first frame at {first_frame:?}, title when j answered: \
         {answered:?}, then checking {percent}%, q took {quit_took:?}"
    );
}
