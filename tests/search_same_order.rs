//! `/` in the explorer shows the same hits, in the same order, as
//! `chronoscope search` prints, for every judged query on the built-in store
//! (`tests/relevance/builtin.txt`), typed one character at a time (so the
//! explorer narrows from the previous keystroke's hits).

mod common;

fn judged_queries() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/relevance/builtin.txt");
    std::fs::read_to_string(path)
        .expect("judged set readable")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(" | ").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_explorer_and_the_command_line_agree_on_hits_and_order() {
    let queries = judged_queries();
    assert!(queries.len() >= 40);
    let mut app = common::explorer::app();
    for q in &queries {
        common::explorer::searching(&mut app, q);
        let shown: Vec<String> = app
            .filter()
            .expect("a search filters the view")
            .results
            .hits
            .iter()
            .map(|h| app.store().events[h.event].id.to_string())
            .collect();
        assert_eq!(shown, common::search::cli_hit_ids(q), "`{q}`");
        app.update(chronoscope::tui::action::Action::Cancel);
    }
}
