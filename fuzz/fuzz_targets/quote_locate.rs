//! A source text and a quote (split at the first NUL, prefix/suffix at the
//! next ones): a located quote is a char-aligned range of the original text
//! that reads as the quote once normalised.
#![no_main]

use chronoscope::quote::{Normalized, line_col, locate, normalize, paragraph_around};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let mut parts = input.splitn(4, '\0');
    let text = parts.next().unwrap_or_default();
    let quote = parts.next().unwrap_or_default();
    let prefix = parts.next();
    let suffix = parts.next();
    let norm = Normalized::new(text);
    match locate(text, &norm, quote, prefix, suffix) {
        Ok(r) => {
            assert!(r.start <= r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert_eq!(normalize(&text[r.clone()]), normalize(quote));
            let p = paragraph_around(text, &r);
            assert!(p.start <= r.start && r.end <= p.end);
            let _ = line_col(text, r.start);
        }
        Err(chronoscope::quote::Miss::Ambiguous(v)) => {
            assert!(v.len() >= 2 && v.len() <= 10);
            assert!(v.iter().all(|r| r.end <= text.len()));
        }
        Err(_) => {}
    }
});
