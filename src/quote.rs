//! Finding a verbatim quote in a source text.
//!
//! Quotes are compared after normalising only whitespace runs (to one space)
//! and typographic quotes, apostrophes and dashes (to their ASCII forms), so
//! a quote copied from a rendered page still matches its archived text.
//! Positions are reported in the original text.

use std::ops::Range;

/// A source text prepared for quote lookup.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// Original byte offset of each normalised byte, plus one past the end.
    origin: Vec<u32>,
    /// Where each line of the original starts, and how many characters
    /// precede each 1 KiB block: a position's line and column cost a binary
    /// search and at most 1 KiB of counting, not a scan from the start (a
    /// check of many quotes deep in a big source was excerpts × source).
    lines: LineIndex,
}

/// Line starts and sampled character counts of a text.
#[derive(Debug, Clone, Default)]
struct LineIndex {
    starts: Vec<u32>,
    chars_before_block: Vec<u32>,
}

const BLOCK: usize = 1024;

fn is_char_start(b: u8) -> bool {
    b & 0xc0 != 0x80
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1))
            .collect();
        let mut chars_before_block = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0u32;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before_block.push(count);
            count += block.iter().filter(|&&b| is_char_start(b)).count() as u32;
        }
        chars_before_block.push(count);
        LineIndex {
            starts,
            chars_before_block,
        }
    }

    fn chars_before(&self, text: &str, at: usize) -> u64 {
        let block = at / BLOCK;
        let within = text.as_bytes()[block * BLOCK..at]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        self.chars_before_block[block] as u64 + within as u64
    }
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{ff07}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ff02}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

/// Normalises a short string the same way as a source (for quotes, prefixes).
pub fn normalize(s: &str) -> String {
    Normalized::new(s).text.trim().to_string()
}

impl Normalized {
    /// Prepares `text`.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                    origin.push(i as u32);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            let f = fold(c);
            let before = out.len();
            out.push(f);
            for _ in before..out.len() {
                origin.push(i as u32);
            }
        }
        origin.push(text.len() as u32);
        Normalized {
            text: out,
            origin,
            lines: LineIndex::new(text),
        }
    }

    /// [`line_col`] of byte `offset` in `original` (the text this was made
    /// from), from the line index.
    pub fn line_col(&self, original: &str, offset: usize) -> (u64, u64) {
        let mut offset = offset.min(original.len());
        while !original.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.starts.partition_point(|&s| s as usize <= offset);
        let start = self.lines.starts[line - 1] as usize;
        let col =
            self.lines.chars_before(original, offset) - self.lines.chars_before(original, start);
        (line as u64, col + 1)
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn to_original(&self, r: Range<usize>, original: &str) -> Range<usize> {
        let start = self.origin[r.start] as usize;
        // End: the original byte after the last normalised char of the match.
        let last = self.text[..r.end]
            .chars()
            .next_back()
            .map_or(r.end, |c| r.end - c.len_utf8());
        let last_orig = self.origin[last] as usize;
        let end = original[last_orig..]
            .chars()
            .next()
            .map_or(last_orig, |c| last_orig + c.len_utf8());
        start..end
    }
}

/// Why a quote could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// The quote is empty.
    Empty,
    /// Not in the source.
    NotFound,
    /// In the source more than once, even with prefix/suffix: the original
    /// byte ranges of (up to 10 of) the matches.
    Ambiguous(Vec<Range<usize>>),
}

/// Locates `quote` in `original` (prepared as `norm`), using `prefix` and
/// `suffix` to choose between several matches. Returns the original byte range.
///
/// The cost is linear in the sizes of the source, quote, prefix and suffix
/// (never their product): see [`Search`].
pub fn locate(
    original: &str,
    norm: &Normalized,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> Result<Range<usize>, Miss> {
    let mut work = 0;
    locate_counting(original, norm, quote, prefix, suffix, &mut work)
}

/// [`locate`], adding its search steps to `work` (tests show by it that the
/// cost grows linearly with the input).
fn locate_counting(
    original: &str,
    norm: &Normalized,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
    work: &mut u64,
) -> Result<Range<usize>, Miss> {
    let q = normalize(quote);
    if q.is_empty() {
        return Err(Miss::Empty);
    }
    let p = prefix.map(normalize).filter(|s| !s.is_empty());
    let s = suffix.map(normalize).filter(|s| !s.is_empty());
    let search = Search {
        hay: norm.as_str().as_bytes(),
        quote: q.as_bytes(),
        prefix: p.as_deref().map(str::as_bytes),
        suffix: s.as_deref().map(str::as_bytes),
    };
    let hits = search.matches(work);
    match hits.len() {
        0 => Err(Miss::NotFound),
        1 => Ok(norm.to_original(hits[0].clone(), original)),
        _ => Err(Miss::Ambiguous(
            hits.into_iter()
                .take(10)
                .map(|r| norm.to_original(r, original))
                .collect(),
        )),
    }
}

/// Most matches collected: one more than the 10 an ambiguity reports, so
/// "more than 10" can be told.
const MAX_HITS: usize = 11;

/// One quote lookup in a normalised source.
///
/// A match is an occurrence of the quote whose text before it (less one
/// space) ends with the prefix and whose text after it (less one space)
/// starts with the suffix. Normalised text holds no whitespace but single
/// spaces, so "less one space" is what `trim_end`/`trim_start` did before.
///
/// Cost: the first two occurrences are found with `memchr::memmem` (linear,
/// vectorised); only a quote that occurs more than once falls back to
/// Knuth–Morris–Pratt over the rest of the source, with the prefix and suffix
/// occurrences marked in bitsets by the same algorithm, so each candidate is
/// tested in constant time. Every step is linear in one input, none is the
/// product of two (a 200 KB prefix over a 2 MB source used to cost both
/// multiplied).
struct Search<'a> {
    hay: &'a [u8],
    quote: &'a [u8],
    prefix: Option<&'a [u8]>,
    suffix: Option<&'a [u8]>,
}

impl Search<'_> {
    fn matches(&self, work: &mut u64) -> Vec<Range<usize>> {
        let finder = memchr::memmem::Finder::new(self.quote);
        let Some(first) = self.find_from(&finder, 0, work) else {
            return Vec::new();
        };
        let Some(second) = self.find_from(&finder, first + 1, work) else {
            let only = first..first + self.quote.len();
            return if self.context_fits(first, work) {
                Vec::from([only])
            } else {
                Vec::new()
            };
        };
        let prefix_ends = self.prefix.map(|p| Marks::ends_of(p, self.hay, work));
        let suffix_starts = self.suffix.map(|s| Marks::starts_of(s, self.hay, work));
        let fits = |start: usize| {
            let end = start + self.quote.len();
            let before = if start > 0 && self.hay[start - 1] == b' ' {
                start - 1
            } else {
                start
            };
            let after = if self.hay.get(end) == Some(&b' ') {
                end + 1
            } else {
                end
            };
            prefix_ends.as_ref().is_none_or(|m| m.has(before))
                && suffix_starts.as_ref().is_none_or(|m| m.has(after))
        };
        let mut hits = Vec::new();
        let mut push = |start: usize| {
            if fits(start) {
                hits.push(start..start + self.quote.len());
            }
            hits.len() < MAX_HITS
        };
        if push(first) && push(second) {
            Kmp::new(self.quote, work).each(self.hay, second + 1, work, push);
        }
        hits
    }

    fn find_from(
        &self,
        finder: &memchr::memmem::Finder,
        from: usize,
        work: &mut u64,
    ) -> Option<usize> {
        *work += (self.hay.len().saturating_sub(from) + self.quote.len()) as u64;
        finder.find(self.hay.get(from..)?).map(|i| from + i)
    }

    /// The prefix and suffix test for one occurrence, by direct comparison.
    fn context_fits(&self, start: usize, work: &mut u64) -> bool {
        let before = &self.hay[..start];
        let before = before.strip_suffix(b" ").unwrap_or(before);
        let after = &self.hay[start + self.quote.len()..];
        let after = after.strip_prefix(b" ").unwrap_or(after);
        *work += (self.prefix.map_or(0, <[u8]>::len) + self.suffix.map_or(0, <[u8]>::len)) as u64;
        self.prefix.is_none_or(|p| before.ends_with(p))
            && self.suffix.is_none_or(|s| after.starts_with(s))
    }
}

/// A bitset of positions in the source (where a prefix ends, or a suffix starts).
struct Marks(Vec<u64>);

impl Marks {
    fn new(len: usize) -> Marks {
        Marks(vec![0; len / 64 + 1])
    }

    fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn has(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn ends_of(pat: &[u8], hay: &[u8], work: &mut u64) -> Marks {
        let mut m = Marks::new(hay.len() + 1);
        Kmp::new(pat, work).each(hay, 0, work, |i| {
            m.set(i + pat.len());
            true
        });
        m
    }

    fn starts_of(pat: &[u8], hay: &[u8], work: &mut u64) -> Marks {
        let mut m = Marks::new(hay.len() + 1);
        Kmp::new(pat, work).each(hay, 0, work, |i| {
            m.set(i);
            true
        });
        m
    }
}

/// Knuth–Morris–Pratt: every (overlapping) occurrence of a pattern in
/// time linear in pattern + text, whatever their content.
struct Kmp<'a> {
    pat: &'a [u8],
    /// `fail[i]`: length of the longest proper border of `pat[..=i]`.
    fail: Vec<usize>,
}

impl<'a> Kmp<'a> {
    fn new(pat: &'a [u8], work: &mut u64) -> Self {
        let mut fail = vec![0; pat.len()];
        let mut k = 0;
        for i in 1..pat.len() {
            while k > 0 && pat[i] != pat[k] {
                k = fail[k - 1];
                *work += 1;
            }
            if pat[i] == pat[k] {
                k += 1;
            }
            fail[i] = k;
            *work += 1;
        }
        Kmp { pat, fail }
    }

    /// Calls `f` with the start of each occurrence at or after `from`, while it returns true.
    fn each(&self, hay: &[u8], from: usize, work: &mut u64, mut f: impl FnMut(usize) -> bool) {
        let m = self.pat.len();
        let mut k = 0;
        for (i, &b) in hay.iter().enumerate().skip(from) {
            while k > 0 && b != self.pat[k] {
                k = self.fail[k - 1];
                *work += 1;
            }
            if b == self.pat[k] {
                k += 1;
            }
            *work += 1;
            if k == m {
                if !f(i + 1 - m) {
                    return;
                }
                k = self.fail[k - 1];
            }
        }
    }
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() as u64 + 1;
    (line, col)
}

/// The paragraph (text between blank lines, or the line) holding `range`.
pub fn paragraph_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[range.end..]
        .find("\n\n")
        .map_or(text.len(), |i| range.end + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(src: &str, q: &str) -> Result<Range<usize>, Miss> {
        locate(src, &Normalized::new(src), q, None, None)
    }

    #[test]
    fn typographic_apostrophes_and_spaces_match() {
        let src = "Japan’s agreement  with\nNorth Korea";
        let r = find(src, "Japan's agreement with North").unwrap();
        assert_eq!(&src[r], "Japan’s agreement  with\nNorth");
    }

    #[test]
    fn missing_and_ambiguous_are_told_apart() {
        let src = "the talks. the talks.";
        assert_eq!(find(src, "the summit"), Err(Miss::NotFound));
        assert!(matches!(find(src, "the talks"), Err(Miss::Ambiguous(v)) if v.len() == 2));
        let norm = Normalized::new(src);
        let r = locate(src, &norm, "the talks", Some("talks."), None).unwrap();
        assert_eq!(r, 11..20);
    }

    /// The definition the fast search must agree with: every occurrence,
    /// tested by trimming and comparing (cost: occurrences × prefix).
    fn naive(hay: &str, q: &str, p: Option<&str>, s: Option<&str>) -> Vec<Range<usize>> {
        let mut hits = Vec::new();
        let mut from = 0;
        while let Some(i) = hay[from..].find(q) {
            let (start, end) = (from + i, from + i + q.len());
            let ok_p = p.is_none_or(|p| hay[..start].trim_end().ends_with(p));
            let ok_s = s.is_none_or(|s| hay[end..].trim_start().starts_with(s));
            if ok_p && ok_s {
                hits.push(start..end);
                if hits.len() == MAX_HITS {
                    break;
                }
            }
            from = start + 1;
        }
        hits
    }

    #[test]
    fn the_linear_search_finds_what_the_definition_finds() {
        // Small alphabets make many overlapping, periodic occurrences.
        let mut rng = crate::synth::Rng::new(7);
        let word = |rng: &mut crate::synth::Rng, max: usize| -> String {
            (0..1 + rng.below(max))
                .map(|_| ["a", "b", " "][rng.below(3)])
                .collect::<String>()
        };
        for _ in 0..4000 {
            let hay = normalize(&word(&mut rng, 60));
            let q = normalize(&word(&mut rng, 4));
            let p = Some(normalize(&word(&mut rng, 3))).filter(|_| rng.chance(0.6));
            let s = Some(normalize(&word(&mut rng, 3))).filter(|_| rng.chance(0.6));
            let (p, s) = (p.filter(|x| !x.is_empty()), s.filter(|x| !x.is_empty()));
            if q.is_empty() {
                continue;
            }
            let search = Search {
                hay: hay.as_bytes(),
                quote: q.as_bytes(),
                prefix: p.as_deref().map(str::as_bytes),
                suffix: s.as_deref().map(str::as_bytes),
            };
            let got = search.matches(&mut 0);
            let want = naive(&hay, &q, p.as_deref(), s.as_deref());
            assert_eq!(got, want, "{hay:?} {q:?} {p:?} {s:?}");
        }
    }

    /// Steps of one lookup on periodic text, where every position is an
    /// occurrence of quote, prefix and suffix (the worst case for a naive search).
    fn work_at(n: usize) -> u64 {
        let src = "a".repeat(16 * n);
        let norm = Normalized::new(&src);
        let (q, p, s) = ("a".repeat(n), "a".repeat(2 * n), "a".repeat(n));
        let mut work = 0;
        let got = locate_counting(&src, &norm, &q, Some(&p), Some(&s), &mut work);
        assert!(matches!(got, Err(Miss::Ambiguous(_))));
        work
    }

    #[test]
    fn lookup_work_at_most_doubles_when_source_quote_prefix_and_suffix_double() {
        for n in [1_000, 4_000, 16_000] {
            let (w1, w2) = (work_at(n), work_at(2 * n));
            assert!(
                w2 <= 2 * w1 + 64,
                "n={n}: {w1} steps, then {w2} at twice the size"
            );
        }
    }

    #[test]
    fn a_long_prefix_over_a_big_source_costs_steps_linear_in_both() {
        // The reported case: 2 MB of repeated text and a 200 KB prefix that
        // matches only at the end; the quote occurs thousands of times.
        let unit = "the talks. ";
        let body = unit.repeat(2_000_000 / unit.len());
        let prefix = format!("{}MARK", unit.repeat(200_000 / unit.len()));
        let src = format!("{body}{prefix} the talks. {body}");
        let norm = Normalized::new(&src);
        let mut work = 0;
        let r = locate_counting(&src, &norm, "the talks.", Some(&prefix), None, &mut work)
            .expect("the one occurrence after the prefix");
        assert_eq!(r.start, body.len() + prefix.len() + 1);
        let bound = 6 * (src.len() + prefix.len()) as u64;
        assert!(work <= bound, "{work} steps for {} bytes", src.len());
    }

    #[test]
    fn a_megabyte_suffix_over_a_full_size_source_is_linear() {
        let src = "ab".repeat(8 * 1024 * 1024);
        let norm = Normalized::new(&src);
        let suffix = "ab".repeat(512 * 1024);
        let mut work = 0;
        let got = locate_counting(&src, &norm, "ab", None, Some(&suffix), &mut work);
        assert!(matches!(got, Err(Miss::Ambiguous(v)) if v.len() == 10));
        assert!(
            work <= 6 * (src.len() + suffix.len()) as u64,
            "{work} steps"
        );
    }

    #[test]
    fn line_and_column_count_chars() {
        assert_eq!(line_col("ab\n横田x", 9), (2, 3));
    }

    #[test]
    fn the_line_index_gives_the_same_line_and_column_as_counting() {
        let text = "one 横田\ntwo\n\n".repeat(300) + &"長い行".repeat(2000) + "\nend";
        let norm = Normalized::new(&text);
        for offset in (0..=text.len()).step_by(7).chain([text.len()]) {
            assert_eq!(
                norm.line_col(&text, offset),
                line_col(&text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn paragraph_is_bounded_by_blank_lines() {
        let t = "one\n\ntwo three\n\nfour";
        let r = paragraph_around(t, &(9..14));
        assert_eq!(&t[r], "two three");
    }
}
