//! `chronoscope` with no subcommand: open the timeline explorer.

use super::Cli;
use crate::tui::{Options, run as run_explorer};

/// Opens the explorer on the store `cli` names; returns the exit code.
pub fn run(cli: &Cli) -> u8 {
    run_explorer(Options {
        store: cli.store.clone(),
        at: cli.at.clone(),
        color: cli.color.use_color(),
        force_color: cli.color == super::ColorChoice::Always,
    })
}
