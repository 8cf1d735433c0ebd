//! The command line: clap definitions and dispatch; `main.rs` only calls
//! [`main`]. Each subcommand module returns a [`printer::Outcome`] (its
//! output, its messages and its exit code) and [`printer::emit`] alone writes
//! it; exit codes are in [`crate::exit`], shared with the explorer.
//!
//! To add a subcommand: a module here with its `Args` struct and a
//! `run(&Cli, &Args) -> Outcome`, one variant in [`Command`] and one arm in
//! [`run`].

mod check;
mod completions;
mod explore;
mod export;
mod filter;
mod import;
mod list;
mod man;
pub mod printer;
mod schema;
mod search;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use printer::Outcome;

/// The heading that keeps global options apart from a subcommand's own.
const GLOBAL: &str = "Global options";

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
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub store: Option<PathBuf>,
    /// When to use colour (`auto` honours NO_COLOR).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, help_heading = GLOBAL)]
    pub color: ColorChoice,
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

/// The whole program: parse the arguments, run, print through the one
/// printer; returns the process exit code.
pub fn main() -> ExitCode {
    let outcome = match Cli::try_parse() {
        Ok(cli) => run(&cli),
        Err(e) => printer::from_clap(&e),
    };
    let code = printer::emit(
        &outcome,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}

/// Runs the command `cli` names.
pub fn run(cli: &Cli) -> Outcome {
    match &cli.command {
        Some(Command::Check(args)) => check::run(cli, args),
        Some(Command::List(args)) => list::run(cli, args),
        Some(Command::Show(args)) => show::run(cli, args),
        Some(Command::Export(args)) => export::run(cli, args),
        Some(Command::Import(args)) => import::run(cli, args),
        Some(Command::Schema(args)) => schema::run(cli, args),
        Some(Command::Completions(args)) => completions::run(cli, args),
        Some(Command::Man(args)) => man::run(cli, args),
        Some(Command::Search(args)) => search::run(cli, args),
        None => Outcome::code(explore::run(cli)),
    }
}

/// The store `--store` names (or the built-in one); a load error is the
/// outcome to return as is.
fn load(cli: &Cli) -> Result<crate::store::Loaded, Outcome> {
    crate::store::Store::open(cli.store.as_deref()).map_err(|e| Outcome::failure(e.to_string()))
}

/// Columns of the terminal on standard output (100 when it cannot be asked).
fn terminal_width() -> usize {
    ratatui::crossterm::terminal::size().map_or(100, |(w, _)| usize::from(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn export_offers_every_registered_format_and_each_renders() {
        let mut cmd = Cli::command();
        cmd.build();
        let export = cmd.find_subcommand("export").expect("export exists");
        let format = export
            .get_arguments()
            .find(|a| a.get_id() == "format")
            .expect("--format");
        let offered: Vec<String> = format
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        let registered: Vec<&str> = crate::export::FORMATS.iter().map(|f| f.name).collect();
        assert_eq!(offered, registered);
        let store = crate::store::Store::load_embedded()
            .expect("built-in store")
            .store;
        let view = crate::export::View::all(&store);
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).expect("a time");
        let mut documents: Vec<String> = crate::export::FORMATS
            .iter()
            .map(|f| (f.render)(&view, now).text)
            .collect();
        assert!(documents.iter().all(|d| d.len() > 100));
        documents.dedup();
        assert_eq!(documents.len(), registered.len(), "each renders its own");
    }

    #[test]
    fn global_options_have_their_own_heading_in_subcommand_help() {
        let mut cmd = Cli::command();
        // Global options reach subcommands when the command is built.
        cmd.build();
        let help = cmd
            .find_subcommand_mut("list")
            .expect("list exists")
            .render_help()
            .to_string();
        let options = help.find("Options:").expect("own options");
        let global = help.find("Global options:").expect("global heading");
        let store = help.find("--store").expect("--store listed");
        let format = help.find("--format").expect("--format listed");
        assert!(
            options < format && format < global && global < store,
            "{help}"
        );
    }
}
