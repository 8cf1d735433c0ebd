//! JSON whose bytes carry no terminal hazard. serde_json escapes only the C0
//! controls; DEL, the C1 controls (U+009B is a one-character CSI), bidi
//! overrides and invisible characters would pass through raw and reach a
//! terminal when the JSON is printed. Here every such character is written
//! as a `\uXXXX` escape instead: the bytes are safe, and a JSON reader gets
//! the exact text back (nothing is lost, unlike in the display formats).
//!
//! The layout is serde_json's pretty one (two-space indent), written by a
//! formatter of our own so that a value can also be written at a given depth
//! inside a document ([`write_pretty_at`]): the JSON export serialises its
//! events in chunks on every core and splices them into the document.

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

use super::pretty::SPACES;

/// A pretty formatter (serde_json's `PrettyFormatter` layout) that escapes
/// every hazard as `\uXXXX`.
struct Safe {
    /// Nesting depth: two spaces of indent each.
    depth: usize,
    /// Whether the innermost array or object holds a value yet.
    has_value: bool,
}

fn indent<W: ?Sized + io::Write>(w: &mut W, depth: usize) -> io::Result<()> {
    let mut left = depth * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        w.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

/// Writes `fragment` (text serde_json did not escape: no C0 control, quote
/// or backslash) with every hazard as `\uXXXX`. Plain ASCII, nearly all
/// of an export, is checked by the word and written in one piece.
fn write_safe<W: ?Sized + io::Write>(w: &mut W, fragment: &str) -> io::Result<()> {
    let bytes = fragment.as_bytes();
    if fragment.is_ascii() && memchr::memchr(0x7f, bytes).is_none() {
        return w.write_all(bytes);
    }
    let mut start = 0;
    for (i, c, _) in crate::sanitize::hazards(fragment) {
        w.write_all(&bytes[start..i])?;
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            write!(w, "\\u{u:04x}")?;
        }
        start = i + c.len_utf8();
    }
    w.write_all(&bytes[start..])
}

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_safe(w, fragment)
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

impl Safe {
    /// Before an array value or object key: a new line at this depth.
    fn next<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }

    /// The end of an array or object: on a line of its own when not empty.
    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }
}

/// Writes `value` as pretty JSON into `w` as if it stood `depth` levels deep
/// in a document: its inner lines are indented for that depth, its first
/// line is not (the caller writes what precedes it).
pub fn write_pretty_at<W: io::Write, T: Serialize + ?Sized>(
    w: W,
    value: &T,
    depth: usize,
) -> serde_json::Result<()> {
    let safe = Safe {
        depth,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(w, safe);
    value.serialize(&mut ser)
}

/// `value` as pretty-printed JSON (two-space indent, no final newline), every
/// control, bidi and invisible character escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(4096);
    write_pretty_at(&mut out, value, 0)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_escaped_and_read_back_exactly() {
        let text = "a\u{1b}[31m\u{7f}\u{9b}1m\u{202e}\u{200b}\u{e0041}横田 \"q\" \\";
        let json = to_string_pretty(&serde_json::json!({ "t": text })).unwrap();
        assert_eq!(
            json,
            "{\n  \"t\": \"a\\u001b[31m\\u007f\\u009b1m\\u202e\\u200b\\udb40\\udc41横田 \\\"q\\\" \\\\\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn the_layout_is_serde_json_pretty() {
        let v = serde_json::json!({ "a": [1, {"b": null}], "c": {} , "d": []});
        assert_eq!(
            to_string_pretty(&v).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }
}
