//! Article extraction from real saved news pages (mozilla/readability's test
//! pages, Apache-2.0, in `tests/fixtures/news-pages/`) against Firefox Reader
//! View's own extraction: token-level F1 of the text, and the metadata.
//!
//! `cargo test --test article_extraction -- --nocapture` prints the table in README.

use std::collections::HashMap;
use std::path::Path;

use chronoscope::claims::article;

fn tokens(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// Bag-of-words F1 of `got` against `want`.
fn f1(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (tokens(got), tokens(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let p = common as f64 / g.values().sum::<usize>().max(1) as f64;
    let r = common as f64 / w.values().sum::<usize>().max(1) as f64;
    (
        p,
        r,
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        },
    )
}

/// The text of Reader View's expected HTML (tags dropped, entities decoded).
fn reference_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_escape::decode_html_entities(&out).into_owned()
}

#[test]
fn saved_news_pages_yield_their_article_and_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news-pages");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 5);
    eprintln!("| page | precision | recall | F1 | title | site | published |");
    eprintln!("| --- | ---: | ---: | ---: | --- | --- | --- |");
    let mut worst: f64 = 1.0;
    for page in &pages {
        let a = article::read(&page.join("source.html")).expect("extracts");
        let want = reference_text(&std::fs::read_to_string(page.join("expected.html")).unwrap());
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        let (p, r, f) = f1(&a.text, &want);
        worst = worst.min(f);
        let same = |got: &Option<String>, want: &serde_json::Value| match (got, want.as_str()) {
            (Some(g), Some(w)) => g == w,
            (None, None) => true,
            _ => false,
        };
        let title_ok = same(&a.title, &meta["title"]);
        let site_ok = same(&a.site_name, &meta["siteName"]);
        let day = meta["publishedTime"].as_str().map(|t| t[..10].to_string());
        let published_ok = a.published == day;
        eprintln!(
            "| {} | {p:.2} | {r:.2} | {f:.2} | {} | {} | {} |",
            page.file_name().unwrap().to_string_lossy(),
            if title_ok { "same" } else { "differs" },
            if site_ok { "same" } else { "differs" },
            if published_ok { "same" } else { "differs" },
        );
        assert!(
            title_ok && site_ok && published_ok,
            "{}: metadata {:?}",
            page.display(),
            (&a.title, &a.site_name, &a.published)
        );
        // Page furniture must not come through.
        for furniture in [
            "Related",
            "Share this",
            "Advertisement",
            "Sign up",
            "cookie",
        ] {
            assert!(
                !a.text.lines().any(|l| l.trim() == furniture),
                "{}: `{furniture}` kept",
                page.display()
            );
        }
        assert!(
            !a.text.contains("<script") && !a.text.contains("function("),
            "{}: script kept",
            page.display()
        );
    }
    eprintln!("worst F1 {worst:.2}");
    assert!(worst >= 0.97, "worst F1 {worst:.2}");
}
