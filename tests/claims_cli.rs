//! The article workflow through the real binary: `init`, `source add` (a
//! saved news page, bad input of every kind) and `claims`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("chronoscope").expect("binary")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/claims")
        .join(name)
}

/// A fresh working copy of the built-in store.
fn working_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    bin().arg("init").arg(dir.path().join("w")).assert().code(0);
    let store = dir.path().join("w/events.yaml");
    (dir, store)
}

fn files_under(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(p).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p))
        } else {
            out.push(p)
        }
    }
    out.sort();
    out
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
    let out = bin()
        .arg("init")
        .arg(&w)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("already exist") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&store).unwrap(), "mine");
}

#[test]
fn source_add_refuses_the_built_in_store_with_a_hint() {
    let out = bin()
        .args(["source", "add"])
        .arg(fixture("daily-herald-2023-07-20.html"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
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
    let out = bin()
        .arg("--store")
        .arg(&store)
        .args([
            "claims",
            "--source",
            "the-daily-herald-japan-and-north-2023",
            "--json",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let july14 = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "July 14")
        .unwrap();
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

/// Each bad input: exit 2 with a message holding `words`, no escape byte,
/// and the working copy byte-identical with no file added.
fn refused(file_bytes: &[u8], name: &str, extra: &[&str], words: &[&str]) {
    let (dir, store) = working_copy();
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(&dir.path().join("w"))
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    let input = dir.path().join(name);
    std::fs::write(&input, file_bytes).unwrap();
    let out = bin()
        .arg("--store")
        .arg(&store)
        .args(["source", "add"])
        .arg(&input)
        .args(extra)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for w in words {
        assert!(err.contains(w), "{name}: `{w}` not in {err}");
    }
    assert!(!err.contains('\u{1b}'), "{name}: raw escape in {err:?}");
    let after: Vec<(PathBuf, Vec<u8>)> = files_under(&dir.path().join("w"))
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after, "{name}: the working copy changed");
}

#[test]
fn bad_articles_are_refused_with_where_and_what_to_do() {
    let flags = [
        "--title",
        "T",
        "--publisher",
        "P",
        "--published",
        "2020-01-01",
    ];
    refused(
        b"GIF89a\x01\x00\x00\x00binary",
        "image.txt",
        &flags,
        &["image.txt:1:", "binary file"],
    );
    refused(
        b"caf\xe9 au lait\n",
        "latin1.txt",
        &flags,
        &["latin1.txt:1:4", "not valid UTF-8", "iconv"],
    );
    refused(b"\xff\xfeh\x00i\x00", "utf16.txt", &flags, &["UTF-16"]);
    refused(
        b"Fine line.\nA \x1b[31mred\x1b[0m line.\n",
        "ansi.txt",
        &flags,
        &["ansi.txt:2:3", "control character"],
    );
    refused(
        "Quiet \u{202e}reversed\n".as_bytes(),
        "bidi.md",
        &flags,
        &["bidi.md:1:7", "bidi"],
    );
    refused(
        b"An article.\n",
        "date.txt",
        &[
            "--title",
            "T",
            "--publisher",
            "P",
            "--published",
            "last Tuesday",
        ],
        &["--published", "not a valid EDTF date"],
    );
    refused(
        b"An article.\n",
        "nodate.txt",
        &["--title", "T", "--publisher", "P"],
        &["no publication date", "--published"],
    );
    refused(
        b"An article.\n",
        "id.txt",
        &[
            "--title",
            "T",
            "--publisher",
            "P",
            "--published",
            "2020",
            "--id",
            "../escape",
        ],
        &["--id", "letters"],
    );
    let hostile = "<html><head><title>X</title><script>document.write('\u{1b}]52;c;ZXZpbA==\u{7}')</script></head><body><article><p>Text \u{1b}[2J with an escape, long enough to be an article body for the reader view to keep it as content, yes indeed, more words here.</p></article><img src=x onerror=alert(1)></body></html>";
    refused(
        hostile.as_bytes(),
        "hostile.html",
        &flags,
        &[
            "hostile.html:",
            "control character",
            "extracted article text",
        ],
    );
}

#[test]
fn huge_files_and_folders_are_refused_without_reading_them() {
    let (dir, store) = working_copy();
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    for (path, words) in [
        (&big, "over the 16777216-byte cap"),
        (&dir.path().to_path_buf(), "not a regular file"),
    ] {
        let out = bin()
            .arg("--store")
            .arg(&store)
            .args(["source", "add"])
            .arg(path)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(words), "{err}");
    }
}

#[test]
fn claims_json_has_the_documented_shape_and_the_key_verdicts() {
    let out = bin()
        .args(["claims", "--source", "kyodo-2023-07", "--json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
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
    let find = |t: &str| claims.iter().find(|c| c["text"] == t).unwrap();
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
    let jt = bin()
        .args(["claims", "--source", "japantimes-2014-03", "--json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&jt.stdout).unwrap();
    let decades = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "more than three decades ago")
        .unwrap();
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
