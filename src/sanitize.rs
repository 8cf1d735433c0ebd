//! Text from a store is untrusted: this module finds and neutralises the
//! characters that must never reach a terminal raw.
//!
//! Control characters (C0, DEL, C1, which include ESC and so every escape
//! sequence) become visible Unicode control pictures; bidi overrides and
//! isolates, and zero-width/invisible characters, become a visible `⟨U+XXXX⟩`.

use std::borrow::Cow;

/// Why a character is unsafe to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hazard {
    /// A C0/C1 control character or DEL (ESC starts escape sequences).
    Control,
    /// A bidirectional override, embedding or isolate (Trojan Source).
    Bidi,
    /// A zero-width or otherwise invisible formatting character.
    Invisible,
}

impl Hazard {
    /// A short human name.
    pub fn describe(self) -> &'static str {
        match self {
            Hazard::Control => "control character or escape sequence",
            Hazard::Bidi => "bidi override",
            Hazard::Invisible => "invisible (zero-width) character",
        }
    }
}

/// Classifies one character; `\n` and `\t` count as safe here (multi-line text).
///
/// Covers every control character (general category Cc), every format
/// character (Cf, Unicode 15.1: soft hyphen, Arabic/Syriac marks, zero-width
/// and joiner characters, bidi controls, word joiner, invisible operators,
/// deprecated format controls, BOM, interlinear annotation, the tag block used
/// for "ASCII smuggling"), the line/paragraph separators, and the blank
/// fillers that render as nothing (Hangul fillers, combining grapheme joiner,
/// Khmer inherent vowels).
pub fn hazard(c: char) -> Option<Hazard> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Hazard::Control),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' => Some(Hazard::Bidi),
        '\u{00ad}'
        | '\u{034f}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06dd}'
        | '\u{070f}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08e2}'
        | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2028}'..='\u{2029}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206a}'..='\u{206f}'
        | '\u{3164}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e007f}' => Some(Hazard::Invisible),
        _ => None,
    }
}

/// True for a printable ASCII byte (space to `~`): never a hazard, a
/// newline, a tab or a carriage return.
fn plain(b: u8) -> bool {
    b.wrapping_sub(0x20) < 0x5f
}

/// Bytes checked at once: the loop over a block has no early exit, so the
/// compiler checks it with vector instructions.
const BLOCK: usize = 32;

/// Offset of the first byte from `from` on that is not printable ASCII
/// (`b.len()` when there is none). Every hazard starts at such a byte: each
/// is a control (below 0x20, or 0x7F) or a non-ASCII character.
fn next_unplain(b: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(block) = b.get(at..at + BLOCK) {
        if !block.iter().fold(true, |ok, &x| ok & plain(x)) {
            break;
        }
        at += BLOCK;
    }
    at + b[at..]
        .iter()
        .position(|&x| !plain(x))
        .unwrap_or(b.len() - at)
}

/// True when `s` is only printable ASCII (0x20..=0x7E), checked a block
/// of bytes at a time: such text holds no hazard, newline or tab, so the
/// callers below return it as it is without decoding a character.
pub fn is_plain_ascii(s: &str) -> bool {
    next_unplain(s.as_bytes(), 0) == s.len()
}

/// Every hazardous character in `s`, with its byte offset. Runs of
/// printable ASCII are skipped a block at a time; only the characters
/// after them are decoded and classified.
pub fn hazards(s: &str) -> impl Iterator<Item = (usize, char, Hazard)> + '_ {
    let bytes = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            at = next_unplain(bytes, at);
            let c = s.get(at..)?.chars().next()?;
            let i = at;
            at += c.len_utf8();
            if let Some(h) = hazard(c) {
                return Some((i, c, h));
            }
        }
    })
}

fn visible(c: char, out: &mut String) {
    match c {
        '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => {
            out.push('⟨');
            out.push_str(&format!("U+{:04X}", c as u32));
            out.push('⟩');
        }
    }
}

/// One line of safe text: every hazard, newline and tab made visible or plain.
/// Newlines and tabs become spaces.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if is_plain_ascii(s)
        || !s
            .chars()
            .any(|c| c == '\n' || c == '\t' || c == '\r' || hazard(c).is_some())
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            c if hazard(c).is_some() => visible(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as shown in a message: a file name is untrusted text too, so
/// control characters, bidi overrides, newlines and tabs in it are made
/// visible or plain, like any other one-line text.
pub fn for_terminal_path(path: &std::path::Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

/// Multi-line safe text: newlines kept, tabs expanded to the next multiple of
/// `tab` columns (counted in chars of the current line), hazards made visible.
pub fn for_terminal_multiline(s: &str, tab: usize) -> Cow<'_, str> {
    if is_plain_ascii(s) || !s.chars().any(|c| c == '\t' || hazard(c).is_some()) {
        return Cow::Borrowed(s);
    }
    let tab = tab.max(1);
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A Windows line break (CR LF) is a line break, not a hazard.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = tab - col % tab;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if hazard(c).is_some() => {
                let before = out.len();
                visible(c, &mut out);
                col += out[before..].chars().count();
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_become_visible() {
        let s = "a\u{1b}[31mred\u{7}";
        let safe = for_terminal(s);
        assert!(!safe.chars().any(|c| c.is_control()));
        assert_eq!(safe, "a\u{241b}[31mred\u{2407}");
    }

    #[test]
    fn bidi_and_zero_width_are_shown() {
        assert_eq!(for_terminal("x\u{202e}y"), "x⟨U+202E⟩y");
        assert_eq!(for_terminal("x\u{200b}y"), "x⟨U+200B⟩y");
        let kinds: Vec<_> = hazards("a\u{202e}\u{200b}\u{9b}").map(|h| h.2).collect();
        assert_eq!(kinds, [Hazard::Bidi, Hazard::Invisible, Hazard::Control]);
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(for_terminal("横田めぐみ"), Cow::Borrowed(_)));
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(for_terminal_multiline("ab\tc\n\td", 4), "ab  c\n    d");
    }

    #[test]
    fn windows_line_breaks_are_line_breaks_but_lone_cr_is_shown() {
        assert_eq!(for_terminal_multiline("a\r\nb\rc", 4), "a\nb\u{240d}c");
    }

    /// The classification of every character, one by one: what the
    /// block-skipping fast path must equal.
    fn hazards_slowly(s: &str) -> Vec<(usize, char, Hazard)> {
        s.char_indices()
            .filter_map(|(i, c)| hazard(c).map(|h| (i, c, h)))
            .collect()
    }

    /// Text mixing long printable ASCII runs (longer than a block) with
    /// controls, newlines, tabs, DEL, C1, bidi, invisible and other
    /// non-ASCII characters, so block edges fall everywhere.
    fn mixed_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[ -~]{0,70}",
            1 => Just("\n".to_string()),
            1 => Just("\t\r".to_string()),
            1 => Just("\u{1b}[1m\u{7f}\u{9b}".to_string()),
            1 => Just("\u{202e}\u{200b}\u{e0041}\u{feff}".to_string()),
            1 => Just("横田めぐみ é".to_string()),
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn fast_hazards_equal_the_char_by_char_scan(s in mixed_text()) {
            prop_assert_eq!(hazards(&s).collect::<Vec<_>>(), hazards_slowly(&s));
            let plain = s.bytes().all(|b| (0x20..=0x7e).contains(&b));
            prop_assert_eq!(is_plain_ascii(&s), plain);
        }

        #[test]
        fn fast_paths_change_no_output(s in mixed_text()) {
            let any_hazard = !hazards_slowly(&s).is_empty();
            let one_line = for_terminal(&s);
            prop_assert_eq!(
                matches!(one_line, Cow::Borrowed(_)),
                !any_hazard && !s.contains(['\n', '\t', '\r'])
            );
            if is_plain_ascii(&s) {
                prop_assert_eq!(&*one_line, s.as_str());
                prop_assert_eq!(&*for_terminal_multiline(&s, 4), s.as_str());
            }
        }
    }

    #[test]
    fn tag_characters_and_hangul_fillers_are_invisible_hazards() {
        // "ASCII smuggling" through the tag block, and the blank Hangul filler.
        assert_eq!(for_terminal("a\u{e0041}b"), "a⟨U+E0041⟩b");
        assert_eq!(hazard('\u{3164}'), Some(Hazard::Invisible));
        assert_eq!(hazard('\u{206f}'), Some(Hazard::Invisible));
        assert_eq!(hazard('요'), None);
    }
}
