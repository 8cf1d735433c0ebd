//! Writing an export to a file atomically: a temporary file in the target's
//! folder, flushed and synced, then moved into place. An existing file is
//! kept unless the caller asked to replace it, a symlink is never followed,
//! and a failed write leaves nothing behind.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and replacing it was not asked for.
    #[error(
        "{0}: already exists; nothing was written\n  hint: pass --force to replace it, or choose another --out"
    )]
    Exists(PathBuf),
    /// The target is a directory.
    #[error(
        "{0}: is a directory; nothing was written\n  hint: give a file name, e.g. {0}/export.json"
    )]
    Directory(PathBuf),
    /// The target is a symbolic link (never followed, even with --force).
    #[error(
        "{0}: is a symbolic link; nothing was written (links are never followed)\n  hint: write to the link's target directly, or remove the link"
    )]
    Symlink(PathBuf),
    /// The target's folder does not exist.
    #[error("{0}: the folder does not exist; nothing was written\n  hint: create it first")]
    NoFolder(PathBuf),
    /// Any other I/O failure.
    #[error(
        "{path}: cannot write: {source}; nothing was written\n  hint: {}",
        hint(source)
    )]
    Io {
        /// The target.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// What to do about a failed write, by its cause.
fn hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::QuotaExceeded => {
            "the disk (or your quota) is full: free some space, or write to another disk"
        }
        K::FileTooLarge => {
            "the file is over a size limit (the file system's, or `ulimit -f`): raise it, or export fewer events with --from/--to"
        }
        K::PermissionDenied => "you may not write there: choose a folder you own",
        K::ReadOnlyFilesystem => "that disk is read-only: choose another folder",
        _ => "check the folder and the disk, then try again; any existing file is unchanged",
    }
}

/// Writes `bytes` to `path` atomically. Without `force`, an existing file is
/// refused (even one created while writing); with it, a regular file is
/// replaced. Directories and symlinks are always refused.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // A replaced file keeps its permissions; a new one gets 0666 less the
    // umask, like any file the user creates (not the temp file's 0600).
    let permissions = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Symlink(path.into())),
        Ok(m) if m.is_dir() => return Err(WriteError::Directory(path.into())),
        Ok(_) if !force => return Err(WriteError::Exists(path.into())),
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(WriteError::NoFolder(folder));
    }
    // The temporary file is deleted when dropped, so every early return below
    // leaves no partial file.
    let mut tmp = tempfile::Builder::new()
        .prefix(".chronoscope-")
        .suffix(".tmp")
        .permissions(new_file_permissions())
        .tempfile_in(&folder)
        .map_err(io)?;
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if force {
        // rename(2) replaces the directory entry: a symlink created meanwhile
        // is replaced, never followed.
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.into())
            } else {
                io(e.error)
            }
        })?;
    }
    Ok(())
}

/// Read and write for everyone, less the umask (applied when the file is
/// created). The crate is Unix-only (signals, termios).
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::Permissions::from_mode(0o666)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_file_is_written_and_existing_kept_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"one", false).unwrap();
        assert!(matches!(
            write_atomic(&p, b"two", false),
            Err(WriteError::Exists(_))
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }
}
