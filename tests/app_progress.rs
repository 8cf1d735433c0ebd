//! What still runs behind the explorer, fed the loader's messages: the title
//! says "checking 40% · indexing" and never "clean" before the check ends, the
//! findings list says the check is still running, and dropping a load cancels
//! its check.

mod common;
use common::explorer::{draw, today};

use chronoscope::check::{Report, check};
use chronoscope::store::Store;
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::apply;
use chronoscope::tui::loading::{Loader, Message, PROGRESS_EVERY};
use chronoscope::tui::view::status::check_words;
use std::time::{Duration, Instant};

/// The shipped store parsed but not checked, and the report its check gives.
fn parsed() -> (App, Report) {
    let loaded = Store::load_embedded().unwrap();
    let report = check(&loaded);
    (App::parsed(loaded.store, today()), report)
}

#[test]
fn the_title_says_how_far_the_check_is_and_that_the_index_is_building() {
    let (mut app, _) = parsed();
    // Nothing polled the index thread yet: it is still "indexing".
    assert_eq!(check_words(&app), "checking… · indexing");
    assert!(apply(&mut app, Message::Checking(40, 100)));
    assert_eq!(check_words(&app), "checking 40% · indexing");
    assert!(apply(&mut app, Message::Checking(99, 100)));
    assert_eq!(check_words(&app), "checking 99% · indexing");
    app.wait_for_index();
    assert!(!app.poll_index(), "the index arrived");
    assert_eq!(check_words(&app), "checking 99%");
}

#[test]
fn the_drawn_title_shows_the_percentage_and_never_clean_before_the_report() {
    let (mut app, report) = parsed();
    apply(&mut app, Message::Checking(1, 3));
    let screen = draw(&mut app, 120, 40).backend().to_string();
    let title = screen.lines().next().unwrap();
    assert!(title.contains("checking 33%"), "{title}");
    assert!(!title.contains("clean"), "{title}");
    assert!(!apply(&mut app, Message::Checked(Box::new(report))));
    let screen = draw(&mut app, 120, 40).backend().to_string();
    let title = screen.lines().next().unwrap();
    assert!(title.contains("check: clean"), "{title}");
    assert!(!title.contains('%'), "{title}");
}

#[test]
fn progress_arriving_after_the_report_does_not_bring_checking_back() {
    let (mut app, report) = parsed();
    apply(&mut app, Message::Checked(Box::new(report)));
    apply(&mut app, Message::Checking(5, 10));
    app.wait_for_index();
    app.poll_index();
    assert_eq!(check_words(&app), "check: clean");
}

#[test]
fn a_check_with_nothing_to_look_up_reads_as_complete_not_as_a_division_by_zero() {
    let (mut app, _) = parsed();
    apply(&mut app, Message::Checking(0, 0));
    assert_eq!(app.check_percent(), Some(100));
}

#[test]
fn the_findings_list_says_the_check_is_still_running_with_its_percentage() {
    let (mut app, report) = parsed();
    apply(&mut app, Message::Checking(3, 4));
    app.update(Action::ShowFindings);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("check is still running (75%)"), "{screen}");
    apply(&mut app, Message::Checked(Box::new(report)));
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(!screen.contains("still running"), "{screen}");
}

#[test]
fn a_reload_starts_the_percentage_again() {
    let (mut app, _) = parsed();
    apply(&mut app, Message::Checking(9, 10));
    app.set_reloading(true);
    let store = Store::load_embedded().unwrap().store;
    let timeline = chronoscope::tui::rows::Timeline::build(&store);
    let parsed = chronoscope::tui::loading::Parsed {
        store: store.into(),
        timeline,
        index: None,
    };
    apply(&mut app, Message::Parsed(Box::new(parsed)));
    assert_eq!(app.check_percent(), None);
    assert!(
        check_words(&app).starts_with("checking…"),
        "{}",
        check_words(&app)
    );
    assert!(
        check_words(&app).ends_with("reloading…"),
        "{}",
        check_words(&app)
    );
}

#[test]
fn search_typed_before_the_index_is_ready_says_so_and_runs_when_it_arrives() {
    let (mut app, _) = parsed();
    app.resize(120, 40);
    app.update(Action::Search);
    for c in "koizumi".chars() {
        app.update(Action::PromptInput(c));
    }
    // Drawn without waiting for the index (as the event loop does).
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let theme = chronoscope::tui::theme::Theme::plain();
    t.draw(|f| chronoscope::tui::view::render(&app, &theme, f))
        .unwrap();
    let screen = t.backend().to_string();
    assert!(
        screen.contains("indexing… the search runs when the index is ready"),
        "{screen}"
    );
    app.wait_for_search();
    assert!(
        app.filter().is_some_and(|f| !f.is_empty()),
        "the queued query ran"
    );
}

/// A synthetic store in `dir` big enough that its check takes many chunks.
fn synthetic(dir: &std::path::Path, events: usize) -> std::path::PathBuf {
    let path = dir.join("events.yaml");
    std::fs::write(&path, chronoscope::synth::yaml(events, 7)).unwrap();
    std::fs::write(dir.join("synth-source.txt"), "synthetic source\n").unwrap();
    path
}

#[test]
fn the_loader_reports_progress_before_the_report_and_a_cancelled_load_sends_no_report() {
    // The cache would answer the check at once: this is about a real check.
    chronoscope::cache::set_enabled(false);
    let dir = tempfile::tempdir().unwrap();
    let path = synthetic(dir.path(), 4_000);
    // A whole load: Parsed, progress that only grows, then Checked.
    let mut loader = Loader::start(Some(path.clone()));
    let mut seen = Vec::new();
    let mut parsed_at = None;
    let report = loop {
        match loader.try_next() {
            Some(Message::Parsed(_)) => {
                parsed_at = Some(Instant::now());
                seen.push(None);
            }
            Some(Message::Checking(done, total)) => seen.push(Some((done, total))),
            Some(Message::Checked(r)) => break r,
            Some(m) => panic!("unexpected {m:?}"),
            None => std::thread::sleep(Duration::from_millis(1)),
        }
    };
    assert_eq!(seen.first(), Some(&None), "Parsed comes first: {seen:?}");
    let dones: Vec<usize> = seen.iter().flatten().map(|p| p.0).collect();
    assert!(!dones.is_empty(), "at least one progress message");
    assert!(dones.windows(2).all(|w| w[0] <= w[1]), "{dones:?}");
    assert_eq!(report.events, 4_000);
    // Throttled: at most one progress message per PROGRESS_EVERY of checking
    // (plus the first), however many chunks finished.
    let checking = parsed_at.unwrap().elapsed();
    let allowed = checking.as_millis() / PROGRESS_EVERY.as_millis() + 1;
    assert!(
        dones.len() as u128 <= allowed,
        "{} progress messages in {checking:?}",
        dones.len()
    );
    // The same load cancelled as soon as it first reports: no report comes
    // and the thread ends (the channel closes) instead of checking on.
    let loader = Loader::start(Some(path));
    let mut loader = Some(loader);
    let started = Instant::now();
    loop {
        let l = loader.as_mut().unwrap();
        match l.try_next() {
            Some(Message::Checking(..)) => {
                l.cancel();
                break;
            }
            Some(Message::Checked(_)) => panic!("the check ended before it reported progress"),
            Some(Message::Parsed(_)) | None => std::thread::sleep(Duration::from_millis(1)),
            Some(m) => panic!("unexpected {m:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no progress");
    }
    let mut l = loader.take().unwrap();
    loop {
        match l.try_next() {
            Some(Message::Stopped) => break,
            Some(Message::Checking(..)) | None => std::thread::sleep(Duration::from_millis(1)),
            Some(m) => panic!("a cancelled load sent {m:?}"),
        }
    }
}
