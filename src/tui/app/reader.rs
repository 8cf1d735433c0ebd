//! The source reader: a whole archived text, scrolled to a cited passage, with
//! the reverse index (every passage of this source that an event cites).

use std::ops::Range;
use std::sync::Arc;

use super::dated::DatedText;
use super::{App, Effect, Focus, Mode};
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
    /// The cursor: a byte position in the text, at the start of a sentence
    /// or of a temporal expression. The sentence holding it is "the
    /// sentence under the cursor" (marked in the gutter, captured by `c`);
    /// the expression holding it, else the first of that sentence, is "the
    /// expression under the cursor" (its date and verdicts are on the status line).
    pub cursor: usize,
    /// Sentences and dated expressions, worked out once when the reader opened.
    pub dated: Arc<DatedText>,
    /// The capture chooser (`c`) is open.
    pub choosing: bool,
}

/// Columns left of the text for the cursor mark.
pub const GUTTER: u16 = 2;

impl ReaderState {
    /// A reader on `text` (source `source` of `store`), wrapped to `width`
    /// columns, the cursor at byte `cursor`.
    fn new(
        store: &crate::store::Store,
        source: String,
        text: Arc<SourceText>,
        passages: Vec<(usize, usize, Range<usize>)>,
        current: usize,
        (cursor, width): (usize, u16),
    ) -> Self {
        let cited: Vec<Range<usize>> = passages.iter().map(|(_, _, r)| r.clone()).collect();
        let dated = Arc::new(DatedText::of(store, &source, &text.text, &cited));
        let mut r = ReaderState {
            source,
            text,
            passages,
            current,
            scroll: 0,
            lines: Vec::new(),
            width: 0,
            cursor: 0,
            dated,
            choosing: false,
        };
        r.cursor = r.snap(cursor);
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
        let cols = usize::from(width.saturating_sub(GUTTER)).max(1);
        self.lines = text::wrap(&self.text.text, 0..self.text.text.len(), cols);
        self.width = width;
        self.scroll = self.line_of(keep);
    }

    /// Scrolls so that the focused passage sits a third down a pane
    /// `height` high, and puts the cursor on it.
    fn scroll_to_passage(&mut self, height: u16) {
        if let Some((_, _, range)) = self.passage().cloned() {
            self.scroll = self
                .line_of(range.start)
                .saturating_sub(usize::from(height) / 3);
            self.cursor = self.snap(range.start);
        }
    }

    /// The sentence under the cursor: its index and byte range.
    pub fn sentence(&self) -> Option<(usize, Range<usize>)> {
        let s = self.dated.sentence_of(self.cursor)?;
        Some((s, self.dated.sentences[s].clone()))
    }

    /// The expression under the cursor.
    pub fn expression(&self) -> Option<&super::dated::Expression> {
        self.dated.expression_at(self.cursor)
    }

    /// `pos` moved to the start of its sentence (or of the expression holding it).
    fn snap(&self, pos: usize) -> usize {
        if let Some(e) = self
            .dated
            .expressions
            .iter()
            .find(|e| e.range.start <= pos && pos < e.range.end)
        {
            return e.range.start;
        }
        match self.dated.sentence_of(pos) {
            Some(s) if self.dated.sentences[s].end > pos => self.dated.sentences[s].start,
            Some(s) => self
                .dated
                .sentences
                .get(s + 1)
                .map_or(self.dated.sentences[s].start, |n| n.start),
            None => pos,
        }
    }

    /// Moves the cursor one sentence (`forward` or back).
    fn step_sentence(&mut self, forward: bool) {
        let Some((s, range)) = self.sentence() else {
            return;
        };
        let to = if forward {
            self.dated.sentences.get(s + 1).map(|r| r.start)
        } else if self.cursor > range.start {
            Some(range.start)
        } else {
            s.checked_sub(1).map(|p| self.dated.sentences[p].start)
        };
        if let Some(to) = to {
            self.cursor = to;
        }
    }

    /// Moves the cursor to the next (or previous) temporal expression.
    fn step_expression(&mut self, forward: bool) {
        let xs = &self.dated.expressions;
        let to = if forward {
            xs.get(xs.partition_point(|e| e.range.start <= self.cursor))
        } else {
            xs.partition_point(|e| e.range.start < self.cursor)
                .checked_sub(1)
                .and_then(|i| xs.get(i))
        };
        if let Some(e) = to {
            self.cursor = e.range.start;
        }
    }

    /// Scrolls the least so that the sentence under the cursor is shown
    /// in a pane `h` high (its start, when it is longer than the pane).
    fn show_cursor(&mut self, h: usize) {
        let line = self.line_of(self.cursor);
        let last = self
            .sentence()
            .map_or(line, |(_, s)| self.line_of(s.end.saturating_sub(1)));
        if last >= self.scroll + h {
            self.scroll = (last + 1).saturating_sub(h);
        }
        if line < self.scroll {
            self.scroll = line;
        }
    }

    /// After scrolling: a cursor scrolled out of the pane moves to the
    /// first sentence starting in view (scrolling down) or the last (up).
    fn follow_scroll(&mut self, h: usize) {
        let line = self.line_of(self.cursor);
        let end = (self.scroll + h).min(self.lines.len());
        if (self.scroll..end).contains(&line) || self.scroll >= end {
            return;
        }
        let (lo, hi) = (self.lines[self.scroll].start, self.lines[end - 1].end);
        let ss = &self.dated.sentences;
        let first = ss.partition_point(|r| r.start < lo);
        let last = ss.partition_point(|r| r.start < hi);
        let pick = if line < self.scroll {
            (first < last).then_some(first)
        } else {
            last.checked_sub(1).filter(|&i| i >= first)
        };
        self.cursor = pick.map_or(lo, |i| ss[i].start);
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
        let source = x.source.to_string();
        let body = self.reader_body();
        let at = (range.start, body.width);
        let mut r = ReaderState::new(&self.store, source, text, passages, current, at);
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
            &self.store,
            s.id.clone(),
            Arc::clone(text),
            passages,
            current,
            (at, body.width),
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
    pub(crate) fn update_reader(&mut self, mut r: ReaderState, action: Action) -> Option<Effect> {
        let body = self.reader_body();
        let h = usize::from(body.height).max(1);
        let max = r.lines.len().saturating_sub(1);
        if r.choosing {
            return self.update_capture(r, action);
        }
        match action {
            Action::Down | Action::WheelDown(..) => r.scroll = (r.scroll + 1).min(max),
            Action::Up | Action::WheelUp(..) => r.scroll = r.scroll.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown => {
                r.scroll = (r.scroll + h.saturating_sub(1).max(1)).min(max)
            }
            Action::PageUp | Action::HalfPageUp => {
                r.scroll = r.scroll.saturating_sub(h.saturating_sub(1).max(1))
            }
            Action::NextSentence | Action::PrevSentence => {
                r.step_sentence(action == Action::NextSentence);
                r.show_cursor(h);
            }
            Action::NextDated | Action::PrevDated => {
                r.step_expression(action == Action::NextDated);
                r.show_cursor(h);
            }
            Action::Capture => return self.start_capture(r),
            Action::Undo => {
                let effect = self.undo_capture();
                self.mode = Mode::Reader(r);
                return effect;
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
                    return None;
                }
            }
            Action::Cancel => return None,
            _ => {}
        }
        if matches!(
            action,
            Action::Down
                | Action::Up
                | Action::WheelDown(..)
                | Action::WheelUp(..)
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
        ) {
            r.follow_scroll(h);
        }
        self.mode = Mode::Reader(r);
        None
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
