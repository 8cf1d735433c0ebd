//! Exit codes, shared by the command line and the explorer (so neither has
//! to import the other for them).

/// Success.
pub const OK: u8 = 0;
/// `check` found errors (or `search` found no hit).
pub const FINDINGS: u8 = 1;
/// The store could not be loaded, bad usage, or an I/O failure.
pub const FAILURE: u8 = 2;

/// The conventional exit code of a process ended by signal `signal`: 128 + n.
pub const fn after_signal(signal: i32) -> u8 {
    // Signal numbers are small (1..=64): the sum fits in a byte.
    (128 + signal) as u8
}

/// Exit code after SIGHUP (the terminal went away): 129.
pub const SIGHUP: u8 = 129;
/// Exit code after SIGINT: 130.
pub const SIGINT: u8 = 130;
/// Exit code after SIGQUIT: 131.
pub const SIGQUIT: u8 = 131;
/// Exit code after SIGUSR1: 138.
pub const SIGUSR1: u8 = 138;
/// Exit code after SIGALRM: 142.
pub const SIGALRM: u8 = 142;
/// Exit code after SIGTERM: 143.
pub const SIGTERM: u8 = 143;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_codes_are_128_plus_the_signal_number() {
        assert_eq!(after_signal(signal_hook::consts::SIGHUP), SIGHUP);
        assert_eq!(after_signal(signal_hook::consts::SIGINT), SIGINT);
        assert_eq!(after_signal(signal_hook::consts::SIGQUIT), SIGQUIT);
        assert_eq!(after_signal(signal_hook::consts::SIGUSR1), SIGUSR1);
        assert_eq!(after_signal(signal_hook::consts::SIGALRM), SIGALRM);
        assert_eq!(after_signal(signal_hook::consts::SIGTERM), SIGTERM);
    }
}
