//! A saved HTML page read as an article: its size checked before parsing,
//! its body extracted by `dom_smoothie` (readability.js), its canonical URL
//! and publication day read from its metadata.

use super::{
    Article, ArticleError, MAX_HTML_DEPTH, MAX_HTML_ELEMENTS, check_hazards, nonempty, tidy,
};
use crate::sanitize::{Hazard, hazard};

/// Number of elements and deepest nesting, from one scan of the tags (an
/// estimate: `<` in scripts counts too, which only errs on the safe side).
fn html_shape(html: &str) -> (usize, usize) {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param",
    ];
    let b = html.as_bytes();
    let (mut elements, mut depth, mut deepest) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        i += k + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || !b[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        elements += 1;
        let end = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e);
        let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
        if !VOID.contains(&name.as_str()) && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    (elements, deepest)
}

/// The article of a saved page: refused when too large to parse safely,
/// then its readable body and its metadata.
pub(super) fn extract(html: &str, name: &str) -> Result<Article, ArticleError> {
    refuse_too_complex(html, name)?;
    let doc = dom_query::Document::from(html);
    let url = canonical_url(&doc);
    let meta_time = nonempty(
        doc.select("meta[property=\"article:published_time\"]")
            .attr("content")
            .map(|a| a.to_string()),
    );
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::with_document(doc, None, Some(cfg)).map_err(|e| {
        ArticleError::Unreadable {
            path: name.to_string(),
            why: format!("the HTML could not be read: {e}"),
        }
    })?;
    let a = r.parse().map_err(|e| ArticleError::Empty {
        path: name.to_string(),
        hint: if matches!(e, dom_smoothie::ReadabilityError::GrabFailed) {
            "; the page has no readable article body"
        } else {
            ""
        },
    })?;
    // Zero-width and soft-hyphen characters are markup artefacts in HTML:
    // dropped. Controls and bidi overrides are refused.
    let text: String = a
        .text_content
        .chars()
        .filter(|c| hazard(*c) != Some(Hazard::Invisible) || *c == '\n')
        .collect();
    let text = tidy(&text);
    check_hazards(&text, name, "extracted article text")?;
    let clean = |s: Option<String>| {
        nonempty(s).map(|s| {
            s.chars()
                .filter(|c| hazard(*c).is_none())
                .collect::<String>()
        })
    };
    Ok(Article {
        text,
        title: clean(Some(a.title.clone())),
        site_name: clean(a.site_name.clone()),
        published: a
            .published_time
            .clone()
            .or(meta_time)
            .as_deref()
            .and_then(edtf_day),
        url: clean(url),
        byline: clean(a.byline.clone()),
        from_html: true,
    })
}

/// Refuses pages with more elements or deeper nesting than the caps, before
/// any parser builds a tree of them.
fn refuse_too_complex(html: &str, name: &str) -> Result<(), ArticleError> {
    let (elements, depth) = html_shape(html);
    let complex = |what: String, cap| ArticleError::TooComplex {
        path: name.to_string(),
        what,
        cap,
    };
    if elements > MAX_HTML_ELEMENTS {
        return Err(complex(format!("{elements} elements"), MAX_HTML_ELEMENTS));
    }
    if depth > MAX_HTML_DEPTH {
        return Err(complex(
            format!("elements nested {depth} deep"),
            MAX_HTML_DEPTH,
        ));
    }
    Ok(())
}

/// The page's canonical URL: `<link rel=canonical>`, else `og:url`.
fn canonical_url(doc: &dom_query::Document) -> Option<String> {
    ["link[rel=canonical]", "meta[property=\"og:url\"]"]
        .iter()
        .find_map(|sel| {
            let node = doc.select(sel);
            let attr = if sel.starts_with("link") {
                "href"
            } else {
                "content"
            };
            nonempty(node.attr(attr).map(|a| a.to_string())).filter(|u| u.starts_with("http"))
        })
}

/// `2015-07-24T05:36:09+01:00` → `2015-07-24` (the day as the page wrote it).
fn edtf_day(s: &str) -> Option<String> {
    let day = s.trim().get(..10)?;
    crate::date::EventDate::parse(day)
        .ok()
        .filter(|d| d.precision() == crate::date::Precision::Day)?;
    Some(day.to_string())
}
