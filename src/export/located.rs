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
//!
//! The report's rows are grouped by event once (an event whose id another
//! event shares gets none: its quotes are looked up), so an excerpt's
//! answer is found among its own event's few quotes and rows, in memory
//! that the export reads in order anyway: a map of every quote of the store
//! was a quarter of the export's event writing, in cache misses.

use std::borrow::Cow;
use std::collections::HashMap;

use super::location;
use crate::check::{Located, Report};
use crate::store::{Event, Store};

/// A place in an archived text: the text's path, line and column.
pub type Place<'a> = (Cow<'a, str>, u64, u64);

/// The places of a store's excerpts, asked for one excerpt at a time.
pub struct Places<'a> {
    store: &'a Store,
    /// The report's answers, when a report of this store is known.
    known: Option<Known<'a>>,
}

/// The report's rows by event.
struct Known<'a> {
    /// Per event: whether its id is its own (no other event has it).
    own_id: Vec<bool>,
    /// Rows of event `i` are `rows[first[i]..first[i + 1]]`.
    first: Vec<usize>,
    rows: Vec<&'a Located>,
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

    /// The place of excerpt `x` of event `event` (an index into the
    /// store's events), `None` when it cannot be located.
    pub fn get(&self, event: usize, x: usize) -> Option<Place<'a>> {
        self.of_event(event).get(x)
    }

    /// The places of event `event`'s excerpts (an index into the store's
    /// events), to ask for each of them.
    pub fn of_event(&self, event: usize) -> EventPlaces<'_, 'a> {
        let e = self.store.events.get(event);
        let rows = (self.known.as_ref())
            .filter(|k| k.own_id.get(event) == Some(&true))
            .map(|k| &k.rows[k.first[event]..k.first[event + 1]]);
        let sites = match (e, rows) {
            (Some(e), Some(rows)) => Some(Sites::of(e, rows)),
            _ => None,
        };
        EventPlaces {
            places: self,
            event: e,
            sites,
        }
    }
}

/// The places of one event's excerpts.
pub struct EventPlaces<'p, 'a> {
    places: &'p Places<'a>,
    event: Option<&'a Event>,
    /// Its quotes and the report's rows by (source id, store line), when
    /// the report answers for this event.
    sites: Option<Sites<'p, 'a>>,
}

impl<'a> EventPlaces<'_, 'a> {
    /// The place of excerpt `x`, `None` when it cannot be located.
    pub fn get(&self, x: usize) -> Option<Place<'a>> {
        let ex = self.event?.excerpts.get(x)?;
        let looked_up = || {
            location(self.places.store, ex).map(|(path, line, col)| (Cow::Owned(path), line, col))
        };
        let Some(sites) = &self.sites else {
            return looked_up();
        };
        match sites.site(ex.source.as_str(), ex.pos.line) {
            Site {
                quotes: 1,
                found: 0,
                ..
            } => None,
            Site {
                quotes: 1,
                found: 1,
                first: Some(l),
            } => Some((
                Cow::Borrowed(l.found_file.as_str()),
                l.found_line,
                l.found_col,
            )),
            _ => looked_up(),
        }
    }
}

/// The event's quotes and the report's rows under one (source, line) key.
#[derive(Default, Clone, Copy)]
struct Site<'a> {
    quotes: u32,
    found: u32,
    first: Option<&'a Located>,
}

/// Most quotes and rows an event's keys are compared by scanning: past
/// that, they are counted once in a map, so an event of a million excerpts
/// costs a million steps, not a million squared.
const SCAN: usize = 16;

#[cfg(test)]
thread_local! {
    /// Keys compared or hashed on this thread, for the growth test.
    static STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts `steps` keys compared or hashed (in tests only).
fn count(_steps: usize) {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + _steps));
}

/// An event's quote keys and the report's rows for it.
enum Sites<'p, 'a> {
    /// Few: scanned for each excerpt.
    Few {
        quotes: Vec<(&'a str, u64)>,
        rows: &'p [&'a Located],
    },
    /// Many: counted once.
    Many(HashMap<(&'a str, u64), Site<'a>>),
}

impl<'p, 'a> Sites<'p, 'a> {
    fn of(e: &'a Event, rows: &'p [&'a Located]) -> Self {
        let excerpts = e.excerpts.iter().map(|x| (x.source.as_str(), x.pos.line));
        let quoted = e.discrepancies.iter().filter(|d| d.quote.is_some());
        let discrepancies = quoted.map(|d| (d.source.as_str(), e.pos.line));
        let quotes: Vec<_> = excerpts.chain(discrepancies).collect();
        count(quotes.len() + rows.len());
        if quotes.len() + rows.len() <= SCAN {
            return Sites::Few { quotes, rows };
        }
        let mut map: HashMap<(&'a str, u64), Site<'a>> = HashMap::with_capacity(quotes.len());
        for key in quotes {
            map.entry(key).or_default().quotes += 1;
        }
        for &l in rows {
            if let Some(site) = map.get_mut(&(l.source.as_str(), l.line)) {
                site.found += 1;
                site.first.get_or_insert(l);
            }
        }
        Sites::Many(map)
    }

    fn site(&self, source: &str, line: u64) -> Site<'a> {
        match self {
            Sites::Few { quotes, rows } => {
                count(quotes.len() + rows.len());
                let mut found = rows.iter().filter(|l| l.source == source && l.line == line);
                let first = found.next().copied();
                let found = usize::from(first.is_some()) + found.count();
                let quotes = quotes.iter().filter(|&&k| k == (source, line)).count();
                Site {
                    quotes: u32::try_from(quotes).unwrap_or(u32::MAX),
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    first,
                }
            }
            Sites::Many(map) => {
                count(1);
                map.get(&(source, line)).copied().unwrap_or_default()
            }
        }
    }
}

impl<'a> Known<'a> {
    fn new(store: &'a Store, report: &'a Report) -> Known<'a> {
        let n = store.events.len();
        // The store keeps the first event of each id: any other with that
        // id, and that first one, share it.
        let mut own_id = vec![true; n];
        for (i, e) in store.events.iter().enumerate() {
            match store.index_of(&e.id) {
                Some(j) if j == i => {}
                Some(j) => {
                    own_id[i] = false;
                    own_id[j] = false;
                }
                None => own_id[i] = false,
            }
        }
        let event_of = |l: &Located| store.index_of(&l.event).filter(|&i| own_id[i]);
        // Rows grouped by event, in report order within one (counting sort).
        let mut first = vec![0usize; n + 1];
        let owners: Vec<Option<usize>> = report.located.iter().map(event_of).collect();
        for &i in owners.iter().flatten() {
            first[i + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut next = first.clone();
        let mut rows = vec![None; first[n]];
        for (l, owner) in report.located.iter().zip(&owners) {
            if let Some(i) = *owner {
                rows[next[i]] = Some(l);
                next[i] += 1;
            }
        }
        let rows = rows.into_iter().flatten().collect();
        Known {
            own_id,
            first,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every excerpt of `store` placed by `got` where a fresh lookup puts it.
    fn each_place(store: &Store, got: &Places<'_>) {
        for (n, e) in store.events.iter().enumerate() {
            for (i, x) in e.excerpts.iter().enumerate() {
                let looked_up = location(store, x).map(|(p, l, c)| (Cow::Owned(p), l, c));
                assert_eq!(got.get(n, i), looked_up, "{}", e.id);
            }
            assert_eq!(got.get(n, e.excerpts.len()), None, "past the last excerpt");
        }
        assert_eq!(got.get(store.events.len(), 0), None, "past the last event");
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

    /// A store where the report's key names one quote for `plain` only:
    /// `twin` is the id of two events, and `flow` has two quotes of one
    /// source on one line.
    const STORE: &str = r#"title: Keys
sources:
  - id: paper
    title: Talks
    publisher: The Paper
    published: "2014-03-22"
    text: paper.txt
events:
  - id: plain
    date: "2014"
    title: Plain
    excerpts:
      - source: paper
        quote: "talks, which began"
  - id: twin
    date: "2015"
    title: One twin
    excerpts:
      - source: paper
        quote: "before 2014"
  - id: twin
    date: "2016"
    title: The other twin
    excerpts:
      - source: paper
        quote: "go on"
  - {id: flow, date: "2017", title: Flow, excerpts: [{source: paper, quote: "The talks"}, {source: paper, quote: "began before"}]}
  - id: many
    date: "2018"
    title: Many
    excerpts:
MANY  - {id: flows, date: "2019", title: Flows, excerpts: [FLOWS]}
"#;

    #[test]
    fn the_report_answers_only_for_a_quote_its_key_names_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("paper.txt"),
            "The talks, which began before 2014, go on.\n",
        )
        .unwrap();
        // Past the scanned few: 20 quotes on lines of their own (`many`),
        // 20 on one line (`flows`: their key names none alone).
        let many = "      - source: paper\n        quote: \"which began\"\n".repeat(20);
        let flows = vec!["{source: paper, quote: \"go on\"}"; 20].join(", ");
        let store = STORE.replace("MANY", &many).replace("FLOWS", &flows);
        std::fs::write(dir.path().join("events.yaml"), store).unwrap();
        let loaded = Store::load_path(&dir.path().join("events.yaml")).expect("loads");
        let mut report = crate::check::check(&loaded);
        assert_eq!(report.located.len(), 45, "every quote is found");
        let store = &loaded.store;
        each_place(store, &Places::new(store, Some(&report)));
        // Moved in the report: only `plain` takes the report's answer.
        for l in &mut report.located {
            l.found_col += 100;
        }
        let places = Places::new(store, Some(&report));
        for (n, e) in store.events.iter().enumerate() {
            for i in 0..e.excerpts.len() {
                let (_, _, col) = places.get(n, i).expect("found");
                let (_, _, looked_up) = location(store, &e.excerpts[i]).expect("found");
                let from_report = e.id == "plain" || e.id == "many";
                assert_eq!(col == looked_up + 100, from_report, "{} {i}", e.id);
            }
        }
    }

    /// Keys compared or hashed to place every excerpt of an event of `n`
    /// excerpts, each on its own line and each with a row in the report.
    fn steps_for_one_event_of(n: usize) -> usize {
        let loaded = Store::load_embedded().expect("built-in store");
        let mut store = loaded.store;
        let e = store
            .events
            .iter()
            .position(|e| !e.excerpts.is_empty())
            .unwrap();
        let x = store.events[e].excerpts[0].clone();
        let excerpts: Vec<_> = (0..n as u64)
            .map(|line| {
                let mut x = x.clone();
                x.pos.line = 1_000_000 + line;
                x
            })
            .collect();
        store.events[e].excerpts = excerpts.into();
        let located = (0..n as u64)
            .map(|line| Located {
                event: store.events[e].id.to_string(),
                source: x.source.to_string(),
                line: 1_000_000 + line,
                found_file: "f".into(),
                found_line: 1,
                found_col: line,
            })
            .collect();
        let report = Report {
            findings: Vec::new(),
            located,
            events: store.events.len(),
        };
        let places = Places::new(&store, Some(&report));
        STEPS.with(|s| s.set(0));
        let at = places.of_event(e);
        for i in 0..n {
            assert_eq!(at.get(i).map(|p| p.2), Some(i as u64));
        }
        STEPS.with(std::cell::Cell::get)
    }

    #[test]
    fn an_event_of_many_excerpts_costs_work_linear_in_them() {
        let small = steps_for_one_event_of(2_000);
        let big = steps_for_one_event_of(8_000);
        assert!(small >= 2_000, "every excerpt is counted: {small}");
        assert!(
            big <= small * 5,
            "4x the excerpts took {big} steps against {small}"
        );
    }
}
