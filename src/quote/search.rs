//! The quote search itself: linear in source + quote + prefix + suffix.

use std::ops::Range;

use super::{Miss, Normalized, normalize};

/// [`locate`], adding its search steps to `work` (tests show by it that the
/// cost grows linearly with the input).
pub(super) fn locate_counting(
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
        if self.quote.len() > self.hay.len() {
            // Cannot occur; preparing the finder would cost more than this.
            return Vec::new();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
