//! "Did you mean": the event ids closest to a mistyped one.

use crate::store::Store;

/// Up to three ids of `store` close to `typed`, closest first (see
/// [`crate::suggest`], shared with `chronoscope show`).
pub fn close_ids(store: &Store, typed: &str) -> Vec<String> {
    crate::suggest::close_ids(store, typed)
        .into_iter()
        .map(str::to_string)
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
