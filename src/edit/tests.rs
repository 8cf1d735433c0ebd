use super::*;

const STORE: &str = "# my chronology\ntitle: T\nsources:\n  # the first source\n  - id: a\n    title: A\n    publisher: P\n    published: \"2020\"\n    text: a.txt\n\nactors: []\n\nevents:\n  # ---- early\n  - id: e1\n    date: \"2020-01-02\"\n    title: One\n    excerpts:\n      - source: a\n        quote: \"one\"\n\n  - id: e2   # no excerpts yet\n    date: '2020-02'\n    title: Two\n\n# trailing comment\n";

/// The new text is the old one with `inserted` put in at one place.
fn only_inserted(old: &str, new: &str) -> String {
    let pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let post = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let post = post.min(old.len() - pre);
    assert_eq!(new.len() - (new.len() - pre - post) - pre, post);
    assert_eq!(&new[..pre], &old[..pre]);
    assert_eq!(&new[new.len() - post..], &old[old.len() - post..]);
    new[pre..new.len() - post].to_string()
}

fn parses(yaml: &str) -> crate::model::StoreFile {
    crate::yaml::parse(yaml, Path::new("t.yaml")).expect("parses")
}

fn source(id: &str) -> NewSource {
    NewSource {
        id: id.into(),
        title: "A \"quoted\" title: with colon # and hash".into(),
        publisher: "Pub".into(),
        published: "2023-07-14".into(),
        url: Some("https://example.org/x".into()),
        text: "assets/sources/b.txt".into(),
        ..NewSource::default()
    }
}

#[test]
fn a_source_is_appended_to_sources_and_nothing_else_changes() {
    let new = add_source(STORE, &source("b")).unwrap();
    let added = only_inserted(STORE, &new);
    assert!(added.starts_with("  - id: \"b\"\n"), "{added}");
    let f = parses(&new);
    assert_eq!(f.sources.len(), 2);
    assert_eq!(
        f.sources[1].title.value,
        "A \"quoted\" title: with colon # and hash"
    );
    assert_eq!(
        f.sources[1].url.as_ref().unwrap().value,
        "https://example.org/x"
    );
}

#[test]
fn a_taken_source_id_is_refused() {
    assert!(matches!(
        add_source(STORE, &source("e1")),
        Err(EditError::Taken(_))
    ));
}

#[test]
fn a_store_without_sources_gets_the_section_before_its_events() {
    let store =
        "title: T\nevents:\n  - id: e\n    date: \"2020\"\n    title: E\n    context: true\n";
    let new = add_source(store, &source("b")).unwrap();
    only_inserted(store, &new);
    assert_eq!(parses(&new).sources.len(), 1);
    let flow = "title: T\nsources: []   # none yet\nevents: []\n";
    let new = add_source(flow, &source("b")).unwrap();
    assert!(new.contains("# none yet"));
    assert_eq!(parses(&new).sources.len(), 1);
}

#[test]
fn an_excerpt_joins_the_events_existing_list() {
    let x = NewExcerpt {
        source: "a".into(),
        quote: "one more".into(),
    };
    let new = add_excerpt(STORE, "e1", &x).unwrap();
    assert_eq!(
        only_inserted(STORE, &new),
        "      - source: \"a\"\n        quote: \"one more\"\n"
    );
    let f = parses(&new);
    assert_eq!(f.events[0].excerpts.len(), 2);
}

#[test]
fn an_excerpt_starts_a_list_on_an_event_without_one() {
    let x = NewExcerpt {
        source: "a".into(),
        quote: "two".into(),
    };
    let new = add_excerpt(STORE, "e2", &x).unwrap();
    only_inserted(STORE, &new);
    let f = parses(&new);
    assert_eq!(f.events[1].excerpts[0].quote.value, "two");
    assert!(new.contains("  - id: e2   # no excerpts yet\n"));
    assert!(matches!(
        add_excerpt(STORE, "nope", &x),
        Err(EditError::NoSuchEvent(_))
    ));
}

#[test]
fn a_new_event_is_appended_with_its_excerpt() {
    let e = NewEvent {
        id: "e3".into(),
        date: "2020-03".into(),
        title: "Three".into(),
        excerpt: NewExcerpt {
            source: "a".into(),
            quote: "three".into(),
        },
    };
    let new = add_event(STORE, &e).unwrap();
    only_inserted(STORE, &new);
    let f = parses(&new);
    assert_eq!(f.events.len(), 3);
    assert_eq!(f.events[2].date.value, "2020-03");
    assert!(new.ends_with("# trailing comment\n"));
}

#[test]
fn the_shipped_store_takes_each_edit_byte_for_byte_elsewhere() {
    let yaml = crate::sources::EMBEDDED_STORE;
    let x = NewExcerpt {
        source: "kyodo-2023-07".into(),
        quote: "Wednesday".into(),
    };
    for new in [
        add_source(yaml, &source("new-source")).unwrap(),
        add_excerpt(yaml, "icbm-2023-07-12", &x).unwrap(),
        add_event(
            yaml,
            &NewEvent {
                id: "x".into(),
                date: "2023".into(),
                title: "X".into(),
                excerpt: x.clone(),
            },
        )
        .unwrap(),
    ] {
        only_inserted(yaml, &new);
        parses(&new);
    }
}

#[test]
fn crlf_files_keep_their_line_ending() {
    let store = STORE.replace('\n', "\r\n");
    let new = add_source(&store, &source("b")).unwrap();
    assert!(!new.replace("\r\n", "").contains('\n'));
}

#[test]
fn apply_writes_atomically_and_undo_restores_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, STORE).unwrap();
    let undo = apply(&path, |y| add_source(y, &source("b"))).unwrap();
    assert_ne!(std::fs::read_to_string(&path).unwrap(), STORE);
    undo.restore().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), STORE);
    // An edit whose result does not parse writes nothing.
    let bad = apply(&path, |y| Ok(format!("{y}\n: : :\n")));
    assert!(matches!(bad, Err(EditError::Malformed(_))));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), STORE);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn undo_refuses_to_throw_away_a_change_made_since_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(&path, STORE).unwrap();
    let undo = apply(&path, |y| add_source(y, &source("b"))).unwrap();
    let edited_by_hand = format!("{}# a note\n", String::from_utf8_lossy(&undo.written));
    std::fs::write(&path, &edited_by_hand).unwrap();
    assert!(matches!(
        undo.restore_if_unchanged(),
        Err(UndoError::Changed(_))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited_by_hand);
    std::fs::write(&path, &undo.written).unwrap();
    undo.restore_if_unchanged().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), STORE);
}

#[test]
fn slugs_are_readable_ids() {
    assert_eq!(
        slug("Kishida meets Yoon, in Vilnius!", "2023-07-12"),
        "kishida-meets-yoon-in-vilnius-2023"
    );
}

#[test]
fn a_replaced_source_keeps_its_place_and_its_neighbours() {
    let new = replace_source(STORE, &source("a")).unwrap();
    let f = parses(&new);
    assert_eq!(f.sources.len(), 1);
    assert_eq!(f.sources[0].publisher.value, "Pub");
    assert!(
        new.starts_with(
            "# my chronology\ntitle: T\nsources:\n  # the first source\n  - id: \"a\"\n"
        )
    );
    assert!(new.contains("\n\nactors: []\n"));
}

#[test]
fn a_captured_sentence_drafts_an_event_with_a_free_id() {
    let yaml = add_event(STORE, &draft_event(STORE, "One met two.", "2020-05", "a")).unwrap();
    let again = draft_event(&yaml, "One met two.", "2020-05", "a");
    assert_eq!(again.id, "one-met-two-2020-2");
    assert_eq!(again.title, "One met two");
    assert_eq!(again.excerpt.quote, "One met two.");
    let f = parses(&add_event(&yaml, &again).unwrap());
    assert_eq!(f.events.len(), 4);
}
