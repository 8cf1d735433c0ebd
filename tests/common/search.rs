//! `chronoscope search --json --limit 0` as a list of hit ids.

use assert_cmd::Command;

/// The ids `chronoscope search QUERY` ranks, best first, over the built-in store.
pub fn cli_hit_ids(query: &str) -> Vec<String> {
    let out = Command::cargo_bin("chronoscope")
        .unwrap()
        .args(["search", query, "--json", "--limit", "0"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}
