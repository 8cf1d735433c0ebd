//! The article workflow through the real binary: `init`, `source add` on a
//! saved news page, and `claims`.

mod article_support;

use article_support::{bin, files_under, fixture, working_copy};
use serde_json::Value;

/// `chronoscope ARGS… --json` (exit 0), parsed.
fn claims_json(args: &[&str]) -> Value {
    let out = bin().args(args).assert().code(0).get_output().clone();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `cmd`, expects exit 2, returns its standard error.
fn refused(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().code(2).get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

/// The claim whose expression is written `text`.
fn claim<'a>(v: &'a Value, text: &str) -> &'a Value {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no claim {text:?}"))
}
#[test]
fn init_writes_a_working_copy_that_checks_clean_and_never_overwrites() {
    let (dir, store) = working_copy();
    let w = dir.path().join("w");
    assert_eq!(
        std::fs::read_to_string(&store).unwrap(),
        include_str!("../events.yaml")
    );
    assert_eq!(files_under(&w).len(), 3);
    bin()
        .arg("--store")
        .arg(&store)
        .arg("check")
        .assert()
        .code(0);
    std::fs::write(&store, "mine").unwrap();
    let err = refused(bin().arg("init").arg(&w));
    assert!(
        err.contains("already exist") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&store).unwrap(), "mine");
}

#[test]
fn source_add_refuses_the_built_in_store_with_a_hint() {
    let err = refused(
        bin()
            .args(["source", "add"])
            .arg(fixture("daily-herald-2023-07-20.html")),
    );
    assert!(
        err.contains("read-only") && err.contains("chronoscope init DIR"),
        "{err}"
    );
}

#[test]
fn a_saved_news_page_is_archived_without_its_furniture_and_the_store_checks_clean() {
    let (dir, store) = working_copy();
    let before = std::fs::read_to_string(&store).unwrap();
    bin()
        .arg("--store")
        .arg(&store)
        .args(["source", "add"])
        .arg(fixture("daily-herald-2023-07-20.html"))
        .assert()
        .code(0);
    let after = std::fs::read_to_string(&store).unwrap();
    // Only lines were inserted, at the end of `sources:`.
    let at = before.find("\nactors:").unwrap() - 1;
    assert!(after.starts_with(&before[..at]) && after.ends_with(&before[at..]));
    let added = &after[at..after.len() - (before.len() - at)];
    for want in [
        "id: \"the-daily-herald-japan-and-north-2023\"",
        "title: \"Japan and North Korea hold secret contacts, officials say\"",
        "publisher: \"The Daily Herald\"",
        "published: \"2023-07-20\"",
        "author: \"Hana Sato\"",
        "url: \"https://www.dailyherald.example/world/2023/07/20/japan-north-korea-contacts\"",
    ] {
        assert!(added.contains(want), "{want} in {added}");
    }
    let text = std::fs::read_to_string(
        dir.path()
            .join("w/assets/sources/the-daily-herald-japan-and-north-2023.txt"),
    )
    .unwrap();
    assert!(text.starts_with("Japanese and North Korean officials held secret contacts"));
    assert!(text.contains("Talks could resume later this year"));
    for furniture in [
        "Advertisement",
        "Related coverage",
        "Most read",
        "Home",
        "subscribe",
        "track(",
        "Cookie",
        "Heatwave",
        "By Hana Sato",
    ] {
        assert!(!text.contains(furniture), "`{furniture}` archived");
    }
    bin()
        .arg("--store")
        .arg(&store)
        .arg("check")
        .assert()
        .code(0);
    // The new source's claims, read against the store.
    let store = store.to_str().unwrap();
    let v = claims_json(&[
        "--store",
        store,
        "claims",
        "--source",
        "the-daily-herald-japan-and-north-2023",
        "--json",
    ]);
    let july14 = claim(&v, "July 14");
    assert_eq!(july14["date"], "2023-07-14");
    assert!(
        july14["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == "arf-2023" && e["verdict"] == "consistent")
    );
}

#[test]
fn an_existing_source_or_file_is_replaced_only_with_force() {
    let (dir, store) = working_copy();
    let page = fixture("daily-herald-2023-07-20.html");
    let add = |extra: &[&str]| {
        bin()
            .arg("--store")
            .arg(&store)
            .args(["source", "add"])
            .arg(&page)
            .args(extra)
            .assert()
    };
    add(&[]).code(0);
    let yaml = std::fs::read(&store).unwrap();
    let archived = dir
        .path()
        .join("w/assets/sources/the-daily-herald-japan-and-north-2023.txt");
    std::fs::write(&archived, "my notes").unwrap();
    let out = add(&[]).code(2).get_output().clone();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("already exists")
    );
    assert_eq!(std::fs::read(&store).unwrap(), yaml);
    assert_eq!(std::fs::read_to_string(&archived).unwrap(), "my notes");
    // An id taken by the built-in sources is refused too.
    add(&["--id", "kyodo-2023-07"]).code(2);
    assert_eq!(std::fs::read(&store).unwrap(), yaml);
    add(&[
        "--force",
        "--id",
        "the-daily-herald-japan-and-north-2023",
        "--title",
        "Secret contacts",
    ])
    .code(0);
    let yaml = std::fs::read_to_string(&store).unwrap();
    assert_eq!(
        yaml.matches("the-daily-herald-japan-and-north-2023\"")
            .count(),
        1
    );
    assert!(yaml.contains("title: \"Secret contacts\""));
    assert!(
        std::fs::read_to_string(&archived)
            .unwrap()
            .starts_with("Japanese and North Korean")
    );
    bin()
        .arg("--store")
        .arg(&store)
        .arg("check")
        .assert()
        .code(0);
}

#[test]
fn claims_json_has_the_documented_shape_and_the_key_verdicts() {
    let v = claims_json(&["claims", "--source", "kyodo-2023-07", "--json"]);
    let keys = |o: &Value| o.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v), ["claims", "published", "source"]);
    assert_eq!(v["source"], "kyodo-2023-07");
    assert_eq!(v["published"], "2023-07-14/2023-07-15");
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(
        keys(&claims[0]),
        [
            "column", "date", "earliest", "events", "kind", "latest", "line", "sentence", "text"
        ]
    );
    let find = |t: &str| claim(&v, t);
    let wed = find("Wednesday");
    assert_eq!(
        (
            wed["date"].as_str(),
            wed["line"].as_u64(),
            wed["column"].as_u64()
        ),
        (Some("2023-07-12"), Some(15), Some(268))
    );
    assert_eq!(
        wed["events"][0],
        serde_json::json!({"id": "icbm-2023-07-12", "verdict": "consistent"})
    );
    let y2004 = find("2004");
    assert_eq!(
        y2004["events"][0],
        serde_json::json!({"id": "koizumi-pyongyang-2004", "verdict": "recorded"})
    );
    assert!(
        y2004["sentence"]
            .as_str()
            .unwrap()
            .contains("handed over five abductees")
    );
    let less = find("Less than two months ago");
    assert_eq!(
        (less["earliest"].as_str(), less["latest"].as_str()),
        (Some("2023-05-14"), Some("2023-07-15"))
    );
    let v = claims_json(&["claims", "--source", "japantimes-2014-03", "--json"]);
    let decades = claim(&v, "more than three decades ago");
    assert_eq!(
        (decades["date"].as_str(), decades["earliest"].is_null()),
        (Some("../1984-03-22"), true)
    );
}

#[test]
fn the_readable_report_puts_conflicts_first_with_file_line_col() {
    let out = bin()
        .arg("claims")
        .arg(fixture("abe-summit-2018-06-14.txt"))
        .args(["--published", "2018-06-14"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let s = String::from_utf8(out.stdout).unwrap();
    let conflict = s.find("\nconflict:").expect("conflicts");
    assert!(conflict < s.find("\nconsistent:").unwrap(), "{s}");
    assert!(s.contains("abe-summit-2018-06-14.txt:5:86: \"2003\" → 2003 [year] · 2002-09-17 Koizumi–Kim Jong Il summit in Pyongyang (koizumi-pyongyang-2002)"), "{s}");
}

#[test]
fn claims_needs_a_publication_date_it_can_use() {
    let file = fixture("abe-summit-2018-06-14.txt");
    let err = |args: &[&str]| {
        let out = bin()
            .arg("claims")
            .arg(&file)
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(err(&[]).contains("pass --published"));
    assert!(err(&["--published", "June 2018"]).contains("not a valid EDTF date"));
    assert!(err(&["--published", "2018/.."]).contains("too vague"));
}

#[test]
fn claims_reads_a_saved_page_with_its_own_publication_date() {
    let out = bin()
        .arg("claims")
        .arg(fixture("daily-herald-2023-07-20.html"))
        .arg("--json")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["published"], "2023-07-20");
    assert!(v["source"].is_null());
    let texts: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"earlier this month") && texts.contains(&"October 2002"),
        "{texts:?}"
    );
    // Nothing from the page's furniture (the related links' dates are in URLs only).
    assert!(!texts.iter().any(|t| t.contains("2023/07")));
}
