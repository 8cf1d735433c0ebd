//! The values after a `key:`: one text, a list of texts (block or flow), a
//! list of records, `status` and `context`; and block mappings of records.

use super::block::block;
use super::cursor::{Cursor, Decline, Line, R, col_from, rest_is_blank, skip_spaces};
use super::scalar::{Ctx, double, plain, single};
use crate::model::{At, Status, Text};

/// The value of one key: `at` is the offset just after the key's colon on
/// `line`; `indent` is the key's indentation.
pub(crate) struct Val {
    pub line: Line,
    pub at: usize,
    pub indent: usize,
}

/// A record of the model read from a block mapping, key by key.
pub(crate) trait Record: Sized {
    /// The fields read so far.
    type Builder;
    /// Reads the value of `key` into the builder (unknown or repeated keys
    /// decline, as serde-saphyr refuses them).
    fn field(b: &mut Self::Builder, key: &[u8], v: &Val, c: &mut Cursor) -> R<()>;
    /// The record, once every required field was read.
    fn finish(b: Self::Builder) -> R<Self>;
}

/// Stores a field's value; a second value for it declines (duplicate key).
pub(crate) fn put<T>(slot: &mut Option<T>, v: R<T>) -> R<()> {
    if slot.is_some() {
        return Err(Decline);
    }
    *slot = Some(v?);
    Ok(())
}

/// The block mapping whose first key starts at `key_at` on `line`, with its
/// keys indented `k` spaces. Stops before the first line indented less.
pub(crate) fn mapping<T: Record>(c: &mut Cursor, line: Line, key_at: usize, k: usize) -> R<T>
where
    T::Builder: Default,
{
    mapping_into(c, line, key_at, k, T::Builder::default())
}

/// [`mapping`], its fields read into `b`.
pub(crate) fn mapping_into<T: Record>(
    c: &mut Cursor,
    mut line: Line,
    mut key_at: usize,
    k: usize,
    mut b: T::Builder,
) -> R<T> {
    c.events += 2;
    loop {
        let bytes = c.bytes();
        let key_end = key_at
            + bytes[key_at..line.end]
                .iter()
                .take_while(|&&x| x.is_ascii_lowercase() || x == b'_')
                .count();
        let colon_ok = bytes.get(key_end) == Some(&b':')
            && (key_end + 1 == line.end || bytes.get(key_end + 1) == Some(&b' '));
        if key_end == key_at || !colon_ok {
            return Err(Decline);
        }
        c.events += 1;
        let v = Val {
            line,
            at: key_end + 1,
            indent: k,
        };
        T::field(&mut b, &bytes[key_at..key_end], &v, c)?;
        match c.peek()? {
            Some(l) if l.indent == k => (line, key_at) = (l, l.content()),
            Some(l) if l.indent > k => return Err(Decline),
            _ => return T::finish(b),
        }
    }
}

/// A one-line value after `key:` that is text.
pub(crate) fn text(c: &mut Cursor, v: &Val) -> R<Text> {
    let at = skip_spaces(c.bytes(), v.at, v.line.end);
    if at == v.line.end || c.bytes()[at] == b'#' {
        return Err(Decline);
    }
    scalar_at(c, &v.line, at, v.indent)
}

/// The scalar starting at `at` on `line`, in a node indented `parent`.
fn scalar_at(c: &mut Cursor, line: &Line, at: usize, parent: usize) -> R<Text> {
    let (text, end) = (c.text, line.end);
    let (s, after) = match c.bytes()[at] {
        b'|' | b'>' => return block(c, line, at, parent),
        b'"' => double(text, at, end)?,
        b'\'' => single(text, at, end)?,
        _ => plain(text, at, end, Ctx::Block)?,
    };
    rest_is_blank(text, after, end)?;
    let t = Text::new(s, line.no, c.col(line, at));
    c.advance(line);
    c.events += 1;
    Ok(t)
}

/// A plain one-word value after `key:` (for `status` and `context`).
fn word(c: &mut Cursor, v: &Val) -> R<(String, u32, u32)> {
    let at = skip_spaces(c.bytes(), v.at, v.line.end);
    let (s, after) = plain(c.text, at, v.line.end, Ctx::Block)?;
    rest_is_blank(c.text, after, v.line.end)?;
    let col = c.col(&v.line, at);
    c.advance(&v.line);
    c.events += 1;
    Ok((s, v.line.no, col))
}

/// `status: occurred` or `status: scheduled`.
pub(crate) fn status(c: &mut Cursor, v: &Val) -> R<At<Status>> {
    let (s, line, col) = word(c, v)?;
    let status = match s.as_str() {
        "occurred" => Status::Occurred,
        "scheduled" => Status::Scheduled,
        _ => return Err(Decline),
    };
    Ok(At::new(status, line, col))
}

/// `context: true` or `context: false`.
pub(crate) fn flag(c: &mut Cursor, v: &Val) -> R<At<bool>> {
    let (s, line, col) = word(c, v)?;
    let flag = match s.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(Decline),
    };
    Ok(At::new(flag, line, col))
}

/// `v` without room past its length. An event's short lists (two excerpts,
/// three actors) grow to room for four while read: at 100,000 events that
/// room was 30 MiB of the parsed file, which is held beside the store's
/// text and then the store being built from it, the peak of a cold open.
fn fitted<T>(mut v: Vec<T>) -> Vec<T> {
    v.shrink_to_fit();
    v
}

/// A list of texts: a one-line flow sequence or a block sequence.
pub(crate) fn texts(c: &mut Cursor, v: &Val) -> R<Vec<Text>> {
    let at = skip_spaces(c.bytes(), v.at, v.line.end);
    if c.bytes().get(at) == Some(&b'[') && at < v.line.end {
        return flow(c, &v.line, at).map(fitted);
    }
    let mut out = Vec::new();
    let first = first_entry(c, v)?;
    entries(c, first, |c, line, at, d| {
        out.push(scalar_at(c, line, at, d)?);
        Ok(())
    })?;
    Ok(fitted(out))
}

/// A block sequence of records on the lines after `key:`.
pub(crate) fn records<T: Record>(c: &mut Cursor, v: &Val) -> R<Vec<T>>
where
    T::Builder: Default,
{
    let first = first_entry(c, v)?;
    record_entries(c, first, 0).map(fitted)
}

/// The records of a block sequence from its entry on `first` on, in a list
/// made room for `capacity` of them.
pub(crate) fn record_entries<T: Record>(c: &mut Cursor, first: Line, capacity: usize) -> R<Vec<T>>
where
    T::Builder: Default,
{
    let mut out = Vec::with_capacity(capacity);
    record_each(c, first, |r| out.push(r))?;
    Ok(out)
}

/// The records of a block sequence from its entry on `first` on, each
/// given to `take` as soon as it is read.
pub(crate) fn record_each<T: Record>(c: &mut Cursor, first: Line, mut take: impl FnMut(T)) -> R<()>
where
    T::Builder: Default,
{
    entries(c, first, |c, line, at, _| {
        take(mapping::<T>(c, *line, at, at - line.start)?);
        Ok(())
    })
}

/// True when `line` is a block sequence entry (`-` then a space or the end).
pub(crate) fn is_entry(b: &[u8], line: &Line) -> bool {
    b.get(line.content()) == Some(&b'-')
        && (line.content() + 1 == line.end || b.get(line.content() + 1) == Some(&b' '))
}

/// Offset of an entry's value; an entry with nothing after its dash declines.
pub(crate) fn entry_value(b: &[u8], line: &Line) -> R<usize> {
    if !is_entry(b, line) {
        return Err(Decline);
    }
    let at = skip_spaces(b, line.content() + 1, line.end);
    if at == line.end || b[at] == b'#' {
        return Err(Decline);
    }
    Ok(at)
}

/// Checks that nothing but a comment follows `key:` on its line, and moves
/// past that line.
pub(crate) fn rest_is_blank_after(c: &mut Cursor, v: &Val) -> R<()> {
    rest_is_blank(c.text, v.at, v.line.end)?;
    c.advance(&v.line);
    Ok(())
}

/// The first entry of the block sequence on the lines after `key:`
/// (indented deeper than the key, or as deep: the compact form).
pub(crate) fn first_entry(c: &mut Cursor, v: &Val) -> R<Line> {
    rest_is_blank_after(c, v)?;
    let first = c.peek()?.ok_or(Decline)?;
    if first.indent < v.indent {
        return Err(Decline);
    }
    Ok(first)
}

/// The entries of a block sequence from its entry on `line` to the first
/// line that is not one of its entries (not consumed).
pub(crate) fn entries(
    c: &mut Cursor,
    mut line: Line,
    mut item: impl FnMut(&mut Cursor, &Line, usize, usize) -> R<()>,
) -> R<()> {
    let d = line.indent;
    c.events += 2;
    loop {
        let at = entry_value(c.bytes(), &line)?;
        item(c, &line, at, d)?;
        match c.peek()? {
            Some(l) if l.indent == d && is_entry(c.bytes(), &l) => line = l,
            Some(l) if l.indent > d => return Err(Decline),
            _ => return Ok(()),
        }
    }
}

/// A one-line flow sequence of scalars whose `[` is at `at` on `line`.
fn flow(c: &mut Cursor, line: &Line, at: usize) -> R<Vec<Text>> {
    let (text, b, end) = (c.text, c.bytes(), line.end);
    let mut out = Vec::new();
    // Columns are counted on from the previous item, not from the line start.
    let (mut col_at, mut col) = (line.start, 1u32);
    let mut i = skip_spaces(b, at + 1, end);
    if b.get(i) == Some(&b']') && i < end {
        i += 1;
    } else {
        loop {
            if i >= end {
                return Err(Decline);
            }
            let (s, after) = match b[i] {
                b'"' => double(text, i, end)?,
                b'\'' => single(text, i, end)?,
                _ => plain(text, i, end, Ctx::Flow)?,
            };
            col = col_from(&b[col_at..i], col);
            col_at = i;
            out.push(Text::new(s, line.no, col));
            let j = skip_spaces(b, after, end);
            match b.get(j).filter(|_| j < end) {
                Some(b',') => {
                    i = skip_spaces(b, j + 1, end);
                    if b.get(i) == Some(&b']') {
                        return Err(Decline);
                    }
                }
                Some(b']') => {
                    i = j + 1;
                    break;
                }
                _ => return Err(Decline),
            }
        }
    }
    rest_is_blank(text, i, end)?;
    c.advance(line);
    c.events += 2 + out.len();
    Ok(out)
}
