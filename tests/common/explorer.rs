//! The explorer over the shipped store, built and drawn without a terminal.

use chrono::NaiveDate;
use chronoscope::check::check;
use chronoscope::store::Store;
use chronoscope::tui::action::Action;
use chronoscope::tui::app::App;
use chronoscope::tui::theme::Theme;
use chronoscope::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// "Today" for every explorer test, so elapsed-time text is deterministic.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("a real date")
}

/// The explorer on the shipped store, optionally started on event `id`.
pub fn app_at(id: Option<&str>) -> App {
    let loaded = Store::load_embedded().expect("embedded store loads");
    let report = check(&loaded);
    let mut app = App::new(loaded.store, &report, today());
    if let Some(id) = id {
        assert!(app.start_at(id), "no event `{id}`");
    }
    app
}

/// The explorer on the shipped store, sized 120×40.
pub fn app() -> App {
    let mut app = app_at(None);
    app.resize(120, 40);
    app
}

/// Draws the app at `w`×`h` with the plain theme.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    app.resize(w, h);
    // The title says "indexing" until the index thread delivers: a snapshot
    // must not depend on how fast that thread ran.
    app.wait_for_index();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|f| view::render(app, &Theme::plain(), f))
        .expect("draw");
    terminal
}

/// Applies `actions`, then draws.
pub fn screen(app: &mut App, w: u16, h: u16, actions: &[Action]) -> Terminal<TestBackend> {
    app.resize(w, h);
    for a in actions {
        app.update(*a);
    }
    draw(app, w, h)
}

/// The explorer on the store file at `path`.
pub fn app_from(path: &std::path::Path) -> App {
    let loaded = Store::load_path(path).expect("store loads");
    let report = check(&loaded);
    App::new(loaded.store, &report, today())
}

/// Opens `/`, types `text` one character at a time, and waits for the search.
pub fn searching(app: &mut App, text: &str) {
    app.resize(120, 40);
    app.update(Action::Search);
    for c in text.chars() {
        app.update(Action::PromptInput(c));
    }
    app.wait_for_search();
}

/// A copy of the shipped store and its sources in `dir`; returns the store path.
pub fn copy_store(dir: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("assets/sources")).unwrap();
    for f in std::fs::read_dir(root.join("assets/sources")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join("assets/sources").join(f.file_name().unwrap())).unwrap();
    }
    let path = dir.join("events.yaml");
    std::fs::copy(root.join("events.yaml"), &path).unwrap();
    path
}
