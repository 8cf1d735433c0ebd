//! The source reader: a whole archived text, scrolled to a cited passage, with
//! the reverse index (every passage of this source that an event cites).

use std::ops::Range;
use std::sync::Arc;

use super::{App, Focus, Mode};
use crate::store::{LocateError, SourceText};
use crate::tui::action::Action;
use crate::tui::text;
use crate::tui::view::layout::inner;

/// The open reader.
#[derive(Debug, Clone)]
pub struct Reader {
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

impl Reader {
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
}

impl App {
    fn reader_body(&self) -> ratatui::layout::Rect {
        inner(self.areas.main)
    }

    pub(crate) fn open_reader(&mut self) {
        let Some(e) = self.selected_event() else {
            return;
        };
        let Some(x) = e.excerpts.get(self.excerpt) else {
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
            .position(|(ei, xi, _)| *ei == self.selected && *xi == self.excerpt)
            .or_else(|| passages.iter().position(|(_, _, r)| r.start >= range.start))
            .unwrap_or(0);
        self.reader = Some(Reader {
            source: x.source.clone(),
            text,
            passages,
            current,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
        });
        self.mode = Mode::Reader;
        self.rewrap_reader();
        self.scroll_to_passage();
    }

    /// Re-wraps the reader text to the current pane width.
    pub(crate) fn rewrap_reader(&mut self) {
        let width = self.reader_body().width;
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        if r.width == width && !r.lines.is_empty() {
            return;
        }
        let keep = r.lines.get(r.scroll).map_or(0, |l| l.start);
        r.lines = text::wrap(&r.text.text, 0..r.text.text.len(), usize::from(width));
        r.width = width;
        r.scroll = r.line_of(keep);
    }

    fn scroll_to_passage(&mut self) {
        let h = usize::from(self.reader_body().height);
        if let Some(r) = self.reader.as_mut()
            && let Some((_, _, range)) = r.passage().cloned()
        {
            r.scroll = r.line_of(range.start).saturating_sub(h / 3);
        }
    }

    pub(crate) fn update_reader(&mut self, action: Action) {
        let h = usize::from(self.reader_body().height).max(1);
        let Some(r) = self.reader.as_mut() else {
            self.mode = Mode::Browse;
            return;
        };
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
                if n == 0 {
                    return;
                }
                r.current = if action == Action::NextPassage {
                    (r.current + 1) % n
                } else {
                    (r.current + n - 1) % n
                };
                self.scroll_to_passage();
            }
            Action::Activate => {
                if let Some(&(ei, xi, _)) = r.passage() {
                    self.mode = Mode::Browse;
                    self.reader = None;
                    self.jump(ei);
                    self.excerpt = xi;
                    self.focus = Focus::Excerpts;
                    self.relayout();
                }
            }
            Action::Cancel | Action::Quit => {
                self.mode = Mode::Browse;
                self.reader = None;
            }
            _ => {}
        }
    }

    /// The citation of the selected event and its focused excerpt.
    pub(crate) fn citation(&mut self) -> Option<String> {
        let e = self.selected_event()?;
        let text = crate::tui::citation::citation(&self.store, e, self.excerpt);
        self.message = Some("citation copied to the clipboard (OSC 52)".into());
        Some(text)
    }
}
