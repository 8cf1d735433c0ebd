//! Line-level surgery on `events.yaml`: find a top-level section, an event
//! item and its `excerpts:` list, and say where new lines go, so that
//! everything else (comments, order, quoting, blank lines) stays byte for
//! byte as written.

use std::ops::Range;

/// One line of the file: its byte range (without the line break) and indent.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range of the content, without `\n` / `\r\n`.
    pub range: Range<usize>,
    /// Byte offset just after the line break (or the end of the file).
    pub next: usize,
    /// Leading spaces.
    pub indent: usize,
    /// Empty or only spaces.
    pub blank: bool,
    /// A comment line (first non-space is `#`).
    pub comment: bool,
}

/// Splits `text` into lines.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let next = (end + 1).min(text.len());
        let content_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let s = &text[start..content_end];
        let trimmed = s.trim_start_matches(' ');
        out.push(Line {
            range: start..content_end,
            next,
            indent: s.len() - trimmed.len(),
            blank: trimmed.is_empty(),
            comment: trimmed.starts_with('#'),
        });
        start = next;
    }
    out
}

fn content<'a>(text: &'a str, l: &Line) -> &'a str {
    text[l.range.clone()].trim_start_matches(' ')
}

/// Whether a line carries content (not blank, not a comment).
fn solid(l: &Line) -> bool {
    !l.blank && !l.comment
}

/// The lines of top-level section `key`: (index of the `key:` line, index
/// after its last line of content). `None` when the file has no such key.
pub fn section(text: &str, ls: &[Line], key: &str) -> Option<(usize, usize)> {
    let head = ls.iter().position(|l| {
        l.indent == 0 && solid(l) && {
            let c = content(text, l);
            c.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        }
    })?;
    let mut end = head + 1;
    let mut last_solid = head + 1;
    while end < ls.len()
        && !(ls[end].indent == 0 && solid(&ls[end]) && !content(text, &ls[end]).starts_with('-'))
    {
        if solid(&ls[end]) {
            last_solid = end + 1;
        }
        end += 1;
    }
    Some((head, last_solid))
}

/// Whether `key:` is written in flow style as an empty list (`key: []`).
pub fn is_empty_flow(text: &str, l: &Line) -> bool {
    let c = content(text, l);
    c.split_once(':').is_some_and(|(_, v)| {
        let v = v.split(" #").next().unwrap_or(v).trim();
        v == "[]"
    })
}

/// The indent of the list items in `lines[from..to]` (first line starting
/// with `- `), or `fallback`.
pub fn item_indent(text: &str, ls: &[Line], from: usize, to: usize, fallback: usize) -> usize {
    ls[from..to]
        .iter()
        .find(|l| solid(l) && content(text, l).starts_with("- "))
        .map_or(fallback, |l| l.indent)
}

/// The event item with id `id` in `lines[from..to]`: (index of its `- ` line,
/// index after its last line of content, the indent of its keys).
pub fn event_item(
    text: &str,
    ls: &[Line],
    from: usize,
    to: usize,
    id: &str,
) -> Option<(usize, usize, usize)> {
    let quoted = [id.to_string(), format!("\"{id}\""), format!("'{id}'")];
    let start = (from..to).find(|&i| {
        let c = content(text, &ls[i]);
        c.strip_prefix("- id:").map(str::trim).is_some_and(|v| {
            let v = v.split(" #").next().unwrap_or(v).trim();
            quoted.iter().any(|q| q == v)
        })
    })?;
    let dash = ls[start].indent;
    let mut last = start + 1;
    let mut i = start + 1;
    while i < to && !(solid(&ls[i]) && ls[i].indent <= dash) {
        if solid(&ls[i]) {
            last = i + 1;
        }
        i += 1;
    }
    Some((start, last, dash + 2))
}

/// Within an item's lines, the `key:` line at `indent` and the index after
/// its block's last line of content.
pub fn key_block(
    text: &str,
    ls: &[Line],
    from: usize,
    to: usize,
    indent: usize,
    key: &str,
) -> Option<(usize, usize)> {
    let head = (from..to).find(|&i| {
        ls[i].indent == indent
            && solid(&ls[i])
            && content(text, &ls[i])
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
    })?;
    let mut last = head + 1;
    for (i, l) in ls.iter().enumerate().take(to).skip(head + 1) {
        if !solid(l) {
            continue;
        }
        // The block goes on while lines are deeper, or are list items at the
        // key's own indent (`excerpts:` then `- source:` flush with it).
        let inside =
            l.indent > indent || (l.indent == indent && content(text, l).starts_with("- "));
        if !inside {
            break;
        }
        last = i + 1;
    }
    Some((head, last))
}

/// Byte offset where lines are inserted before line index `at` (the end of
/// the file when `at` is past the last line).
pub fn offset_before(ls: &[Line], at: usize, len: usize) -> usize {
    ls.get(at).map_or(len, |l| l.range.start)
}

/// A YAML double-quoted scalar: safe for any text (quotes, colons, `#`,
/// leading dashes), with backslash escapes for `\` and `"` and for any
/// control character.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
