//! Dropping a load (the user quit, or a newer reload replaced it) stops its
//! check: no core keeps working for a store nobody will see. Alone in its
//! test binary, because it measures this process's CPU time.

use chronoscope::tui::loading::{Loader, Message};
use std::time::{Duration, Instant};

/// CPU time (user + system) this process has used so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) }, 0);
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// CPU time used during the next `window`.
fn cpu_during(window: Duration) -> Duration {
    let before = cpu_time();
    std::thread::sleep(window);
    cpu_time() - before
}

#[test]
fn dropping_a_load_stops_its_running_check() {
    // A real check, not the snapshot's report.
    chronoscope::cache::set_enabled(false);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(50_000, 11)).unwrap();
    std::fs::write(dir.path().join("synth-source.txt"), "synthetic source\n").unwrap();
    let mut loader = Loader::start(Some(path));
    let started = Instant::now();
    loop {
        match loader.try_next() {
            Some(Message::Checking(..)) => break,
            Some(Message::Parsed(_)) | None => std::thread::sleep(Duration::from_millis(2)),
            Some(m) => panic!("expected progress first, got {m:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
    }
    let window = Duration::from_millis(250);
    // The check is running: it uses CPU (how much depends on the machine's load).
    // The store is big enough that its check (debug build) outlasts the window.
    let running = cpu_during(window);
    assert!(
        loader
            .try_next()
            .is_none_or(|m| matches!(m, Message::Checking(..))),
        "the check must still be running for the comparison to mean anything"
    );
    drop(loader);
    // Let the chunks in hand finish (512 events each), then measure again.
    std::thread::sleep(Duration::from_millis(400));
    let after = cpu_during(window);
    assert!(
        after * 4 < running && after < Duration::from_millis(100),
        "CPU in {window:?}: {running:?} while checking, {after:?} after the load was dropped"
    );
}
