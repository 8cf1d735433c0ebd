//! `chronoscope man`: the man page (roff) from the clap definitions.

use clap::{Args, CommandFactory as _};

use super::Cli;
use super::printer::Outcome;

#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn run(_cli: &Cli, _args: &ManArgs) -> Outcome {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        return Outcome::failure(format!("chronoscope: cannot render the man page: {e}"));
    }
    Outcome::ok(String::from_utf8_lossy(&out))
}
