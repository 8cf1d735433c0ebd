//! Notices when the store file changes on disk, by polling its modification
//! time and size (cheap, portable, no watcher thread).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often the file is looked at.
pub const EVERY: Duration = Duration::from_millis(500);

/// A polled file.
#[derive(Debug)]
pub struct Watch {
    path: PathBuf,
    stamp: Option<(SystemTime, u64)>,
    checked: Instant,
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Watch {
    /// Starts watching `path` from its current state.
    pub fn new(path: &Path) -> Self {
        Watch {
            path: path.to_path_buf(),
            stamp: stamp(path),
            checked: Instant::now(),
        }
    }

    /// Takes the current state as seen (after our own reload).
    pub fn reset(&mut self) {
        self.stamp = stamp(&self.path);
    }

    /// True once per change, checked at most every [`EVERY`].
    pub fn changed(&mut self) -> bool {
        if self.checked.elapsed() < EVERY {
            return false;
        }
        self.checked = Instant::now();
        let now = stamp(&self.path);
        if now != self.stamp && now.is_some() {
            self.stamp = now;
            return true;
        }
        false
    }
}
