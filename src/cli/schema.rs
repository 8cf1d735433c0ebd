//! `chronoscope schema [--export]`: the JSON Schema of `events.yaml` (or of the JSON export).

use clap::Args;

use super::Cli;
use super::printer::Outcome;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of `export --format json` instead of the store's.
    #[arg(long)]
    pub export: bool,
}

pub fn run(_cli: &Cli, args: &SchemaArgs) -> Outcome {
    if args.export {
        Outcome::ok(crate::export::schema::EXPORT_SCHEMA)
    } else {
        Outcome::ok(crate::export::schema::STORE_SCHEMA)
    }
}
