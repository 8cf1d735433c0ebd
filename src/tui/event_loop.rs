//! The one event loop: the only place that reads terminal events. It draws
//! the loading screen or the explorer, takes in the loader's messages
//! (first load and live reloads alike), turns keys into actions through the
//! key table, and carries out the effects only a terminal can.

use std::io;
use std::path::Path;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};

use super::action::Action;
use super::app::{App, Effect};
use super::keymap::{self, KeyContext};
use super::loading::{Loader, Message};
use super::terminal::Signals;
use super::theme::Theme;
use super::{Options, effects, view, watch};
use crate::exit;

/// What the loop shows.
enum Screen {
    /// The first load is running and nothing can be shown yet.
    Loading(Loader),
    /// The explorer, perhaps with a reload running behind it.
    Ready(Box<App>, Option<Loader>),
}

/// The loading screen appears only after this long (a fast load never flashes it).
const SHOW_LOADING_AFTER: Duration = Duration::from_millis(100);

/// Runs until the user quits, a signal arrives or the store fails to load.
pub(super) fn run(
    terminal: &mut DefaultTerminal,
    opts: &Options,
    signals: &Signals,
) -> Result<u8, String> {
    let theme = Theme::for_color(opts.color);
    let mut screen = Screen::Loading(Loader::start(opts.store.clone()));
    let mut watch = opts.store.as_deref().map(watch::Watch::new);
    let io_err = |e: io::Error| e.to_string();
    loop {
        screen = take_messages(screen, terminal, opts)?;
        draw(terminal, &mut screen, &theme).map_err(io_err)?;
        if let Screen::Ready(app, _) = &screen
            && !app.running()
        {
            return Ok(exit::OK);
        }
        if let Some(code) = signals.exit_code() {
            return Ok(code);
        }
        if event::poll(wait(&screen)).map_err(io_err)? {
            let ev = event::read().map_err(io_err)?;
            match &mut screen {
                Screen::Loading(_) => {
                    if let TermEvent::Key(k) = ev
                        && keymap::action_for(KeyContext::Loading, None, false, k)
                            == Some(Action::Quit)
                    {
                        return Ok(exit::OK);
                    }
                }
                Screen::Ready(app, reload) => {
                    let mut edited = false;
                    for effect in handle(app, ev) {
                        edited |= effects::perform(terminal, app, effect)?;
                    }
                    if edited && let Some(path) = opts.store.as_deref() {
                        // A newer load replaces one still running.
                        app.set_reloading(true);
                        *reload = Some(Loader::start(Some(path.to_path_buf())));
                        if let Some(w) = watch.as_mut() {
                            w.reset();
                        }
                    }
                }
            }
        }
        if let (Screen::Ready(app, reload @ None), Some(w), Some(path)) =
            (&mut screen, watch.as_mut(), opts.store.as_deref())
            && w.changed()
        {
            app.set_reloading(true);
            *reload = Some(Loader::start(Some(path.to_path_buf())));
        }
    }
}

/// How long to wait for input: briefly while something runs in the
/// background, else only for input (and the file watch / signals).
fn wait(screen: &Screen) -> Duration {
    match screen {
        Screen::Loading(_) | Screen::Ready(_, Some(_)) => Duration::from_millis(50),
        Screen::Ready(app, None) if app.search_busy() => Duration::from_millis(8),
        // The title says "indexing" until the index arrives: look again soon.
        Screen::Ready(app, None) if app.indexing() => Duration::from_millis(50),
        Screen::Ready(..) => Duration::from_millis(250),
    }
}

fn draw(terminal: &mut DefaultTerminal, screen: &mut Screen, theme: &Theme) -> io::Result<()> {
    match screen {
        Screen::Loading(loader) => {
            if loader.started.elapsed() >= SHOW_LOADING_AFTER {
                loader.progress.elapsed = loader.started.elapsed();
                let p = &loader.progress;
                terminal.draw(|f| view::loading::render(f, p))?;
            }
        }
        Screen::Ready(app, _) => {
            app.poll_index();
            app.poll_search();
            terminal.draw(|f| view::render(app, theme, f))?;
        }
    }
    Ok(())
}

/// Takes in what the loader sent since the last turn.
fn take_messages(
    screen: Screen,
    terminal: &DefaultTerminal,
    opts: &Options,
) -> Result<Screen, String> {
    match screen {
        Screen::Loading(mut loader) => match loader.try_next() {
            None => Ok(Screen::Loading(loader)),
            Some(Message::Parsed(p)) => {
                let today = chrono::Local::now().date_naive();
                let mut app = App::laid_out(p.store, p.timeline, p.index, today);
                if let Some(id) = &opts.at
                    && !app.start_at(id)
                {
                    return Err(super::unknown_start(&app, id));
                }
                let size = terminal.size().map_err(|e| e.to_string())?;
                app.resize(size.width, size.height);
                take_messages(Screen::Ready(Box::new(app), Some(loader)), terminal, opts)
            }
            // Progress comes only after Parsed; nothing to show before it.
            Some(Message::Checking(..)) => Ok(Screen::Loading(loader)),
            Some(Message::Failed(e)) => Err(e.to_string()),
            Some(Message::Stopped | Message::Checked(_)) => {
                Err("chronoscope: the store loader stopped unexpectedly".into())
            }
        },
        Screen::Ready(mut app, Some(mut loader)) => {
            let mut running = true;
            while running && let Some(m) = loader.try_next() {
                running = apply(&mut app, m);
            }
            Ok(Screen::Ready(app, running.then_some(loader)))
        }
        ready @ Screen::Ready(_, None) => Ok(ready),
    }
}

/// Applies one loader message to a running explorer; false when the load is over.
pub fn apply(app: &mut App, message: Message) -> bool {
    match message {
        Message::Parsed(p) => {
            if app.reloading() {
                app.store_laid_out(p.store, p.timeline, p.index);
                app.reloaded_message();
            }
            true
        }
        Message::Checking(done, total) => {
            app.set_check_progress(done, total);
            true
        }
        Message::Checked(report) => {
            app.take_report(*report);
            if app.reloading() {
                app.reloaded_message();
            }
            app.set_reloading(false);
            false
        }
        Message::Failed(e) => {
            app.store_failed(&e.to_string());
            app.set_reloading(false);
            false
        }
        Message::Stopped => {
            app.set_message("the reload stopped unexpectedly: showing the last good state");
            app.set_reloading(false);
            false
        }
    }
}

/// Reloads the store file into `app` and waits for it, through the same
/// loader and messages as live reload (for tests and scripted use).
pub fn reload(app: &mut App, path: &Path) {
    app.set_reloading(true);
    let mut loader = Loader::start(Some(path.to_path_buf()));
    loop {
        match loader.try_next() {
            Some(m) => {
                if !apply(app, m) {
                    return;
                }
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// One terminal event in the explorer: the effects it asks for.
fn handle(app: &mut App, ev: TermEvent) -> Vec<Effect> {
    let action = match ev {
        TermEvent::Key(mut k) if k.kind == KeyEventKind::Press => {
            let mut out = Vec::new();
            // No binding uses Alt: an Alt key is Esc typed just before the
            // key (terminals send both as ESC + key), so honour the Esc first.
            if k.modifiers.contains(KeyModifiers::ALT) {
                k.modifiers.remove(KeyModifiers::ALT);
                let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                out.extend(key_action(app, esc).and_then(|a| app.update(a)));
                if !app.running() {
                    return out;
                }
            }
            out.extend(key_action(app, k).and_then(|a| app.update(a)));
            return out;
        }
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::WheelDown(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::WheelUp(m.column, m.row)),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            _ => None,
        },
        TermEvent::Resize(w, h) => {
            app.resize(w, h);
            None
        }
        TermEvent::Paste(text) => {
            app.paste(&text);
            None
        }
        _ => None,
    };
    action.and_then(|a| app.update(a)).into_iter().collect()
}

/// The action the key table gives `k` in the explorer's current context; an
/// unbound key after a count or prefix forgets them.
fn key_action(app: &mut App, k: KeyEvent) -> Option<Action> {
    let found = keymap::action_for(app.key_context(), app.prefix(), app.count().is_some(), k);
    if found.is_none() && (app.prefix().is_some() || app.count().is_some()) {
        app.clear_pending();
    }
    found
}
