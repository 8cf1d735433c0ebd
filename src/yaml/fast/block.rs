//! Block scalars (`|`, `>`, with `-` or `+` chomping) read per YAML 1.2, for
//! the forms whose reading is certain: no explicit indentation, no tabs, no
//! leading blank lines, no more-indented lines in folded scalars, no
//! whitespace-only lines deeper than the content.

use super::cursor::{Cursor, Decline, Line, R, printable, rest_is_blank};
use crate::model::Text;

/// What happens to the line breaks at the end of a block scalar.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// The block scalar whose indicator (`|` or `>`) is at `at` on `line`, in a
/// node indented `parent` spaces (its content must be indented deeper).
/// Consumes the header line and every line of the scalar.
pub(crate) fn block(c: &mut Cursor, line: &Line, at: usize, parent: usize) -> R<Text> {
    let b = c.bytes();
    let folded = b[at] == b'>';
    let (chomp, head_end) = match b.get(at + 1).filter(|_| at + 1 < line.end) {
        Some(b'-') => (Chomp::Strip, at + 2),
        Some(b'+') => (Chomp::Keep, at + 2),
        _ => (Chomp::Clip, at + 1),
    };
    rest_is_blank(c.text, head_end, line.end)?;
    c.advance(line);
    let first = c.raw_line().ok_or(Decline)?;
    let n = first.indent;
    if n <= parent || first.content() >= first.end {
        return Err(Decline);
    }
    let (l, col) = (first.no, u32::try_from(n + 1).map_err(|_| Decline)?);
    // Content lines (start, end, empty lines before): the value is built
    // once its length is known, in one allocation.
    let mut pieces = std::mem::take(&mut c.pieces);
    pieces.clear();
    let mut empties = 0usize;
    let mut last_end = first.end;
    while let Some(ln) = c.raw_line() {
        if ln.content() == ln.end {
            if ln.indent > n {
                return Err(Decline);
            }
            empties += 1;
        } else if ln.indent < n {
            break;
        } else {
            if folded && ln.indent > n {
                return Err(Decline);
            }
            if !printable(&c.text[ln.start + n..ln.end], false) {
                return Err(Decline);
            }
            pieces.push((ln.start + n, ln.end, empties));
            empties = 0;
        }
        last_end = ln.end;
        c.advance(&ln);
    }
    // A scalar that runs into the end of the text without a final line
    // break: whether that break counts is a detail left to the full parser.
    if last_end >= b.len() {
        return Err(Decline);
    }
    let trailing = match chomp {
        Chomp::Strip => 0,
        Chomp::Clip => 1,
        Chomp::Keep => 1 + empties,
    };
    let out = assemble(c.text, &pieces, folded, trailing);
    c.pieces = pieces;
    c.events += 1;
    Ok(Text::new(out, l, col))
}

/// The value of a block scalar from its content lines (see [`join`]),
/// followed by `trailing` line breaks.
fn assemble(text: &str, pieces: &[(usize, usize, usize)], folded: bool, trailing: usize) -> String {
    let len: usize = pieces.iter().map(|&(a, b, e)| b - a + e + 1).sum::<usize>() + trailing;
    let mut out = String::with_capacity(len);
    for (i, &(a, b, empties)) in pieces.iter().enumerate() {
        if i > 0 {
            join(&mut out, folded, empties);
        }
        out.push_str(&text[a..b]);
    }
    (0..trailing).for_each(|_| out.push('\n'));
    out
}

/// The separator between two content lines with `empties` empty lines
/// between them: folding turns a single break into a space and keeps the
/// rest; a literal scalar keeps every break.
fn join(out: &mut String, folded: bool, empties: usize) {
    if folded && empties == 0 {
        out.push(' ');
        return;
    }
    let breaks = if folded { empties } else { empties + 1 };
    (0..breaks).for_each(|_| out.push('\n'));
}
