//! Safe YAML reading for store files: size caps, UTF-8, and parser budgets
//! sized for a million-event store but closed to alias bombs, merge keys,
//! deep nesting and custom tags.

use std::io::Read;
use std::path::Path;

use crate::error::{LoadError, Pos};
use crate::model::{StoreFile, Text};

mod explain;
mod fast;
mod sink;
pub(crate) mod stream;
mod visit;

pub(crate) use sink::{Events, HeadIds};
pub use visit::visit_fields;
pub(crate) use visit::{visit_event, visit_head};

use explain::{explain_limit, hint_for};

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
/// Most bytes of text that aliases may add to a store's values, beyond the
/// file's own size: 16 MiB. Without it, a 1 MB file whose aliases repeat
/// anchored lists of long values expanded to about 1 GiB of text.
pub const MAX_ALIAS_EXPANDED_BYTES: usize = 16 * 1024 * 1024;

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

/// Parser options for a store of `text_len` bytes (public so the open
/// benchmark can time variants of them on the same data). The parser counts
/// every value's bytes, those replayed through aliases included, against
/// `max_total_scalar_bytes`; the file's own values never add up to more than
/// its size, so the cap over that is what aliases may add.
pub fn options(text_len: usize) -> serde_saphyr::Options {
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
            max_total_scalar_bytes: expanded_cap(text_len),
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

/// The most bytes of values a store of `text_len` bytes may expand to.
fn expanded_cap(text_len: usize) -> usize {
    text_len.saturating_add(MAX_ALIAS_EXPANDED_BYTES)
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
    not_empty(text, path)?;
    if let Some(raw) = fast::parse(text) {
        return longest_value_within_cap(raw, path);
    }
    saphyr_worded(text, path).and_then(|raw| longest_value_within_cap(raw, path))
}

/// [`parse`], each event given to `sink` as soon as it is read (on the
/// thread that read it) rather than kept: the file returned has no events.
/// A value over [`MAX_SCALAR_BYTES`] outside the events is refused here;
/// one in an event is the sink's to notice.
pub(crate) fn parse_events<S: Events>(
    text: &str,
    path: &Path,
    sink: &S,
) -> Result<(StoreFile, S::Out), LoadError> {
    not_empty(text, path)?;
    let (raw, out) = match fast::parse_with(text, fast::cores(), sink) {
        Some(read) => read,
        None => {
            let mut raw = saphyr_worded(text, path)?;
            let out = sink::drain(sink, &mut raw);
            (raw, out)
        }
    };
    Ok((longest_value_within_cap(raw, path)?, out))
}

/// Refuses a text with nothing but blank lines, comments and `---`.
fn not_empty(text: &str, path: &Path) -> Result<(), LoadError> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---")
    {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// serde-saphyr, its errors worded for researchers.
fn saphyr_worded(text: &str, path: &Path) -> Result<StoreFile, LoadError> {
    saphyr_parse(text).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos {
                line: l.line(),
                col: l.column(),
            })
            .filter(|p| p.line > 0)
            .unwrap_or(Pos { line: 1, col: 1 });
        let (message, hint) = explain_limit(&e, text.len()).unwrap_or_else(|| {
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
}

/// The fast reader alone (for tests and benchmarks): the store, or `None`
/// when it declines the text. When it returns a store, it is the one
/// [`saphyr_parse`] returns.
#[doc(hidden)]
pub fn fast_parse(text: &str) -> Option<StoreFile> {
    fast::parse(text)
}

/// [`fast_parse`] with the events read on at most `threads` threads.
#[doc(hidden)]
pub fn fast_parse_on(text: &str, threads: usize) -> Option<StoreFile> {
    fast::parse_on(text, threads)
}

/// The store at `path` read in pieces of about `piece` bytes of events
/// (for tests): the file, the hash of its text and the longest piece of
/// text held; `None` when it is not read so (then the loader reads it
/// whole). When it returns a file, it is the one [`parse`] returns.
#[doc(hidden)]
pub fn read_in_pieces(path: &Path, piece: usize) -> Option<(StoreFile, [u8; 32], usize)> {
    let read = stream::read(path, &sink::Collect, piece)?;
    let mut raw = read.head;
    raw.events = read.events;
    Some((raw, read.hash, read.largest))
}

/// serde-saphyr alone, with the store's [`options`] (for tests and
/// benchmarks; [`parse`] adds the checks and the wording of errors).
#[doc(hidden)]
pub fn saphyr_parse(text: &str) -> Result<StoreFile, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<StoreFile>(text, options(text.len()))
}

/// Refuses a store with one value longer than [`MAX_SCALAR_BYTES`]: such a
/// value is never a real title, quote or note, and would make every screen
/// that shows it slow.
pub(crate) fn longest_value_within_cap(
    raw: StoreFile,
    path: &Path,
) -> Result<StoreFile, LoadError> {
    let mut too_long: Option<(&'static str, &Text)> = None;
    visit_fields(&raw, &mut |key, t| {
        if too_long.is_none() && t.value.len() > MAX_SCALAR_BYTES {
            too_long = Some((key, t));
        }
    });
    match too_long {
        None => Ok(raw),
        Some((key, t)) => Err(value_too_large(
            path,
            key,
            crate::store::pos(t),
            t.value.len(),
        )),
    }
}

/// The error for a value over [`MAX_SCALAR_BYTES`].
pub(crate) fn value_too_large(path: &Path, key: &'static str, pos: Pos, size: usize) -> LoadError {
    LoadError::ValueTooLarge {
        path: path.to_path_buf(),
        pos,
        key,
        size,
        cap: MAX_SCALAR_BYTES,
    }
}
