//! `--query` on `list` and `export`: exactly the filtered view, in chronological order.

use assert_cmd::Command;
use predicates::prelude::*;

fn run(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("chronoscope")
        .expect("binary")
        .env("NO_COLOR", "1")
        .args(args)
        .assert()
}

fn ids(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .map(str::to_string)
        .collect()
}

#[test]
fn list_query_keeps_exactly_the_matching_events_in_chronological_order() {
    let out = run(&["list", "--query", "tag:abduction year:2002..2004"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        ids(&out),
        [
            "nk-admits-13-abductions",
            "return-of-five-abductees",
            "five-to-stay-in-japan",
            "megumi-remains-dna"
        ]
    );
}

#[test]
fn query_and_date_range_combine() {
    let out = run(&["list", "-q", "has:discrepancy", "--from", "2023-05"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(ids(&out), ["icbm-2023-07-12"]);
}

#[test]
fn export_query_exports_only_the_filtered_view() {
    let out = run(&["export", "--format", "json", "--query", "has:discrepancy"])
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let exported: Vec<&str> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(
        exported,
        [
            "koizumi-pyongyang-2004",
            "trilateral-drills",
            "icbm-2023-07-12"
        ]
    );
}

#[test]
fn a_bad_query_is_an_error_naming_the_bad_part() {
    run(&["list", "--query", "year:abc"])
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("bad --query").and(predicate::str::contains("(at `abc`)")),
        );
}
