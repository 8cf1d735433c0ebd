//! Errors that stop a store from loading at all (exit code 2).
//!
//! Problems inside a store that loads are not errors but [`crate::finding::Finding`]s.

use std::path::PathBuf;

use crate::sanitize::for_terminal_path as shown;

/// Where in a file something is: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct Pos {
    /// 1-based line; 0 when unknown.
    pub line: u64,
    /// 1-based column (in characters); 0 when unknown.
    pub col: u64,
}

/// Why a store could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The store file could not be read.
    #[error("{}: error: cannot read the store: {}\n  hint: check the path and its permissions", shown(path), crate::sanitize::for_terminal(&source.to_string()))]
    Io {
        /// The store file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The store file is larger than the loader accepts.
    #[error(
        "{}:1:1: error: the store is {size} bytes, over the {cap}-byte cap (max_store_bytes)\n  hint: split the store, or check that this is the right file",
        shown(path)
    )]
    TooLarge {
        /// The store file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The cap.
        cap: u64,
    },
    /// The store file is not UTF-8.
    #[error(
        "{}:{}:{}: error: the store is not valid UTF-8 (byte 0x{byte:02x}{})\n  hint: save the file as UTF-8",
        shown(path), pos.line, pos.col, encoding_guess(*byte, *pos)
    )]
    NotUtf8 {
        /// The store file.
        path: PathBuf,
        /// Where the first bad byte is.
        pos: Pos,
        /// The first bad byte.
        byte: u8,
    },
    /// The file is empty or holds no mapping.
    #[error(
        "{}:1:1: error: the store is empty\n  hint: a store needs at least `title:`; see README.md, \"The store format\"",
        shown(path)
    )]
    Empty {
        /// The store file.
        path: PathBuf,
    },
    /// The YAML is malformed or does not match the store format.
    #[error("{}:{}:{}: error: {message}\n{snippet}  hint: {hint}", shown(path), pos.line, pos.col)]
    Yaml {
        /// The store file.
        path: PathBuf,
        /// Where the problem is.
        pos: Pos,
        /// What the parser said.
        message: String,
        /// The offending line with a caret, already sanitised.
        snippet: String,
        /// What to do about it.
        hint: String,
    },
    /// One value is longer than any real title, quote or note.
    #[error(
        "{}:{}:{}: error: this `{key}` value is {size} bytes, over the {cap}-byte cap for one value (max_scalar_bytes)\n  hint: shorten it; archive long texts as source files under the store's folder",
        shown(path), pos.line, pos.col
    )]
    ValueTooLarge {
        /// The store file.
        path: PathBuf,
        /// Where the value starts.
        pos: Pos,
        /// Its key.
        key: &'static str,
        /// Its length in bytes.
        size: usize,
        /// The cap.
        cap: usize,
    },
}

/// Names the likely encoding when a file starts with a UTF-16/32 byte-order mark.
fn encoding_guess(byte: u8, pos: Pos) -> &'static str {
    match (byte, pos) {
        (0xff | 0xfe, Pos { line: 1, col: 1 }) => "; it looks like UTF-16 with a byte-order mark",
        _ => "",
    }
}

impl LoadError {
    /// The file, line and column the error points at.
    pub fn position(&self) -> (PathBuf, Pos) {
        match self {
            LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Empty { path } => (path.clone(), Pos { line: 1, col: 1 }),
            LoadError::NotUtf8 { path, pos, .. }
            | LoadError::Yaml { path, pos, .. }
            | LoadError::ValueTooLarge { path, pos, .. } => (path.clone(), *pos),
        }
    }
}
