//! The passages of a source that the store already cites (excerpts and
//! discrepancy quotes), located once, with the dates each discrepancy's
//! `record` states: the store's own reading of which event the words are
//! about, and of where it disagrees.

use std::ops::Range;

use crate::date::EventDate;
use crate::store::Store;

/// A passage the store cites: its range in the text, the event, and the
/// dates a discrepancy on it names.
pub(super) struct Cited {
    pub(super) range: Range<usize>,
    pub(super) event: usize,
    pub(super) discrepancy_dates: Vec<EventDate>,
}

/// Every passage of source `id` that an event cites, with the dates its discrepancies name.
pub(super) fn cited_passages(store: &Store, id: &str, text: &str) -> Vec<Cited> {
    let norm = crate::quote::Normalized::new(text);
    let mut out = Vec::new();
    for (ei, e) in store.events.iter().enumerate() {
        for x in e.excerpts.iter().filter(|x| x.source == id) {
            if let Ok(r) = crate::quote::locate(
                text,
                &norm,
                &x.quote,
                x.prefix.as_deref(),
                x.suffix.as_deref(),
            ) {
                out.push(Cited {
                    range: r,
                    event: ei,
                    discrepancy_dates: Vec::new(),
                });
            }
        }
        for d in e.discrepancies.iter().filter(|d| d.source == id) {
            let Some(q) = &d.quote else { continue };
            if let Ok(r) = crate::quote::locate(text, &norm, q, None, None) {
                out.push(Cited {
                    range: r,
                    event: ei,
                    discrepancy_dates: stated_dates(&d.record),
                });
            }
        }
    }
    out
}

/// The calendar dates a researcher's note states outright ("2002-10-15", "15 October 2002").
fn stated_dates(note: &str) -> Vec<EventDate> {
    let mut out = Vec::new();
    for w in note.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
        let w = w.trim_end_matches('.');
        if w.len() == 10
            && w.as_bytes()[4] == b'-'
            && let Ok(d) = EventDate::parse(w)
        {
            out.push(d);
        }
    }
    // Written dates ("15 October 2002") go through the claim finder, anchored anywhere.
    if let Ok(today) = EventDate::parse("2000-01-01")
        && let Ok(cs) = super::find_claims(note, &today)
    {
        out.extend(
            cs.into_iter()
                .filter(|c| c.kind == "date")
                .filter_map(|c| c.date.ok()),
        );
    }
    out
}
