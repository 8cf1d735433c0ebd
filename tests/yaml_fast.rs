//! The fast YAML reader (`yaml::fast_parse`) against serde-saphyr
//! (`yaml::saphyr_parse`): for every input it declines or gives exactly the
//! same store, every value and every line and column. Here: every YAML file
//! of the repository, the hostile store tables, synthetic stores, the split
//! of big stores over threads, and the positions pinned by hand; the edge
//! cases, property tests and growth live in `tests/yaml_fast/`.

use std::path::Path;

use chronoscope::model::{self, EventDef, NamedDef, StoreFile, Text};
use chronoscope::yaml::{fast_parse, fast_parse_on, saphyr_parse};

#[path = "yaml_fast/edges.rs"]
mod edges;
#[path = "yaml_fast/hostile.rs"]
mod hostile;
#[path = "yaml_fast/props.rs"]
mod props;

/// Asserts the invariant for `text`: the fast reader declines, or returns
/// what serde-saphyr returns (and serde-saphyr does not refuse it). Returns
/// whether the fast reader took the text.
pub fn agrees(name: &str, text: &str) -> bool {
    let Some(fast) = fast_parse(text) else {
        return false;
    };
    match saphyr_parse(text) {
        Ok(slow) => assert!(
            fast == slow,
            "{name}: the fast reader differs:\n{}",
            first_difference(&fast, &slow)
        ),
        Err(e) => panic!("{name}: the fast reader took what serde-saphyr refuses ({e}):\n{text}"),
    }
    true
}

/// The first event (or the header) where two stores differ, for the message.
fn first_difference(a: &StoreFile, b: &StoreFile) -> String {
    let pairs = a.events.iter().zip(&b.events);
    match pairs.into_iter().find(|(x, y)| x != y) {
        Some((x, y)) => format!("fast: {x:?}\nslow: {y:?}"),
        None => format!(
            "fast: {:?} {:?} {:?}\nslow: {:?} {:?} {:?}",
            a.title, a.description, a.actors, b.title, b.description, b.actors
        ),
    }
}

/// Every `.yaml`/`.yml` file under `dir`.
fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            out.push(p);
        }
    }
}

#[test]
fn every_yaml_file_of_the_repository_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("events.yaml")];
    yaml_files(&root.join("tests"), &mut files);
    assert!(files.len() >= 15, "{files:?}");
    let mut taken = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        taken += usize::from(agrees(&f.display().to_string(), &text));
    }
    // Most fixtures are in the house style; the refused ones are declined.
    assert!(
        taken * 2 > files.len(),
        "only {taken} of {} taken",
        files.len()
    );
}

#[test]
fn the_projects_own_stores_are_taken() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for rel in [
        "events.yaml",
        "tests/fixtures/check/valid.yaml",
        "tests/relevance/synthetic.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        assert!(
            agrees(rel, &text),
            "{rel} is declined: the speed-up would not reach it"
        );
    }
}

#[test]
fn every_hostile_store_agrees() {
    let stores = hostile::stores();
    assert!(stores.len() >= 40, "{}", stores.len());
    for (name, text) in &stores {
        agrees(name, text);
    }
}

#[test]
fn synthetic_stores_are_taken_and_agree() {
    for n in [0, 1, 2, 17, 150] {
        for seed in [1, 7, 42] {
            let text = chronoscope::synth::yaml(n, seed);
            assert!(
                agrees(&format!("synth {n}/{seed}"), &text),
                "synth {n}/{seed} declined"
            );
        }
    }
}

/// A synthetic store over the 1 MiB the split needs.
fn big_synthetic() -> String {
    let text = chronoscope::synth::yaml(1_600, 3);
    assert!(text.len() > 1024 * 1024, "{}", text.len());
    text
}

#[test]
fn a_big_store_read_on_several_threads_is_the_one_read_on_one() {
    let text = big_synthetic();
    let one = fast_parse_on(&text, 1).expect("taken on one thread");
    for threads in [2, 3, 8] {
        assert!(
            fast_parse_on(&text, threads).as_ref() == Some(&one),
            "{threads} threads"
        );
    }
    assert!(saphyr_parse(&text).unwrap() == one);
}

#[test]
fn a_chunk_that_declines_declines_the_whole_store() {
    let mut text = big_synthetic();
    // A tab in the indentation of the store's last line: only the last chunk sees it.
    let at = text.trim_end().rfind('\n').unwrap() + 1;
    text.insert(at, '\t');
    assert!(fast_parse_on(&text, 2).is_none());
    assert!(fast_parse_on(&text, 1).is_none());
}

#[test]
fn events_that_are_not_the_last_key_are_read_whole() {
    // Few events, then a places section much longer than them: the split
    // point falls among the places, and the reader must not be fooled.
    let mut store = StoreFile::new("Places last");
    store.events = (0..3)
        .map(|i| EventDef::new(format!("e{i}"), "2014", "An event"))
        .collect();
    store.places = (0..8_000)
        .map(|i| NamedDef {
            id: model::text(format!("p{i}")),
            name: model::text(format!(
                "Place {i} with a long enough name to fill a megabyte"
            )),
            aliases: vec![model::text("another name"), model::text("場所")],
            note: Some(model::text(
                "A note about this place, long enough to matter.",
            )),
        })
        .collect();
    let written = model::to_yaml(&store).unwrap();
    let (head, events) = written.split_at(written.find("\nevents:\n").unwrap() + 1);
    let (title, places) = head.split_at(head.find("places:\n").unwrap());
    let text = format!("{title}{events}{places}");
    assert!(text.len() > 1024 * 1024);
    let fast = fast_parse_on(&text, 2).expect("taken");
    assert!(fast == saphyr_parse(&text).unwrap());
    assert_eq!(fast.events.len(), 3);
    assert_eq!(fast.places.len(), 8_000);
}

fn at(t: &Text) -> (&str, u32, u32) {
    (t.value.as_str(), t.line, t.col)
}

#[test]
fn positions_are_where_serde_saphyr_puts_them() {
    let text = "title: plain  # comment\n\
                description: >-\n  folded\n  text\n\n  para\n\
                events:\n\
                \x20 - id: 'single ''q'''\n\
                \x20   date: \"2014\\t\"\n\
                \x20   title: 横田 x\n\
                \x20   tags: [a, \"b\", 'c' ,  d e ]\n\
                \x20   related: [横田, x]\n\
                \x20   actors:\n\
                \x20     - p\n\
                \x20     - \"q\"\n\
                \x20   note: |\n\
                \x20     lit\n\
                \x20      more\n\
                \x20   status: scheduled\n\
                \x20   context: true\n";
    assert!(agrees("positions", text));
    let s = fast_parse(text).unwrap();
    assert_eq!(at(&s.title), ("plain", 1, 8));
    assert_eq!(
        at(s.description.as_ref().unwrap()),
        ("folded text\npara", 3, 3)
    );
    let e = &s.events[0];
    assert_eq!(at(&e.id), ("single 'q'", 8, 9));
    assert_eq!(at(&e.date), ("2014\t", 9, 11));
    assert_eq!(at(&e.title), ("横田 x", 10, 12));
    let tags: Vec<_> = e.tags.iter().map(at).collect();
    assert_eq!(
        tags,
        [("a", 11, 12), ("b", 11, 15), ("c", 11, 20), ("d e", 11, 27)]
    );
    let related: Vec<_> = e.related.iter().map(at).collect();
    assert_eq!(related, [("横田", 12, 15), ("x", 12, 19)]);
    let actors: Vec<_> = e.actors.iter().map(at).collect();
    assert_eq!(actors, [("p", 14, 9), ("q", 15, 9)]);
    assert_eq!(at(e.note.as_ref().unwrap()), ("lit\n more\n", 17, 7));
    let status = e.status.as_ref().unwrap();
    assert_eq!(
        (status.value, status.line, status.col),
        (model::Status::Scheduled, 19, 13)
    );
    let context = e.context.as_ref().unwrap();
    assert_eq!((context.value, context.line, context.col), (true, 20, 14));
}
