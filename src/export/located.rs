//! Where every excerpt of a view is in its archived text: read from the
//! check report when the store's report is known (a snapshot of an unchanged
//! store keeps it), else looked up. Looking each quote up again was the
//! largest part of a JSON export (two fifths at 100 000 events). Places are
//! asked for event by event, so an export that writes its events on every
//! core looks them up on every core too.
//!
//! The report lists the quotes it located by event id, source id and the
//! store line the quote is written on. That names one excerpt only when no
//! other quote of the store (an excerpt, or a discrepancy's quote, which the
//! report lists under its event's line) shares all three; such an excerpt
//! takes the report's answer, found or not. Any other is looked up.

use std::borrow::Cow;
use std::collections::HashMap;

use super::location;
use crate::check::Report;
use crate::store::{Event, Store};

/// A place in an archived text: the text's path, line and column.
pub type Place<'a> = (Cow<'a, str>, u64, u64);

/// The places of a store's excerpts, asked for one excerpt at a time.
pub struct Places<'a> {
    store: &'a Store,
    /// The report's answers, when a report of this store is known.
    known: Option<Known<'a>>,
}

impl<'a> Places<'a> {
    /// The places of `store`'s excerpts, from `report` when it is this
    /// store's (same number of events), else looked up.
    pub fn new(store: &'a Store, report: Option<&'a Report>) -> Places<'a> {
        let known = report
            .filter(|r| r.events == store.events.len())
            .map(|r| Known::new(store, r));
        Places { store, known }
    }

    /// The place of excerpt `x` of `e` (an event of this store), `None`
    /// when it cannot be located.
    pub fn get(&self, e: &Event, x: usize) -> Option<Place<'a>> {
        let ex = e.excerpts.get(x)?;
        let looked_up =
            || location(self.store, ex).map(|(path, line, col)| (Cow::Owned(path), line, col));
        let Some(known) = &self.known else {
            return looked_up();
        };
        match known
            .by_key
            .get(&(e.id.as_str(), ex.source.as_str(), ex.pos.line))
        {
            Some(&Site {
                quotes: 1,
                found,
                first,
            }) if found <= 1 => first.map(|l| {
                (
                    Cow::Borrowed(l.found_file.as_str()),
                    l.found_line,
                    l.found_col,
                )
            }),
            _ => looked_up(),
        }
    }
}

/// The store's quotes with one (event id, source id, store line) key, and
/// the report's places under that key.
#[derive(Default, Clone, Copy)]
struct Site<'a> {
    /// Quotes of the store with this key.
    quotes: u32,
    /// Places the report gives for it.
    found: u32,
    /// The first of them.
    first: Option<&'a crate::check::Located>,
}

/// Quote sites and the report's places by (event id, source id, store line),
/// hashed by foldhash (seeded per process: SipHash over 200 000 keys was a
/// tenth of a JSON export).
struct Known<'a> {
    by_key: HashMap<(&'a str, &'a str, u64), Site<'a>, foldhash::fast::RandomState>,
}

impl<'a> Known<'a> {
    fn new(store: &'a Store, report: &'a Report) -> Known<'a> {
        let quotes: usize = store.events.iter().map(|e| e.excerpts.len()).sum();
        let mut by_key: HashMap<_, Site<'_>, _> =
            HashMap::with_capacity_and_hasher(quotes, foldhash::fast::RandomState::default());
        for e in &store.events {
            let excerpts = e.excerpts.iter().map(|x| (x.source.as_str(), x.pos.line));
            let quoted = e.discrepancies.iter().filter(|d| d.quote.is_some());
            let discrepancies = quoted.map(|d| (d.source.as_str(), e.pos.line));
            for (source, line) in excerpts.chain(discrepancies) {
                by_key
                    .entry((e.id.as_str(), source, line))
                    .or_default()
                    .quotes += 1;
            }
        }
        for l in &report.located {
            let key = (l.event.as_str(), l.source.as_str(), l.line);
            if let Some(site) = by_key.get_mut(&key) {
                site.found += 1;
                site.first.get_or_insert(l);
            }
        }
        Known { by_key }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every excerpt of `store` placed by `got` where a fresh lookup puts it.
    fn each_place(store: &Store, got: &Places<'_>) {
        for e in &store.events {
            for (i, x) in e.excerpts.iter().enumerate() {
                let looked_up = location(store, x).map(|(p, l, c)| (Cow::Owned(p), l, c));
                assert_eq!(got.get(e, i), looked_up, "{}", e.id);
            }
            assert_eq!(got.get(e, e.excerpts.len()), None, "past the last excerpt");
        }
    }

    #[test]
    fn report_and_lookup_give_each_excerpt_its_own_place() {
        let loaded = Store::load_embedded().expect("built-in store");
        let report = crate::check::check(&loaded);
        assert!(!report.located.is_empty());
        let from_report = Places::new(&loaded.store, Some(&report));
        assert!(
            from_report.known.is_some(),
            "the store's own report is used"
        );
        each_place(&loaded.store, &from_report);
        each_place(&loaded.store, &Places::new(&loaded.store, None));
    }

    #[test]
    fn a_report_of_another_store_is_not_used() {
        let loaded = Store::load_embedded().expect("built-in store");
        let mut report = crate::check::check(&loaded);
        report.events += 1;
        for l in &mut report.located {
            l.found_line += 1000;
        }
        let places = Places::new(&loaded.store, Some(&report));
        assert!(places.known.is_none());
        each_place(&loaded.store, &places);
    }
}
