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
    let mut out = String::with_capacity(first.end - first.start);
    let mut empties = 0usize;
    let mut started = false;
    let mut last_end = first.end;
    while let Some(ln) = c.raw_line() {
        let blank = ln.content() == ln.end;
        if blank {
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
            let piece = &c.text[ln.start + n..ln.end];
            if !printable(piece, false) {
                return Err(Decline);
            }
            if started {
                join(&mut out, folded, empties);
            }
            out.push_str(piece);
            started = true;
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
    match chomp {
        Chomp::Strip => {}
        Chomp::Clip => out.push('\n'),
        Chomp::Keep => (0..=empties).for_each(|_| out.push('\n')),
    }
    c.events += 1;
    Ok(Text::new(out, l, col))
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
