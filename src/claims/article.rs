//! Reading an article from a file: plain text, Markdown, or a saved HTML
//! page (whose body and metadata are extracted), refusing anything that is
//! not a regular, UTF-8, text file of reasonable size.
//!
//! HTML goes through `dom_smoothie`, a port of Firefox Reader View's
//! readability.js: it keeps the article and drops navigation, ads and
//! "related coverage" boxes, and reads the page's own metadata (Open Graph,
//! Dublin Core, JSON-LD). The canonical URL comes from `<link rel=canonical>`
//! or `og:url` through `dom_query`, the HTML tree dom_smoothie is built on.

use std::io::Read as _;
use std::path::Path;

use crate::sanitize::hazard;

mod html;

/// Largest input file read (16 MiB, like an archived source text): saved
/// news pages are rarely over 2 MiB.
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Most HTML elements read from a page (saved news pages have 2 000–4 000).
pub const MAX_HTML_ELEMENTS: usize = 100_000;
/// Deepest element nesting read from a page (saved news pages nest 20–35 deep).
pub const MAX_HTML_DEPTH: usize = 256;

/// An article's text and what its page says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The article's text (paragraphs separated by blank lines).
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Site or publisher name.
    pub site_name: Option<String>,
    /// Publication date as an EDTF day (from the page's metadata).
    pub published: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Whether it came from HTML.
    pub from_html: bool,
}

/// Why a file cannot be read as an article.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// Missing, unreadable, a directory or a device.
    #[error("{path}: cannot be read: {why}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        why: String,
    },
    /// Over the cap.
    #[error(
        "{path}: is {size} bytes, over the {MAX_ARTICLE_BYTES}-byte cap (16 MiB); save only the article's page or text"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
    },
    /// NUL bytes: not text.
    #[error(
        "{path}:{line}:{col}: a NUL byte: this is a binary file, not an article; save the article as text or HTML"
    )]
    Binary {
        /// The file.
        path: String,
        /// Line.
        line: u64,
        /// Column.
        col: u64,
    },
    /// Not UTF-8.
    #[error(
        "{path}:{line}:{col}: not valid UTF-8 ({detail}); convert it first, e.g. `iconv -f SHIFT_JIS -t UTF-8 FILE > FILE.txt`"
    )]
    Encoding {
        /// The file.
        path: String,
        /// Line.
        line: u64,
        /// Column.
        col: u64,
        /// What was seen.
        detail: String,
    },
    /// Control, bidi or invisible characters in the text.
    #[error(
        "{path}:{line}:{col}: {what} (U+{code:04X}) in the {place}; remove it and try again (it could rewrite a terminal or hide text)"
    )]
    Hazard {
        /// The file.
        path: String,
        /// Line.
        line: u64,
        /// Column.
        col: u64,
        /// The kind of character.
        what: &'static str,
        /// Its code point.
        code: u32,
        /// "text" or "extracted article text".
        place: &'static str,
    },
    /// Too many or too deeply nested elements for the reader to take apart in good time.
    #[error(
        "{path}: the page has {what} (the cap is {cap}); it is not an ordinary article page\n  hint: save the article's text (or the page's `article` element) and add that"
    )]
    TooComplex {
        /// The file.
        path: String,
        /// "150000 elements", "nesting 200000 deep".
        what: String,
        /// The cap.
        cap: usize,
    },
    /// No article found.
    #[error("{path}: no article text found{hint}")]
    Empty {
        /// The file.
        path: String,
        /// What to do.
        hint: &'static str,
    },
}

/// Reads `path` as an article.
pub fn read(path: &Path) -> Result<Article, ArticleError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, &name)?;
    let text = decode(bytes, &name)?;
    let text = text.replace("\r\n", "\n");
    let html = is_html(path, &text);
    let mut article = if html {
        html::extract(&text, &name)?
    } else {
        check_hazards(&text, &name, "text")?;
        Article {
            title: markdown_title(&text),
            text,
            ..Article::default()
        }
    };
    if article.text.trim().is_empty() {
        return Err(ArticleError::Empty {
            path: name,
            hint: if html {
                "; is this a page of links rather than an article?"
            } else {
                ""
            },
        });
    }
    article.from_html = html;
    Ok(article)
}

fn read_capped(path: &Path, name: &str) -> Result<Vec<u8>, ArticleError> {
    let bad = |why: String| ArticleError::Unreadable {
        path: name.to_string(),
        why,
    };
    let meta = std::fs::metadata(path).map_err(|e| bad(e.to_string()))?;
    if !meta.is_file() {
        return Err(bad(
            "not a regular file (a directory, FIFO or device)".into()
        ));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            path: name.to_string(),
            size: meta.len(),
        });
    }
    let file = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(e.to_string()))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ArticleError::TooLarge {
            path: name.to_string(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Line and column (1-based, in characters) of byte `at` of possibly invalid UTF-8.
fn position(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = &bytes[..at];
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() as u64 + 1;
    (line, col)
}

fn decode(mut bytes: Vec<u8>, name: &str) -> Result<String, ArticleError> {
    let enc = |line, col, detail: String| ArticleError::Encoding {
        path: name.to_string(),
        line,
        col,
        detail,
    };
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(enc(1, 1, "a UTF-16 byte-order mark".into()));
    }
    if let Some(i) = memchr::memchr(0, &bytes) {
        let (line, col) = position(&bytes, i);
        return Err(ArticleError::Binary {
            path: name.to_string(),
            line,
            col,
        });
    }
    if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let (line, col) = position(&bytes, at);
        enc(
            line,
            col,
            format!("byte 0x{:02X} at offset {at}", bytes[at]),
        )
    })
}

fn is_html(path: &Path, text: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        return true;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn check_hazards(text: &str, name: &str, place: &'static str) -> Result<(), ArticleError> {
    let mut line = 1;
    let mut col = 1;
    for c in text.chars() {
        if let Some(h) = hazard(c) {
            return Err(ArticleError::Hazard {
                path: name.to_string(),
                line,
                col,
                what: h.describe(),
                code: c as u32,
                place,
            });
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    Ok(())
}

fn markdown_title(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    first.strip_prefix("# ").map(|t| t.trim().to_string())
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// Paragraphs: lines trimmed, runs of blank lines to one, ending in one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
