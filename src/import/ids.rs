//! Store ids for imported slides and eras: slugs made unique with `-2`, `-3`…,
//! in time linear in the number of ids however many share a name.

use std::collections::{HashMap, HashSet};

/// A lowercase slug of letters and digits joined by `-` (at most 60 chars).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
            chars += 1;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
            chars += 1;
        }
        if chars >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Hands out ids not used before. For each base it remembers the next suffix
/// to try, so 20,000 slides headed "same" take 20,000 steps, not 200 million;
/// a suffix is only skipped when that exact id was taken, which happens at most
/// once per id.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    /// Candidate ids looked at so far (for the growth test).
    pub probes: usize,
}

impl Ids {
    /// `base` (or `fallback` when `base` is empty) if unused, else the first
    /// unused `base-N` with N counting up from 2.
    pub fn claim(&mut self, base: String, fallback: String) -> String {
        let base = if base.is_empty() { fallback } else { base };
        self.probes += 1;
        if self.taken.insert(base.clone()) {
            return base;
        }
        let next = self.next_suffix.entry(base.clone()).or_insert(2);
        loop {
            self.probes += 1;
            let id = format!("{base}-{next}");
            *next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim_all(names: &[&str]) -> Vec<String> {
        let mut ids = Ids::default();
        names
            .iter()
            .enumerate()
            .map(|(i, n)| ids.claim(slug(n), format!("event-{}", i + 1)))
            .collect()
    }

    #[test]
    fn repeated_names_count_up_and_skip_ids_already_given() {
        assert_eq!(
            claim_all(&["Same", "same-2", "SAME", "same", ""]),
            ["same", "same-2", "same-3", "same-4", "event-5"]
        );
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(
            slug("  Koizumi visits Pyongyang!  "),
            "koizumi-visits-pyongyang"
        );
        assert_eq!(slug("平壌 宣言"), "平壌-宣言");
        assert_eq!(slug(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn work_grows_linearly_with_repeated_names() {
        let probes = |n: usize| {
            let mut ids = Ids::default();
            // Half the names collide with suffixes handed out for the other half.
            for i in 0..n {
                let name = if i % 2 == 0 {
                    "same".to_string()
                } else {
                    format!("same-{}", i + 2)
                };
                ids.claim(name, String::new());
            }
            ids.probes
        };
        // At most two candidates per id: doubling the ids at most doubles the work.
        for n in [10_000, 20_000] {
            assert!(probes(n) <= 2 * n, "{} probes for {n} ids", probes(n));
        }
    }
}
