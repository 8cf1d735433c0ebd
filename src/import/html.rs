//! Turning the HTML of TimelineJS text into plain store text with a real HTML
//! tokenizer (html5ever's, the WHATWG algorithm browsers use): what a reader
//! sees, and only that.
//!
//! Script, style and other raw-text contents, templates and comments are
//! dropped; attribute values never leak (`<a title="x>y">`); inline elements
//! (`<em>`, `<a>`) add no space, so "<em>events</em>, former" stays "events,
//! former"; block elements and `<br>` separate words. Markup spelled with
//! entities (`&lt;b&gt;`) is not kept either: TimelineJS decodes `group` and
//! `display_date` once before its HTML parser sees them, and no imported text
//! keeps a tag, so the text is read a second time when the first pass left a
//! `<` or `&` (a chronoscope export escapes those two fields twice and keeps
//! the summary verbatim in its private object, so nothing of its own is
//! lost). Control, bidi and invisible characters become spaces, and
//! whitespace is collapsed.
//!
//! Only the tokenizer runs, not html5ever's tree builder: the tree builder
//! rescans its stack of open elements for some tags, so 40,000 nested `<div>`s
//! take 18 s there (a product of two sizes), while tokens cost the same per
//! byte whatever the nesting. Paragraphs need no tree. (Saved news pages, which
//! need a tree, are read by dom_query on this same html5ever.)

use std::cell::RefCell;

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    states::RawKind,
};

/// Elements whose content a browser reads as raw text (no tags inside), the
/// tokenizer state for it, and whether it is shown (with scripting on, as in
/// a TimelineJS page, `noscript` is not).
fn raw_text(name: &str) -> Option<(RawKind, bool)> {
    match name {
        "script" => Some((RawKind::ScriptData, false)),
        "style" | "noscript" | "iframe" | "noembed" | "noframes" => Some((RawKind::Rawtext, false)),
        "title" => Some((RawKind::Rcdata, false)),
        "textarea" => Some((RawKind::Rcdata, true)),
        "xmp" => Some((RawKind::Rawtext, true)),
        _ => None,
    }
}

/// Elements that end a line of text (block boxes, line breaks, table cells).
fn breaks(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "hr"
            | "blockquote"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
    )
}

/// Whether a block boundary is a paragraph of its own (kept apart by
/// [`paragraphs`]) rather than a break inside one.
fn paragraph(name: &str) -> bool {
    breaks(name) && !matches!(name, "br" | "hr" | "td" | "th")
}

/// Safe, single-spaced text.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| {
            c.is_whitespace() || c.is_control() || crate::sanitize::hazard(c).is_some()
        })
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collects visible text per paragraph as tokens arrive.
#[derive(Default)]
struct Reader {
    blocks: RefCell<Vec<String>>,
    /// The raw-text element being read and whether its text is shown (its
    /// end tag ends it).
    raw: RefCell<Option<(String, bool)>>,
    /// Depth of `<template>` elements (their contents are never shown).
    templates: RefCell<usize>,
}

impl Reader {
    fn push_text(&self, text: &str) {
        let hidden_raw = matches!(*self.raw.borrow(), Some((_, false)));
        if hidden_raw || *self.templates.borrow() > 0 {
            return;
        }
        let mut blocks = self.blocks.borrow_mut();
        match blocks.last_mut() {
            Some(last) => last.push_str(text),
            None => blocks.push(text.to_string()),
        }
    }

    fn new_paragraph(&self) {
        self.blocks.borrow_mut().push(String::new());
    }
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            if let Token::CharacterTokens(t) = token {
                self.push_text(&t);
            }
            return TokenSinkResult::Continue;
        };
        let name: &str = &tag.name;
        let mut raw = self.raw.borrow_mut();
        if raw.is_some() {
            // The tokenizer ends raw text only at the matching end tag.
            if tag.kind == TagKind::EndTag && raw.as_ref().is_some_and(|(n, _)| n == name) {
                *raw = None;
            }
            return TokenSinkResult::Continue;
        }
        drop(raw);
        match (tag.kind, name) {
            (TagKind::StartTag, "template") => *self.templates.borrow_mut() += 1,
            (TagKind::EndTag, "template") => {
                let mut t = self.templates.borrow_mut();
                *t = t.saturating_sub(1);
            }
            (TagKind::StartTag, _) if let Some((kind, shown)) = raw_text(name) => {
                *self.raw.borrow_mut() = Some((name.to_string(), shown));
                return TokenSinkResult::RawData(kind);
            }
            (_, _) if paragraph(name) => self.new_paragraph(),
            (_, _) if breaks(name) => self.push_text(" "),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The visible text of `html`, one string per paragraph (untidied).
fn parse_once(html: &str) -> Vec<String> {
    if !html.contains(['<', '&']) {
        return vec![html.to_string()];
    }
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.blocks.take()
}

/// The paragraphs a reader of TimelineJS sees in `html`, each tidied; empty
/// paragraphs are dropped.
pub fn paragraphs(html: &str) -> Vec<String> {
    parse_once(html)
        .iter()
        .flat_map(|block| {
            if block.contains(['<', '&']) {
                parse_once(block)
            } else {
                vec![block.clone()]
            }
        })
        .map(|p| tidy(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Plain, safe, single-spaced text from TimelineJS HTML (paragraphs joined by a space).
pub fn to_text(html: &str) -> String {
    paragraphs(html).join(" ")
}

#[cfg(test)]
mod tests {
    use super::{paragraphs, to_text};

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

    #[test]
    fn inline_tags_before_punctuation_add_no_space() {
        assert_eq!(
            to_text("abduction <em>events</em>, former <a href='#'>premier</a>."),
            "abduction events, former premier."
        );
        assert_eq!(to_text("un<b>break</b>able"), "unbreakable");
    }

    #[test]
    fn script_style_and_comment_text_is_not_kept() {
        assert_eq!(
            to_text("a<script>alert('x<p>y')</script>b<!-- secret --><style>p{}</style>c"),
            "abc"
        );
        assert_eq!(to_text("<!-- a > b -->visible"), "visible");
        // Raw text a browser shows is kept.
        assert_eq!(to_text("a <textarea>kept</textarea> b"), "a kept b");
    }

    #[test]
    fn attribute_values_do_not_leak_into_the_text() {
        assert_eq!(to_text(r#"<a title="x>y">link</a> after"#), "link after");
        assert_eq!(to_text(r#"<img src=x onerror="alert(1)">shown"#), "shown");
    }

    #[test]
    fn block_elements_are_paragraphs() {
        assert_eq!(
            paragraphs(
                "<p>One.</p><blockquote>“Two”<br><cite>Three</cite></blockquote><p><em>Note:</em> Four</p>"
            ),
            ["One.", "“Two” Three", "Note: Four"]
        );
        assert_eq!(paragraphs("plain text"), ["plain text"]);
        assert_eq!(paragraphs("  <p> </p> "), Vec::<String>::new());
    }

    #[test]
    fn text_escaped_twice_reads_back_exactly() {
        for s in ["1 < 2 & 3 > 2", "<b>not bold</b>", "AT&T", "a &amp; b"] {
            let once = html_escape::encode_text(s).into_owned();
            let twice = html_escape::encode_text(&once).into_owned();
            assert_eq!(to_text(&twice), s, "{twice}");
        }
    }

    #[test]
    fn deep_nesting_is_read_without_building_a_tree() {
        let deep = |n: usize| format!("{}deep{}", "<div><b>".repeat(n), "</b></div>".repeat(n));
        assert_eq!(to_text(&deep(3)), "deep");
        // html5ever's tree builder takes seconds on 40,000 nested elements.
        assert_eq!(to_text(&deep(20_000)), "deep");
    }
}
