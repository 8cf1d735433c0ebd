//! Process exit codes, shared by the command line and the explorer.

/// Success (for `search`: at least one hit).
pub const EXIT_OK: u8 = 0;
/// `check` found errors, or `search` found no hit.
pub const EXIT_FINDINGS: u8 = 1;
/// The store could not be loaded, bad usage, a refused or failed write, or
/// another I/O failure.
pub const EXIT_FAILURE: u8 = 2;
/// The explorer ended on SIGTERM (128 + 15).
pub const EXIT_SIGTERM: u8 = 143;
/// The explorer ended on SIGHUP (128 + 1).
pub const EXIT_SIGHUP: u8 = 129;
