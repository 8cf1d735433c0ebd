//! The shipped store: clean, complete, and the same embedded or on disk.

use std::path::Path;

use chronoscope::store::Store;

#[test]
fn embedded_and_on_disk_stores_are_the_same() {
    let embedded = Store::load_embedded().expect("embedded store loads");
    let disk = Store::load_path(Path::new("events.yaml")).expect("events.yaml loads");
    let (a, b) = (&embedded.store, &disk.store);
    assert_eq!(a.title, b.title);
    let key = |s: &Store| -> Vec<(String, String, String, usize)> {
        s.events
            .iter()
            .map(|e| {
                (
                    e.id.to_string(),
                    e.date.edtf().to_string(),
                    e.title.to_string(),
                    e.excerpts.len(),
                )
            })
            .collect()
    };
    assert_eq!(key(a), key(b));
    assert_eq!(a.sources.len(), b.sources.len());
    for (x, y) in a.sources.iter().zip(&b.sources) {
        let (tx, ty) = (
            x.text.as_ref().expect("embedded text"),
            y.text.as_ref().expect("disk text"),
        );
        assert_eq!(tx.text, ty.text, "source {} differs", x.id);
    }
}

#[test]
fn shipped_store_has_no_findings_and_covers_the_articles() {
    let loaded = Store::load_embedded().expect("loads");
    let report = chronoscope::check::check(&loaded);
    assert_eq!(report.errors(), 0, "{:#?}", report.findings);
    let s = &loaded.store;
    assert!(s.events.len() > 25, "only {} events", s.events.len());
    for id in ["yokota-abduction", "koizumi-pyongyang-2004"] {
        assert!(s.event(id).is_some(), "missing {id}");
    }
    // Every excerpt of the shipped store is located verbatim.
    let excerpts: usize = s.events.iter().map(|e| e.excerpts.len()).sum();
    assert_eq!(
        report.located.len(),
        excerpts
            + s.events
                .iter()
                .map(|e| e.discrepancies.iter().filter(|d| d.quote.is_some()).count())
                .sum::<usize>()
    );
    // The sources are archived unchanged.
    for (src, seed) in [
        ("kyodo-2023-07", "000_28121e0c5cbedfcc.txt"),
        ("japantimes-2014-03", "001_5c916547cb5b21a2.txt"),
    ] {
        let seed_path = Path::new("../shared/seeds").join(seed);
        if let Ok(original) = std::fs::read_to_string(&seed_path) {
            let text = &s
                .source(src)
                .expect("source")
                .text
                .as_ref()
                .expect("text")
                .text;
            assert_eq!(
                text,
                &original,
                "{src} differs from {}",
                seed_path.display()
            );
        }
    }
}

#[test]
fn events_are_in_chronological_order_with_declared_order_breaking_ties() {
    let s = Store::load_embedded().expect("loads").store;
    for w in s.events.windows(2) {
        let ord = w[0]
            .date
            .chrono_cmp(&w[1].date)
            .then(w[0].declared.cmp(&w[1].declared));
        assert!(
            ord.is_lt(),
            "{} ({}) before {} ({})",
            w[0].id,
            w[0].date,
            w[1].id,
            w[1].date
        );
    }
    for (i, e) in s.events.iter().enumerate() {
        assert_eq!(s.index_of(&e.id), Some(i));
    }
}

#[test]
fn discrepancies_are_carried_not_repeated() {
    let s = Store::load_embedded().expect("loads").store;
    let e = s.event("koizumi-pyongyang-2004").expect("event");
    assert!(!e.discrepancies.is_empty());
    assert!(e.discrepancies.iter().any(|d| d.source == "kyodo-2023-07"));
}

fn synthetic(n: usize) -> chronoscope::store::Loaded {
    use chronoscope::sources::Resolver;
    use chronoscope::store::Origin;
    Store::load_str(
        &chronoscope::synth::yaml(n, 7),
        Origin::File("synthetic.yaml".into()),
        &Resolver::Embedded,
    )
    .expect("synthetic store loads")
}

#[test]
fn a_progressive_check_reports_every_quote_and_finds_what_check_finds() {
    use chronoscope::check::{Progress, check, check_with};
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;
    let loaded = synthetic(3_000);
    let seen = Mutex::new(Vec::new());
    let on_progress = |done: usize, total: usize| seen.lock().unwrap().push((done, total));
    let cancel = AtomicBool::new(false);
    let report = check_with(
        &loaded,
        &Progress {
            on_progress: &on_progress,
            cancel: &cancel,
        },
    )
    .expect("not cancelled");
    let seen = seen.into_inner().unwrap();
    let total: usize = loaded
        .store
        .events
        .iter()
        .map(|e| e.excerpts.len() + e.discrepancies.iter().filter(|d| d.quote.is_some()).count())
        .sum();
    assert!(
        seen.len() >= 3_000 / 512,
        "one report per chunk: {}",
        seen.len()
    );
    assert!(seen.iter().all(|&(d, t)| t == total && d <= t));
    assert_eq!(
        seen.iter().map(|p| p.0).max(),
        Some(total),
        "ends at every quote"
    );
    let plain = check(&loaded);
    assert_eq!(report.findings, plain.findings);
    assert_eq!(report.located, plain.located);
}

#[test]
fn a_cancelled_check_stops_and_returns_no_report() {
    use chronoscope::check::{Progress, check_with};
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let loaded = synthetic(3_000);
    let cancel = AtomicBool::new(false);
    let calls = AtomicUsize::new(0);
    // Cancelled from the first progress report, as the explorer would on `q`.
    let on_progress = |_: usize, _: usize| {
        calls.fetch_add(1, Ordering::Relaxed);
        cancel.store(true, Ordering::Relaxed);
    };
    let progress = Progress {
        on_progress: &on_progress,
        cancel: &cancel,
    };
    assert!(check_with(&loaded, &progress).is_none());
    let chunks = 3_000usize.div_ceil(512);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    assert!(
        calls.load(Ordering::Relaxed) <= threads.min(chunks),
        "stopped after the chunks in hand: {} reports",
        calls.load(Ordering::Relaxed)
    );
}
