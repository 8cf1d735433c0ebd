//! What still runs behind the explorer: the check (with how far it got) and
//! the search index. The title bar says so ("checking 40% · indexing"), and
//! nothing is shown as clean or searchable before it is.

use super::{App, CheckStatus};

impl App {
    /// The running check has looked up `done` of `total` quotes (a loader
    /// message); ignored once the check is done.
    pub fn set_check_progress(&mut self, done: usize, total: usize) {
        if matches!(self.check, CheckStatus::Running) {
            self.check_progress = Some((done.min(total), total));
        }
    }

    /// Whole percent of the running check, when it has reported; a check
    /// with nothing to look up is 100%.
    pub fn check_percent(&self) -> Option<u8> {
        if !matches!(self.check, CheckStatus::Running) {
            return None;
        }
        let (done, total) = self.check_progress?;
        if total == 0 {
            return Some(100);
        }
        // done ≤ total, so the quotient is at most 100.
        Some((done.saturating_mul(100) / total) as u8)
    }

    /// Takes in the search index if its thread finished; true while it is
    /// still being built. The event loop calls it each turn, so the title's
    /// "indexing" goes away without waiting for a query.
    pub fn poll_index(&mut self) -> bool {
        !self.search.ready() && !self.search.failed()
    }

    /// Waits until the search index is built, so that a drawn screen does
    /// not depend on how fast its thread ran (tests and scripted use; the
    /// explorer itself never waits for it).
    pub fn wait_for_index(&mut self) {
        self.search.wait_ready();
    }

    /// True while the search index is being built (as of the last poll).
    pub fn indexing(&self) -> bool {
        self.search.building()
    }
}
