//! `chronoscope search` on the built-in chronology.

use assert_cmd::Command;
use predicates::prelude::*;

fn search() -> Command {
    let mut c = Command::cargo_bin("chronoscope").unwrap();
    c.arg("search");
    c
}

#[test]
fn prints_ranked_hits_with_id_date_title_and_where_it_matched() {
    search()
        .args(["koizumi", "pyongyang", "--limit", "2"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  1. 2002-09-17   Koizumi–Kim Jong Il summit in Pyongyang  (koizumi-pyongyang-2002)",
        ))
        .stdout(predicate::str::contains("matched in title"))
        .stdout(predicate::str::contains("  3. ").not())
        .stderr(predicate::str::contains("of 55 events match"));
}

#[test]
fn json_lists_hits_with_highlights() {
    let out = search()
        .args(["横田めぐみ", "--json", "--limit", "0"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(v["total"].as_u64().unwrap() as usize, hits.len());
    assert!(hits.iter().any(|h| h["id"] == "yokota-abduction"));
    let first = &hits[0];
    assert!(
        first["matched"]
            .as_array()
            .unwrap()
            .contains(&"actor".into())
    );
    let light = &first["highlights"][0];
    assert_eq!(light["text"], "横田めぐみ");
    assert_eq!(light["ranges"][0]["start"], 0);
    assert_eq!(light["ranges"][0]["end"], "横田めぐみ".len());
}

#[test]
fn limit_caps_the_hits_shown() {
    let out = search()
        .args(["a", "--json", "--limit", "3"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 3);
    assert!(v["total"].as_u64().unwrap() > 3);
}

#[test]
fn no_hit_exits_1_and_a_bad_filter_exits_2_with_a_caret() {
    search().arg("zzzqqqxxx").assert().code(1);
    search()
        .arg("year:2004..2002")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("starts after it ends"))
        .stderr(predicate::str::contains("     ^^^^^^^^^^"));
}

#[test]
fn timeline_order_is_chronological() {
    let out = search()
        .args(["koizumi", "--json", "--timeline", "--limit", "0"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dates: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap()[..4].to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(dates.len() >= 3);
}
