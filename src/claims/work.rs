//! A count of the elementary steps of finding, resolving and matching
//! claims (tokens looked at, postings visited), so tests can show the work
//! grows linearly with the text without timing anything.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `n` steps.
pub fn step(n: u64) {
    STEPS.with(|s| s.set(s.get().saturating_add(n)));
}

/// The steps recorded on this thread since the last call, and resets the count.
pub fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}
