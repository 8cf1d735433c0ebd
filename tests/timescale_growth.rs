//! The time-scaled view's cost grows with what is on screen, not with the
//! store: the render work (index steps and items visited, counted by the
//! renderer, not timed) at most doubles when the store doubles, including
//! hostile stores of stacked long intervals and of one lane per event.

use chronoscope::sources::Resolver;
use chronoscope::store::{Origin, Store};
use chronoscope::synth;
use chronoscope::tui::theme::Theme;
use chronoscope::tui::timescale::TimeScale;
use chronoscope::tui::view::timescale::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn store_from(yaml: &str) -> Store {
    Store::load_str(yaml, Origin::File("t.yaml".into()), &Resolver::Embedded)
        .expect("test store loads")
        .store
}

fn at(store: &Store, id: &str) -> TimeScale {
    let mut ts = TimeScale::new(store);
    ts.select(store.index_of(id).expect("event exists"));
    ts
}

#[test]
fn render_work_at_most_doubles_when_the_store_doubles() {
    let theme = Theme::plain();
    let work_for = |n: usize| {
        let store = synth::store(n, 7);
        let mut ts = TimeScale::new(&store);
        ts.select(n / 2);
        let mut t = Terminal::new(TestBackend::new(120, 40)).expect("backend");
        let mut total = 0;
        for zoom in 0..8 {
            t.draw(|f| total += render(f, f.area(), &ts, &store, &theme))
                .expect("draw");
            if zoom % 2 == 0 {
                ts.zoom_in();
            } else {
                ts.pan_right();
            }
        }
        total
    };
    let (small, big, bigger) = (work_for(2_000), work_for(4_000), work_for(8_000));
    assert!(big <= 2 * small, "2k: {small}, 4k: {big}");
    assert!(bigger <= 2 * big, "4k: {big}, 8k: {bigger}");
    // Only what is visible is visited: four times the events, well under
    // twice the work (a frame that walked the store would take four times).
    assert!(bigger < 2 * small, "2k: {small}, 8k: {bigger}");
}

#[test]
fn stacked_long_intervals_cost_no_more_than_the_screen() {
    // Hostile: every event a long interval over the same years in one lane,
    // so each column is covered by all of them.
    let work_for = |n: usize| {
        let mut y = String::from("title: Stacked\nevents:\n");
        for i in 0..n {
            let start = 1900 + i % 50;
            y.push_str(&format!(
                "  - id: e{i}\n    date: \"{start}/{}\"\n    title: Interval {i}\n    lane: one\n",
                2000 + i % 20
            ));
        }
        let store = store_from(&y);
        let mut ts = TimeScale::new(&store);
        ts.select(n / 2);
        let mut t = Terminal::new(TestBackend::new(100, 20)).expect("backend");
        let mut total = 0;
        for _ in 0..4 {
            t.draw(|f| total += render(f, f.area(), &ts, &store, &Theme::plain()))
                .expect("draw");
            ts.zoom_in();
        }
        total
    };
    let (small, big, biggest) = (work_for(1_000), work_for(2_000), work_for(4_000));
    assert!(big <= 2 * small, "1k: {small}, 2k: {big}");
    assert!(biggest <= 2 * big, "2k: {big}, 4k: {biggest}");
    assert!(
        biggest < 2 * small,
        "1k: {small}, 4k: {biggest}: not walking the stack"
    );
}

#[test]
fn many_lanes_cost_only_the_rows_on_screen() {
    // Hostile: every event in a lane of its own.
    let work_for = |n: usize| {
        let mut y = String::from("title: Lanes\nevents:\n");
        for i in 0..n {
            y.push_str(&format!(
                "  - id: e{i}\n    date: \"{}-01-01\"\n    title: Event {i}\n    lane: lane-{i}\n",
                1900 + i % 100
            ));
        }
        let store = store_from(&y);
        let ts = at(&store, &format!("e{}", n / 2));
        assert_eq!(ts.lanes().len(), n);
        let mut t = Terminal::new(TestBackend::new(100, 20)).expect("backend");
        let mut total = 0;
        t.draw(|f| total += render(f, f.area(), &ts, &store, &Theme::plain()))
            .expect("draw");
        total
    };
    let (small, biggest) = (work_for(500), work_for(2_000));
    assert!(
        biggest < 2 * small,
        "500 lanes: {small}, 2000 lanes: {biggest}"
    );
}
