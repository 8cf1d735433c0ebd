//! Turning the HTML of TimelineJS text into plain store text: tags removed
//! (their text kept), entities decoded, control, bidi and invisible
//! characters dropped, whitespace collapsed.

/// Removes tags, keeping the text between them; block tags become spaces.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        // A tag starts with a letter, `/` or `!`; anything else is a literal `<`.
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>') {
            Some(j) if is_tag => {
                out.push(' ');
                rest = &after[j + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain, safe, single-spaced text from TimelineJS HTML.
pub fn to_text(s: &str) -> String {
    let once = strip_tags(s);
    let decoded = html_escape::decode_html_entities(&once);
    // Entities may spell markup (`&lt;b&gt;`): strip once more so none is kept.
    let twice = strip_tags(&decoded);
    let safe: String = twice
        .chars()
        .map(|c| {
            if crate::sanitize::hazard(c).is_some() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    safe.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tags_go_text_stays() {
        assert_eq!(
            to_text("<p>Born in <a href='x'>New Jersey</a></p><br/>1963"),
            "Born in New Jersey 1963"
        );
        assert_eq!(
            to_text("Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;"),
            "Tom & Jerry bold"
        );
        assert_eq!(to_text("1 < 2 and 3>2"), "1 < 2 and 3>2");
        assert_eq!(to_text("a\u{1b}[31mb\u{202e}c\u{200b}"), "a [31mb c");
    }
}
