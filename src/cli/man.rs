//! `chronoscope man`: the man page (roff) from the clap definitions.

use clap::{Args, CommandFactory as _};

use super::{Cli, EXIT_FAILURE};

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {}

/// Runs `man`; returns the exit code.
pub fn run(_cli: &Cli, _args: &ManArgs) -> u8 {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        eprintln!("chronoscope: cannot render the man page: {e}");
        return EXIT_FAILURE;
    }
    super::list::print(&String::from_utf8_lossy(&out))
}
