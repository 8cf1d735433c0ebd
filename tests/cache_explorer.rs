//! The cache never changes what the explorer shows: the same screens from a
//! snapshot as from YAML, and a store edited while it is open is read again
//! from YAML, never taken from the snapshot of its old text.

mod common;
use common::explorer::{draw, today};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chronoscope::cache::open_in;
use chronoscope::check::check;
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::loading::{Loader, Message};

/// A synthetic store over the 1 MiB a snapshot needs, with its source text.
fn synthetic(dir: &Path) -> PathBuf {
    let path = dir.join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(2_000, 5)).unwrap();
    std::fs::write(dir.join("synth-source.txt"), "synthetic source\n").unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() >= chronoscope::cache::MIN_STORE_BYTES as u64);
    path
}

/// The screens a reader walks through: the timeline, an event's detail,
/// the findings list, a search, the time-scaled view.
fn screens(path: &Path, cache: Option<&Path>, expect_cached: bool) -> Vec<String> {
    let loaded = open_in(path, cache).expect("store loads");
    assert_eq!(loaded.from_cache(), expect_cached);
    let report = check(&loaded);
    let mut app = App::new(loaded.store, &report, today());
    let mut out = Vec::new();
    let mut shot = |app: &mut App, actions: &[Action]| {
        for a in actions {
            app.update(*a);
        }
        app.wait_for_search();
        out.push(draw(app, 120, 40).backend().to_string());
    };
    shot(&mut app, &[]);
    shot(
        &mut app,
        &[Action::Count(7), Action::Down, Action::FocusNext],
    );
    shot(&mut app, &[Action::FocusPrev, Action::ShowFindings]);
    shot(&mut app, &[Action::Cancel, Action::Search]);
    let mut query: Vec<Action> = "koizumi".chars().map(Action::PromptInput).collect();
    query.push(Action::PromptAccept);
    shot(&mut app, &query);
    shot(&mut app, &[Action::Cancel, Action::ToggleTimeScale]);
    out
}

#[test]
fn the_explorer_shows_the_same_screens_from_a_snapshot_as_from_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let path = synthetic(dir.path());
    let cache = tempfile::tempdir().unwrap();
    let from_yaml = screens(&path, None, false);
    let cold = screens(&path, Some(cache.path()), false);
    let warm = screens(&path, Some(cache.path()), true);
    assert!(
        from_yaml[2].contains("excerpt-verbatim"),
        "findings listed: {}",
        from_yaml[2]
    );
    for (i, (yaml, (cold, warm))) in from_yaml.iter().zip(cold.iter().zip(&warm)).enumerate() {
        assert_eq!(yaml, cold, "screen {i}: cold open differs from YAML");
        assert_eq!(yaml, warm, "screen {i}: snapshot differs from YAML");
    }
}

/// Runs a load to its end: the store shown and the check's report.
fn load(
    path: &Path,
) -> (
    std::sync::Arc<chronoscope::store::Store>,
    chronoscope::check::Report,
) {
    let mut loader = Loader::start(Some(path.to_path_buf()));
    let mut store = None;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "the load ends");
        match loader.try_next() {
            Some(Message::Parsed(p)) => store = Some(p.store),
            Some(Message::Checking(..)) => {}
            Some(Message::Checked(r)) => return (store.expect("Parsed before Checked"), *r),
            Some(m) => panic!("unexpected {m:?}"),
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

#[test]
fn a_store_edited_while_open_is_reloaded_from_yaml_not_from_the_old_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // The loader opens through the platform cache folder, which this
    // variable moves (the only test in this binary that reads it).
    unsafe { std::env::set_var("CHRONOSCOPE_CACHE_DIR", cache.path()) };
    let path = synthetic(dir.path());
    let (first, report) = load(&path);
    let (again, again_report) = load(&path);
    assert!(
        std::fs::read_dir(cache.path()).unwrap().count() >= 2,
        "the first load left a snapshot and its report"
    );
    assert_eq!(again.events.len(), first.events.len());
    assert_eq!(again_report.findings.len(), report.findings.len());
    // As an editor saves: the first event's title changes, and an id is
    // now declared twice (a new finding).
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, events) = text.split_at(text.find("\nevents:\n").unwrap());
    let events = events
        .replacen("    title: ", "    title: Edited while open ", 1)
        .replacen("  - id: event-0000001\n", "  - id: event-0000000\n", 1);
    let edited = format!("{head}{events}");
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let (reloaded, reloaded_report) = load(&path);
    assert!(
        reloaded
            .events
            .iter()
            .any(|e| e.title.starts_with("Edited while open ")),
        "the new title is shown"
    );
    let duplicate = |r: &chronoscope::check::Report| {
        r.findings.iter().filter(|f| f.rule == "id-unique").count()
    };
    assert_eq!(duplicate(&report), 0);
    assert_eq!(
        duplicate(&reloaded_report),
        1,
        "the new finding is reported"
    );
}
