//! `chronoscope check [--format human|json] [--verbose]`.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};

use super::printer::Outcome;
use super::{Cli, load};
use crate::exit;
use crate::sanitize::for_terminal;

/// Output format of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `file:line:col: error|warning: message [rule]`, one per line.
    Human,
    /// A JSON object with `findings`, `located` excerpts and counts.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Also print where every excerpt was found in its source.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Runs `check`: findings on standard output, the tally on standard error.
pub fn run(cli: &Cli, args: &CheckArgs) -> Outcome {
    let loaded = match load(cli) {
        Ok(l) => l,
        Err(failed) => return failed,
    };
    let report = crate::check::check(&loaded);
    let code = if report.errors() > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    };
    if args.format == CheckFormat::Json {
        let v = serde_json::json!({
            "store": loaded.store.origin.display_name(),
            "events": report.events,
            "errors": report.errors(),
            "warnings": report.warnings(),
            "findings": report.findings,
            "located": report.located,
        });
        return Outcome::json(&v).with_code(code);
    }
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(out, "{f}");
    }
    if args.verbose {
        let store = for_terminal(&loaded.store.origin.display_name()).into_owned();
        for l in &report.located {
            let _ = writeln!(
                out,
                "{store}:{}: note: excerpt of `{}` found verbatim at {}:{}:{} [excerpt-verbatim]",
                l.line,
                for_terminal(&l.event),
                for_terminal(&l.found_file),
                l.found_line,
                l.found_col
            );
        }
    }
    Outcome::ok(out).with_code(code).note(format!(
        "checked {} events, {} excerpts found verbatim: {} error(s), {} warning(s)",
        report.events,
        report.located.len(),
        report.errors(),
        report.warnings()
    ))
}
