//! `chronoscope completions SHELL`: shell completions from the clap definitions.

use clap::{Args, CommandFactory as _};
use clap_complete::Shell;

use super::Cli;
use super::printer::Outcome;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(_cli: &Cli, args: &CompletionsArgs) -> Outcome {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "chronoscope", &mut out);
    Outcome::ok(String::from_utf8_lossy(&out))
}
