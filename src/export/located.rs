//! Where every excerpt of a view is in its archived text, found once per
//! export: read from the check report when the store's report is known (a
//! snapshot of an unchanged store keeps it), else looked up on every core.
//! Looking each quote up again was the largest part of a JSON export (two
//! fifths at 100 000 events).
//!
//! The report lists the quotes it located by event id, source id and the
//! store line the quote is written on. That names one excerpt only when no
//! other quote of the store (an excerpt, or a discrepancy's quote, which the
//! report lists under its event's line) shares all three; such an excerpt
//! takes the report's answer, found or not. Any other is looked up.

use std::collections::HashMap;

use super::{View, location};
use crate::check::Report;
use crate::store::{Event, Store};

/// A place in an archived text: the text's path, line and column.
pub type Place = (String, u64, u64);

/// The places of a view's excerpts, in view order.
#[derive(Debug, Default)]
pub struct Locations {
    /// One per excerpt of the view's events, event after event.
    places: Vec<Option<Place>>,
    /// Per view position: where its event's excerpts start in `places`.
    first: Vec<usize>,
}

impl Locations {
    /// The places of every excerpt of `view` (from its check report when
    /// it has one).
    pub fn of(view: &View<'_>) -> Locations {
        Locations::with(view, view.checked)
    }

    fn with(view: &View<'_>, report: Option<&Report>) -> Locations {
        let store = view.store;
        let mut first = Vec::with_capacity(view.len());
        let mut count = 0;
        for e in view.events() {
            first.push(count);
            count += e.excerpts.len();
        }
        let known = report
            .filter(|r| r.events == store.events.len())
            .map(|r| Known::new(store, r));
        let places = match known {
            Some(known) => view
                .events()
                .flat_map(|e| {
                    let known = &known;
                    (0..e.excerpts.len()).map(move |x| known.place(store, e, x))
                })
                .collect(),
            None => on_every_core(view),
        };
        Locations { places, first }
    }

    /// The place of excerpt `excerpt` of the event at view position `pos`.
    pub fn get(&self, pos: usize, excerpt: usize) -> Option<&Place> {
        let at = self.first.get(pos)? + excerpt;
        self.places.get(at)?.as_ref()
    }
}

/// Quote sites and the report's places by (event id, source id, store line).
struct Known<'a> {
    /// Quotes of the store with this key, and the report's places for it.
    by_key: HashMap<(&'a str, &'a str, u64), (u32, Vec<&'a crate::check::Located>)>,
}

impl<'a> Known<'a> {
    fn new(store: &'a Store, report: &'a Report) -> Known<'a> {
        let mut by_key: HashMap<(&str, &str, u64), (u32, Vec<_>)> = HashMap::new();
        for e in &store.events {
            let excerpts = e.excerpts.iter().map(|x| (x.source.as_str(), x.pos.line));
            let quoted = e.discrepancies.iter().filter(|d| d.quote.is_some());
            let discrepancies = quoted.map(|d| (d.source.as_str(), e.pos.line));
            for (source, line) in excerpts.chain(discrepancies) {
                by_key.entry((&e.id, source, line)).or_default().0 += 1;
            }
        }
        for l in &report.located {
            let key = (l.event.as_str(), l.source.as_str(), l.line);
            if let Some(entry) = by_key.get_mut(&key) {
                entry.1.push(l);
            }
        }
        Known { by_key }
    }

    /// Excerpt `x` of `e`: the report's answer when the key names it alone.
    fn place(&self, store: &Store, e: &Event, x: usize) -> Option<Place> {
        let ex = &e.excerpts[x];
        match self
            .by_key
            .get(&(e.id.as_str(), ex.source.as_str(), ex.pos.line))
        {
            Some((1, found)) if found.len() <= 1 => found
                .first()
                .map(|l| (l.found_file.clone(), l.found_line, l.found_col)),
            _ => location(store, ex),
        }
    }
}

/// Every excerpt looked up, the view split in as many runs as there are
/// cores (each quote is looked up on its own, so the runs split cleanly).
fn on_every_core(view: &View<'_>) -> Vec<Option<Place>> {
    let store = view.store;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let run = view.len().div_ceil(cores).max(1);
    let look = |indices: &[usize]| -> Vec<Option<Place>> {
        indices
            .iter()
            .flat_map(|&i| store.events[i].excerpts.iter())
            .map(|x| location(store, x))
            .collect()
    };
    std::thread::scope(|s| {
        let runs: Vec<_> = view
            .indices
            .chunks(run)
            .map(|chunk| s.spawn(move || look(chunk)))
            .collect();
        runs.into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn each_place(view: &View<'_>, got: &Locations) {
        for (pos, e) in view.events().enumerate() {
            for (i, x) in e.excerpts.iter().enumerate() {
                assert_eq!(
                    got.get(pos, i),
                    location(view.store, x).as_ref(),
                    "{}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn report_and_lookup_give_each_excerpt_its_own_place() {
        let loaded = Store::load_embedded().expect("built-in store");
        let report = crate::check::check(&loaded);
        assert!(!report.located.is_empty());
        let view = View::all(&loaded.store);
        each_place(&view, &Locations::with(&view, Some(&report)));
        each_place(&view, &Locations::with(&view, None));
        let some = View {
            store: &loaded.store,
            indices: (0..loaded.store.events.len()).step_by(3).collect(),
            checked: None,
        };
        each_place(&some, &Locations::with(&some, Some(&report)));
    }

    #[test]
    fn a_report_of_another_store_is_not_used() {
        let loaded = Store::load_embedded().expect("built-in store");
        let mut report = crate::check::check(&loaded);
        report.events += 1;
        for l in &mut report.located {
            l.found_line += 1000;
        }
        let view = View::all(&loaded.store);
        each_place(&view, &Locations::with(&view, Some(&report)));
    }
}
