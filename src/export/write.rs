//! Writing an export to a file atomically: a temporary file in the target's
//! folder, flushed and synced, then moved into place. An existing file is
//! kept unless the caller asked to replace it; only a regular file is ever
//! replaced (a symlink, directory, FIFO, socket or device node is refused);
//! and a failed or interrupted write leaves nothing behind.
//!
//! Interrupted: the temporary file would be removed on drop, but a signal
//! that ends the process runs no destructor. So the temporary path is
//! registered while it exists, and the first write starts a thread that, on
//! SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 or SIGALRM, removes the
//! registered files and then ends the process the way that signal would have.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use crate::sanitize::for_terminal_path as shown;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and replacing it was not asked for.
    #[error(
        "{}: already exists; nothing was written\n  hint: pass --force to replace it, or choose another --out", shown(.0)
    )]
    Exists(PathBuf),
    /// The target is a directory.
    #[error(
        "{}: is a directory; nothing was written\n  hint: give the path of a file inside it, not the folder itself", shown(.0)
    )]
    Directory(PathBuf),
    /// The target is a FIFO, socket or device node: only regular files are
    /// ever replaced (`--out /dev/null --force` must not replace /dev/null).
    #[error(
        "{}: is a {}, not a regular file; nothing was written (only regular files are replaced, even with --force)\n  hint: give the path of a regular file; to discard the output, leave out --out and redirect it",
        shown(.0), .1
    )]
    NotRegular(PathBuf, &'static str),
    /// The target is a symbolic link (never followed, even with --force).
    #[error(
        "{}: is a symbolic link; nothing was written (links are never followed)\n  hint: write to the link's target directly, or remove the link", shown(.0)
    )]
    Symlink(PathBuf),
    /// The target's folder does not exist.
    #[error(
        "{}: the folder does not exist; nothing was written\n  hint: create it first",
        shown(.0)
    )]
    NoFolder(PathBuf),
    /// Any other I/O failure.
    #[error(
        "{}: cannot write: {source}; nothing was written\n  hint: {}",
        shown(path),
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
/// replaced. Anything that is not a regular file is always refused.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    write_atomic_with(path, force, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `fill` into the
/// temporary file (a document streamed, or copied from a reader).
pub fn write_atomic_with(
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // A replaced file keeps its permissions; a new one gets 0666 less the
    // umask, like any file the user creates (not the temp file's 0600).
    let permissions = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(WriteError::Symlink(path.into())),
        Ok(m) if m.is_dir() => return Err(WriteError::Directory(path.into())),
        Ok(m) if !m.is_file() => {
            return Err(WriteError::NotRegular(path.into(), kind(&m.file_type())));
        }
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
    watch_signals();
    // The temporary file is deleted when dropped, so every early return below
    // leaves no partial file; a signal is covered by the registration. The
    // lock is held from creation to registration so that a signal in between
    // waits for the path to be known.
    let mut tmp = {
        let mut pending = pending();
        let tmp = tempfile::Builder::new()
            .prefix(".chronoscope-")
            .suffix(".tmp")
            .permissions(new_file_permissions())
            .tempfile_in(&folder)
            .map_err(io)?;
        pending.push(tmp.path().to_path_buf());
        tmp
    };
    let registered = tmp.path().to_path_buf();
    let result = fill_and_persist(&mut tmp, path, fill, permissions, force);
    // A file that was persisted is the target now; one that was not is removed
    // by the drop below. Either way it is no longer a temporary to clean up.
    let mut pending = pending();
    drop(tmp);
    pending.retain(|p| p != &registered);
    result
}

/// Writes, syncs and moves the temporary file into place.
fn fill_and_persist(
    tmp: &mut tempfile::NamedTempFile,
    path: &Path,
    fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    permissions: Option<std::fs::Permissions>,
    force: bool,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p).map_err(io)?;
    }
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut buffered).map_err(io)?;
        buffered.flush().map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    // Moved into place under the lock, so a signal handled meanwhile finds the
    // path either still temporary (removed) or already the target (kept).
    let _pending = pending();
    if force {
        // rename(2) replaces the directory entry: a symlink created meanwhile
        // is replaced, never followed.
        std::fs::rename(tmp.path(), path).map_err(io)?;
    } else {
        // link(2) fails when anything exists at `path`, even a dangling link.
        std::fs::hard_link(tmp.path(), path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                WriteError::Exists(path.into())
            } else {
                io(e)
            }
        })?;
    }
    Ok(())
}

/// What a non-regular file is, for the message.
fn kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if t.is_fifo() {
        "FIFO (named pipe)"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

/// Temporary files that exist right now and must not outlive the process.
fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts, once, the thread that removes pending temporary files when a
/// signal ends the process. Once installed the handlers stay: removing them
/// would leave those signals ignored (signal-hook cannot restore the default).
fn watch_signals() {
    use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};
    static WATCHING: OnceLock<()> = OnceLock::new();
    WATCHING.get_or_init(|| {
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM];
        let Ok(mut signals) = signal_hook::iterator::Signals::new(signals) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("temp-file-cleanup".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until the process ends: no new temporary file appears.
                    let pending = pending();
                    for p in pending.iter() {
                        let _ = std::fs::remove_file(p);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
    });
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
