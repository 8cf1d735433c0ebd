//! The source reader: a whole archived text, scrolled to a cited passage, with
//! the reverse index (every passage of this source that an event cites).

use std::ops::Range;
use std::sync::Arc;

use super::{App, Focus, Mode};
use crate::store::{LocateError, SourceText};
use crate::tui::action::Action;
use crate::tui::text;
use crate::tui::view::layout::inner;

/// The open source reader.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Source id.
    pub source: String,
    /// The archived text.
    pub text: Arc<SourceText>,
    /// Every cited passage: (event index, excerpt index, byte range), in text order.
    pub passages: Vec<(usize, usize, Range<usize>)>,
    /// The passage in focus.
    pub current: usize,
    /// First shown line.
    pub scroll: usize,
    /// The text wrapped to the pane: byte ranges of lines.
    pub lines: Vec<Range<usize>>,
    /// Width the lines were wrapped to.
    pub width: u16,
}

impl ReaderState {
    /// A reader on `text` (source `source`), wrapped to `width` columns.
    fn new(
        source: String,
        text: Arc<SourceText>,
        passages: Vec<(usize, usize, Range<usize>)>,
        current: usize,
        width: u16,
    ) -> Self {
        let mut r = ReaderState {
            source,
            text,
            passages,
            current,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
        };
        r.rewrap(width);
        r
    }

    /// The line holding byte `pos`.
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines
            .partition_point(|r| r.end <= pos)
            .min(self.lines.len().saturating_sub(1))
    }

    /// The focused passage.
    pub fn passage(&self) -> Option<&(usize, usize, Range<usize>)> {
        self.passages.get(self.current)
    }

    /// Wraps the text to `width` columns, keeping the first shown line.
    fn rewrap(&mut self, width: u16) {
        if self.width == width && !self.lines.is_empty() {
            return;
        }
        let keep = self.lines.get(self.scroll).map_or(0, |l| l.start);
        self.lines = text::wrap(&self.text.text, 0..self.text.text.len(), usize::from(width));
        self.width = width;
        self.scroll = self.line_of(keep);
    }

    /// Scrolls so that the focused passage sits a third down a pane `height` high.
    fn scroll_to_passage(&mut self, height: u16) {
        if let Some((_, _, range)) = self.passage().cloned() {
            self.scroll = self
                .line_of(range.start)
                .saturating_sub(usize::from(height) / 3);
        }
    }
}

impl App {
    fn reader_body(&self) -> ratatui::layout::Rect {
        inner(self.areas.main)
    }

    pub(crate) fn open_reader(&mut self) {
        let Some(e) = self.selected_event() else {
            return;
        };
        let Some(x) = e.excerpts.get(self.excerpts.current) else {
            self.message = Some("this event has no excerpt to open".into());
            return;
        };
        let (text, range) = match self.store.locate(x) {
            Ok(found) => found,
            Err(why) => {
                self.message = Some(match why {
                    LocateError::UnknownSource => {
                        format!("no source `{}` in the store", text::safe(&x.source))
                    }
                    LocateError::Unreadable => {
                        "the source text could not be read (run `chronoscope check`)".into()
                    }
                    LocateError::Miss(_) => {
                        "the quote is not found verbatim in its source (run `chronoscope check`)"
                            .into()
                    }
                });
                return;
            }
        };
        let passages = self.store.citations_of(&x.source);
        let current = passages
            .iter()
            .position(|(ei, xi, _)| *ei == self.list.selected && *xi == self.excerpts.current)
            .or_else(|| passages.iter().position(|(_, _, r)| r.start >= range.start))
            .unwrap_or(0);
        let source = x.source.clone();
        let body = self.reader_body();
        let mut r = ReaderState::new(source, text, passages, current, body.width);
        r.scroll_to_passage(body.height);
        self.mode = Mode::Reader(r);
    }

    /// Opens the reader on the source text at `path`, scrolled to `line`
    /// (1-based); false when no readable source has that path.
    pub(crate) fn open_reader_at_line(&mut self, path: &str, line: u64) -> bool {
        let Some(s) = self.store.sources.iter().find(|s| s.path == path) else {
            return false;
        };
        let Ok(text) = &s.text else { return false };
        // Byte offset of the line: linear in the text, once per Enter.
        let at = text
            .text
            .split_inclusive('\n')
            .take(usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX))
            .map(str::len)
            .sum::<usize>();
        let passages = self.store.citations_of(&s.id);
        let current = passages
            .iter()
            .position(|(_, _, r)| r.end > at)
            .unwrap_or(0);
        let body = self.reader_body();
        let mut r = ReaderState::new(
            s.id.clone(),
            Arc::clone(text),
            passages,
            current,
            body.width,
        );
        r.scroll = r.line_of(at).saturating_sub(usize::from(body.height) / 3);
        self.mode = Mode::Reader(r);
        true
    }

    /// Re-wraps the open reader's text to the current pane width.
    pub(crate) fn rewrap_reader(&mut self) {
        let width = self.reader_body().width;
        if let Mode::Reader(r) = &mut self.mode {
            r.rewrap(width);
        }
    }

    /// Keys in the reader; the mode was taken out of `self`.
    pub(crate) fn update_reader(&mut self, mut r: ReaderState, action: Action) {
        let body = self.reader_body();
        let h = usize::from(body.height).max(1);
        let max = r.lines.len().saturating_sub(1);
        match action {
            Action::Down | Action::WheelDown(..) => r.scroll = (r.scroll + 1).min(max),
            Action::Up | Action::WheelUp(..) => r.scroll = r.scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                r.scroll = (r.scroll + h.saturating_sub(1).max(1)).min(max)
            }
            Action::PageUp | Action::HalfPageUp => {
                r.scroll = r.scroll.saturating_sub(h.saturating_sub(1).max(1))
            }
            Action::NextPassage | Action::PrevPassage => {
                let n = r.passages.len();
                if n > 0 {
                    r.current = if action == Action::NextPassage {
                        (r.current + 1) % n
                    } else {
                        (r.current + n - 1) % n
                    };
                    r.scroll_to_passage(body.height);
                }
            }
            Action::Activate => {
                if let Some(&(ei, xi, _)) = r.passage() {
                    self.jump(ei);
                    self.excerpts.current = xi;
                    self.focus = Focus::Excerpts;
                    self.relayout();
                    return;
                }
            }
            Action::Cancel => return,
            _ => {}
        }
        self.mode = Mode::Reader(r);
    }

    /// The citation of the selected event and its focused excerpt.
    pub(crate) fn citation(&mut self) -> Option<String> {
        let e = self.selected_event()?;
        let text = crate::tui::citation::citation(&self.store, e, self.excerpts.current);
        // OSC 52 asks the terminal to set the clipboard; whether it does, the
        // explorer cannot know (many terminals, and tmux by default, ignore it).
        self.message = Some(
            "citation sent to the terminal's clipboard (OSC 52; some terminals ignore it)".into(),
        );
        Some(text)
    }
}
