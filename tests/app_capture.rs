//! Capture in the source reader, driven by actions: the sentence under the
//! cursor becomes a new event or an excerpt of the selected event, written
//! into a working copy of the store, reloaded and checked; `u` puts the
//! previous bytes back; the built-in store and a quote that would not be
//! unique are refused with the reason.

mod common;
use common::explorer::{app_at, app_from, copy_store, draw};

use chronoscope::tui::action::Action::*;
use chronoscope::tui::app::{App, Effect, READ_ONLY};
use chronoscope::tui::reload;

/// Opens the reader on the focused excerpt of event `id` and moves the
/// cursor with `}` to the expression written `words`.
fn reader_at(app: &mut App, id: &str, words: &str) {
    app.resize(80, 24);
    assert!(app.start_at(id));
    app.update(OpenReader);
    for _ in 0..40 {
        let r = app.reader().expect("the reader is open");
        if r.expression()
            .is_some_and(|e| &r.text.text[e.range.clone()] == words)
        {
            return;
        }
        app.update(NextDated);
    }
    panic!("no expression {words:?} reached with `}}`");
}

/// The verbatim sentence under the reader's cursor.
fn sentence(app: &App) -> String {
    let r = app.reader().unwrap();
    r.text.text[r.sentence().unwrap().1].to_string()
}

fn check_is_clean(app: &App) {
    match app.check_status() {
        chronoscope::tui::app::CheckStatus::Done {
            errors, warnings, ..
        } => assert_eq!((*errors, *warnings), (0, 0), "check after the capture"),
        other => panic!("check did not finish: {other:?}"),
    }
}

#[test]
fn capture_as_new_event_drafts_it_with_the_resolved_date_and_the_verbatim_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    reader_at(&mut app, "yokota-granddaughter-meeting", "1970s and 1980s");
    let quote = sentence(&app);
    assert!(quote.starts_with("Abe has long worked closely"), "{quote}");
    assert_eq!(app.update(Capture), None);
    assert!(app.reader().unwrap().choosing, "the chooser is open");
    assert_eq!(app.update(CaptureEvent), Some(Effect::Reload));
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(yaml.contains("date: \"1970/1989\""), "{yaml}");
    assert!(yaml.contains(&format!("quote: \"{quote}\"")));
    assert!(app.message().unwrap().contains("captured new event"));
    reload(&mut app, &path);
    let e = &app.store().events[app.selected()];
    assert_eq!(e.date.edtf(), "1970/1989");
    assert_eq!(*e.excerpts[0].quote, *quote);
    assert_eq!(e.excerpts[0].source, "japantimes-2014-03");
    check_is_clean(&app);
    let said = app.message().unwrap();
    assert!(
        said.contains("captured new event") && said.contains("u undo"),
        "{said}"
    );
}

#[test]
fn capture_as_excerpt_adds_the_sentence_to_the_selected_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    let id = "yokota-granddaughter-meeting";
    let before = app.store().events[app.store().index_of(id).unwrap()]
        .excerpts
        .len();
    reader_at(&mut app, id, "Since then");
    let quote = sentence(&app);
    app.update(Capture);
    assert_eq!(app.update(CaptureExcerpt), Some(Effect::Reload));
    reload(&mut app, &path);
    assert_eq!(app.selected_id(), Some(id));
    let e = &app.store().events[app.selected()];
    assert_eq!(e.excerpts.len(), before + 1);
    assert_eq!(
        *e.excerpts[app.excerpt()].quote,
        *quote,
        "the new excerpt in focus"
    );
    check_is_clean(&app);
}

#[test]
fn undo_puts_back_the_bytes_from_before_the_capture() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let original = std::fs::read(&path).unwrap();
    let mut app = app_from(&path);
    reader_at(&mut app, "yokota-granddaughter-meeting", "1970s and 1980s");
    app.update(Capture);
    app.update(CaptureEvent);
    reload(&mut app, &path);
    let n = app.store().events.len();
    assert_eq!(app.update(Undo), Some(Effect::Reload));
    assert_eq!(std::fs::read(&path).unwrap(), original);
    reload(&mut app, &path);
    assert_eq!(app.store().events.len(), n - 1);
    assert!(app.message().unwrap().starts_with("undone: new event"));
    assert_eq!(app.update(Undo), None, "one capture, one undo");
    assert!(app.message().unwrap().contains("nothing to undo"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temp file left: {leftovers:?}");
}

#[test]
fn undo_never_throws_away_a_change_made_after_the_capture() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    reader_at(&mut app, "yokota-granddaughter-meeting", "Since then");
    app.update(Capture);
    app.update(CaptureExcerpt);
    let edited = format!("{}# my note\n", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &edited).unwrap();
    assert_eq!(app.update(Undo), None);
    assert!(app.message().unwrap().starts_with("undo refused"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn the_built_in_store_refuses_capture_with_how_to_get_a_working_copy() {
    let mut app = app_at(None);
    reader_at(&mut app, "yokota-granddaughter-meeting", "1970s and 1980s");
    assert_eq!(app.update(Capture), None);
    assert_eq!(app.message(), Some(READ_ONLY));
    assert!(READ_ONLY.contains("chronoscope init DIR"));
    assert!(READ_ONLY.chars().count() <= 80, "fits 80 columns");
    assert!(
        !app.reader().unwrap().choosing,
        "no chooser on a read-only store"
    );
}

#[test]
fn a_sentence_found_twice_in_its_source_is_refused_as_not_unique() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("assets/sources")).unwrap();
    std::fs::write(
        dir.path().join("assets/sources/a.txt"),
        "The summit opened on 3 May 2020.\n\nIt ended on Friday.\n\nIt ended on Friday.\n",
    )
    .unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(
        &path,
        "title: T\nsources:\n  - id: a\n    title: A\n    publisher: P\n    published: \"2020-05-06\"\n    text: assets/sources/a.txt\nevents:\n  - id: summit\n    date: \"2020-05-03\"\n    title: Summit opens\n    excerpts:\n      - source: a\n        quote: \"The summit opened on 3 May 2020.\"\n",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = app_from(&path);
    reader_at(&mut app, "summit", "Friday");
    app.update(Capture);
    let said = app.message().unwrap();
    assert!(
        said.contains("occurs 2 times") && said.contains("not be unique"),
        "{said}"
    );
    assert!(!app.reader().unwrap().choosing);
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn a_new_event_needs_a_resolved_date_in_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mut app = app_from(&path);
    reader_at(&mut app, "yokota-granddaughter-meeting", "Since then");
    app.update(Capture);
    assert_eq!(app.update(CaptureEvent), None);
    let said = app.message().unwrap();
    assert!(
        said.contains("unresolved") && said.contains("excerpt (e)"),
        "{said}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn the_chooser_names_the_event_and_the_date_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    reader_at(&mut app, "yokota-granddaughter-meeting", "1970s and 1980s");
    app.update(Capture);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn the_cursor_stays_in_the_pane_when_the_reader_scrolls() {
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    app.resize(80, 24);
    app.update(OpenReader);
    let h = usize::from(app.areas().main.height - 2);
    for action in [PageDown, PageDown, Down, PageUp, PageUp, PageUp, Up] {
        app.update(action);
        let r = app.reader().unwrap();
        let line = r.line_of(r.cursor);
        assert!(
            (r.scroll..r.scroll + h).contains(&line),
            "{action:?}: cursor line {line}, pane {}..{}",
            r.scroll,
            r.scroll + h
        );
    }
    // `)` then `(` come back to the same sentence.
    let at = app.reader().unwrap().sentence().unwrap().0;
    app.update(NextSentence);
    assert_eq!(app.reader().unwrap().sentence().unwrap().0, at + 1);
    app.update(PrevSentence);
    assert_eq!(app.reader().unwrap().sentence().unwrap().0, at);
}
