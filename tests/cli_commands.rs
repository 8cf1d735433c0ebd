//! The research command line end to end: list, show, export, schema,
//! completions, man, and the file-writing rules.

use assert_cmd::Command;
use predicates::prelude::*;

fn cs() -> Command {
    Command::cargo_bin("chronoscope").unwrap()
}

fn stdout(args: &[&str]) -> String {
    let out = cs().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_piped_is_tab_separated_one_line_per_event() {
    let out = stdout(&["list"]);
    let store = chronoscope::store::Store::load_embedded().unwrap().store;
    assert_eq!(out.lines().count(), store.events.len());
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(
        first,
        [
            "1977-09-19…1983-07~",
            "abductions-1977-1983",
            "North Korean agents abduct Japanese nationals (1970s–1980s)"
        ]
    );
    assert!(
        out.contains("2001…2002-08-30\tsecret-preparation-2002\t"),
        "a start known to the year is shown as such"
    );
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn list_from_to_selects_by_overlap() {
    let out = stdout(&["list", "--from", "2014-03", "--to", "2014-03"]);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert!(ids.contains(&"beijing-talks-2014"));
    assert!(
        ids.contains(&"ties-worsen-beijing-seoul"),
        "a span overlapping March 2014"
    );
    assert!(!ids.contains(&"yokota-abduction"));
    let csv = stdout(&["list", "--from", "2023", "--format", "csv"]);
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| !l.starts_with("yokota-abduction"))
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["list", "--to", "1987", "--format", "json"])).unwrap();
    let n = json["events"].as_array().unwrap().len();
    assert_eq!(n, 3, "abductions, Yokota, birth");
}

#[test]
fn bad_date_filter_is_a_usage_error() {
    cs().args(["list", "--from", "2014-13"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("not a valid EDTF date")
                .and(predicate::str::contains("2014-03")),
        );
}

#[test]
fn show_prints_excerpts_in_context_with_citations() {
    let out = stdout(&["show", "yokota-abduction"]);
    assert!(out.contains("15 November 1977 (day known; EDTF 1977-11-15)"));
    assert!(out.contains("place     Niigata"));
    assert!(out.contains("in context:"));
    assert!(out.contains("The Japan Times, “North talks a balancing act for Abe”, 22 March 2014"));
    assert!(out.contains("assets/sources/japantimes-2014-03.txt, line 19, column 53"));
}

#[test]
fn show_unknown_id_suggests_and_exits_2() {
    cs().args(["show", "yokota"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("no event `yokota`")
                .and(predicate::str::contains("did you mean: yokota-")),
        );
    cs().args(["show", "\u{1b}[2Jx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn export_to_stdout_matches_the_library() {
    let out = stdout(&["export", "--format", "csl"]);
    let l = chronoscope::store::Store::load_embedded().unwrap();
    assert_eq!(
        out,
        chronoscope::export::csl::to_string(&chronoscope::export::View::all(&l.store))
    );
    let ics = cs()
        .args(["export", "--format", "ics"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&ics.stdout).contains("DTSTAMP:20231114T221320Z"));
}

#[test]
fn export_out_refuses_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.json");
    std::fs::write(&p, "precious").unwrap();
    cs().args(["export", "--format", "json", "--out"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("already exists").and(predicate::str::contains("--force")),
        );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "precious");
    cs().args(["export", "--format", "json", "--force", "--out"])
        .arg(&p)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    assert_eq!(v["format"], "chronoscope");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "temporary files left: {names:?}");
}

#[cfg(unix)]
#[test]
fn export_never_follows_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("victim.txt");
    std::fs::write(&target, "precious").unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for force in [false, true] {
        let mut c = cs();
        c.args(["export", "--format", "csv", "--out"]).arg(&link);
        if force {
            c.arg("--force");
        }
        c.assert()
            .code(2)
            .stderr(predicate::str::contains("symbolic link"));
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn export_refuses_a_directory_and_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    cs().args(["export", "--format", "md", "--force", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    cs().args(["export", "--format", "md", "--out"])
        .arg(dir.path().join("no/such/file.md"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("folder does not exist"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn schema_prints_the_store_schema() {
    let v: serde_json::Value = serde_json::from_str(&stdout(&["schema"])).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(v["$defs"]["event"]["properties"]["excerpts"].is_object());
    let e: serde_json::Value = serde_json::from_str(&stdout(&["schema", "--export"])).unwrap();
    assert_eq!(e["properties"]["version"]["const"], 1);
}

#[test]
fn completions_and_man_come_from_the_clap_definitions() {
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("_chronoscope") && bash.contains("timelinejs"));
    let fish = stdout(&["completions", "fish"]);
    assert!(fish.contains("complete -c chronoscope"));
    let man = stdout(&["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH chronoscope"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("export"));
    cs().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn help_documents_exit_codes() {
    cs().arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes: 0 success; 1"));
}
