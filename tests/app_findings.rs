//! The findings list (`!`), driven by actions: what `check` found, with rule,
//! message and place; Enter goes to the event, `e` asks for the editor at the
//! line; it follows a reload; an event that fails to load is listed.

mod common;
use common::explorer::{app_from, copy_store, draw};

use chronoscope::tui::action::Action::{self, *};
use chronoscope::tui::app::{App, Effect, ModeKind};
use insta::assert_snapshot;

/// The quote of the Yokota abduction, changed so that it is no longer verbatim.
const QUOTE: &str = "who went missing on her way home from school in Niigata Prefecture";
const MISQUOTED: &str = "who vanished on her way home from school in Niigata Prefecture";

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let yaml = std::fs::read_to_string(path).unwrap();
    assert!(yaml.contains(from), "the store holds {from:?}");
    std::fs::write(path, yaml.replacen(from, to, 1)).unwrap();
}

fn apply(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(*a)).collect()
}

fn misquoted_store(dir: &std::path::Path) -> (std::path::PathBuf, App) {
    let path = copy_store(dir);
    edit(&path, QUOTE, MISQUOTED);
    let app = app_from(&path);
    (path, app)
}

fn title_line(app: &mut App) -> String {
    draw(app, 120, 40)
        .backend()
        .to_string()
        .lines()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_title_names_the_errors_and_the_key_that_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut app) = misquoted_store(dir.path());
    let title = title_line(&mut app);
    assert!(title.contains("check: 1 error · ! list"), "{title}");
}

#[test]
fn the_list_shows_rule_message_and_place_and_enter_goes_to_the_event() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut app) = misquoted_store(dir.path());
    apply(&mut app, &[ShowFindings]);
    assert_eq!(app.mode_kind(), ModeKind::Findings);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    let finding = &app.findings()[0];
    assert_eq!(finding.rule, "excerpt-verbatim");
    assert_eq!(&*finding.file, path.display().to_string());
    let place = format!("events.yaml:{}:{}", finding.line, finding.col);
    assert!(screen.contains("excerpt-verbatim"), "{screen}");
    assert!(screen.contains(&place), "{place} in {screen}");
    apply(&mut app, &[Activate]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert_eq!(app.selected_id(), Some("yokota-abduction"));
    // The misquoted excerpt has the focus: its text and the verdict are in view.
    assert_eq!(app.focus(), chronoscope::tui::app::Focus::Excerpts);
    let e = app.selected_event().unwrap();
    assert!(e.excerpts[app.excerpt()].quote.starts_with("who vanished"));
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(
        screen.contains("not found verbatim in the source"),
        "{screen}"
    );
}

#[test]
fn e_in_the_list_asks_for_the_editor_at_the_findings_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut app) = misquoted_store(dir.path());
    let line = u64::from(app.findings()[0].line);
    let effects = apply(&mut app, &[ShowFindings, Edit]);
    assert_eq!(effects, vec![Effect::Edit { path, line }]);
    assert_eq!(app.mode_kind(), ModeKind::Findings, "the list stays open");
}

#[test]
fn the_list_follows_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut app) = misquoted_store(dir.path());
    apply(&mut app, &[ShowFindings]);
    assert_eq!(app.findings().len(), 1);
    edit(&path, MISQUOTED, QUOTE);
    chronoscope::tui::reload(&mut app, &path);
    assert!(app.findings().is_empty(), "{:?}", app.findings());
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("check found nothing"), "{screen}");
    assert!(screen.lines().next().unwrap().contains("check: clean"));
}

#[test]
fn an_event_that_no_longer_loads_is_listed_not_silently_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    let before = app.store().events.len();
    edit(&path, "date: \"1977-11-15\"", "date: \"1977-13-15\"");
    chronoscope::tui::reload(&mut app, &path);
    assert_eq!(
        app.store().events.len(),
        before - 1,
        "the event did not load"
    );
    let listed = app
        .findings()
        .iter()
        .find(|f| f.message.contains("1977-13-15"))
        .expect("the bad date is a finding");
    assert_eq!(listed.rule, "date-valid");
    apply(&mut app, &[ShowFindings]);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("date-valid"), "{screen}");
    assert!(screen.contains("1977-13-15"), "{screen}");
    apply(&mut app, &[Activate]);
    assert!(
        app.message().unwrap().contains("did not load"),
        "Enter says the event is not in the timeline: {:?}",
        app.message()
    );
}

#[test]
fn esc_and_bang_close_the_list_and_q_quits() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut app) = misquoted_store(dir.path());
    apply(&mut app, &[ShowFindings, Cancel]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    apply(&mut app, &[ShowFindings, ShowFindings]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert!(app.running());
}

/// The list with several findings, the highlighted one's message whole.
fn listed(w: u16, h: u16) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    edit(&path, QUOTE, MISQUOTED);
    edit(&path, "date: \"2014-03-03\"", "date: \"2014-02-31\"");
    edit(&path, "date: \"2014-03-17\"", "date: \"2014-03-17T25:00\"");
    let mut app = app_from(&path);
    apply(&mut app, &[ShowFindings, Down]);
    draw(&mut app, w, h).backend().to_string()
}

#[test]
fn findings_list_80x24() {
    assert_snapshot!(listed(80, 24));
}

#[test]
fn findings_list_120x40() {
    assert_snapshot!(listed(120, 40));
}

#[test]
fn findings_list_40x10() {
    assert_snapshot!(listed(40, 10));
}

#[test]
fn a_store_shown_before_its_check_ends_is_never_called_clean() {
    use chronoscope::store::Store;
    let loaded = Store::load_embedded().unwrap();
    let report = chronoscope::check::check(&loaded);
    let mut app = App::parsed(loaded.store, common::explorer::today());
    let title = title_line(&mut app);
    assert!(title.contains("checking…"), "{title}");
    assert!(!title.contains("clean"), "{title}");
    apply(&mut app, &[ShowFindings]);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("check is still running"), "{screen}");
    app.set_report(&report);
    assert!(title_line(&mut app).contains("check: clean"));
}

#[test]
fn a_store_that_no_longer_loads_shows_its_whole_error_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    std::fs::write(&path, "title: [unclosed\n").unwrap();
    chronoscope::tui::reload(&mut app, &path);
    let banner = app.banner().expect("a banner");
    assert!(banner.contains("! for the error"), "{banner}");
    let error = app
        .load_error()
        .expect("the whole error is kept")
        .to_string();
    assert!(error.lines().count() > 1, "an error with a hint: {error}");
    apply(&mut app, &[ShowFindings]);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("The store no longer loads"), "{screen}");
    let hint = error.lines().last().unwrap().trim();
    assert!(
        screen.contains(&hint[..hint.len().min(60)]),
        "{hint} in {screen}"
    );
}

#[test]
fn enter_on_a_finding_in_a_source_text_opens_the_reader_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let sources = dir.path().join("assets/sources");
    let file = std::fs::read_dir(&sources)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nA closing line with a hidden \u{202e} override.\n");
    let line = text.lines().count() as u32;
    std::fs::write(&file, text).unwrap();
    let mut app = app_from(&path);
    let at = app
        .findings()
        .iter()
        .position(|f| f.rule == "text-safety" && f.line == line)
        .expect("a text-safety warning on the added line");
    apply(&mut app, &[ShowFindings]);
    for _ in 0..at {
        apply(&mut app, &[Down]);
    }
    apply(&mut app, &[Activate]);
    assert_eq!(app.mode_kind(), ModeKind::Reader);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("A closing line with a hidden"), "{screen}");
}
