//! The detail pane and the help, driven by actions and drawn: the scroll
//! indicator with the hidden line count, discrepancies near the top, g/G and
//! PgUp/PgDn scrolling the focused pane, the help stopping at its end, and
//! multi-codepoint graphemes (flags) never split.

mod common;
use common::explorer::{app_at, app_from, draw};

use chronoscope::tui::action::Action::{self, *};
use chronoscope::tui::app::{App, Mode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn apply(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.update(*a);
    }
}

fn text(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

/// The title line of the detail pane ("Detail · ↓ 26 more").
fn detail_title(screen: &str) -> String {
    let at = screen.find("Detail").expect("a detail pane");
    screen[at..].lines().next().unwrap().to_string()
}

/// `n` from "↓ n more" in the detail title, 0 when nothing is hidden below.
fn hidden_below(screen: &str) -> usize {
    let title = detail_title(screen);
    title.split_once("↓ ").map_or(0, |(_, rest)| {
        rest.split(' ').next().unwrap().parse().unwrap()
    })
}

#[test]
fn the_detail_title_counts_the_hidden_lines_and_the_discrepancy_shows_first() {
    let mut app = app_at(Some("koizumi-pyongyang-2004"));
    let screen = text(&draw(&mut app, 80, 24));
    assert!(hidden_below(&screen) > 0, "{}", detail_title(&screen));
    assert!(
        screen.contains("! Discrepancy"),
        "the discrepancy is on the first screen at 80×24: {screen}"
    );
    // The same content at 120×40 hides fewer lines.
    let wide = text(&draw(&mut app, 120, 40));
    assert!(hidden_below(&wide) < hidden_below(&screen));
}

#[test]
fn big_g_and_small_g_scroll_the_focused_detail_not_the_timeline() {
    let mut app = app_at(Some("koizumi-pyongyang-2004"));
    draw(&mut app, 80, 24);
    let selected = app.selected();
    apply(&mut app, &[FocusNext, Bottom]);
    let screen = text(&draw(&mut app, 80, 24));
    assert_eq!(app.selected(), selected, "G stays on the event");
    assert_eq!(hidden_below(&screen), 0, "{}", detail_title(&screen));
    assert!(detail_title(&screen).contains("↑ "), "{screen}");
    let line = format!("events.yaml:{}", app.selected_event().unwrap().pos.line);
    assert!(screen.contains(&line), "the last line: {screen}");
    apply(&mut app, &[Top]);
    let top = text(&draw(&mut app, 80, 24));
    assert!(!detail_title(&top).contains("↑ "), "{}", detail_title(&top));
    assert_eq!(app.selected(), selected, "g stays on the event");
}

#[test]
fn page_down_in_the_detail_scrolls_a_page_and_j_stops_at_the_end() {
    let mut app = app_at(Some("koizumi-pyongyang-2004"));
    let first = hidden_below(&text(&draw(&mut app, 80, 24)));
    apply(&mut app, &[FocusNext, PageDown]);
    let paged = hidden_below(&text(&draw(&mut app, 80, 24)));
    let page = usize::from(app.areas().detail.height - 2);
    assert_eq!(
        paged,
        first.saturating_sub(page - 1),
        "one page less is hidden"
    );
    apply(&mut app, &vec![Down; 200]);
    let end = text(&draw(&mut app, 80, 24));
    assert_eq!(hidden_below(&end), 0);
    apply(&mut app, &[Up]);
    let up = text(&draw(&mut app, 80, 24));
    assert_eq!(
        hidden_below(&up),
        1,
        "one k from the end shows the line above again"
    );
}

#[test]
fn the_help_scrolls_no_further_than_its_last_line() {
    let mut app = app_at(None);
    apply(&mut app, &[ToggleHelp]);
    draw(&mut app, 80, 24);
    apply(&mut app, &vec![Down; 500]);
    let end = text(&draw(&mut app, 80, 24));
    let Mode::Help(scroll) = app.mode() else {
        panic!("help is open")
    };
    let (_, below) = scroll.hidden();
    assert_eq!(below, 0);
    let top = scroll.top;
    apply(&mut app, &[Up]);
    let Mode::Help(scroll) = app.mode() else {
        panic!("help is open")
    };
    assert_eq!(scroll.top + 1, top, "one k moves up at once from the end");
    assert!(end.contains("era lanes"), "the last lines are shown: {end}");
}

#[test]
fn flags_in_the_detail_pane_are_drawn_whole_at_every_width() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    let flags = "🇯🇵🇰🇷".repeat(12);
    std::fs::write(
        &path,
        format!(
            "title: Flags\nevents:\n  - id: flags\n    date: \"2014-03-10\"\n    title: \"Talks {flags} x {flags}\"\n    context: true\n    note: \"a {flags}\"\n"
        ),
    )
    .unwrap();
    let mut app = app_from(&path);
    for w in 60..=100 {
        let t = draw(&mut app, w, 24);
        for cell in t.backend().buffer().content() {
            let indicators = cell
                .symbol()
                .chars()
                .filter(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(c))
                .count();
            assert!(
                indicators == 0 || indicators == 2,
                "{w} columns: a flag split into {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn an_event_without_excerpts_says_so_in_the_pane_title() {
    let mut app = app_at(Some("pyongyang-declaration"));
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Excerpts: none"), "{screen}");
    assert!(!screen.contains("Excerpts 0"), "{screen}");
}

#[test]
fn discrepancy_labels_keep_a_space_before_their_text() {
    let mut app = app_at(Some("koizumi-pyongyang-2004"));
    apply(&mut app, &[FocusNext, Count(6), Down]);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("  record The five"), "{screen}");
    assert!(!screen.contains("recordThe"), "{screen}");
}

#[test]
fn the_title_separates_the_store_title_from_the_event_count() {
    let mut app = app_at(None);
    for w in [80, 100, 120] {
        let screen = text(&draw(&mut app, w, 24));
        let title = screen.lines().next().unwrap();
        assert!(title.contains(" · 55 events"), "{w}: {title}");
        assert!(!title.contains("…55"), "{w}: {title}");
    }
}

#[test]
fn y_says_the_citation_was_sent_not_that_it_was_copied() {
    let mut app = app_at(Some("yokota-abduction"));
    apply(&mut app, &[CopyCitation]);
    let said = app.message().unwrap();
    assert!(said.contains("sent") && said.contains("OSC 52"), "{said}");
    assert!(!said.contains("copied"), "{said}");
}
