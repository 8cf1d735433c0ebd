//! The `/` prompt, driven by actions alone; searches are waited for
//! (`App::wait_for_search`) instead of slept on.

mod common;
use common::explorer::app;

use std::sync::Arc;

use chronoscope::check::check;
use chronoscope::search::{CancelToken, Engine, Order, Query};
use chronoscope::store::Store;
use chronoscope::tui::action::Action::{self, *};
use chronoscope::tui::app::{App, Focus, ModeKind};

fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(PromptInput(c));
    }
    app.wait_for_search();
}

fn search(app: &mut App, text: &str) {
    app.update(Search);
    type_text(app, text);
}

/// The ids shown, in display order.
fn shown(app: &App) -> Vec<String> {
    let f = app.filter().expect("a search filters the view");
    f.results
        .hits
        .iter()
        .map(|h| app.store().events[h.event].id.to_string())
        .collect()
}

/// What the engine itself finds, in `order`.
fn engine_ids(app: &App, q: &str, order: Order) -> Vec<String> {
    let engine = Engine::new(Arc::new(app.store().clone()));
    let mut r = engine.search(&Query::parse(q).unwrap(), &CancelToken::new());
    r.sort(order);
    r.hits
        .iter()
        .map(|h| app.store().events[h.event].id.to_string())
        .collect()
}

#[test]
fn typing_narrows_to_the_engines_hits() {
    let mut app = app();
    search(&mut app, "koiz");
    let wide = shown(&app);
    type_text(&mut app, "umi pyongyang");
    let narrow = shown(&app);
    assert_eq!(
        narrow,
        engine_ids(&app, "koizumi pyongyang", Order::Relevance)
    );
    assert!(narrow.len() < app.store().events.len());
    assert!(narrow.len() <= wide.len());
    assert!(narrow.iter().all(|id| wide.contains(id)));
    assert!(narrow.contains(&"koizumi-pyongyang-2002".to_string()));
    // The best hit is selected while typing.
    assert_eq!(app.selected_id(), Some(narrow[0].as_str()));
    assert_eq!(
        app.mode_kind(),
        ModeKind::Prompt(chronoscope::tui::app::PromptKind::Search)
    );
}

#[test]
fn enter_keeps_the_hits_and_moves_stay_among_them() {
    let mut app = app();
    search(&mut app, "koizumi");
    let hits = shown(&app);
    apply(&mut app, &[PromptAccept]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert_eq!(shown(&app), hits);
    apply(&mut app, &[Down]);
    assert_eq!(app.selected_id(), Some(hits[1].as_str()));
    apply(&mut app, &[Bottom]);
    assert_eq!(app.selected_id(), hits.last().map(String::as_str));
    apply(&mut app, &[Down]);
    assert_eq!(app.selected_id(), hits.last().map(String::as_str));
    assert_eq!(app.search_history(), ["koizumi"]);
}

#[test]
fn esc_restores_the_view_and_selection_exactly() {
    let mut app = app();
    assert!(app.start_at("yokota-abduction"));
    apply(&mut app, &[FocusNext]);
    let (sel, off, focus) = (app.selected(), app.offset(), app.focus());
    search(&mut app, "koizumi");
    assert_ne!(app.selected(), sel);
    apply(&mut app, &[Cancel]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert!(app.filter().is_none());
    assert_eq!(
        (app.selected(), app.offset(), app.focus()),
        (sel, off, focus)
    );
    assert_eq!(focus, Focus::Detail);
    // A kept search is restored too when a new prompt is cancelled.
    search(&mut app, "abduct");
    apply(&mut app, &[PromptAccept]);
    let kept = shown(&app);
    let at = app.selected();
    search(&mut app, "koizumi");
    apply(&mut app, &[Cancel]);
    assert_eq!(shown(&app), kept);
    assert_eq!(app.selected(), at);
    // Esc in browse clears the kept search, staying on the event.
    apply(&mut app, &[Cancel]);
    assert!(app.filter().is_none());
    assert!(app.running());
    assert_eq!(app.selected(), at);
}

#[test]
fn n_and_shift_n_step_through_hits_and_wrap() {
    let mut app = app();
    search(&mut app, "koizumi");
    apply(&mut app, &[PromptAccept]);
    let hits = shown(&app);
    apply(&mut app, &[NextHit]);
    assert_eq!(app.selected_id(), Some(hits[1].as_str()));
    apply(&mut app, &[PrevHit, PrevHit]);
    assert_eq!(app.selected_id(), hits.last().map(String::as_str));
    // After Esc cleared the view, n goes to the next hit in the timeline.
    apply(&mut app, &[Cancel, Top, NextHit]);
    let chrono = engine_ids(&app, "koizumi", Order::Timeline);
    assert_eq!(app.selected_id(), Some(chrono[0].as_str()));
    apply(&mut app, &[NextHit]);
    assert_eq!(app.selected_id(), Some(chrono[1].as_str()));
    apply(&mut app, &[PrevHit, PrevHit]);
    assert_eq!(app.selected_id(), chrono.last().map(String::as_str));
}

#[test]
fn order_toggles_between_relevance_and_timeline() {
    let mut app = app();
    search(&mut app, "pyongyang");
    assert_eq!(shown(&app), engine_ids(&app, "pyongyang", Order::Relevance));
    apply(&mut app, &[ToggleSearchOrder]);
    assert_eq!(shown(&app), engine_ids(&app, "pyongyang", Order::Timeline));
    apply(&mut app, &[PromptAccept, ToggleSearchOrder]);
    assert_eq!(app.search_order(), Order::Relevance);
    assert_eq!(shown(&app), engine_ids(&app, "pyongyang", Order::Relevance));
    assert_ne!(
        engine_ids(&app, "pyongyang", Order::Relevance),
        engine_ids(&app, "pyongyang", Order::Timeline)
    );
}

#[test]
fn history_recalls_older_and_newer_queries() {
    let mut app = app();
    for q in ["koizumi", "abduct", "megumi"] {
        search(&mut app, q);
        apply(&mut app, &[PromptAccept]);
    }
    app.update(Search);
    type_text(&mut app, "dra");
    apply(&mut app, &[PromptOlder]);
    assert_eq!(app.prompt().0, "megumi");
    apply(&mut app, &[PromptOlder, PromptOlder, PromptOlder]);
    assert_eq!(app.prompt().0, "koizumi");
    apply(&mut app, &[PromptNewer]);
    assert_eq!(app.prompt().0, "abduct");
    apply(&mut app, &[PromptNewer, PromptNewer]);
    assert_eq!(app.prompt().0, "dra");
    app.update(PromptOlder);
    app.wait_for_search();
    assert_eq!(shown(&app), engine_ids(&app, "megumi", Order::Relevance));
}

#[test]
fn editing_keys_work_at_the_cursor() {
    let mut app = app();
    search(&mut app, "kim jong");
    apply(&mut app, &[PromptDeleteWord]);
    assert_eq!(app.prompt(), ("kim ", 4));
    apply(&mut app, &[PromptLeft, PromptLeft, PromptInput('X')]);
    assert_eq!(app.prompt(), ("kiXm ", 3));
    apply(&mut app, &[PromptRight, PromptBackspace]);
    assert_eq!(app.prompt(), ("kiX ", 3));
    apply(&mut app, &[PromptClear]);
    assert_eq!(app.prompt(), (" ", 0));
}

#[test]
fn a_one_megabyte_paste_is_capped_and_cleaned() {
    let mut app = app();
    app.update(Search);
    let mut big = String::from("koizumi\u{1b}[2J\t\u{202e}");
    big.push_str(&"x".repeat(1 << 20));
    app.paste(&big);
    let (text, _) = app.prompt();
    assert_eq!(text.len(), chronoscope::search::query::MAX_QUERY_BYTES);
    assert!(text.starts_with("koizumi[2J "));
    assert!(!text.chars().any(|c| c.is_control() || c == '\u{202e}'));
    assert!(app.prompt_capped());
    app.wait_for_search();
    assert!(app.filter().is_some_and(|f| f.is_empty()));
}

#[test]
fn a_bad_filter_shows_an_error_and_keeps_the_view() {
    let mut app = app();
    search(&mut app, "koizumi ");
    let before = (shown(&app), app.selected());
    type_text(&mut app, "year:abc");
    let err = app.search_error().expect("year:abc is an error");
    assert!(err.message.contains("abc"), "{}", err.message);
    assert_eq!(&app.prompt().0[err.span.clone()], "abc");
    assert_eq!((shown(&app), app.selected()), before);
    // Enter does not accept a bad query; fixing it clears the error.
    apply(&mut app, &[PromptAccept]);
    assert!(matches!(app.mode_kind(), ModeKind::Prompt(_)));
    apply(
        &mut app,
        &[PromptBackspace, PromptBackspace, PromptBackspace],
    );
    type_text(&mut app, "2002");
    assert!(app.search_error().is_none());
    assert_eq!(
        shown(&app),
        engine_ids(&app, "koizumi year:2002", Order::Relevance)
    );
}

#[test]
fn reload_keeps_the_search_working() {
    let mut app = app();
    search(&mut app, "koizumi");
    apply(&mut app, &[PromptAccept]);
    let hits = shown(&app);
    let loaded = Store::load_embedded().unwrap();
    let report = check(&loaded);
    app.replace_store(loaded.store, &report);
    app.wait_for_search();
    assert_eq!(shown(&app), hits);
    search(&mut app, "megumi");
    assert_eq!(shown(&app), engine_ids(&app, "megumi", Order::Relevance));
}

#[test]
fn no_hits_leaves_nothing_selected_and_goto_leaves_the_search() {
    let mut app = app();
    search(&mut app, "zzzqqq");
    assert!(app.filter().is_some_and(|f| f.is_empty()));
    assert!(app.selected_event().is_none());
    apply(&mut app, &[Down, PromptAccept]);
    apply(&mut app, &[Goto]);
    for c in "yokota-abduction".chars() {
        app.update(PromptInput(c));
    }
    app.update(PromptAccept);
    assert!(app.filter().is_none());
    assert_eq!(app.selected_id(), Some("yokota-abduction"));
}
