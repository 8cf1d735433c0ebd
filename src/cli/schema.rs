//! `chronoscope schema [--export]`: the JSON Schema of `events.yaml` (or of the JSON export).

use clap::Args;

use super::Cli;
use super::list::print;

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of `export --format json` instead of the store's.
    #[arg(long)]
    pub export: bool,
}

/// Runs `schema`; returns the exit code.
pub fn run(_cli: &Cli, args: &SchemaArgs) -> u8 {
    if args.export {
        print(crate::export::schema::EXPORT_SCHEMA)
    } else {
        print(crate::export::schema::STORE_SCHEMA)
    }
}
