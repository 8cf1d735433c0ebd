//! JSON whose bytes carry no terminal hazard. serde_json escapes only the C0
//! controls; DEL, the C1 controls (U+009B is a one-character CSI), bidi
//! overrides and invisible characters would pass through raw and reach a
//! terminal when the JSON is printed. Here every such character is written
//! as a `\uXXXX` escape instead: the bytes are safe, and a JSON reader gets
//! the exact text back (nothing is lost, unlike in the display formats).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// A pretty formatter that escapes every hazard as `\uXXXX`.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c, _) in crate::sanitize::hazards(fragment) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(w, "\\u{u:04x}")?;
            }
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty-printed JSON (two-space indent, no final newline), every
/// control, bidi and invisible character escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    to_string_pretty_in(value, 4096)
}

/// As [`to_string_pretty`], into a buffer of `capacity` bytes to start
/// with: a big document written into a growing buffer is copied at every
/// doubling (a sixth of a 150 MB export's time went to those copies).
pub fn to_string_pretty_in<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(capacity);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
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
