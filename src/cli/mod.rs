//! The command line: clap definitions and dispatch. `main.rs` only calls [`run`].
//!
//! Exit codes: 0 success; 1 `check` found errors or `search` found no hit; 2 the store could not be
//! loaded, bad usage, or an I/O failure.

mod check;
mod completions;
mod explore;
mod export;
mod import;
mod list;
mod man;
mod schema;
mod search;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: `check` found errors.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the store could not be loaded, bad usage, or an I/O failure.
pub const EXIT_FAILURE: u8 = 2;

/// Explore and check a source-anchored chronology.
#[derive(Debug, Parser)]
#[command(
    name = "chronoscope",
    version,
    about = "Explore and check a source-anchored chronology in the terminal",
    after_help = "Exit codes: 0 success; 1 `check` found errors, or `search` found no hit; 2 the store could not be loaded, bad usage or query, a refused or failed write, or an I/O failure; the explorer exits 143 after SIGTERM and 129 after SIGHUP.\nWith no subcommand, opens the explorer (a terminal is required; use `chronoscope list` in pipes)."
)]
pub struct Cli {
    /// Open this store file instead of the built-in chronology.
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// When to use colour (`auto` honours NO_COLOR).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Read the store from YAML and check it afresh, without the cache of parsed and checked stores.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Start the explorer on the event with this id.
    #[arg(long, value_name = "ID")]
    pub at: Option<String>,
    /// What to do (default: open the explorer).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour (reverse/bold only).
    Never,
}

impl ColorChoice {
    /// Whether colour should be used, given the environment.
    pub fn use_color(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the store: dates, ids, references, verbatim excerpts, quote dates, anachronisms, text safety.
    #[command(visible_alias = "validate")]
    Check(check::CheckArgs),
    /// List events: an aligned table on a terminal, tab-separated when piped.
    List(list::ListArgs),
    /// Everything about one event: its excerpts in context with full citations.
    Show(show::ShowArgs),
    /// Export the store (or the events in a date range): json, csv, md, ics, timelinejs, csl.
    Export(export::ExportArgs),
    /// Convert another tool's timeline into a store.
    Import(import::ImportArgs),
    /// Print the JSON Schema of events.yaml (or, with --export, of the JSON export).
    Schema(schema::SchemaArgs),
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff).
    Man(man::ManArgs),
    /// Search events: fuzzy words, "phrases", filters (tag: actor: place: source: lane: year: date: has:), -negation.
    Search(search::SearchArgs),
}

/// Parses arguments and runs; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    crate::cache::set_enabled(!cli.no_cache);
    let code = match cli.command {
        Some(Command::Check(ref args)) => check::run(&cli, args),
        Some(Command::List(ref args)) => list::run(&cli, args),
        Some(Command::Show(ref args)) => show::run(&cli, args),
        Some(Command::Export(ref args)) => export::run(&cli, args),
        Some(Command::Import(ref args)) => import::run(&cli, args),
        Some(Command::Schema(ref args)) => schema::run(&cli, args),
        Some(Command::Completions(ref args)) => completions::run(&cli, args),
        Some(Command::Man(ref args)) => man::run(&cli, args),
        Some(Command::Search(ref args)) => search::run(&cli, args),
        None => explore::run(&cli),
    };
    ExitCode::from(code)
}

/// Prints a load error to stderr and returns [`EXIT_FAILURE`].
pub fn report_load_error(e: &crate::error::LoadError) -> u8 {
    eprintln!("{e}");
    EXIT_FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
