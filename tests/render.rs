//! Whole screens on a TestBackend, snapshotted with insta; the README key
//! table checked against the key table.

mod common;
use common::explorer::{app_at, app_from, draw, screen, searching};

use chronoscope::tui::action::Action::*;
use chronoscope::tui::keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

#[test]
fn main_view_80x24() {
    let mut app = app_at(None);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn main_view_120x40() {
    let mut app = app_at(Some("yokota-abduction"));
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn detail_with_a_discrepancy() {
    let mut app = app_at(Some("koizumi-pyongyang-2004"));
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[FocusNext, Count(6), Down]).backend());
}

#[test]
fn excerpt_in_its_paragraph() {
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[FocusPrev]).backend());
}

#[test]
fn source_reader() {
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[OpenReader]).backend());
}

#[test]
fn help_overlay() {
    let mut app = app_at(None);
    insta::assert_snapshot!(screen(&mut app, 80, 40, &[ToggleHelp]).backend());
}

#[test]
fn dual_dating_and_mark() {
    let mut app = app_at(Some("yokota-abduction"));
    let actions = [Mark, ToggleDualDating, Count(8), Down];
    insta::assert_snapshot!(screen(&mut app, 120, 40, &actions).backend());
}

#[test]
fn narrow_40x12() {
    let mut app = app_at(Some("yokota-abduction"));
    insta::assert_snapshot!(draw(&mut app, 40, 12).backend());
}

#[test]
fn degenerate_10x3() {
    let mut app = app_at(None);
    insta::assert_snapshot!(draw(&mut app, 10, 3).backend());
}

#[test]
fn degenerate_1x1() {
    let mut app = app_at(None);
    insta::assert_snapshot!(draw(&mut app, 1, 1).backend());
}

#[test]
fn selection_is_visible_without_colour() {
    let mut app = app_at(None);
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    let tl = app.areas().timeline;
    let y = tl.y + 1 + u16::try_from(app.selected_row() - app.offset()).unwrap();
    let cell = &buf[(tl.x + 1, y)];
    assert_eq!(cell.symbol(), "▶");
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert!(buf[(tl.x + 20, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn hostile_and_wide_store_text_is_safe_and_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.yaml");
    std::fs::write(
        &path,
        "title: \"Test \\e[2J store\"\nevents:\n  - id: a\n    date: \"2002-09-17\"\n    title: \"横田めぐみ \\e]52;c;AAAA\\a evil \\u202e txet\"\n  - id: b\n    date: \"2002-09\"\n    title: \"Plain title\"\n",
    )
    .unwrap();
    let mut app = app_from(&path);
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "raw control or bidi character reached the screen: {:?}",
            cell.symbol()
        );
    }
    let text = terminal.backend().to_string();
    assert!(text.contains("横田めぐみ"));
    // The wide title row is as wide as the plain one: borders line up.
    // TestBackend appends a note on cells hidden by wide characters; drop it.
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("2002-09"))
        .map(|l| l.split(" Hidden by multi-width").next().unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    assert_eq!(w(rows[0]), w(rows[1]), "{rows:?}");
}

fn readme_table() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md exists");
    let start = readme
        .find("<!-- keys:start -->")
        .expect("keys:start marker")
        + "<!-- keys:start -->".len();
    let end = readme.find("<!-- keys:end -->").expect("keys:end marker");
    readme[start..end].trim().to_string()
}

/// `UPDATE_README=1 cargo test --test render readme` rewrites the table (atomically).
fn update_readme() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let readme = std::fs::read_to_string(path).unwrap();
    let (head, rest) = readme.split_once("<!-- keys:start -->").unwrap();
    let (_, tail) = rest.split_once("<!-- keys:end -->").unwrap();
    let new = format!(
        "{head}<!-- keys:start -->\n{}\n<!-- keys:end -->{tail}",
        keymap::markdown_table().trim()
    );
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, new).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn readme_key_table_matches_the_bindings() {
    if std::env::var_os("UPDATE_README").is_some() {
        update_readme();
    }
    assert_eq!(
        readme_table(),
        keymap::markdown_table().trim(),
        "regenerate the key table in README.md: UPDATE_README=1 cargo test --test render readme"
    );
}

#[test]
fn no_key_is_bound_twice_and_every_binding_is_explained() {
    assert_eq!(keymap::duplicate_bindings(), Vec::new());
    assert!(
        keymap::BINDINGS
            .iter()
            .all(|b| !b.help.trim().is_empty() && !b.keys.is_empty())
    );
}

#[test]
fn search_active_with_hits_highlighted() {
    let mut app = app_at(None);
    searching(&mut app, "koizumi pyong");
    let t = draw(&mut app, 120, 40);
    // The matched title characters carry the hit style (bold + underlined, plain theme).
    let buf = t.backend().buffer();
    let underlined = (0..40u16)
        .flat_map(|y| (0..120u16).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED))
        .count();
    assert!(underlined >= "koizumi".len(), "{underlined} hit cells");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn search_with_no_hits() {
    let mut app = app_at(None);
    searching(&mut app, "zzqxv");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn search_with_a_filter_error() {
    let mut app = app_at(None);
    searching(&mut app, "koizumi year:abc");
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn search_with_a_filter_error_40x12() {
    let mut app = app_at(None);
    searching(&mut app, "koizumi year:abc");
    insta::assert_snapshot!(draw(&mut app, 40, 12).backend());
}

#[test]
fn loading_screen_shows_spinner_seconds_size_and_stage() {
    use chronoscope::tui::view::loading::{Progress, Stage, render, spinner};
    use std::time::Duration;
    let mut progress = Progress {
        what: "big/events.yaml".into(),
        bytes: Some(48_213_007),
        stage: Stage::Reading,
        elapsed: Duration::from_millis(2_340),
    };
    let mut t = Terminal::new(TestBackend::new(80, 12)).unwrap();
    t.draw(|f| render(f, &progress)).unwrap();
    insta::assert_snapshot!("loading_reading", t.backend());
    // The injected clock drives the spinner and the seconds.
    assert_ne!(
        spinner(Duration::from_millis(2_340)),
        spinner(Duration::from_millis(2_440))
    );
    progress.stage = Stage::Checking(150_000);
    progress.elapsed = Duration::from_millis(7_050);
    t.draw(|f| render(f, &progress)).unwrap();
    let text = t.backend().to_string();
    assert!(
        text.contains("7.0 s · parsed 150000 events · checking"),
        "{text}"
    );
    assert!(text.contains("q or Esc cancels"), "{text}");
    assert!(
        text.contains(spinner(Duration::from_millis(7_050))),
        "{text}"
    );
}

/// The Japan Times in the reader at 80×24, the cursor moved by `}` to
/// "Since then" (uncited), a cited "2002" just above it.
fn reader_on_since_then() -> chronoscope::tui::app::App {
    let mut app = app_at(Some("yokota-granddaughter-meeting"));
    app.resize(80, 24);
    app.update(OpenReader);
    for _ in 0..20 {
        let r = app.reader().unwrap();
        if r.expression()
            .is_some_and(|e| &r.text.text[e.range.clone()] == "Since then")
        {
            return app;
        }
        app.update(NextDated);
    }
    panic!("`}}` never reached “Since then”");
}

#[test]
fn reader_with_marked_expressions_80x24() {
    let mut app = reader_on_since_then();
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn reader_marks_cited_and_uncited_expressions_without_colour() {
    let mut app = reader_on_since_then();
    let terminal = draw(&mut app, 80, 24);
    let buf = terminal.backend().buffer();
    let r = app.reader().expect("reader open");
    let main = app.areas().main;
    let styles_of = |word: &str| -> Vec<Modifier> {
        let area = buf.area;
        let mut found = Vec::new();
        // The text rows of the reader (not its titles, not the status line).
        for y in main.y + 1..main.y + main.height - 1 {
            let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(i) = row.find(word) {
                let x = u16::try_from(row[..i].chars().count()).unwrap();
                found.push(buf[(x, y)].modifier);
            }
        }
        found
    };
    let cited: Vec<_> = r.dated.expressions.iter().filter(|e| e.cited).collect();
    let uncited: Vec<_> = r.dated.expressions.iter().filter(|e| !e.cited).collect();
    assert!(
        !cited.is_empty() && !uncited.is_empty(),
        "{:?}",
        r.dated
            .expressions
            .iter()
            .map(|e| (&r.text.text[e.range.clone()], e.cited))
            .collect::<Vec<_>>()
    );
    // Every marked expression is bold; the cited ones are also underlined or
    // reversed (their passage), the others neither.
    let mut seen = (0, 0);
    for e in r.dated.expressions.iter() {
        let word = &r.text.text[e.range.clone()];
        for m in styles_of(word) {
            assert!(m.contains(Modifier::BOLD), "{word}: {m:?}");
            let in_passage = m.intersects(Modifier::UNDERLINED | Modifier::REVERSED);
            assert_eq!(in_passage, e.cited, "{word}: {m:?}");
            if e.cited {
                seen.0 += 1;
            } else {
                seen.1 += 1;
            }
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "both kinds on screen: {seen:?}");
}
