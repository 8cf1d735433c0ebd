//! Any string typed into the search prompt: the parser either accepts it or
//! returns an error whose span lies inside the input on character
//! boundaries; an accepted query runs against the shipped store without
//! panicking, and its hits are real events with in-bounds highlights.
#![no_main]

use std::sync::{Arc, OnceLock};

use chronoscope::search::{CancelToken, Engine, Query};
use chronoscope::store::Store;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let store = Store::load_embedded().expect("the shipped store loads").store;
        Engine::new(Arc::new(store))
    })
}

fuzz_target!(|input: &str| {
    match Query::parse(input) {
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end <= input.len(), "{input:?}: span {:?}", e.span);
            assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end), "{input:?}: span splits a character");
            assert!(!e.message.is_empty());
        }
        Ok(q) => {
            let engine = engine();
            let results = engine.search(&q, &CancelToken::new());
            let n = engine.store().events.len();
            for hit in &results.hits {
                assert!(hit.event < n, "{input:?}: hit {} of {n}", hit.event);
            }
        }
    }
});
