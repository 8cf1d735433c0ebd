//! The time-scaled view inside the explorer, driven by actions: `v` opens it
//! on the selected event, `+`/`-` zoom, `h`/`l` pan, Tab walks events with
//! the list's selection following, Enter goes back to the list on the event
//! under the cursor, `v`/Esc go back.

mod common;
use common::explorer::{app_at, draw};

use chronoscope::tui::action::Action::{self, *};
use chronoscope::tui::app::{App, ModeKind};

fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

fn span(app: &App) -> i64 {
    let (a, b) = app.timescale().expect("the time view is open").window();
    b - a
}

#[test]
fn v_opens_the_view_on_the_selected_event_and_zoom_narrows_and_widens_it() {
    let mut app = app_at(Some("beijing-talks-2014"));
    apply(&mut app, &[ToggleTimeScale]);
    assert_eq!(app.mode_kind(), ModeKind::TimeScale);
    let t = app.timescale().unwrap();
    assert_eq!(t.selected(), Some(app.selected()));
    let whole = span(&app);
    apply(&mut app, &[ZoomIn, ZoomIn]);
    let zoomed = span(&app);
    assert!(zoomed < whole, "{zoomed} < {whole}");
    apply(&mut app, &[ZoomOut]);
    assert!(span(&app) > zoomed);
    let screen = draw(&mut app, 120, 40).backend().to_string();
    assert!(screen.contains("Time · +/- zoom"), "{screen}");
}

#[test]
fn tab_walks_events_in_time_and_the_list_follows() {
    let mut app = app_at(Some("yokota-abduction"));
    let before = app.selected();
    apply(&mut app, &[ToggleTimeScale, FocusNext]);
    assert_eq!(app.selected(), before + 1, "the list follows the view");
    apply(&mut app, &[Cancel]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert_eq!(app.selected(), before + 1);
}

#[test]
fn pan_moves_the_cursor_and_enter_goes_to_the_list_on_the_event_under_it() {
    let mut app = app_at(Some("beijing-talks-2014"));
    let talks = app.selected();
    apply(&mut app, &[ToggleTimeScale]);
    let cursor = app.timescale().unwrap().cursor();
    apply(&mut app, &[PanRight]);
    assert!(app.timescale().unwrap().cursor() > cursor, "l is later");
    apply(&mut app, &[PanLeft, PanLeft]);
    assert!(app.timescale().unwrap().cursor() < cursor, "h is earlier");
    apply(&mut app, &[PanRight]);
    assert_eq!(app.timescale().unwrap().cursor(), cursor);
    assert_eq!(app.timescale().unwrap().under_cursor(), Some(talks));
    // Walk to the next event, then Enter: the list, on that event.
    apply(&mut app, &[FocusNext]);
    let next = app
        .timescale()
        .unwrap()
        .under_cursor()
        .expect("an event under the cursor");
    assert_ne!(next, talks);
    apply(&mut app, &[Activate]);
    assert_eq!(app.mode_kind(), ModeKind::Browse);
    assert_eq!(app.selected(), next);
}

#[test]
fn the_time_view_draws_at_a_tiny_size_without_panicking() {
    let mut app = app_at(None);
    apply(&mut app, &[ToggleTimeScale]);
    for (w, h) in [(40, 10), (80, 24), (120, 40)] {
        let screen = draw(&mut app, w, h).backend().to_string();
        assert!(screen.contains("Time"), "{w}×{h}: {screen}");
    }
}
