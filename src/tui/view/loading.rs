//! The screen shown while a slow store loads: a spinner, the seconds so far,
//! the file's size, and the stage (reading and parsing, then checking N
//! events). A pure function of [`Progress`], so the clock is injected.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::tui::text::safe;

/// Spinner frames, one per tenth of a second.
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Where the loader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and parsing the YAML.
    Reading,
    /// Parsed this many events; checking them against their sources.
    Checking(usize),
}

/// What the loading screen shows.
#[derive(Debug, Clone)]
pub struct Progress {
    /// The store being loaded (a path, or the built-in chronology).
    pub what: String,
    /// Its size on disk, when it is a file.
    pub bytes: Option<u64>,
    /// The loader's stage.
    pub stage: Stage,
    /// Time since the load started.
    pub elapsed: Duration,
}

/// `12.4 MB`, `830 kB`, `512 bytes` (decimal units, as `ls -h --si`).
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} kB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

/// The spinner frame at `elapsed`.
pub fn spinner(elapsed: Duration) -> char {
    SPINNER[(elapsed.as_millis() / 100) as usize % SPINNER.len()]
}

/// Draws the loading screen, vertically centred.
pub fn render(frame: &mut Frame, p: &Progress) {
    let area = frame.area();
    let what = match p.bytes {
        Some(b) => format!("{} ({})", safe(&p.what), size(b)),
        None => safe(&p.what).into_owned(),
    };
    let stage = match p.stage {
        Stage::Reading => "reading and parsing".to_string(),
        Stage::Checking(n) => format!("parsed {n} events · checking them against their sources"),
    };
    let lines: Vec<Line> = [
        format!(" {} Loading {what}", spinner(p.elapsed)),
        format!("   {:.1} s · {stage}", p.elapsed.as_secs_f64()),
        "   q or Esc cancels".to_string(),
    ]
    .iter()
    .flat_map(|l| super::wrapped(l, area.width))
    .collect();
    let [_, mid, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), mid);
}
