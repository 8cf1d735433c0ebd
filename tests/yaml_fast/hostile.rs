//! The hostile store tables of `tests/hostile_store.rs`, included for their
//! store texts only: the same `Case` builders, minus the filesystem and the
//! expectations (the fast reader is held to serde-saphyr, not to `check`).
//! The clean store and the `Content` kinds come from the same file as there.

#[path = "../fixtures/hostile/yaml_cases.rs"]
mod yaml_cases;

#[path = "../fixtures/hostile/text_cases.rs"]
mod text_cases;

#[path = "../fixtures/hostile/source_cases.rs"]
mod source_cases;

#[path = "../fixtures/hostile/base.rs"]
mod base;
pub use base::{BASE, Content, SOURCE, base_with};

pub fn permissions_are_bypassed() -> bool {
    false
}

pub struct Expect;

impl Expect {
    pub fn refused(_: &'static str, _: &[&'static str]) -> Self {
        Expect
    }
    pub fn findings(_: &'static str, _: &[&'static str], _: &'static str) -> Self {
        Expect
    }
    pub fn clean() -> Self {
        Expect
    }
    pub fn warning(_: &'static str, _: &[&'static str], _: &'static str) -> Self {
        Expect
    }
    pub fn in_file(self, _: &'static str) -> Self {
        self
    }
}

pub struct Case {
    pub name: &'static str,
    files: Vec<(&'static str, Content)>,
    store: &'static str,
}

impl Case {
    pub fn yaml(name: &'static str, yaml: String, _: Expect) -> Self {
        let files = vec![("store.yaml", Content::Text(yaml))];
        Case {
            name,
            files,
            store: "store.yaml",
        }
    }
    pub fn bytes(name: &'static str, bytes: Vec<u8>, _: Expect) -> Self {
        let files = vec![("store.yaml", Content::Bytes(bytes))];
        Case {
            name,
            files,
            store: "store.yaml",
        }
    }
    pub fn with(mut self, path: &'static str, content: Content) -> Self {
        self.files.retain(|(p, _)| *p != path);
        self.files.push((path, content));
        self
    }
    pub fn named(mut self, store: &'static str) -> Self {
        for f in &mut self.files {
            if f.0 == self.store {
                f.0 = store;
            }
        }
        self.store = store;
        self
    }
}

/// Every hostile store text (UTF-8 ones; the loader refuses the others
/// before YAML), with its case name.
pub fn stores() -> Vec<(&'static str, String)> {
    let cases = [
        yaml_cases::structure(),
        yaml_cases::encodings_and_sizes(),
        text_cases::dates(),
        text_cases::hazards(),
        source_cases::paths(),
    ];
    let mut out = Vec::new();
    for case in cases.into_iter().flatten() {
        let store = case.files.into_iter().find(|(p, _)| *p == case.store);
        let text = match store {
            Some((_, Content::Text(t))) => t,
            Some((_, Content::Bytes(b))) => match String::from_utf8(b) {
                Ok(t) => t,
                Err(_) => continue,
            },
            _ => continue,
        };
        out.push((case.name, text));
    }
    out
}
