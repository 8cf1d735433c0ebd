//! `chronoscope schema [--export]`: the JSON Schema of `events.yaml` (generated
//! from the store model) or of the JSON export.

use std::io::Write;

use clap::Args;

use super::{Cli, EXIT_OK};

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Print the schema of `export --format json` instead of the store's.
    #[arg(long)]
    pub export: bool,
}

/// Runs `schema`, writing the schema to `out`; returns the exit code, or the
/// write error for the caller to report.
pub fn run(_cli: &Cli, args: &SchemaArgs, out: &mut dyn Write) -> std::io::Result<u8> {
    if args.export {
        out.write_all(crate::export::schema::EXPORT_SCHEMA.as_bytes())?;
    } else {
        let schema = crate::export::schema::store_schema();
        let json = crate::export::safe_json::to_string_pretty(&schema)?;
        writeln!(out, "{json}")?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}
