//! Helpers shared by the article-workflow tests (`claims_cli`, `source_add_refusals`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn bin() -> Command {
    Command::cargo_bin("chronoscope").expect("binary")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/claims")
        .join(name)
}

/// A fresh working copy of the built-in store.
pub fn working_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    bin().arg("init").arg(dir.path().join("w")).assert().code(0);
    let store = dir.path().join("w/events.yaml");
    (dir, store)
}

pub fn files_under(p: &Path) -> Vec<PathBuf> {
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
