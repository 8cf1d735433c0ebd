//! Lines of the store text: where each ends, its indentation, skipping of
//! blank and comment lines, columns in characters, and the check that text
//! holds only characters every YAML reader agrees on.

use memchr::memchr;

/// The fast reader does not take this input; the full parser reads it.
#[derive(Debug)]
pub(crate) struct Decline;

/// A result of the fast reader: a value, or [`Decline`].
pub(crate) type R<T> = Result<T, Decline>;

/// One line of the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset of its `\n` (or of the end of the text).
    pub end: usize,
    /// Number of leading spaces.
    pub indent: usize,
    /// 1-based line number.
    pub no: u32,
}

impl Line {
    /// Byte offset of the first byte after the indentation.
    pub fn content(&self) -> usize {
        self.start + self.indent
    }
}

/// A position in the text, moved forward line by line.
pub(crate) struct Cursor<'a> {
    /// The text read (a whole store or one chunk of its events).
    pub text: &'a str,
    /// Byte offset of the current line's start.
    pub pos: usize,
    /// Line number of the line at `pos`.
    pub line: u32,
    /// Parser events counted so far (serde-saphyr's budget counts them too).
    pub events: usize,
    /// Most threads the events may be read on.
    pub threads: usize,
    /// Set when a source, actor or place list comes after the events, which
    /// a sink that needs the head took already (see `fast::parse_with`).
    pub head_late: bool,
    /// Set while reading only a store's head, which ends with `events:`
    /// (its events come in pieces, `fast::pieces`); cleared once that key
    /// is read.
    pub head_only: bool,
    /// Scratch space of block scalars: their content lines.
    pub pieces: Vec<(usize, usize, usize)>,
    /// The content line at `pos`, once found (lines are peeked several times).
    peeked: Option<Line>,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`, whose first line is `line`.
    pub fn new(text: &'a str, line: u32) -> Cursor<'a> {
        Cursor {
            text,
            pos: 0,
            line,
            events: 0,
            threads: 1,
            head_late: false,
            head_only: false,
            pieces: Vec::new(),
            peeked: None,
        }
    }

    /// The text's bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The line that starts at the cursor (`None` at the end of the text).
    pub fn raw_line(&self) -> Option<Line> {
        let b = self.bytes();
        if self.pos >= b.len() {
            return None;
        }
        let end = memchr(b'\n', &b[self.pos..]).map_or(b.len(), |i| self.pos + i);
        let indent = b[self.pos..end].iter().take_while(|&&c| c == b' ').count();
        Some(Line {
            start: self.pos,
            end,
            indent,
            no: self.line,
        })
    }

    /// Moves past `line`.
    pub fn advance(&mut self, line: &Line) {
        self.pos = (line.end + 1).min(self.bytes().len());
        self.line = line.no.saturating_add(1);
        self.peeked = None;
    }

    /// Moves to byte offset `pos`, the start of line `line`.
    pub fn seek(&mut self, pos: usize, line: u32) {
        self.pos = pos;
        self.line = line;
        self.peeked = None;
    }

    /// Skips blank and comment lines and returns the next content line
    /// without consuming it (`None` at the end of the text). A tab in
    /// indentation declines: YAML forbids it there.
    pub fn peek(&mut self) -> R<Option<Line>> {
        if let Some(l) = self.peeked {
            return Ok(Some(l));
        }
        while let Some(l) = self.raw_line() {
            match self.bytes().get(l.content()) {
                None | Some(b'\n') => {}
                Some(b'#') => {
                    if !printable(&self.text[l.content()..l.end], true) {
                        return Err(Decline);
                    }
                }
                Some(_) => {
                    self.peeked = Some(l);
                    return Ok(Some(l));
                }
            }
            self.advance(&l);
        }
        Ok(None)
    }

    /// 1-based column, in characters, of byte offset `at` on `line`.
    pub fn col(&self, line: &Line, at: usize) -> u32 {
        col_from(&self.bytes()[line.start..at], 1)
    }
}

/// The column after `prefix` when it starts at column `from`.
pub(crate) fn col_from(prefix: &[u8], from: u32) -> u32 {
    // Every character has exactly one byte that is not a continuation byte.
    let chars = prefix.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    from.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX))
}

/// Offset of the first byte at or after `at` (before `end`) that is not a space.
pub(crate) fn skip_spaces(b: &[u8], mut at: usize, end: usize) -> usize {
    while at < end && b[at] == b' ' {
        at += 1;
    }
    at
}

/// Checks that `b[at..end]` holds only spaces and an optional comment (after
/// at least one space, or at the start of a line).
pub(crate) fn rest_is_blank(text: &str, at: usize, end: usize) -> R<()> {
    let b = text.as_bytes();
    let i = skip_spaces(b, at, end);
    if i == end {
        return Ok(());
    }
    if b[i] == b'#' && i > at && printable(&text[i..end], true) {
        return Ok(());
    }
    Err(Decline)
}

/// True when `s` holds only characters that YAML allows in a value and that
/// no reader treats as a line break or a byte order mark: no C0 or C1
/// control (a tab only where `tab` allows), no DEL, NEL, U+2028, U+2029,
/// U+FEFF, U+FFFE or U+FFFF.
pub(crate) fn printable(s: &str, tab: bool) -> bool {
    let b = s.as_bytes();
    // Eight bytes at a time while they are all printable ASCII (most text).
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(w);
        // A byte below 0x20, or above 0x7E, sets its high bit in one of these.
        let below = x.wrapping_sub(LOW * 0x20) & !x & HIGH;
        let above = (x.wrapping_add(LOW) | x) & HIGH;
        if below | above != 0 {
            break;
        }
        i += 8;
    }
    while i < b.len() {
        let x = b[i];
        let ok = match x {
            0x20..=0x7E => true,
            b'\t' => tab,
            // `s` is UTF-8, so a lead byte has its continuation bytes.
            0xC2 => b[i + 1] >= 0xA0,
            0xE2 => !(b[i + 1] == 0x80 && matches!(b[i + 2], 0xA8 | 0xA9)),
            0xEF => {
                !((b[i + 1] == 0xBB && b[i + 2] == 0xBF) || (b[i + 1] == 0xBF && b[i + 2] >= 0xBE))
            }
            0x80.. => true,
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}
