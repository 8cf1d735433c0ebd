//! `chronoscope check [--format human|json] [--verbose]`.

use clap::{Args, ValueEnum};

use super::{Cli, EXIT_FINDINGS, EXIT_OK, report_load_error};
use crate::store::Store;

/// Output format of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `file:line:col: error|warning: message [rule]`, one per line.
    Human,
    /// A JSON object with `findings`, `located` excerpts and counts.
    Json,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Also print where every excerpt was found in its source.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Runs `check`; returns the exit code.
pub fn run(cli: &Cli, args: &CheckArgs) -> u8 {
    let loaded = match Store::open(cli.store.as_deref()) {
        Ok(l) => l,
        Err(e) => return report_load_error(&e),
    };
    let report = crate::check::check(&loaded);
    match args.format {
        CheckFormat::Json => {
            let v = serde_json::json!({
                "store": loaded.store.origin.display_name(),
                "events": report.events,
                "errors": report.errors(),
                "warnings": report.warnings(),
                "findings": report.findings,
                "located": report.located,
            });
            println!(
                "{}",
                crate::export::safe_json::to_string_pretty(&v).unwrap_or_default()
            );
        }
        CheckFormat::Human => {
            for f in &report.findings {
                println!("{f}");
            }
            if args.verbose {
                for l in &report.located {
                    println!(
                        "{}:{}: note: excerpt of `{}` found verbatim at {}:{}:{} [excerpt-verbatim]",
                        loaded.store.origin.display_name(),
                        l.line,
                        l.event,
                        l.found_file,
                        l.found_line,
                        l.found_col
                    );
                }
            }
            eprintln!(
                "checked {} events, {} excerpts found verbatim: {} error(s), {} warning(s)",
                report.events,
                report.located.len(),
                report.errors(),
                report.warnings()
            );
        }
    }
    if report.errors() > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
