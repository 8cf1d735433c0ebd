//! Safe YAML reading for store files: size caps, UTF-8, and parser budgets
//! sized for a million-event store but closed to alias bombs, merge keys,
//! deep nesting and custom tags.

use std::io::Read;
use std::path::Path;

use crate::error::{LoadError, Pos};
use crate::model::{StoreFile, Text};

/// Largest store file accepted: 1 GiB (a million events is about 700 MB).
pub const MAX_STORE_BYTES: u64 = 1024 * 1024 * 1024;
/// Deepest nesting of collections accepted.
pub const MAX_DEPTH: usize = 32;
/// Most aliases (`*name`) accepted in a store.
pub const MAX_ALIASES: usize = 1_000;
/// Most parser events (scalars, collection starts/ends) accepted.
pub const MAX_EVENTS: usize = 200_000_000;
/// Longest single value (title, summary, quote, …) accepted: 1 MiB.
pub const MAX_SCALAR_BYTES: usize = 1024 * 1024;
/// Most parser events replayed through aliases, over the whole store.
pub const MAX_ALIAS_REPLAY: usize = 100_000;
/// Most times one anchor may be used through aliases.
pub const MAX_EXPANSIONS_PER_ANCHOR: usize = 100;
/// Documents accepted in one store file (`---` separates documents).
pub const MAX_DOCUMENTS: usize = 1;

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
            flow_nesting_limit: MAX_DEPTH,
            max_documents: MAX_DOCUMENTS,
            max_nodes: MAX_EVENTS,
            max_total_scalar_bytes: MAX_STORE_BYTES as usize,
            max_merge_keys: 0,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: MAX_EXPANSIONS_PER_ANCHOR,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
        strict_booleans: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    }
}

const SEE_SECURITY: &str = "see SECURITY.md, \"Limits\"";

/// A researcher-facing message and hint for the parser's safety-limit errors,
/// naming the limit and its number; `None` for ordinary YAML/format errors.
fn explain_limit(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::budget::BudgetBreach as B;
    let (what, hint) = match e {
        serde_saphyr::Error::Budget { breach, .. } => match breach {
            B::Documents { .. } => (
                format!("the file holds more than {MAX_DOCUMENTS} YAML document (a `---` separator starts a second one) (max_documents)"),
                "a store is one YAML document; remove the `---` separator or split the file into several stores".to_string(),
            ),
            B::Aliases { aliases } => (
                format!("the store uses {aliases} aliases (`*name`), over the cap of {MAX_ALIASES} (max_aliases)"),
                format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
            ),
            B::Anchors { anchors } => (
                format!("the store defines {anchors} anchors (`&name`), over the cap of {MAX_ALIASES} (max_anchors)"),
                format!("remove the anchors; {SEE_SECURITY}"),
            ),
            B::AliasAnchorRatio { aliases, anchors } => (
                format!("the store uses {aliases} aliases for {anchors} anchors, which looks like an alias bomb (alias_anchor_ratio)"),
                format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
            ),
            B::Depth { depth } => (
                format!("collections are nested {depth} levels deep, over the cap of {MAX_DEPTH} (max_depth)"),
                format!("a store needs only a few levels; remove the extra nesting; {SEE_SECURITY}"),
            ),
            B::Events { events } => (
                format!("the store has {events} YAML parser events, over the cap of {MAX_EVENTS} (max_events)"),
                format!("split the store; {SEE_SECURITY}"),
            ),
            B::Nodes { nodes } => (
                format!("the store has {nodes} YAML nodes, over the cap of {MAX_EVENTS} (max_nodes)"),
                format!("split the store; {SEE_SECURITY}"),
            ),
            B::ScalarBytes { total_scalar_bytes } => (
                format!("the store's values add up to {total_scalar_bytes} bytes, over the cap of {MAX_STORE_BYTES} (max_total_scalar_bytes)"),
                format!("split the store; {SEE_SECURITY}"),
            ),
            B::MergeKeys { .. } => (
                "merge keys (`<<`) are not allowed in a store (max_merge_keys = 0)".to_string(),
                "write the keys out instead of merging them in".to_string(),
            ),
            other => (
                format!("the store breaks a parser safety limit ({other:?})"),
                SEE_SECURITY.to_string(),
            ),
        },
        serde_saphyr::Error::AliasExpansionLimitExceeded { expansions, .. } => (
            format!("one anchor is used {expansions} times through aliases, over the cap of {MAX_EXPANSIONS_PER_ANCHOR} (max_alias_expansions_per_anchor)"),
            format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
        ),
        serde_saphyr::Error::AliasReplayLimitExceeded { total_replayed_events, .. } => (
            format!("aliases expand to {total_replayed_events} parser events, over the cap of {MAX_ALIAS_REPLAY} (max_total_replayed_events): an alias bomb"),
            format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
        ),
        serde_saphyr::Error::AliasReplayStackDepthExceeded { depth, max_depth, .. } => (
            format!("aliases nest {depth} deep, over the cap of {max_depth} (max_replay_stack_depth): an alias bomb"),
            format!("write the values out instead of repeating them through aliases; {SEE_SECURITY}"),
        ),
        serde_saphyr::Error::MergeKeyNotAllowed { .. } => (
            "merge keys (`<<`) are not allowed in a store".to_string(),
            "write the keys out instead of merging them in".to_string(),
        ),
        serde_saphyr::Error::NullIntoString { .. } => (
            "this value is empty or null (`~`, `null`), but text is required here".to_string(),
            "give a value in quotes, or remove the key if it is optional".to_string(),
        ),
        _ if e.to_string().contains("recursion limit exceeded") => (
            format!("collections are nested deeper than the cap of {MAX_DEPTH} levels (max_depth)"),
            format!("a store needs only a few levels; remove the extra nesting; {SEE_SECURITY}"),
        ),
        _ => return None,
    };
    Some((what, hint))
}

fn hint_for(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("unknown field") {
        "remove the key or correct its spelling (the message lists the keys allowed here)"
    } else if m.contains("missing field") {
        "add the missing key; see README.md, \"The store format\""
    } else if m.contains("duplicate") {
        "each key may appear only once in a mapping; merge or remove the repeated key"
    } else if m.contains("tag") {
        "custom YAML tags (`!name`) are not allowed in a store; remove the tag"
    } else if m.contains("bool") {
        "use `true` or `false` (YAML 1.1 forms like yes/no/on/off are not booleans here)"
    } else if m.contains("expected mapping") {
        "a store (and each source, actor, place, era and event) is a mapping of `key: value` lines; see README.md, \"The store format\""
    } else {
        "fix the YAML at this position; see README.md, \"The store format\""
    }
}

fn snippet(text: &str, pos: Pos) -> String {
    let Some(line) = text.lines().nth(pos.line.saturating_sub(1) as usize) else {
        return String::new();
    };
    // The column counts characters; the caret needs a byte offset.
    let at = line
        .char_indices()
        .nth(pos.col.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let end = line[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    crate::text::caret(None, pos.line as usize, line, at..end)
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
    serde_saphyr::from_str_with_options::<StoreFile>(text, options())
        .map_err(|e| {
            let pos = e
                .location()
                .map(|l| Pos {
                    line: l.line(),
                    col: l.column(),
                })
                .filter(|p| p.line > 0)
                .unwrap_or(Pos { line: 1, col: 1 });
            let (message, hint) = explain_limit(&e).unwrap_or_else(|| {
                let message = plain_message(&e.to_string());
                let hint = hint_for(&message).to_string();
                (message, hint)
            });
            LoadError::Yaml {
                path: path.to_path_buf(),
                pos,
                snippet: snippet(text, pos),
                hint,
                message: crate::sanitize::for_terminal(&message).into_owned(),
            }
        })
        .and_then(|raw| longest_value_within_cap(raw, path))
}

/// Refuses a store with one value longer than [`MAX_SCALAR_BYTES`]: such a
/// value is never a real title, quote or note, and would make every screen
/// that shows it slow.
fn longest_value_within_cap(raw: StoreFile, path: &Path) -> Result<StoreFile, LoadError> {
    let mut too_long: Option<(&'static str, &Text)> = None;
    visit_fields(&raw, &mut |key, t| {
        if too_long.is_none() && t.value.len() > MAX_SCALAR_BYTES {
            too_long = Some((key, t));
        }
    });
    let err = too_long.map(|(key, t)| LoadError::ValueTooLarge {
        path: path.to_path_buf(),
        pos: crate::store::pos(t),
        key,
        size: t.value.len(),
        cap: MAX_SCALAR_BYTES,
    });
    match err {
        None => Ok(raw),
        Some(e) => Err(e),
    }
}

/// Calls `f` with every text value of a store file and its key, section by
/// section, without collecting them (a million-event store has ~10^7).
pub fn visit_fields<'a>(raw: &'a StoreFile, f: &mut dyn FnMut(&'static str, &'a Text)) {
    fn opt<'a>(k: &'static str, o: &'a Option<Text>, f: &mut dyn FnMut(&'static str, &'a Text)) {
        if let Some(t) = o {
            f(k, t);
        }
    }
    f("title", &raw.title);
    opt("description", &raw.description, f);
    for s in &raw.sources {
        for (k, t) in [
            ("id", &s.id),
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("published", &s.published),
            ("text", &s.text),
        ] {
            f(k, t);
        }
        for (k, o) in [
            ("dated_by", &s.dated_by),
            ("author", &s.author),
            ("url", &s.url),
            ("language", &s.language),
        ] {
            opt(k, o, f);
        }
    }
    for n in raw.actors.iter().chain(&raw.places) {
        f("id", &n.id);
        f("name", &n.name);
        n.aliases.iter().for_each(|t| f("aliases", t));
        opt("note", &n.note, f);
    }
    for e in &raw.eras {
        for (k, t) in [("id", &e.id), ("name", &e.name), ("date", &e.date)] {
            f(k, t);
        }
        opt("lane", &e.lane, f);
        opt("note", &e.note, f);
    }
    for e in &raw.events {
        for (k, t) in [("id", &e.id), ("date", &e.date), ("title", &e.title)] {
            f(k, t);
        }
        for (k, o) in [
            ("summary", &e.summary),
            ("place", &e.place),
            ("lane", &e.lane),
            ("note", &e.note),
        ] {
            opt(k, o, f);
        }
        for (k, list) in [
            ("actors", &e.actors),
            ("tags", &e.tags),
            ("related", &e.related),
        ] {
            list.iter().for_each(|t| f(k, t));
        }
        for x in &e.excerpts {
            f("source", &x.source);
            f("quote", &x.quote);
            opt("prefix", &x.prefix, f);
            opt("suffix", &x.suffix, f);
        }
        for d in &e.discrepancies {
            for (k, t) in [
                ("source", &d.source),
                ("says", &d.says),
                ("record", &d.record),
                ("basis", &d.basis),
            ] {
                f(k, t);
            }
            opt("quote", &d.quote, f);
        }
    }
}
