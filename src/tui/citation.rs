//! The citation `y` copies, and the OSC 52 sequence that carries it to the
//! terminal's clipboard (works over ssh and inside tmux with `set-clipboard on`).

use base64::Engine as _;

use crate::store::{Event, Store};

/// "Title (date). Source: Publisher, “Title”, published date. Excerpt: “…”".
/// Store text is sanitised: the clipboard is pasted into other terminals.
pub fn citation(store: &Store, e: &Event, excerpt: usize) -> String {
    let safe = |s: &str| crate::sanitize::for_terminal(s).into_owned();
    let mut out = format!("{} ({}).", safe(&e.title), e.date.long());
    let x = e.excerpts.get(excerpt).or_else(|| e.excerpts.first());
    if let Some(x) = x {
        if let Some(src) = store.source(&x.source) {
            let published = src
                .published
                .as_ref()
                .map_or_else(|| "undated".to_string(), |d| d.long());
            out.push_str(&format!(
                " Source: {}, “{}”, {}.",
                safe(&src.publisher),
                safe(&src.title),
                published
            ));
            if let Some(url) = &src.url {
                out.push_str(&format!(" {}", safe(url)));
            }
        }
        out.push_str(&format!(" Excerpt: “{}”", safe(&x.quote)));
    } else if let Some(note) = &e.note {
        out.push_str(&format!(" Note: {}", safe(note)));
    }
    out
}

/// The OSC 52 escape sequence that sets the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\u{1b}]52;c;{b64}\u{7}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_of_the_text() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }
}
