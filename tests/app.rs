//! Behaviour of the explorer state, driven by actions alone (no terminal).

mod common;
use common::explorer::{app, app_from};

use chronoscope::tui::action::Action::{self, *};
use chronoscope::tui::app::{App, Effect, Focus, Mode};

fn apply(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().filter_map(|a| app.update(*a)).collect()
}

fn at(app: &mut App, id: &str) {
    assert!(app.start_at(id), "no event {id}");
}

fn id(app: &App) -> &str {
    app.selected_id().unwrap()
}

fn goto(app: &mut App, text: &str) {
    app.update(Goto);
    for c in text.chars() {
        app.update(PromptInput(c));
    }
    app.update(PromptAccept);
}

#[test]
fn moves_stay_within_the_timeline() {
    let mut app = app();
    let last = app.store().events.len() - 1;
    apply(&mut app, &[Up]);
    assert_eq!(app.selected(), 0);
    apply(&mut app, &[Down, Down]);
    assert_eq!(app.selected(), 2);
    apply(&mut app, &[Bottom]);
    assert_eq!(app.selected(), last);
    apply(&mut app, &[Down]);
    assert_eq!(app.selected(), last);
    apply(&mut app, &[Top]);
    assert_eq!(app.selected(), 0);
}

#[test]
fn counts_repeat_moves_and_pick_an_event_number() {
    let mut app = app();
    apply(&mut app, &[Count(5), Down]);
    assert_eq!(app.selected(), 5);
    apply(&mut app, &[Count(2), Up]);
    assert_eq!(app.selected(), 3);
    apply(&mut app, &[Count(1), Count(2), Top]);
    assert_eq!(app.selected(), 11, "12g goes to the twelfth event");
    apply(&mut app, &[Count(3), Mark, Down]);
    assert_eq!(app.selected(), 12, "a count is forgotten by a non-move");
}

#[test]
fn escape_clears_a_count_before_it_quits() {
    let mut app = app();
    apply(&mut app, &[Count(4), Cancel]);
    assert_eq!(app.count(), None);
    assert!(app.running());
    apply(&mut app, &[Cancel]);
    assert!(!app.running());
}

#[test]
fn page_down_keeps_the_selection_on_screen() {
    let mut app = app();
    app.resize(80, 24);
    let page = usize::from(app.areas().timeline.height - 2);
    apply(&mut app, &[PageDown, PageDown]);
    assert!(
        app.selected_row() >= 2 * (page - 1) - 1,
        "two pages down, got row {}",
        app.selected_row()
    );
    assert!((app.offset()..app.offset() + page).contains(&app.selected_row()));
    apply(&mut app, &[Count(3), PageUp]);
    assert_eq!(app.selected(), 0);
    assert_eq!(app.offset(), 0);
}

#[test]
fn goto_lands_on_the_first_event_overlapping_the_date() {
    let mut app = app();
    goto(&mut app, "2014-03");
    let march = chronoscope::date::EventDate::parse("2014-03").unwrap();
    let e = app.selected_event().unwrap();
    assert!(e.date.overlaps(march.earliest(), march.latest()));
    assert!(
        app.store().events[..app.selected()]
            .iter()
            .all(|e| !e.date.overlaps(march.earliest(), march.latest())),
        "no earlier event overlaps March 2014"
    );
    assert_eq!(id(&app), "ties-worsen-beijing-seoul");

    goto(&mut app, "1977-11-15");
    assert_eq!(
        id(&app),
        "abductions-1977-1983",
        "an interval covering the day comes first"
    );
    goto(&mut app, "yokota-granddaughter-meeting");
    assert_eq!(id(&app), "yokota-granddaughter-meeting");
    goto(&mut app, "1995");
    assert_eq!(id(&app), "secret-preparation-2002");
    assert!(app.message().unwrap().contains("next"));
    goto(&mut app, "not a date");
    assert_eq!(id(&app), "secret-preparation-2002");
    assert!(app.message().unwrap().contains("neither a date"));
}

#[test]
fn year_and_decade_jumps() {
    let mut app = app();
    at(&mut app, "yokota-abduction");
    apply(&mut app, &[NextYear]);
    assert_eq!(id(&app), "kim-eun-gyong-birth");
    apply(&mut app, &[NextYear]);
    assert_eq!(id(&app), "secret-preparation-2002");
    apply(&mut app, &[PrevYear]);
    assert_eq!(id(&app), "kim-eun-gyong-birth");
    apply(&mut app, &[PrevYear]);
    assert_eq!(id(&app), "abductions-1977-1983", "first event of 1977");
    apply(&mut app, &[Count(3), NextYear]);
    assert_eq!(
        id(&app),
        "koizumi-visit-announced",
        "1977 → 1987 → 2001 → 2002"
    );
    apply(&mut app, &[NextDecade]);
    assert_eq!(id(&app), "kim-jong-il-death", "first event of the 2010s");
    apply(&mut app, &[PrevDecade, PrevDecade]);
    assert_eq!(id(&app), "kim-eun-gyong-birth", "first event of the 1980s");
}

#[test]
fn mark_shows_elapsed_time_and_returns() {
    let mut app = app();
    at(&mut app, "yokota-abduction");
    apply(&mut app, &[Mark]);
    assert_eq!(app.mark(), Some("yokota-abduction"));
    goto(&mut app, "nk-admits-13-abductions");
    let elapsed = app.elapsed_from_mark().unwrap();
    assert!(
        elapsed.starts_with("24 years 10 months 2 days after Megumi Yokota"),
        "{elapsed}"
    );
    goto(&mut app, "nk-border-closure");
    let coarse = app.elapsed_from_mark().unwrap();
    assert!(
        coarse.starts_with("42 years 2 months after"),
        "month precision only, no days: {coarse}"
    );
    apply(&mut app, &[JumpToMark]);
    assert_eq!(id(&app), "yokota-abduction");
}

#[test]
fn related_events_are_followed_and_back_returns() {
    let mut app = app();
    at(&mut app, "kim-eun-gyong-birth");
    apply(&mut app, &[FollowRelated]);
    assert_eq!(
        id(&app),
        "yokota-granddaughter-meeting",
        "a single related event is followed at once"
    );
    apply(&mut app, &[Back]);
    assert_eq!(id(&app), "kim-eun-gyong-birth");

    at(&mut app, "abductions-1977-1983");
    apply(&mut app, &[FollowRelated]);
    assert_eq!(
        app.mode(),
        Mode::ChooseRelated,
        "several related events: choose"
    );
    apply(&mut app, &[Down, Activate]);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(id(&app), "nk-admits-13-abductions");
    apply(&mut app, &[Back]);
    assert_eq!(id(&app), "abductions-1977-1983");
}

#[test]
fn reader_walks_the_passages_of_a_source_and_jumps_to_citing_events() {
    let mut app = app();
    at(&mut app, "yokota-granddaughter-meeting");
    apply(&mut app, &[FocusNext, FocusNext]);
    assert_eq!(app.focus(), Focus::Excerpts);
    apply(&mut app, &[Activate]);
    assert_eq!(app.mode(), Mode::Reader);
    let selected = app.selected();
    let reader = app.reader().unwrap();
    let source = reader.source.clone();
    assert_eq!(reader.passage().map(|p| (p.0, p.1)), Some((selected, 0)));
    // The reverse index: exactly the located citations of this source, in text order.
    assert_eq!(reader.passages, app.store().citations_of(&source));
    assert!(
        reader
            .passages
            .windows(2)
            .all(|w| w[0].2.start <= w[1].2.start)
    );
    let quote = &app.store().events[selected].excerpts[0].quote;
    let (_, range) = app
        .store()
        .locate(&app.store().events[selected].excerpts[0])
        .unwrap();
    assert!(reader.text.text[range].contains(quote.split_whitespace().next().unwrap()));

    // Move to a passage cited by another event and go there.
    let other = reader
        .passages
        .iter()
        .position(|p| p.0 != selected)
        .unwrap();
    let start = reader.current;
    let n = reader.passages.len();
    let steps = (other + n - start) % n;
    for _ in 0..steps {
        app.update(NextPassage);
    }
    let (target, xi, _) = app.reader().unwrap().passage().cloned().unwrap();
    apply(&mut app, &[Activate]);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.selected(), target);
    assert_eq!(app.excerpt(), xi);
    assert_eq!(app.store().events[target].excerpts[xi].source, source);
    apply(&mut app, &[Back]);
    assert_eq!(app.selected(), selected);
}

#[test]
fn copy_gives_a_full_citation() {
    let mut app = app();
    at(&mut app, "yokota-granddaughter-meeting");
    let effects = apply(&mut app, &[CopyCitation]);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("expected one copy effect, got {effects:?}");
    };
    assert!(text.contains("(10–14 March 2014)"), "{text}");
    assert!(
        text.contains(
            "Source: The Japan Times, “North talks a balancing act for Abe”, 22 March 2014."
        ),
        "{text}"
    );
    assert!(text.contains("Excerpt: “"), "{text}");
}

#[test]
fn editing_the_embedded_store_says_how_to_get_a_copy() {
    let mut app = app();
    assert!(apply(&mut app, &[Edit]).is_empty());
    assert!(app.message().unwrap().contains("--store"));
}

fn copy_store(dir: &std::path::Path) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("assets/sources")).unwrap();
    for f in std::fs::read_dir(root.join("assets/sources")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join("assets/sources").join(f.file_name().unwrap())).unwrap();
    }
    let path = dir.join("events.yaml");
    std::fs::copy(root.join("events.yaml"), &path).unwrap();
    path
}

#[test]
fn reload_keeps_the_selection_by_id_and_survives_a_broken_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_store(dir.path());
    let mut app = app_from(&path);
    at(&mut app, "beijing-talks-2014");
    apply(&mut app, &[Mark]);
    let before = app.selected();

    let yaml = std::fs::read_to_string(&path).unwrap().replacen(
        "\nevents:\n",
        "\nevents:\n  - id: added-earliest\n    date: \"1950\"\n    title: Added\n    context: true\n    note: added by a test\n",
        1,
    );
    std::fs::write(&path, yaml).unwrap();
    chronoscope::tui::reload(&mut app, &path);
    assert_eq!(app.store().events[0].id, "added-earliest");
    assert_eq!(id(&app), "beijing-talks-2014");
    assert_eq!(app.selected(), before + 1);
    assert_eq!(app.mark(), Some("beijing-talks-2014"));
    assert!(app.banner().is_none());

    std::fs::write(&path, "title: [unclosed\n").unwrap();
    chronoscope::tui::reload(&mut app, &path);
    let banner = app.banner().expect("a broken store shows a banner");
    assert!(
        banner.contains("no longer loads") && banner.contains("events.yaml"),
        "{banner}"
    );
    assert_eq!(
        id(&app),
        "beijing-talks-2014",
        "the last good state is kept"
    );
    assert_eq!(app.store().events.len(), 56);
}

#[test]
fn clicking_a_row_selects_its_event() {
    let mut app = app();
    let body = app.areas().timeline;
    // Row 0 of the pane is the 1977 separator, row 2 the second event.
    apply(&mut app, &[Click(body.x + 5, body.y + 3)]);
    assert_eq!(id(&app), "yokota-abduction");
    apply(&mut app, &[WheelDown(body.x + 5, body.y + 3)]);
    assert_eq!(app.selected(), 4);
}

/// Every explorer source file stays short enough to read in one sitting
/// (the project's ~400-line guide).
#[test]
fn explorer_source_files_stay_under_400_lines() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, usize)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(&path).unwrap().lines().count();
                out.push((path.display().to_string(), lines));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui"),
        &mut files,
    );
    assert!(files.len() > 10, "{files:?}");
    let long: Vec<_> = files.into_iter().filter(|(_, n)| *n > 400).collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}
