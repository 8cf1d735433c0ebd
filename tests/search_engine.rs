//! The engine: ranking, aliases, filters, highlights, narrowing, cancellation.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chronoscope::search::{CancelToken, Engine, Field, Order, Query, Searcher};
use chronoscope::sources::Resolver;
use chronoscope::store::{Origin, Store};

fn engine_of(yaml: &str) -> Engine {
    let loaded = Store::load_str(yaml, Origin::Embedded, &Resolver::Embedded).unwrap();
    Engine::new(Arc::new(loaded.store))
}

fn shipped() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(Arc::new(Store::load_embedded().unwrap().store)))
}

fn ids(e: &Engine, q: &str) -> Vec<String> {
    let r = e.search(&Query::parse(q).unwrap(), &CancelToken::new());
    r.hits
        .iter()
        .map(|h| e.store().events[h.event].id.to_string())
        .collect()
}

const TWO: &str = r#"
title: t
events:
  - id: early-excerpt
    date: "1990"
    title: Talks resume in Beijing
    excerpts:
      - source: s
        quote: "the delegation from Jenkins county met"
  - id: late-title
    date: "2004-07-18"
    title: "Charles Jenkins arrives in Japan\twith 横田めぐみ's friends"
"#;

#[test]
fn a_title_hit_outranks_an_earlier_excerpt_hit() {
    let e = engine_of(TWO);
    assert_eq!(ids(&e, "jenkins"), ["late-title", "early-excerpt"]);
    let mut r = e.search(&Query::parse("jenkins").unwrap(), &CancelToken::new());
    assert!(r.hits[0].fields.contains(Field::Title));
    assert!(r.hits[1].fields.contains(Field::Excerpt));
    r.sort(Order::Timeline);
    assert_eq!(r.hits[0].event, 0, "timeline order puts 1990 first");
}

#[test]
fn highlights_are_byte_ranges_correct_with_cjk_and_tabs() {
    let e = engine_of(TWO);
    let ev = e.store().index_of("late-title").unwrap();
    for (q, want) in [("横田", "横田"), ("with", "with"), ("friends", "friends")] {
        let lights = e.highlights(&Query::parse(q).unwrap(), ev);
        let title = lights.iter().find(|l| l.field == Field::Title).unwrap();
        let got: String = title
            .ranges
            .iter()
            .map(|r| &title.text[r.clone()])
            .collect();
        assert_eq!(got, want, "{q}");
    }
    let lights = e.highlights(&Query::parse("jenkns").unwrap(), ev);
    let t = &lights[0];
    assert_eq!(t.ranges, vec![8..15], "the misspelt word, `Jenkins`, whole");
    let lights = e.highlights(&Query::parse("jnk").unwrap(), ev);
    assert!(lights.is_empty(), "scattered letters are not a match");
}

#[test]
fn aliases_in_any_script_or_order_find_the_same_person() {
    let e = shipped();
    let kanji = ids(e, "横田めぐみ");
    let latin = ids(e, "yokota megumi");
    let given_first = ids(e, "Megumi Yokota");
    let store = e.store();
    let linked: Vec<String> = store
        .events
        .iter()
        .filter(|ev| ev.actors.iter().any(|a| a == "megumi-yokota"))
        .map(|ev| ev.id.to_string())
        .collect();
    assert!(linked.len() >= 3);
    for id in &linked {
        assert!(
            kanji.contains(id) && latin.contains(id) && given_first.contains(id),
            "{id}"
        );
    }
    for id in &kanji {
        assert!(latin.contains(id) && given_first.contains(id), "{id}");
    }
    assert_eq!(kanji[0], "yokota-abduction");
    assert_eq!(latin[0], "yokota-abduction");
}

#[test]
fn filters_keep_exactly_the_matching_events() {
    let e = shipped();
    let store = e.store();
    let hits = |q: &str| {
        e.search(&Query::parse(q).unwrap(), &CancelToken::new())
            .hits
            .iter()
            .map(|h| &store.events[h.event])
            .cloned()
            .collect::<Vec<_>>()
    };
    let disc = hits("has:discrepancy");
    assert!(!disc.is_empty());
    assert_eq!(
        disc.len(),
        store
            .events
            .iter()
            .filter(|e| !e.discrepancies.is_empty())
            .count()
    );
    let years = hits("year:2002..2004");
    assert!(!years.is_empty());
    for ev in &years {
        let y = ev.date.start_year().unwrap();
        assert!(y <= 2004, "{}", ev.id);
    }
    let march = hits("date:2014-03");
    assert!(march.iter().any(|e| e.id == "yokota-granddaughter-meeting"));
    for ev in &march {
        assert!(
            ev.date.edtf().contains("2014") || ev.date.is_interval(),
            "{}",
            ev.id
        );
    }
    let tagged = hits("tag:abduction");
    assert!(
        tagged
            .iter()
            .all(|e| e.tags.iter().any(|t| t.contains("abduction")))
    );
    let not_tagged = hits("-tag:abduction");
    assert_eq!(tagged.len() + not_tagged.len(), store.events.len());
    let actor = hits("actor:koizumi");
    assert!(
        actor
            .iter()
            .all(|e| e.actors.iter().any(|a| a == "junichiro-koizumi"))
    );
    assert!(!actor.is_empty());
    let kyodo = hits("source:kyodo");
    assert!(
        kyodo
            .iter()
            .all(|e| e.excerpts.iter().any(|x| x.source == "kyodo-2023-07")
                || e.discrepancies.iter().any(|d| d.source == "kyodo-2023-07"))
    );
    assert!(!hits("place:beijing").is_empty());
    let both = hits("actor:koizumi year:2004");
    assert!(both.iter().all(|e| e.date.start_year() == Some(2004)));
}

#[test]
fn a_grown_query_narrows_to_the_same_hits_as_a_fresh_search() {
    let e = Engine::new(Arc::new(chronoscope::synth::store(3_000, 7)));
    for q in [
        "koizumi pyongyang",
        "abduct 1977",
        "横田",
        "tag:abd ta",
        "koizmi pyongyan declaraton",
        "after:1990 within:2y talks",
        "2014-03 beijing",
    ] {
        let mut typed = String::new();
        let mut last = None;
        for c in q.chars() {
            typed.push(c);
            let Ok(query) = Query::parse(&typed) else {
                continue;
            };
            let narrowed = e.search_after(&query, &CancelToken::new(), last.as_ref());
            let fresh = e.search(&query, &CancelToken::new());
            assert_eq!(narrowed.hits, fresh.hits, "{typed:?}");
            last = Some(narrowed);
        }
    }
}

#[test]
fn a_cancelled_search_stops_and_says_so() {
    let e = Engine::new(Arc::new(chronoscope::synth::store(20_000, 1)));
    let cancel = CancelToken::new();
    cancel.cancel();
    let r = e.search(&Query::parse("a").unwrap(), &cancel);
    assert!(!r.complete);
    assert!(r.hits.len() < 20_000);
}

#[test]
fn the_searcher_answers_only_the_newest_query() {
    let engine = Arc::new(Engine::new(Arc::new(chronoscope::synth::store(5_000, 3))));
    let mut s = Searcher::new(engine);
    let first = s.submit("k");
    let second = s.submit("koizumi");
    assert!(second > first);
    let u = s.wait(Duration::from_secs(60)).expect("an answer");
    assert_eq!(u.generation, second);
    let r = u.outcome.unwrap();
    assert_eq!(r.query.raw, "koizumi");
    assert!(r.complete && !r.hits.is_empty());
    assert!(s.poll().is_none_or(|u| u.generation == second));
    s.submit("year:3000..2000");
    let u = s.wait(Duration::from_secs(60)).unwrap();
    assert!(
        u.outcome
            .unwrap_err()
            .message
            .contains("starts after it ends")
    );
}
