//! Single-line scalars of the house style: plain, single- and double-quoted.
//! Each returns its value and the offset just after it, or declines on
//! anything whose reading is not certain (see `fast.rs`).

use memchr::{memchr, memchr2};

use super::cursor::{Decline, R, printable};

/// Where a scalar sits: plain scalars end at different characters in a
/// block mapping value and inside a flow sequence.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    Block,
    Flow,
}

/// True for a first character that makes a scalar anything but a plain one
/// whose reading is certain (indicators, quotes, whitespace, controls).
fn bad_plain_start(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b'\\'
            | b' '
    ) || c < 0x20
        || c == 0x7F
}

/// Plain scalars that YAML reads as null: never a string.
fn nullish(v: &str) -> bool {
    matches!(v, "~" | "null" | "Null" | "NULL")
}

/// A plain scalar starting at `at` and ending before `end` (the line end).
/// In a block mapping it runs to the line end or a ` #` comment; in a flow
/// sequence to the next `,` or `]`. Returns the value and the offset after it
/// (before the spaces that follow it).
pub(crate) fn plain(text: &str, at: usize, end: usize, ctx: Ctx) -> R<(String, usize)> {
    let b = text.as_bytes();
    if at >= end || bad_plain_start(b[at]) {
        return Err(Decline);
    }
    let stop = match ctx {
        Ctx::Block => block_plain_end(b, at, end)?,
        Ctx::Flow => flow_plain_end(b, at, end)?,
    };
    let mut last = stop;
    while last > at && b[last - 1] == b' ' {
        last -= 1;
    }
    let v = &text[at..last];
    if nullish(v) || !printable(v, false) {
        return Err(Decline);
    }
    Ok((v.to_string(), last))
}

/// End of a plain scalar in a block mapping: the line end or the space before
/// a `#`. A `: ` or a trailing `:` would start a mapping: decline.
fn block_plain_end(b: &[u8], at: usize, end: usize) -> R<usize> {
    let mut i = at;
    while let Some(j) = memchr2(b'#', b':', &b[i..end]) {
        let p = i + j;
        if b[p] == b'#' {
            if b[p - 1] == b' ' {
                return Ok(p);
            }
        } else if p + 1 == end || b[p + 1] == b' ' {
            return Err(Decline);
        }
        i = p + 1;
    }
    Ok(end)
}

/// End of a plain scalar in a flow sequence: the next `,` or `]`. Flow
/// indicators, `:` and `#` inside decline (their reading depends on details).
fn flow_plain_end(b: &[u8], at: usize, end: usize) -> R<usize> {
    for (i, &c) in b[at..end].iter().enumerate() {
        match c {
            b',' | b']' => return Ok(at + i),
            b'[' | b'{' | b'}' | b':' | b'#' => return Err(Decline),
            _ => {}
        }
    }
    Err(Decline)
}

/// A single-line single-quoted scalar whose opening quote is at `at`.
/// Returns the value and the offset after the closing quote.
pub(crate) fn single(text: &str, at: usize, end: usize) -> R<(String, usize)> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut seg = at + 1;
    loop {
        let q = seg + memchr(b'\'', &b[seg..end]).ok_or(Decline)?;
        let piece = &text[seg..q];
        if !printable(piece, true) {
            return Err(Decline);
        }
        if q + 1 < end && b[q + 1] == b'\'' {
            out.push_str(piece);
            out.push('\'');
            seg = q + 2;
        } else if out.is_empty() {
            return Ok((piece.to_string(), q + 1));
        } else {
            out.push_str(piece);
            return Ok((out, q + 1));
        }
    }
}

/// A single-line double-quoted scalar whose opening quote is at `at`, with
/// YAML 1.2's escapes. Returns the value and the offset after the closing
/// quote.
pub(crate) fn double(text: &str, at: usize, end: usize) -> R<(String, usize)> {
    let b = text.as_bytes();
    let mut out = String::new();
    let mut seg = at + 1;
    loop {
        let p = seg + memchr2(b'"', b'\\', &b[seg..end]).ok_or(Decline)?;
        let piece = &text[seg..p];
        if !printable(piece, true) {
            return Err(Decline);
        }
        if b[p] == b'"' {
            if out.is_empty() {
                return Ok((piece.to_string(), p + 1));
            }
            out.push_str(piece);
            return Ok((out, p + 1));
        }
        out.push_str(piece);
        seg = escape(b, p + 1, end, &mut out)?;
    }
}

/// Appends the escape whose letter is at `at` (after the backslash); returns
/// the offset after it. A line-end escape (a multi-line scalar) declines.
fn escape(b: &[u8], at: usize, end: usize, out: &mut String) -> R<usize> {
    let c = match b.get(at).filter(|_| at < end).ok_or(Decline)? {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b't' | b'\t' => '\t',
        b'n' => '\n',
        b'v' => '\u{b}',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(b, at + 1, 2, end, out),
        b'u' => return hex(b, at + 1, 4, end, out),
        b'U' => return hex(b, at + 1, 8, end, out),
        _ => return Err(Decline),
    };
    out.push(c);
    Ok(at + 1)
}

/// Appends the character of the `n` hex digits at `at`.
fn hex(b: &[u8], at: usize, n: usize, end: usize, out: &mut String) -> R<usize> {
    if at + n > end {
        return Err(Decline);
    }
    let mut v: u32 = 0;
    for &d in &b[at..at + n] {
        v = v * 16 + char::from(d).to_digit(16).ok_or(Decline)?;
    }
    out.push(char::from_u32(v).ok_or(Decline)?);
    Ok(at + n)
}
