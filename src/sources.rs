//! Reading archived source texts, confined to the store's folder.
//!
//! On disk, a source path must be relative, must not climb out with `..`,
//! must not resolve (through symlinks) outside the store's folder, and must
//! be a regular UTF-8 file no larger than [`MAX_SOURCE_BYTES`]. The embedded
//! store reads from the files compiled into the binary, under the same rules.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Largest source text accepted (16 MiB).
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The embedded default store (`events.yaml` at the crate root).
pub const EMBEDDED_STORE: &str = include_str!("../events.yaml");

/// Why a source text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceProblem {
    /// No path given (empty, or only `.`).
    Empty,
    /// Absolute paths are refused.
    Absolute,
    /// `..` components are refused.
    ClimbsOut,
    /// The path resolves (through a symlink) outside the store's folder.
    EscapesFolder,
    /// No such file.
    Missing,
    /// A directory, FIFO, device or socket.
    NotRegular,
    /// Larger than the cap.
    TooLarge(u64),
    /// Not UTF-8.
    NotUtf8,
    /// Another I/O error (permissions, …).
    Unreadable(String),
}

impl std::fmt::Display for SourceProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceProblem::Empty => f.write_str("is empty; give the path of the archived text, relative to the store file"),
            SourceProblem::Absolute => f.write_str("is absolute; give a path relative to the store file, under its folder"),
            SourceProblem::ClimbsOut => f.write_str("climbs out of the store's folder with `..`; keep source texts under the store's folder (e.g. assets/sources/)"),
            SourceProblem::EscapesFolder => f.write_str("resolves outside the store's folder (through a symlink); copy the text into the store's folder"),
            SourceProblem::Missing => f.write_str("does not exist; archive the source text at that path"),
            SourceProblem::NotRegular => f.write_str("is not a regular file (a directory, FIFO or device); point it at a text file"),
            SourceProblem::TooLarge(n) => write!(f, "is {n} bytes, over the {MAX_SOURCE_BYTES}-byte cap (max_source_bytes); archive only the article's text"),
            SourceProblem::NotUtf8 => f.write_str("is not valid UTF-8; save the text as UTF-8"),
            SourceProblem::Unreadable(e) => write!(f, "cannot be read ({e}); check its permissions"),
        }
    }
}

/// Lexical checks shared by both resolvers; returns the normalised relative path.
fn lexical(rel: &str) -> Result<PathBuf, SourceProblem> {
    let p = Path::new(rel);
    if p.is_absolute() || rel.starts_with('/') || rel.starts_with('\\') {
        return Err(SourceProblem::Absolute);
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            Component::ParentDir => return Err(SourceProblem::ClimbsOut),
            Component::RootDir | Component::Prefix(_) => return Err(SourceProblem::Absolute),
        }
    }
    if out.as_os_str().is_empty() {
        return Err(SourceProblem::Empty);
    }
    Ok(out)
}

/// Where source texts come from.
#[derive(Debug, Clone)]
pub enum Resolver {
    /// The files compiled into the binary.
    Embedded,
    /// A folder on disk (the store file's folder).
    Folder(PathBuf),
}

impl Resolver {
    /// Reads the source at `rel` (relative to the store file).
    pub fn read(&self, rel: &str) -> Result<String, SourceProblem> {
        let rel = lexical(rel)?;
        match self {
            Resolver::Embedded => {
                let key = rel.to_string_lossy().replace('\\', "/");
                let bytes = embedded::ASSETS
                    .iter()
                    .find(|(p, _)| *p == key)
                    .map(|(_, b)| *b)
                    .ok_or(SourceProblem::Missing)?;
                String::from_utf8(bytes.to_vec()).map_err(|_| SourceProblem::NotUtf8)
            }
            Resolver::Folder(root) => read_confined(root, &rel),
        }
    }
}

fn read_confined(root: &Path, rel: &Path) -> Result<String, SourceProblem> {
    let root = root
        .canonicalize()
        .map_err(|e| SourceProblem::Unreadable(e.to_string()))?;
    let full = root.join(rel);
    let meta = std::fs::symlink_metadata(&full).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SourceProblem::Missing,
        _ => SourceProblem::Unreadable(e.to_string()),
    })?;
    let real = full.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SourceProblem::Missing,
        _ => SourceProblem::Unreadable(e.to_string()),
    })?;
    if !real.starts_with(&root) {
        return Err(SourceProblem::EscapesFolder);
    }
    let meta = if meta.file_type().is_symlink() {
        std::fs::metadata(&real).map_err(|e| SourceProblem::Unreadable(e.to_string()))?
    } else {
        meta
    };
    if !meta.is_file() {
        return Err(SourceProblem::NotRegular);
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(&real).map_err(|e| SourceProblem::Unreadable(e.to_string()))?;
    // Check again what was actually opened: the path may have been swapped
    // since it was looked at (a FIFO opened here would already have blocked,
    // but a directory or device would be caught now).
    let opened = file
        .metadata()
        .map_err(|e| SourceProblem::Unreadable(e.to_string()))?;
    if !opened.is_file() {
        return Err(SourceProblem::NotRegular);
    }
    if opened.len() > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge(opened.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size was checked, but read through a limit anyway (the file may grow).
    file.take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceProblem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceProblem::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|_| SourceProblem::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_rules_refuse_escapes() {
        assert_eq!(lexical("/etc/passwd"), Err(SourceProblem::Absolute));
        assert_eq!(lexical("assets/../../x"), Err(SourceProblem::ClimbsOut));
        assert_eq!(
            lexical("./assets/sources/a.txt").unwrap(),
            PathBuf::from("assets/sources/a.txt")
        );
        assert_eq!(lexical(""), Err(SourceProblem::Empty));
        assert_eq!(lexical("./."), Err(SourceProblem::Empty));
        assert_eq!(lexical("a/./../b"), Err(SourceProblem::ClimbsOut));
    }
}
