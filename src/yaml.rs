//! Safe YAML reading for store files: size caps, UTF-8, and parser budgets
//! sized for a million-event store but closed to alias bombs, merge keys,
//! deep nesting and custom tags.

use std::io::Read;
use std::path::Path;

use crate::error::{LoadError, Pos};
use crate::model::StoreFile;

/// Largest store file accepted: 1 GiB (a million events is about 700 MB).
pub const MAX_STORE_BYTES: u64 = 1024 * 1024 * 1024;
/// Deepest nesting of collections accepted.
pub const MAX_DEPTH: usize = 32;
/// Most aliases (`*name`) accepted in a store.
pub const MAX_ALIASES: usize = 1_000;
/// Most parser events (scalars, collection starts/ends) accepted.
pub const MAX_EVENTS: usize = 200_000_000;

/// Reads a store file with the size cap; returns UTF-8 text without a BOM.
pub fn read_store_file(path: &Path) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(io(std::io::Error::other("not a regular file")));
    }
    if meta.len() > MAX_STORE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            cap: MAX_STORE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_STORE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_STORE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            cap: MAX_STORE_BYTES,
        });
    }
    decode(bytes, path)
}

/// Checks UTF-8 (naming the first bad byte's line and column) and strips a BOM.
pub fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, LoadError> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, col) = crate::quote::line_col(prefix, prefix.len());
            Err(LoadError::NotUtf8 {
                path: path.to_path_buf(),
                pos: Pos { line, col },
                byte: bytes[valid],
            })
        }
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_STORE_BYTES as usize),
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_depth: MAX_DEPTH,
            max_documents: 1,
            max_nodes: MAX_EVENTS,
            max_total_scalar_bytes: MAX_STORE_BYTES as usize,
            max_merge_keys: 0,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 100,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    }
}

fn hint_for(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("unknown field") {
        "remove the key or correct its spelling (the message lists the keys allowed here)"
    } else if m.contains("missing field") {
        "add the missing key; see README.md, \"The store format\""
    } else if m.contains("duplicate") {
        "each key may appear only once in a mapping; merge or remove the repeated key"
    } else if m.contains("null") {
        "give a value, or remove the key to leave it unset (null is not a string)"
    } else if m.contains("budget")
        || m.contains("limit")
        || m.contains("alias")
        || m.contains("depth")
    {
        "the store exceeds a safety limit (see SECURITY.md); remove aliases/anchors and deep nesting"
    } else if m.contains("merge") {
        "merge keys (`<<`) are not allowed in a store; write the keys out"
    } else if m.contains("tag") {
        "custom YAML tags (`!name`) are not allowed in a store; remove the tag"
    } else if m.contains("multiple documents") || m.contains("document") {
        "a store is one YAML document; remove the `---` separators or split the file"
    } else if m.contains("bool") {
        "use `true` or `false` (YAML 1.1 forms like yes/no/on/off are not booleans here)"
    } else {
        "fix the YAML at this position; see README.md, \"The store format\""
    }
}

fn snippet(text: &str, pos: Pos) -> String {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1) as usize) else {
        return String::new();
    };
    let shown: String = line.chars().take(160).collect();
    let shown = crate::sanitize::for_terminal(&shown);
    let caret_col = pos.col.saturating_sub(1).min(160) as usize;
    let pad: String = shown
        .chars()
        .take(caret_col)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!("  {:>5} | {shown}\n        | {pad}^\n", pos.line)
}

/// Rewrites the parser's developer-facing wording for researchers and drops
/// the trailing "at line L, column C" (the position is printed up front).
fn plain_message(raw: &str) -> String {
    let mut m = raw.trim().to_string();
    if let Some(i) = m.rfind(" at line ") {
        m.truncate(i);
    }
    if let Some(rest) = m.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("duplicate key `{key}`");
    }
    if m.starts_with("cannot deserialize null into string") {
        return "null where a string is expected".to_string();
    }
    m.replace("; use Option<String>", "")
}

/// Parses store YAML; every failure names the file, line and column.
pub fn parse(text: &str, path: &Path) -> Result<StoreFile, LoadError> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
    {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    serde_saphyr::from_str_with_options::<StoreFile>(text, options()).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos {
                line: l.line(),
                col: l.column(),
            })
            .filter(|p| p.line > 0)
            .unwrap_or(Pos { line: 1, col: 1 });
        let message = plain_message(&crate::sanitize::for_terminal(&e.to_string()));
        LoadError::Yaml {
            path: path.to_path_buf(),
            pos,
            snippet: snippet(text, pos),
            hint: hint_for(&message).to_string(),
            message,
        }
    })
}
