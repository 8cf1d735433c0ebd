//! Frame render time at 100 000 events: `cargo bench --bench render`.
//!
//! Builds a synthetic store (100k events over 1900–2023, some intervals,
//! excerpts and discrepancies), then renders the main view to a 120×40
//! TestBackend many times while moving the selection, and reports the median.
//! The time-scaled view's own section ([`time_scaled`]) draws only that view,
//! through every zoom level, over a generated store of the same size with
//! lanes and eras (`synth::store`).

use std::fmt::Write as _;
use std::time::Instant;

use chrono::NaiveDate;
use chronoscope::check::Report;
use chronoscope::store::Store;
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::theme::Theme;
use chronoscope::tui::timescale::TimeScale;
use chronoscope::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const EVENTS: usize = 100_000;
const FRAMES: usize = 300;

fn synthetic_store(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let text = "Paragraph one about talks.\n\nThe delegations met in Beijing and agreed to continue. 横田めぐみ was discussed.\n";
    std::fs::write(dir.join("src/a.txt"), text).unwrap();
    let mut y = String::from(
        "title: Synthetic 100k\nsources:\n  - id: a\n    title: A source\n    publisher: Bench Press\n    published: \"2023-01-01\"\n    text: src/a.txt\neras:\n  - id: e1\n    name: Era one\n    date: \"1950/1990\"\n    lane: x\nevents:\n",
    );
    for i in 0..EVENTS {
        let year = 1900 + (i * 124 / EVENTS);
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let date = match i % 5 {
            0 => format!("{year}-{month:02}"),
            1 => format!("{year}-{month:02}-{day:02}/{year}-{month:02}-28"),
            2 => format!("{year}~"),
            _ => format!("{year}-{month:02}-{day:02}"),
        };
        write!(y, "  - id: e{i}\n    date: \"{date}\"\n    title: Synthetic event number {i} with a long enough title\n").unwrap();
        if i % 7 == 0 {
            y.push_str("    excerpts:\n      - source: a\n        quote: agreed to continue\n");
        } else {
            y.push_str("    context: true\n    note: synthetic\n");
        }
        if i % 50 == 0 {
            y.push_str("    discrepancies:\n      - source: a\n        says: x\n        record: y\n        basis: z\n");
        }
    }
    let path = dir.join("events.yaml");
    std::fs::write(&path, y).unwrap();
    path
}

/// Draws `FRAMES` frames, applying `step(k)` before frame `k`; returns the
/// median and 95th percentile in milliseconds.
fn frames(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    step: impl Fn(usize) -> Action,
) -> (f64, f64) {
    let mut times = Vec::with_capacity(FRAMES);
    for k in 0..FRAMES {
        app.update(step(k));
        let t = Instant::now();
        terminal.draw(|f| view::render(app, theme, f)).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    (ms(times[FRAMES / 2]), ms(times[FRAMES * 95 / 100]))
}

/// One finding per event, as a store where every quote broke would have.
fn many_findings(store: &Store) -> Report {
    let findings = store
        .events
        .iter()
        .map(|e| {
            chronoscope::finding::Finding::error(
                "events.yaml",
                e.pos,
                "excerpt-verbatim",
                format!(
                    "quote of `{}` not found verbatim in its source; copy it exactly",
                    e.id
                ),
            )
        })
        .collect();
    Report {
        findings,
        located: Vec::new(),
        events: store.events.len(),
    }
}

/// The keys a reader pages through a list with: down, and a page every 50.
fn paging_down(k: usize) -> Action {
    if k % 50 == 49 {
        Action::PageDown
    } else {
        Action::Down
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("chronoscope-bench-{}", std::process::id()));
    let path = synthetic_store(&dir);
    time_scaled();
    let t0 = Instant::now();
    let loaded = Store::load_path(&path).expect("synthetic store loads");
    let load = t0.elapsed();
    let report = many_findings(&loaded.store);
    let t1 = Instant::now();
    let mut app = App::new(
        loaded.store,
        &report,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    let build = t1.elapsed();
    app.resize(120, 40);
    for a in [5, 0, 0, 0, 0].map(Action::Count) {
        app.update(a);
    }
    app.update(Action::Top);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::colored();
    let (median, p95) = frames(&mut app, &mut terminal, &theme, paging_down);
    println!(
        "render 120x40, {EVENTS} events, {FRAMES} frames: median {median:.3} ms, p95 {p95:.3} ms (store load {:.2} s, timeline precompute {:.1} ms)",
        load.as_secs_f64(),
        build.as_secs_f64() * 1e3
    );
    app.update(Action::ShowFindings);
    let (median, p95) = frames(&mut app, &mut terminal, &theme, paging_down);
    println!(
        "findings list 120x40, {} findings, {FRAMES} frames: median {median:.3} ms, p95 {p95:.3} ms",
        app.findings().len()
    );
    app.update(Action::Cancel);
    let t2 = Instant::now();
    app.update(Action::ToggleTimeScale);
    let open = t2.elapsed();
    let (median, p95) = frames(&mut app, &mut terminal, &theme, |k| match k % 40 {
        0..10 => Action::ZoomIn,
        10..20 => Action::PanRight,
        20..30 => Action::ZoomOut,
        _ => Action::FocusNext,
    });
    println!(
        "time view 120x40, {EVENTS} events, {FRAMES} frames: median {median:.3} ms, p95 {p95:.3} ms (opening it {:.1} ms)",
        open.as_secs_f64() * 1e3
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The time-scaled view alone over 100k generated events in lanes: each
/// frame after one move (zoom in, pan, next event, pan), back to the whole
/// span at the narrowest; median and p95 of the frame, and the index build.
fn time_scaled() {
    let store = &chronoscope::synth::store(EVENTS, 12);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = &Theme::colored();
    let t = Instant::now();
    let mut ts = TimeScale::new(store);
    let build = t.elapsed();
    ts.select(EVENTS / 2);
    let mut times = Vec::with_capacity(FRAMES);
    for k in 0..FRAMES {
        match k % 4 {
            0 if ts.is_narrowest() => {
                while !ts.is_whole_span() {
                    ts.zoom_out();
                }
            }
            0 => ts.zoom_in(),
            2 => ts.next_event(),
            _ => ts.pan_right(),
        }
        let t = Instant::now();
        terminal
            .draw(|f| {
                view::timescale::render(f, f.area(), &ts, store, theme);
            })
            .unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    let (median, p95) = (ms(times[FRAMES / 2]), ms(times[FRAMES * 95 / 100]));
    println!(
        "time-scaled 120x40, {EVENTS} events in {} lanes, {FRAMES} frames over all zoom levels: median {median:.3} ms, p95 {p95:.3} ms (index build {:.1} ms)",
        ts.lanes().len(),
        build.as_secs_f64() * 1e3
    );
}
