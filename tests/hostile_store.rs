//! Hostile stores through the real binary: every case is a store (and, when
//! needed, source files) written into a fresh folder, checked with
//! `chronoscope check --store …` under a timeout, and held to its exact
//! outcome: exit code, `file:line:col`, the key words of the message, the
//! `[rule]` for findings, and no raw ESC byte anywhere in the output.
//!
//! The case tables live in `tests/fixtures/hostile/` (one file per kind of
//! attack); `SECURITY.md` says which guarantee each table proves.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[path = "fixtures/hostile/yaml_cases.rs"]
mod yaml_cases;

#[path = "fixtures/hostile/text_cases.rs"]
mod text_cases;

#[path = "fixtures/hostile/source_cases.rs"]
mod source_cases;

#[path = "fixtures/hostile/base.rs"]
mod base;
pub use base::{BASE, Content, SOURCE, base_with};

/// What `check` must do.
pub struct Expect {
    /// Exit code: 0 clean, 1 findings, 2 cannot load.
    pub code: i32,
    /// Which file the diagnostic names: `None` = the store as passed on the
    /// command line; `Some(p)` = exactly `p`.
    pub file: Option<&'static str>,
    /// `:line:col:` right after the file name (empty: no diagnostic line expected).
    pub at: &'static str,
    /// Words the same line must contain.
    pub words: Vec<&'static str>,
    /// The `[rule]` that line must end with (findings only).
    pub rule: Option<&'static str>,
}

impl Expect {
    /// The store cannot be loaded (exit 2): error at `at` with `words`.
    pub fn refused(at: &'static str, words: &[&'static str]) -> Self {
        Expect {
            code: 2,
            file: None,
            at,
            words: words.to_vec(),
            rule: None,
        }
    }

    /// The store loads with an error finding of `rule` at `at` (exit 1).
    pub fn findings(at: &'static str, words: &[&'static str], rule: &'static str) -> Self {
        Expect {
            code: 1,
            file: None,
            at,
            words: words.to_vec(),
            rule: Some(rule),
        }
    }

    /// The store is clean (exit 0, no diagnostics at all).
    pub fn clean() -> Self {
        Expect {
            code: 0,
            file: None,
            at: "",
            words: vec!["0 error(s), 0 warning(s)"],
            rule: None,
        }
    }

    /// The store loads with only a warning of `rule` at `at` (exit 0).
    pub fn warning(at: &'static str, words: &[&'static str], rule: &'static str) -> Self {
        Expect {
            code: 0,
            file: None,
            at,
            words: words.to_vec(),
            rule: Some(rule),
        }
    }

    /// The finding is about another file than the store.
    pub fn in_file(mut self, file: &'static str) -> Self {
        self.file = Some(file);
        self
    }
}

/// One hostile store.
pub struct Case {
    /// What it attacks.
    pub name: &'static str,
    /// Files written into the store folder, in order; `store.yaml` is the store.
    pub files: Vec<(&'static str, Content)>,
    /// The store's file name inside the folder.
    pub store: &'static str,
    /// The outcome.
    pub expect: Expect,
}

impl Case {
    /// A case whose store is `yaml`, with the usual `src.txt` beside it.
    pub fn yaml(name: &'static str, yaml: String, expect: Expect) -> Self {
        Case {
            name,
            files: vec![
                ("src.txt", Content::Text(SOURCE.to_string())),
                ("store.yaml", Content::Text(yaml)),
            ],
            store: "store.yaml",
            expect,
        }
    }

    /// A case whose store file is these raw bytes.
    pub fn bytes(name: &'static str, bytes: Vec<u8>, expect: Expect) -> Self {
        let mut c = Case::yaml(name, String::new(), expect);
        c.files[1].1 = Content::Bytes(bytes);
        c
    }

    /// Adds (or replaces, by path) a file.
    pub fn with(mut self, path: &'static str, content: Content) -> Self {
        self.files.retain(|(p, _)| *p != path);
        self.files.push((path, content));
        self
    }

    /// Uses another file name for the store.
    pub fn named(mut self, store: &'static str) -> Self {
        let i = self.files.iter().position(|(p, _)| *p == "store.yaml");
        if let Some(i) = i {
            self.files[i].0 = store;
        }
        self.store = store;
        self
    }
}

fn materialise(root: &Path, files: Vec<(&'static str, Content)>) {
    for (rel, content) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        match content {
            Content::Text(s) => std::fs::write(&path, s).unwrap(),
            Content::Bytes(b) => std::fs::write(&path, b).unwrap(),
            Content::Sparse(n) => std::fs::File::create(&path).unwrap().set_len(n).unwrap(),
            Content::Fifo => {
                let ok = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .unwrap();
                assert!(ok.success(), "mkfifo failed");
            }
            Content::Dir => std::fs::create_dir_all(&path).unwrap(),
            Content::Symlink(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
            Content::Unreadable => {
                use std::os::unix::fs::PermissionsExt;
                std::fs::write(&path, SOURCE).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
            }
        }
    }
}

/// True when permissions do not stop this process from reading (root).
pub fn permissions_are_bypassed() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("probe");
    std::fs::write(&p, "x").unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(&p).is_ok()
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(case: Case) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    // A file just outside the store folder, for the cases that try to reach it.
    std::fs::write(
        tmp.path().join("outside.txt"),
        "a secret outside the folder\n",
    )
    .unwrap();
    let folder: PathBuf = tmp.path().join("store");
    std::fs::create_dir(&folder).unwrap();
    let store = folder.join(case.store);
    materialise(&folder, case.files);
    let started = Instant::now();
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .arg("check")
        .arg("--store")
        .arg(&store)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(20))
        .output()
        .map_err(|e| format!("did not finish: {e}"))?;
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = format!("{stdout}{stderr}");
    let show = || format!("exit {:?} after {took:?}\n{all}", out.status.code());
    let e = &case.expect;
    if out.status.code() != Some(e.code) {
        return Err(format!("expected exit {}, got {}", e.code, show()));
    }
    if out.stdout.contains(&0x1b) || out.stderr.contains(&0x1b) {
        return Err(format!("raw ESC byte in the output: {}", show()));
    }
    if all.contains("panicked") {
        return Err(format!("panic: {}", show()));
    }
    let file = match e.file {
        Some(f) => f.to_string(),
        None => chronoscope::sanitize::for_terminal(&store.display().to_string()).into_owned(),
    };
    let prefix = format!("{file}{}", e.at);
    let hit = all.lines().any(|l| {
        (e.at.is_empty() || l.starts_with(&prefix))
            && e.words.iter().all(|w| l.contains(w))
            && e.rule.is_none_or(|r| l.ends_with(&format!("[{r}]")))
    });
    if !hit {
        return Err(format!(
            "no line starting with {prefix:?} containing {:?} {}: {}",
            e.words,
            e.rule.map_or(String::new(), |r| format!("ending in [{r}]")),
            show()
        ));
    }
    if e.code == 0 && e.at.is_empty() && !stdout.trim().is_empty() {
        return Err(format!("a clean store printed findings: {}", show()));
    }
    Ok(())
}

/// Runs every case of a table and reports all failures together.
pub fn run_table(cases: Vec<Case>) {
    let total = cases.len();
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|c| {
            let name = c.name;
            run_case(c).err().map(|why| format!("── {name}: {why}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "hostile store cases failed ({} of {total}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The YAML layer: bombs, nesting, documents, tags, keys, nulls, booleans.
#[test]
fn yaml_structure_attacks_are_refused_with_their_position() {
    run_table(yaml_cases::structure());
}

/// Bytes that are not the UTF-8 YAML a store must be, and sizes over the caps.
#[test]
fn encodings_and_sizes_are_refused_with_the_cap_named() {
    run_table(yaml_cases::encodings_and_sizes());
}

/// Impossible, out-of-range, reversed and level-2 dates are flagged; BCE years load.
#[test]
fn dates_keep_their_true_precision_or_are_flagged() {
    run_table(text_cases::dates());
}

/// Control, escape, bidi and invisible characters in every kind of field.
#[test]
fn terminal_hazards_in_any_field_are_flagged_and_never_echoed_raw() {
    run_table(text_cases::hazards());
}

/// Source paths that leave the folder or are not plain, small UTF-8 files.
#[test]
fn source_paths_are_confined_to_the_store_folder() {
    run_table(source_cases::paths());
}

/// The runner must fail on a wrong expectation, or the tables prove nothing.
#[test]
#[should_panic(expected = "hostile store cases failed (1 of 1)")]
fn a_wrong_expectation_fails_the_table() {
    run_table(vec![Case::yaml(
        "clean store claimed to have a finding",
        BASE.to_string(),
        Expect::findings(":1:1:", &["nothing"], "text-safety"),
    )]);
}

/// Every table together holds at least the 40 cases the hardening issue asks for.
#[test]
fn the_tables_hold_at_least_forty_cases() {
    let n = yaml_cases::structure().len()
        + yaml_cases::encodings_and_sizes().len()
        + text_cases::dates().len()
        + text_cases::hazards().len()
        + source_cases::paths().len();
    assert!(n >= 40, "only {n} hostile cases");
}

/// Regression: the source-text cache was keyed by the path as spelled, so
/// `src.txt`, `./src.txt`, `.//src.txt`… each read and indexed the same file
/// again (a 20 KB store naming one 16 MiB source 200 ways held 200 copies).
/// The cache is now keyed by the canonical path.
#[test]
fn one_source_file_spelled_two_ways_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("src.txt"), SOURCE).unwrap();
    let second =
        "  - {id: s2, title: T, publisher: P, published: \"2014\", text: ./src.txt}\nactors:\n";
    let store = tmp.path().join("store.yaml");
    std::fs::write(&store, base_with("actors:\n", second)).unwrap();
    let loaded = chronoscope::store::Store::load_path(&store).unwrap();
    let [a, b] = [&loaded.store.sources[0].text, &loaded.store.sources[1].text]
        .map(|t| t.as_ref().expect("readable").clone());
    assert!(
        std::sync::Arc::ptr_eq(&a, &b),
        "the same file was read and indexed twice"
    );
}
