//! Errors that stop a store from loading at all (exit code 2).
//!
//! Problems inside a store that loads are not errors but [`crate::finding::Finding`]s.

use std::path::PathBuf;

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
    #[error("{path}: cannot read the store: {source}\n  hint: check the path and its permissions")]
    Io {
        /// The store file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The store file is larger than the loader accepts.
    #[error(
        "{path}: the store is {size} bytes, over the {cap}-byte cap (max_store_bytes)\n  hint: split the store, or check that this is the right file"
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
        "{path}:{}:{}: error: the store is not valid UTF-8 (byte 0x{byte:02x})\n  hint: save the file as UTF-8",
        pos.line, pos.col
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
        "{path}:1:1: error: the store is empty\n  hint: a store needs at least `title:`; see README.md, \"The store format\""
    )]
    Empty {
        /// The store file.
        path: PathBuf,
    },
    /// The YAML is malformed or does not match the store format.
    #[error("{path}:{}:{}: error: {message}\n{snippet}  hint: {hint}", pos.line, pos.col)]
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
}

impl LoadError {
    /// The file, line and column the error points at.
    pub fn position(&self) -> (PathBuf, Pos) {
        match self {
            LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Empty { path } => (path.clone(), Pos { line: 1, col: 1 }),
            LoadError::NotUtf8 { path, pos, .. } | LoadError::Yaml { path, pos, .. } => {
                (path.clone(), *pos)
            }
        }
    }
}
