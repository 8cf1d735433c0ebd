//! The acceptance queries, run as a user would (`chronoscope search`
//! on the built-in store), and checked against the store itself.

mod common;

use std::sync::OnceLock;

use chronoscope::store::{Event, Store};

fn store() -> &'static Store {
    static S: OnceLock<Store> = OnceLock::new();
    S.get_or_init(|| Store::load_embedded().unwrap().store)
}

fn search(q: &str) -> Vec<&'static Event> {
    common::search::cli_hit_ids(q)
        .iter()
        .map(|id| &store().events[store().index_of(id).unwrap()])
        .collect()
}

fn mentions(e: &Event, word: &str) -> bool {
    let word = word.to_lowercase();
    let texts = [&e.title, &e.summary]
        .into_iter()
        .chain(e.excerpts.iter().map(|x| &x.quote))
        .chain(e.note.iter());
    texts.map(|t| t.to_lowercase()).any(|t| t.contains(&word))
        || e.actors.iter().any(|a| a.contains(&word))
}

#[test]
fn nato_lists_only_events_that_name_nato() {
    let hits = search("nato");
    assert!(hits.iter().any(|e| e.id == "nato-vilnius-summit"));
    for e in &hits {
        assert!(mentions(e, "nato"), "{}", e.id);
    }
}

#[test]
fn koi_lists_only_koizumi_events_his_name_or_his_premiership() {
    let hits = search("koi");
    let era = store().eras.iter().find(|e| e.id == "koizumi").unwrap();
    assert!(hits.len() >= 4);
    for e in &hits {
        let in_office = e.date.overlaps(era.date.earliest(), era.date.latest());
        assert!(mentions(e, "koizumi") || in_office, "{}", e.id);
    }
    assert!(hits.len() < store().events.len() / 3, "{} hits", hits.len());
}

#[test]
fn yokota_has_no_yoon_event_in_its_first_five() {
    let hits = search("yokota");
    for e in hits.iter().take(5) {
        assert!(!e.actors.iter().any(|a| a == "yoon-suk-yeol"), "{}", e.id);
        assert!(mentions(e, "yokota"), "{}", e.id);
    }
}

#[test]
fn beijing_2014_puts_the_2014_beijing_talks_first() {
    let hits = search("beijing 2014");
    assert_eq!(hits[0].id, "beijing-talks-2014");
}
