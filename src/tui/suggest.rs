//! "Did you mean": the event ids closest to a mistyped one.

use crate::store::Store;

/// Ids longer than this are compared by their first this-many characters,
/// so one comparison costs at most a fixed amount however long the input.
const COMPARED_CHARS: usize = 64;
/// Most suggestions given.
const MOST: usize = 3;

fn head(s: &str) -> String {
    s.chars()
        .take(COMPARED_CHARS)
        .collect::<String>()
        .to_lowercase()
}

/// Up to three ids of `store` close to `typed` (by edit distance, or
/// containing it), closest first. Linear in the number of events: each
/// comparison is capped at [`COMPARED_CHARS`].
pub fn close_ids(store: &Store, typed: &str) -> Vec<String> {
    let typed = head(typed.trim());
    if typed.is_empty() {
        return Vec::new();
    }
    let most = (typed.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = store
        .events
        .iter()
        .filter_map(|e| {
            let id = head(&e.id);
            let d = if id.contains(&typed) {
                // A fragment of the id ("yokota"): rank by how much is missing.
                1 + (id.len() - typed.len()) / 8
            } else {
                strsim::levenshtein(&id, &typed)
            };
            (d <= most).then_some((d, e.id.as_str()))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(MOST)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// "`a`, `b` or `c`", sanitised for the terminal.
pub fn listed(ids: &[String]) -> String {
    let quoted: Vec<String> = ids
        .iter()
        .map(|id| format!("`{}`", crate::tui::text::safe(id)))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}
