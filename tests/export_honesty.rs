//! Exports say no more than the store knows and leave nothing out silently:
//! unknown and open interval ends, dates before 1 CE, decades and seasons in
//! CSL-JSON, and the report each export prints on stderr.

use std::path::Path;

use assert_cmd::Command;
use chronoscope::date::{Edge, EventDate};
use chronoscope::export::{self, View};
use chronoscope::store::{Loaded, Store};

/// A store with the dates the interchange formats find hard, and one source
/// (published 22 March 2014) whose archived text the excerpts quote.
const STORE: &str = r#"title: "Hard dates, 1 BCE–2019"
sources:
  - id: paper
    title: Talks resume
    publisher: The Paper
    published: "2014-03-22"
    text: paper.txt
  - id: ancient
    title: Annals
    publisher: Rome
    published: "-0100"
    text: paper.txt
  - id: seventies
    title: A 1970s leaflet
    publisher: Anon
    published: "197X"
    text: paper.txt
  - id: spring
    title: A spring bulletin
    publisher: Anon
    published: "2001-21"
    text: paper.txt
events:
  - id: talks-unknown-start
    date: "/2014"
    title: Talks that had begun by 2014
    excerpts:
      - source: paper
        quote: "The talks, which began before 2014, go on."
  - id: talks-unknown-end
    date: "2014/"
    title: Talks from 2014, end not known
    context: true
  - id: mission-open-end
    date: "2019-08/.."
    title: A mission from August 2019
    context: true
  - id: caesar
    date: "-0043-03-15"
    title: Ides of March
    context: true
  - id: year-zero
    date: "0000-06"
    title: Something in 1 BCE
    context: true
"#;

fn store() -> (tempfile::TempDir, Loaded) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("paper.txt"),
        "The talks, which began before 2014, go on.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("events.yaml"), STORE).unwrap();
    let l = Store::load_path(&dir.path().join("events.yaml")).expect("the store loads");
    (dir, l)
}

fn cs(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("chronoscope").unwrap();
    c.arg("--store").arg(dir.join("events.yaml"));
    c.env("SOURCE_DATE_EPOCH", "1700000000");
    c
}

#[test]
fn an_unknown_start_raises_no_anachronism() {
    let (_d, l) = store();
    let report = chronoscope::check::check(&l);
    let anachronisms: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "anachronism")
        .map(|f| f.message.to_string())
        .collect();
    // `/2014` was placed on 2014-12-31, after the source of 22 March 2014.
    assert_eq!(anachronisms, Vec::<String>::new());
}

#[test]
fn a_date_filter_keeps_an_event_whose_end_is_unknown() {
    let (dir, l) = store();
    let june = EventDate::parse("2014-06").unwrap();
    let v = View::between(&l.store, Some(&june), None);
    let ids: Vec<&str> = v.events().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&"talks-unknown-end"), "{ids:?}");
    assert!(ids.contains(&"mission-open-end"), "{ids:?}");
    let out = cs(dir.path())
        .args(["list", "--from", "2014-06"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("talks-unknown-end"), "{text}");
    let e = l.store.event("talks-unknown-end").unwrap();
    assert_eq!(e.date.latest(), Edge::After);
}

/// The value of `name` in the VEVENT whose UID is `uid@chronoscope`.
fn ics_value(ics: &str, uid: &str, name: &str) -> Option<String> {
    let unfolded = ics.replace("\r\n ", "");
    let block = unfolded
        .split("BEGIN:VEVENT")
        .find(|b| b.contains(&format!("UID:{uid}@")))?;
    block
        .lines()
        .find_map(|l| l.strip_prefix(name).map(str::to_string))
}

#[test]
fn ics_draws_open_and_unknown_ends_over_the_known_end_only() {
    let (_d, l) = store();
    let stamp = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let done = export::ics::export(&View::all(&l.store), stamp);
    let ics = &done.text;
    // `2014/`: the whole known start year, not the single day 2014-01-01.
    assert_eq!(
        ics_value(ics, "talks-unknown-end", "DTSTART;VALUE=DATE:").as_deref(),
        Some("20140101")
    );
    assert_eq!(
        ics_value(ics, "talks-unknown-end", "DTEND;VALUE=DATE:").as_deref(),
        Some("20150101")
    );
    assert!(
        ics_value(ics, "talks-unknown-end", "SUMMARY:")
            .unwrap()
            .contains("end unknown")
    );
    // `2019-08/..`: August 2019, not 1 August.
    assert_eq!(
        ics_value(ics, "mission-open-end", "DTSTART;VALUE=DATE:").as_deref(),
        Some("20190801")
    );
    assert_eq!(
        ics_value(ics, "mission-open-end", "DTEND;VALUE=DATE:").as_deref(),
        Some("20190901")
    );
    let desc = ics_value(ics, "mission-open-end", "DESCRIPTION:").unwrap();
    assert!(desc.contains("from August 2019 onwards"), "{desc}");
    assert!(!desc.contains("1 August"), "{desc}");
    // Nothing before 1 CE, and never the year 0000.
    assert!(ics_value(ics, "caesar", "UID:").is_none());
    assert!(ics_value(ics, "year-zero", "UID:").is_none());
    assert!(!ics.contains(":0000"), "year 0000 written");
    let left: Vec<&str> = done.report.left_out.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(left, ["caesar", "year-zero"]);
    assert_eq!((done.report.written, done.report.offered), (3, 5));
    assert!(icalendar::parser::read_calendar(&icalendar::parser::unfold(ics)).is_ok());
}

#[test]
fn every_export_reports_on_stderr_what_it_wrote_and_left_out() {
    let (dir, _l) = store();
    let run = |format: &str| {
        let out = cs(dir.path())
            .args(["export", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        String::from_utf8(out.stderr).unwrap()
    };
    let ics = run("ics");
    assert!(ics.contains("wrote 3 of 5 events as iCalendar"), "{ics}");
    assert!(
        ics.contains("left out `caesar` (-0043-03-15): iCalendar cannot hold dates before 1 CE"),
        "{ics}"
    );
    assert!(ics.contains("left out `year-zero` (0000-06)"), "{ics}");
    assert!(
        ics.contains("talks-unknown-end"),
        "open-ended events named: {ics}"
    );
    let tl = run("timelinejs");
    assert!(tl.contains("wrote 4 of 5 events as TimelineJS"), "{tl}");
    assert!(tl.contains("left out `talks-unknown-start` (/2014): TimelineJS places every slide at its start year"), "{tl}");
    assert!(run("csl").contains("wrote 4 sources as CSL-JSON"));
    assert!(run("json").contains("wrote 5 events as chronoscope JSON"));
    assert!(run("md").contains("wrote 5 events as Markdown"));
    assert!(run("csv").contains("wrote 5 events as CSV"));
    let out = cs(dir.path())
        .args(["export", "--format", "csl", "--out"])
        .arg(dir.path().join("refs.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wrote 4 sources as CSL-JSON to "), "{err}");
}

#[test]
fn export_into_a_directory_suggests_a_file_of_the_chosen_format() {
    let (dir, _l) = store();
    let out = cs(dir.path())
        .args(["export", "--format", "md", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("chronology.md") && !err.contains("export.json"),
        "{err}"
    );
}

fn csl_item(items: &serde_json::Value, id: &str) -> serde_json::Value {
    items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone()
}

#[test]
fn csl_dates_keep_bce_years_decades_and_seasons_honest() {
    let (_d, l) = store();
    let items: serde_json::Value =
        serde_json::from_str(&export::csl::to_string(&View::all(&l.store))).unwrap();
    // EDTF -0100 is 101 BCE; CSL has no year 0, so its year is -101.
    assert_eq!(
        csl_item(&items, "ancient")["issued"]["date-parts"],
        serde_json::json!([[-101]])
    );
    // 197X is any year of the 1970s: a range, not 1970.
    assert_eq!(
        csl_item(&items, "seventies")["issued"]["date-parts"],
        serde_json::json!([[1970], [1979]])
    );
    // Spring 2001: the year and CSL season 1.
    let spring = csl_item(&items, "spring");
    assert_eq!(spring["issued"]["date-parts"], serde_json::json!([[2001]]));
    assert_eq!(spring["issued"]["season"], 1);
    for item in items.as_array().unwrap() {
        assert!(item["issued"].get("edtf").is_none(), "{item}");
    }
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/csl-data.json")).unwrap();
    let v = jsonschema::draft7::new(&schema).unwrap();
    assert!(
        v.is_valid(&items),
        "{:?}",
        v.iter_errors(&items)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_calendar_name_carries_no_text_escapes() {
    let l = Store::load_embedded().unwrap();
    let stamp = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let ics = export::ics::to_string(&View::all(&l.store), stamp);
    let name = ics
        .lines()
        .find_map(|l| l.strip_prefix("X-WR-CALNAME:"))
        .unwrap();
    assert_eq!(name.trim_end(), l.store.title);
    assert!(!name.contains('\\'));
}
