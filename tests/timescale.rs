//! The time-scaled view: state behaviour (zoom, pan, lanes, the event under
//! the cursor) and whole-view snapshots on the built-in and synthetic
//! stores. Growth of the render work: tests/timescale_growth.rs.

use chronoscope::sources::Resolver;
use chronoscope::store::{Origin, Store};
use chronoscope::tui::theme::Theme;
use chronoscope::tui::timescale::axis::day_number;
use chronoscope::tui::timescale::{MIN_SPAN, TimeScale};
use chronoscope::tui::view::timescale::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

fn builtin() -> Store {
    Store::load_embedded().expect("embedded store loads").store
}

/// Year-precision, approximate, uncertain, open-ended and unknown-ended dates.
const MIXED: &str = r#"
title: Precision sampler
eras:
  - id: cold-war
    name: Cold War
    date: "1947/1991-12-26"
    lane: world
  - id: ongoing
    name: Current order
    date: "1992/.."
    lane: world
events:
  - id: birth
    date: "1987"
    title: Born sometime in 1987
    lane: family
  - id: wedding
    date: "2010-06-12"
    title: Wedding on a known day
    lane: family
  - id: talks
    date: "2023-05~"
    title: Talks in about May 2023
    lane: talks
  - id: rumour
    date: "1999?"
    title: A rumoured meeting
    lane: talks
  - id: exile
    date: "1975~/1990"
    title: Exile from about 1975 to 1990
    lane: people
  - id: mission
    date: "2014-03/"
    title: Mission whose end is unknown
    lane: people
  - id: study
    date: "2001-09/2005-06"
    title: Studies, months known
"#;

/// Dates before the common era, with a day, a year and an interval.
const ANCIENT: &str = r#"
title: Before the common era
eras:
  - id: republic
    name: Late Republic
    date: "-0132/-0026"
events:
  - id: ides
    date: "-0043-03-15"
    title: Caesar assassinated on the Ides of March
    lane: rome
  - id: augustus
    date: "-0026-01-16/0014-08-19"
    title: Augustus reigns
    lane: rome
  - id: gaul
    date: "-0057"
    title: Campaign in Gaul, year known
    lane: war
"#;

fn store_from(yaml: &str) -> Store {
    Store::load_str(yaml, Origin::File("t.yaml".into()), &Resolver::Embedded)
        .expect("test store loads")
        .store
}

fn draw(ts: &TimeScale, store: &Store, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| {
        render(f, f.area(), ts, store, &Theme::plain());
    })
    .expect("draw");
    t
}

fn at(store: &Store, id: &str) -> TimeScale {
    let mut ts = TimeScale::new(store);
    ts.select(store.index_of(id).expect("event exists"));
    ts
}

#[test]
fn opens_on_the_whole_span_with_the_first_event_selected() {
    let store = builtin();
    let ts = TimeScale::new(&store);
    assert!(ts.is_whole_span());
    assert_eq!(ts.selected(), Some(0));
    assert_eq!(ts.under_cursor(), Some(0));
    let (a, b) = ts.window();
    let first = ts.event(0).expect("placed").from;
    assert!(a < first && b > day_number(2023, 7, 14));
}

#[test]
fn zoom_goes_from_the_whole_span_down_to_days_and_back() {
    let store = builtin();
    let mut ts = at(&store, "yokota-abduction");
    let cursor = ts.cursor();
    let mut steps = 0;
    while !ts.is_narrowest() {
        ts.zoom_in();
        steps += 1;
        assert!(steps < 40, "zoom in never reaches days");
        let (a, b) = ts.window();
        assert!((a..b).contains(&cursor), "the cursor stays in view");
    }
    assert_eq!(ts.window().1 - ts.window().0, MIN_SPAN);
    assert_eq!(ts.under_cursor(), store.index_of("yokota-abduction"));
    while !ts.is_whole_span() {
        ts.zoom_out();
        steps -= 1;
    }
    assert!(steps <= 0, "zooming out takes as many steps as zooming in");
}

#[test]
fn panning_moves_the_cursor_and_the_window_follows() {
    let store = builtin();
    let mut ts = at(&store, "yokota-abduction");
    for _ in 0..6 {
        ts.zoom_in();
    }
    let (a0, _) = ts.window();
    let c0 = ts.cursor();
    for _ in 0..40 {
        ts.pan_right();
    }
    assert!(ts.cursor() > c0);
    let (a1, b1) = ts.window();
    assert!(a1 > a0, "the window scrolled");
    assert!((a1..b1).contains(&ts.cursor()));
    for _ in 0..40 {
        ts.pan_left();
    }
    assert_eq!(ts.cursor(), c0, "panning back returns to the same day");
}

#[test]
fn under_the_cursor_is_the_event_the_cursor_is_on_or_none() {
    let store = store_from(MIXED);
    let mut ts = at(&store, "birth");
    for _ in 0..5 {
        ts.zoom_in();
    }
    assert_eq!(ts.under_cursor(), store.index_of("birth"));
    // Far from any family event: nothing under the cursor, so Enter has none.
    while ts.cursor() < day_number(1999, 1, 1) {
        ts.pan_right();
    }
    assert_eq!(ts.under_cursor(), None);
    assert_eq!(ts.selected(), None);
    ts.next_event();
    assert!(
        ts.selected().is_some(),
        "n finds the next event from the cursor"
    );
}

#[test]
fn next_and_previous_walk_the_list_order_across_lanes() {
    let store = builtin();
    let mut ts = TimeScale::new(&store);
    for i in 1..store.events.len() {
        ts.next_event();
        assert_eq!(ts.selected(), Some(i));
        assert_eq!(Some(ts.cursor_lane()), ts.lane_of(i));
        let (a, b) = ts.window();
        assert!((a..b).contains(&ts.cursor()), "event {i} is in view");
    }
    ts.next_event();
    assert_eq!(
        ts.selected(),
        Some(store.events.len() - 1),
        "stops at the last"
    );
    ts.prev_event();
    assert_eq!(ts.selected(), Some(store.events.len() - 2));
}

#[test]
fn moving_between_lanes_lands_on_the_nearest_event_there() {
    let store = store_from(MIXED);
    let mut ts = at(&store, "wedding");
    let family = ts.cursor_lane();
    ts.lane_down();
    assert_eq!(ts.cursor_lane(), family + 1);
    let now = ts.selected().expect("an event in the next lane");
    assert_eq!(ts.lane_of(now), Some(family + 1));
    ts.lane_up();
    assert_eq!(ts.cursor_lane(), family);
}

#[test]
fn a_reload_keeps_the_zoom_cursor_and_lane() {
    let store = builtin();
    let mut old = at(&store, "koizumi-pyongyang-2004");
    for _ in 0..4 {
        old.zoom_in();
    }
    let fresh = TimeScale::new(&store).with_view_of(&old);
    assert_eq!(fresh.window(), old.window());
    assert_eq!(fresh.cursor(), old.cursor());
    assert_eq!(fresh.cursor_lane(), old.cursor_lane());
    assert_eq!(fresh.under_cursor(), old.under_cursor());
}

#[test]
fn built_in_store_80x24() {
    let store = builtin();
    let ts = at(&store, "yokota-abduction");
    insta::assert_snapshot!(draw(&ts, &store, 80, 24).backend());
}

#[test]
fn built_in_store_120x40() {
    let store = builtin();
    let ts = at(&store, "koizumi-pyongyang-2002");
    insta::assert_snapshot!(draw(&ts, &store, 120, 40).backend());
}

#[test]
fn built_in_store_tiny_30x8() {
    let store = builtin();
    let ts = at(&store, "yokota-abduction");
    insta::assert_snapshot!(draw(&ts, &store, 30, 8).backend());
}

#[test]
fn built_in_store_zoomed_to_days() {
    let store = builtin();
    let mut ts = at(&store, "yokota-abduction");
    while !ts.is_narrowest() {
        ts.zoom_in();
    }
    insta::assert_snapshot!(draw(&ts, &store, 80, 24).backend());
}

#[test]
fn precision_sampler_80x24() {
    let store = store_from(MIXED);
    let ts = at(&store, "exile");
    insta::assert_snapshot!(draw(&ts, &store, 80, 24).backend());
}

#[test]
fn before_the_common_era_80x24() {
    let store = store_from(ANCIENT);
    let ts = at(&store, "ides");
    insta::assert_snapshot!(draw(&ts, &store, 80, 24).backend());
}

#[test]
fn degenerate_sizes_never_panic() {
    let store = builtin();
    let ts = TimeScale::new(&store);
    for (w, h) in [(1, 1), (10, 3), (24, 4), (23, 40), (200, 4)] {
        let _ = draw(&ts, &store, w, h);
    }
    let empty = store_from("title: Empty\nevents: []\n");
    let ts = TimeScale::new(&empty);
    assert_eq!(ts.selected(), None);
    let _ = draw(&ts, &empty, 80, 24);
}

#[test]
fn selection_is_visible_without_colour() {
    let store = builtin();
    let ts = at(&store, "yokota-abduction");
    let t = draw(&ts, &store, 80, 24);
    let buf = t.backend().buffer();
    let reversed = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 0, "the selection is reversed in the plain theme");
    let text = format!("{}", t.backend());
    assert!(
        text.contains("▶ 1977-11-15"),
        "the footer names the selection"
    );
    let mixed = store_from(MIXED);
    let text = format!("{}", draw(&at(&mixed, "exile"), &mixed, 80, 24).backend());
    let ruler = text.lines().nth(1).expect("the axis ruler");
    assert!(
        ruler.contains("━━━━━━━━━━"),
        "the selected interval's days are marked on the axis: {ruler}"
    );
}

#[test]
fn a_year_precision_event_is_a_year_wide() {
    let store = store_from(MIXED);
    let mut ts = at(&store, "birth");
    // Zoom until a year spans many columns, then count the birth's cells.
    while ts.window().1 - ts.window().0 > 4 * 365 {
        ts.zoom_in();
    }
    let t = draw(&ts, &store, 80, 24);
    let (a, b) = ts.window();
    // The plot is what the lane-name gutter ("(no lane)", 9 columns) and its
    // separator leave of the 80 columns.
    assert_eq!(ts.widest_lane_name(), 9);
    let plot = 80 - 9 - 1;
    let row = format!("{}", t.backend());
    let line = row
        .lines()
        .find(|l| l.contains("family"))
        .expect("family row");
    let fuzzy = line.chars().filter(|&c| c == '▒').count() as f64;
    // A year is this many columns; the bar covers every cell it touches.
    let year = 365.0 * plot as f64 / (b - a) as f64;
    assert!(
        year.floor() <= fuzzy && fuzzy <= year.ceil() + 1.0,
        "{fuzzy} cells for a year of {year:.1} columns"
    );
}

#[test]
fn wide_characters_keep_every_row_aligned() {
    let store = store_from(
        r#"
title: Wide text
events:
  - id: a
    date: "2002-09-17"
    title: 日朝首脳会談が平壌で開かれる
    lane: 日本外交政策
  - id: b
    date: "2004-05-22"
    title: Second summit
    lane: diplomacy
"#,
    );
    let ts = at(&store, "a");
    let t = draw(&ts, &store, 60, 10);
    let buf = t.backend().buffer();
    // The gutter is as wide as the widest lane name (12 columns: 日本外交政策),
    // and every lane row has its separator in that same column.
    for y in 2..4 {
        let sep = buf[(12, y)].symbol().to_string();
        assert!(
            sep == "│" || sep == "▶",
            "row {y}: {sep:?} in the separator column"
        );
    }
    let text = format!("{}", t.backend());
    assert!(
        text.contains("日朝首脳"),
        "the wide title is drawn whole where it fits:\n{text}"
    );
}
