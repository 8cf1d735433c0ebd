//! `text-safety`: control characters, escape sequences, bidi overrides and
//! invisible characters in any text field of the store (errors) or in an
//! archived source text (warnings).

use crate::finding::Finding;
use crate::model::{StoreFile, Text};
use crate::quote::line_col;
use crate::sanitize::hazards;
use crate::store::{Store, pos};

/// Every text field of the parsed file before its events (errors, at the
/// field's position); [`field`] checks each event's.
pub(crate) fn head_fields(raw: &StoreFile, file: &str, out: &mut Vec<Finding>) {
    crate::yaml::visit_head(raw, &mut |key, t: &Text| {
        if let Some(f) = field(key, t, file) {
            out.push(f);
        }
    });
}

/// The finding for one text field `key` holding a hazard, if it does.
pub(crate) fn field(key: &str, t: &Text, file: &str) -> Option<Finding> {
    let (i, c, h) = hazards(&t.value).next()?;
    let n = t.value[..i].chars().count() + 1;
    let count = hazards(&t.value).count();
    Some(Finding::error(
        file,
        pos(t),
        "text-safety",
        format!(
            "`{key}` contains a {} (U+{:04X} at character {n}{}); remove it, it could rewrite or disguise what a terminal shows",
            h.describe(),
            c as u32,
            if count > 1 {
                format!(", and {} more", count - 1)
            } else {
                String::new()
            }
        ),
    ))
}

/// Archived source texts (warnings: they are shown escaped).
pub(super) fn sources(store: &Store, out: &mut Vec<Finding>) {
    for s in &store.sources {
        let Ok(text) = &s.text else { continue };
        if let Some((i, c, h)) = hazards(&text.text).find(|(_, c, _)| *c != '\r') {
            let (l, col) = line_col(&text.text, i);
            out.push(Finding::warning(
                &s.path,
                crate::error::Pos { line: l, col },
                "text-safety",
                format!(
                    "source text contains a {} (U+{:04X}); it is shown escaped",
                    h.describe(),
                    c as u32
                ),
            ));
        }
    }
}
