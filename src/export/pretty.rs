//! A hand-written writer of the exact bytes [`super::safe_json`] writes
//! (serde_json's pretty layout, every hazard escaped as `\uXXXX`), for the
//! JSON export's events: through serde, escaping every string a byte at a
//! time and then checking it again for hazards was half of the export's
//! time. Here a string is scanned once, eight bytes at a time over the
//! plain ASCII that most of an export is. The export's tests compare it
//! with serde's writing of the same values.

use std::io::Write as _;

/// Indent for up to 32 levels at once; deeper ones are written in pieces.
pub(super) const SPACES: &[u8; 64] =
    b"                                                                ";

/// Two spaces per level of `depth`.
pub fn indent(out: &mut Vec<u8>, depth: usize) {
    let mut left = depth * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.extend_from_slice(&SPACES[..n]);
        left -= n;
    }
}

/// Bytes of `word` that are not plain ASCII in a JSON string (a control,
/// `"`, `\`, DEL or any byte of a non-ASCII character) have their high bit
/// set in the result; the others are zero.
fn unplain(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20);
    let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    let del_or_more = word.wrapping_add(ONES);
    // `x - ONES` sets a byte's high bit when the byte was zero (or borrowed
    // into); `!word` keeps only bytes below 0x80 for those tests, and any
    // byte at 0x7F or above has its high bit set in `word + ONES` or `word`.
    ((below_space | quote | backslash) & !word | del_or_more | word) & HIGH
}

/// Offset of the first byte of `b` at or after `at` that is not plain.
fn next_unplain(b: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let found = unplain(u64::from_le_bytes(word));
        if found != 0 {
            // The lowest flagged byte is exact; flags above it may be
            // borrows, which the byte loop below does not trust.
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + b[at..]
        .iter()
        .position(|&x| !plain(x))
        .unwrap_or(b.len() - at)
}

fn plain(x: u8) -> bool {
    (0x20..0x7f).contains(&x) && x != b'"' && x != b'\\'
}

/// `s` as a JSON string: quoted, with serde_json's escapes (`\"`, `\\`,
/// `\n`, `\t`, `\r`, `\b`, `\f`, `\u00XX` for other C0 controls) and every
/// other hazard (DEL, C1, bidi, invisible) as `\uXXXX`.
pub fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    let mut start = 0;
    loop {
        let at = next_unplain(b, start);
        out.extend_from_slice(&b[start..at]);
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        start = at + c.len_utf8();
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            _ if c < ' ' || crate::sanitize::hazard(c).is_some() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            _ => out.extend_from_slice(&b[at..start]),
        }
    }
    out.push(b'"');
}

/// An object or array being written, `depth` levels deep: its opening
/// bracket is written, its values follow each on its own line.
pub struct Open<'o> {
    out: &'o mut Vec<u8>,
    /// Depth of the values inside.
    depth: usize,
    empty: bool,
    close: u8,
}

impl<'o> Open<'o> {
    /// Opens an object at `depth` (that of the line it starts on).
    pub fn object(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'{');
        Open {
            out,
            depth: depth + 1,
            empty: true,
            close: b'}',
        }
    }

    /// Opens an array at `depth`.
    pub fn array(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'[');
        Open {
            out,
            depth: depth + 1,
            empty: true,
            close: b']',
        }
    }

    /// Starts the next value on its own line; returns the writer and depth
    /// to write it at.
    pub fn next(&mut self) -> (&mut Vec<u8>, usize) {
        self.out
            .extend_from_slice(if self.empty { b"\n" } else { b",\n" });
        self.empty = false;
        indent(self.out, self.depth);
        (self.out, self.depth)
    }

    /// Starts the value of key `k` (a plain ASCII name).
    pub fn key(&mut self, k: &str) -> (&mut Vec<u8>, usize) {
        let (out, depth) = self.next();
        out.push(b'"');
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b"\": ");
        (out, depth)
    }

    /// Key `k` with string value `v`.
    pub fn str(&mut self, k: &str, v: &str) {
        string(self.key(k).0, v);
    }

    /// Key `k` with string value `v`, or null.
    pub fn opt_str(&mut self, k: &str, v: Option<&str>) {
        let (out, _) = self.key(k);
        match v {
            Some(v) => string(out, v),
            None => out.extend_from_slice(b"null"),
        }
    }

    /// Key `k` with a value written as it is (a number, `true`, `null`).
    pub fn raw(&mut self, k: &str, v: impl std::fmt::Display) {
        let _ = write!(self.key(k).0, "{v}");
    }

    /// Key `k` with an array of strings.
    pub fn strs(&mut self, k: &str, items: &[impl AsRef<str>]) {
        let (out, depth) = self.key(k);
        let mut list = Open::array(out, depth);
        for item in items {
            string(list.next().0, item.as_ref());
        }
        list.end();
    }

    /// Closes the object or array: on a line of its own unless empty.
    pub fn end(self) {
        if !self.empty {
            self.out.push(b'\n');
            indent(self.out, self.depth - 1);
        }
        self.out.push(self.close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_serde(s: &str) -> String {
        super::super::safe_json::to_string_pretty(s).unwrap()
    }

    fn by_hand(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_written_as_the_safe_serde_writer_writes_them() {
        let mut cases: Vec<String> = (0u32..0x250)
            .chain(0x2000..0x2070)
            .chain([0x061c, 0x3164, 0xfeff, 0xffa0, 0x1f600, 0xe0041, 0x110bd])
            .filter_map(char::from_u32)
            .map(|c| format!("ab{c}cdefghijklmnop{c}{c}q"))
            .collect();
        cases.extend(
            [
                "",
                "plain ascii text long enough for several words of eight",
                "\"quoted\" and \\back\\slashed\\\"",
                "横田めぐみ 拉致 \u{202e}evil\u{202c} \u{1b}[31m red \u{9b}1m",
                "~\u{7f}~\u{80}~\u{9f}~\u{a0}~",
                "\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}",
                "0123456\"",
                "01234567\\",
                "line\nbreak\ttab\rreturn\u{8}\u{c}\u{0}\u{1f}",
            ]
            .map(String::from),
        );
        for s in &cases {
            assert_eq!(by_hand(s), via_serde(s), "{s:?}");
        }
    }

    #[test]
    fn the_word_test_flags_exactly_the_bytes_that_are_not_plain() {
        for x in 0..=255u8 {
            for pos in 0..8 {
                let mut word = *b"abcdefgh";
                word[pos] = x;
                let found = unplain(u64::from_le_bytes(word));
                let first = (found != 0).then(|| found.trailing_zeros() as usize / 8);
                assert_eq!(first, (!plain(x)).then_some(pos), "byte {x:#x} at {pos}");
            }
        }
    }

    #[test]
    fn objects_and_arrays_have_the_serde_pretty_layout() {
        let mut out = Vec::new();
        let mut o = Open::object(&mut out, 1);
        o.str("a", "x");
        o.opt_str("b", None);
        o.raw("c", 3);
        o.strs("d", &[] as &[&str]);
        o.strs("e", &["y", "z"]);
        let (w, depth) = o.key("f");
        Open::object(w, depth).end();
        o.end();
        let value =
            serde_json::json!({"a": "x", "b": null, "c": 3, "d": [], "e": ["y", "z"], "f": {}});
        let mut expected = Vec::new();
        super::super::safe_json::write_pretty_at(&mut expected, &value, 1).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
