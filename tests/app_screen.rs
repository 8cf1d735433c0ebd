//! Screens drawn on a TestBackend and read back as text: the date column,
//! the era gutter's lanes and the search error box, at several sizes.

mod common;
use common::explorer::{app_at, draw, screen, searching};

use chronoscope::tui::action::Action::*;
use chronoscope::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The line of the selected event in the timeline pane.
fn selected_line(t: &Terminal<TestBackend>) -> String {
    t.backend()
        .to_string()
        .lines()
        .find(|l| l.contains('▶') && !l.contains("Timeline") && !l.contains("Hits"))
        .expect("a selected row")
        .to_string()
}

/// The events with the widest dates, which the date column used to cut.
fn widest_dates(app: &App) -> Vec<(String, String)> {
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let widest = app
        .store()
        .events
        .iter()
        .map(|e| w(&e.date.compact()))
        .max()
        .unwrap();
    assert!(widest > 18, "the shipped store has long intervals");
    app.store()
        .events
        .iter()
        .filter(|e| w(&e.date.compact()) + 2 >= widest)
        .map(|e| (e.id.to_string(), e.date.compact()))
        .collect()
}

#[test]
fn long_intervals_show_their_whole_date_at_every_size() {
    let events = widest_dates(&app_at(None));
    for (w, h) in [(120, 40), (100, 30), (80, 24), (40, 12)] {
        for (id, date) in &events {
            let mut app = app_at(Some(id));
            let line = selected_line(&draw(&mut app, w, h));
            assert!(
                line.contains(date.as_str()),
                "{w}×{h}: {date} cut in {line:?}"
            );
        }
    }
}

#[test]
fn a_date_that_must_be_cut_keeps_its_start_and_shows_the_cut() {
    let (id, date) = widest_dates(&app_at(None)).remove(0);
    let mut app = app_at(Some(&id));
    // Dual dating on a 40-column terminal leaves no room for the whole date.
    let line = selected_line(&screen(&mut app, 40, 12, &[ToggleDualDating]));
    assert!(!line.contains(date.as_str()), "{line:?}");
    let start = &date[..4]; // the year
    let at = line.find(start).unwrap_or_else(|| panic!("{line:?}"));
    let cut: String = line[at..].chars().take_while(|c| *c != ' ').collect();
    assert!(cut.ends_with('…'), "{cut:?} in {line:?}");
    assert!(
        date.starts_with(cut.trim_end_matches('…')),
        "{cut:?} vs {date}"
    );
}

#[test]
fn every_era_lane_has_a_gutter_column_from_100_columns() {
    // In March 2014 four eras run: Abe premiership, Kishida as Foreign
    // Minister, Kim Jong Un, and Park Geun Hye's presidency (south-korea);
    // the fifth lane (North Korean foreign ministers) starts in 2016.
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    app.resize(120, 40);
    let lanes = app.era_lanes_shown().to_vec();
    assert_eq!(lanes, app.era_lanes(), "all lanes at 120 columns");
    assert!(lanes.iter().any(|l| l == "south-korea"), "{lanes:?}");
    let line = selected_line(&draw(&mut app, 120, 40));
    assert!(
        line.starts_with("\"┃▶││││  2014-03-10"),
        "five lane columns, the fifth (north-korea-foreign-minister, from 2016) empty: {line:?}"
    );
    let line = selected_line(&draw(&mut app, 100, 30));
    assert!(
        line.starts_with("\"┃▶││││  2014-03-10"),
        "five lane columns, the fifth (north-korea-foreign-minister, from 2016) empty: {line:?}"
    );
}

#[test]
fn a_narrow_terminal_drops_lanes_and_the_help_names_them() {
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    let line = selected_line(&draw(&mut app, 80, 24));
    assert_eq!(app.era_lanes_shown().len(), 3);
    assert!(!app.era_lanes_shown().contains(&"south-korea".to_string()));
    assert!(
        line.starts_with("\"┃▶│││ 2014-03-10"),
        "three lane columns: {line:?}"
    );
    // The help overlay, tall enough to show its end, names shown and hidden lanes.
    let text = screen(&mut app, 80, 160, &[ToggleHelp])
        .backend()
        .to_string();
    for (k, lane) in ["north-korea", "japan", "japan-foreign-minister"]
        .iter()
        .enumerate()
    {
        let line = format!("    {} {lane} ", k + 1);
        assert!(text.contains(&line), "{line:?} in {text}");
    }
    assert!(
        text.contains("    4 south-korea  (hidden: needs 100 columns)"),
        "{text}"
    );
    // At full width the help names all four and hides none.
    let text = screen(&mut app, 120, 160, &[]).backend().to_string();
    assert!(text.contains("    4 south-korea "), "{text}");
    assert!(!text.contains("hidden:"), "{text}");
}

/// The screen's rows as plain text (one string per row).
fn rows_of(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_long_filter_error_is_shown_whole_above_the_prompt() {
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let mut app = app_at(None);
        searching(&mut app, "koizumi year:abc");
        let message = app.search_error().expect("a filter error").message.clone();
        assert!(message.len() > 80, "a long message: {message}");
        let rows = rows_of(&draw(&mut app, w, h));
        let last = rows.len() - 1;
        // The prompt line keeps the query and a short reason.
        assert!(
            rows[last].starts_with("/koizumi year:abc▏"),
            "{w}×{h}: {:?}",
            rows[last]
        );
        assert!(
            rows[last].contains("✗ fix the marked part"),
            "{w}×{h}: {:?}",
            rows[last]
        );
        // Above it, under a titled rule, the whole message, wrapped.
        let top = rows
            .iter()
            .rposition(|r| r.contains("✗ this query cannot run"))
            .unwrap_or_else(|| panic!("{w}×{h}: no error box in {rows:#?}"));
        let shown = squash(&rows[top + 1..last].join(" "));
        assert_eq!(shown, squash(&message), "{w}×{h}");
        // The title line and the panes above the box are still drawn.
        assert!(rows[0].contains("55 events"), "{w}×{h}");
        assert!(
            top > 1,
            "{w}×{h}: the box leaves the panes above it: {rows:#?}"
        );
    }
}

#[test]
fn a_message_too_long_for_the_status_line_is_shown_whole() {
    let mut app = app_at(None);
    searching(&mut app, "koizumi");
    app.update(PromptAccept);
    if app.search_order() != chronoscope::search::Order::Relevance {
        app.update(ToggleSearchOrder);
    }
    app.update(NextYear);
    let said = app.message().expect("a message").to_string();
    assert!(said.ends_with("press s first"), "{said}");
    let screen = draw(&mut app, 80, 24).backend().to_string();
    let shown = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains("press s first"), "{screen}");
    // The status line itself shows the start, cut with `…`.
    let status = screen.lines().last().unwrap();
    assert!(status.contains('…'), "{status}");
}
