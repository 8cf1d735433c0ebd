//! `chronoscope claims FILE|--source ID [--published EDTF] [--json]`: every
//! dated statement of an article, resolved and checked against the store.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Cli;
use crate::claims::matching::{Matcher, Verdict};
use crate::claims::{Claim, article, find_claims};
use crate::date::{Edge, EventDate};
use crate::exit;
use crate::sanitize::for_terminal;
use crate::store::Store;

/// Arguments of `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// The article: plain text, Markdown or a saved HTML page.
    #[arg(required_unless_present = "source", conflicts_with = "source")]
    pub file: Option<PathBuf>,
    /// Read the archived text of this source of the store instead.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// Publication date (EDTF) that relative words count from; default: the source's, or the page's.
    #[arg(long, value_name = "EDTF")]
    pub published: Option<String>,
    /// One JSON object instead of the readable report.
    #[arg(long)]
    pub json: bool,
}

/// The text to read, where it came from, and its publication date.
struct Input {
    name: String,
    text: String,
    source: Option<String>,
    published: Option<String>,
}

fn input(store: &Store, args: &ClaimsArgs) -> Result<Input, String> {
    if let Some(id) = &args.source {
        let src = store.source(id).ok_or_else(|| {
            let ids: Vec<&str> = store.sources.iter().map(|s| s.id.as_str()).collect();
            format!(
                "no source `{id}` in the store; its sources are: {}",
                ids.join(", ")
            )
        })?;
        let text = src
            .text
            .as_ref()
            .map_err(|p| format!("{}: {p}", src.path))?;
        return Ok(Input {
            name: src.path.clone(),
            text: text.text.clone(),
            source: Some(src.id.clone()),
            published: src.published.as_ref().map(|d| d.edtf().to_string()),
        });
    }
    let path = args.file.as_ref().ok_or("give a FILE or --source ID")?;
    let a = article::read(path).map_err(|e| e.to_string())?;
    // The same text as an archived source: its citations make `recorded` possible.
    let same = store
        .sources
        .iter()
        .find(|s| s.text.as_ref().is_ok_and(|t| t.text == a.text));
    Ok(Input {
        name: path.display().to_string(),
        source: same.map(|s| s.id.clone()),
        published: a.published.or_else(|| {
            same.and_then(|s| s.published.as_ref())
                .map(|d| d.edtf().to_string())
        }),
        text: a.text,
    })
}

/// Runs `claims`, writing the report to `out` and problems to `err`; returns the exit code.
pub fn run(cli: &Cli, args: &ClaimsArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let fail = |err: &mut dyn Write, m: &str| {
        let _ = writeln!(err, "chronoscope: {}", super::source::for_terminal_lines(m));
        exit::FAILURE
    };
    let store = match Store::open(cli.store.as_deref()) {
        Ok(l) => l.store,
        Err(e) => return fail(err, &e.to_string()),
    };
    let input = match input(&store, args) {
        Ok(i) => i,
        Err(m) => return fail(err, &m),
    };
    let Some(published) = args.published.clone().or(input.published.clone()) else {
        return fail(
            err,
            &format!(
                "{}: no publication date found; pass --published EDTF (e.g. --published 2014-03-22)",
                input.name
            ),
        );
    };
    let published = match EventDate::parse(&published) {
        Ok(d) => d,
        Err(e) => return fail(err, &format!("--published: {e}")),
    };
    let claims = match find_claims(&input.text, &published) {
        Ok(c) => c,
        Err(e) => return fail(err, &e.to_string()),
    };
    let matcher = Matcher::new(
        &store,
        input.source.as_deref().map(|id| (id, input.text.as_str())),
    );
    let verdicts = matcher.judge(&input.text, &claims);
    let judged: Vec<(Claim, Vec<crate::claims::matching::Match>)> =
        claims.into_iter().zip(verdicts).collect();
    let written = if args.json {
        writeln!(out, "{}", json(&input, &published, &judged))
    } else {
        report(out, &input, &published, &judged, &store)
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => fail(err, &format!("cannot write the report: {e}")),
    }
}

#[derive(Serialize)]
struct JsonEvent<'a> {
    id: &'a str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    text: &'a str,
    line: u64,
    column: u64,
    sentence: &'a str,
    date: Option<&'a str>,
    earliest: Option<String>,
    latest: Option<String>,
    kind: &'static str,
    events: Vec<JsonEvent<'a>>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    source: Option<&'a str>,
    published: &'a str,
    claims: Vec<JsonClaim<'a>>,
}

fn day(e: Edge) -> Option<String> {
    e.day().map(|d| d.to_string())
}

fn json(
    input: &Input,
    published: &EventDate,
    judged: &[(Claim, Vec<crate::claims::matching::Match>)],
) -> String {
    let claims = judged
        .iter()
        .map(|(c, ms)| JsonClaim {
            text: &c.text,
            line: c.line,
            column: c.column,
            sentence: input.text[c.sentence.clone()].trim(),
            date: c.date.as_ref().ok().map(EventDate::edtf),
            earliest: c.date.as_ref().ok().and_then(|d| day(d.earliest())),
            latest: c.date.as_ref().ok().and_then(|d| day(d.latest())),
            kind: c.kind,
            events: ms
                .iter()
                .map(|m| JsonEvent {
                    id: &m.id,
                    verdict: m.verdict.name(),
                })
                .collect(),
        })
        .collect();
    let r = JsonReport {
        source: input.source.as_deref(),
        published: published.edtf(),
        claims,
    };
    crate::export::safe_json::to_string_pretty(&r).unwrap_or_default()
}

/// The readable report: conflicts first, then recorded, consistent, new and unresolved.
fn report(
    out: &mut dyn Write,
    input: &Input,
    published: &EventDate,
    judged: &[(Claim, Vec<crate::claims::matching::Match>)],
    store: &Store,
) -> std::io::Result<()> {
    let name = for_terminal(&input.name);
    summary(out, &name, published, judged)?;
    for v in [Verdict::Conflict, Verdict::Recorded, Verdict::Consistent] {
        verdict_section(out, &name, v, judged, store)?;
    }
    for (title, pick) in [
        ("new (no event in the store matches)", true),
        ("unresolved", false),
    ] {
        let rows: Vec<&Claim> = judged
            .iter()
            .filter(|(c, ms)| {
                if pick {
                    ms.is_empty() && c.date.is_ok()
                } else {
                    c.date.is_err()
                }
            })
            .map(|(c, _)| c)
            .collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}:")?;
        for c in rows {
            claim_line(out, &name, c, "")?;
        }
    }
    Ok(())
}

/// How many (claim, event) pairs got verdict `v`.
fn count_of(judged: &[(Claim, Vec<crate::claims::matching::Match>)], v: Verdict) -> usize {
    judged
        .iter()
        .flat_map(|(_, ms)| ms)
        .filter(|m| m.verdict == v)
        .count()
}

/// The first line: how many expressions, and how many of each verdict.
fn summary(
    out: &mut dyn Write,
    name: &str,
    published: &EventDate,
    judged: &[(Claim, Vec<crate::claims::matching::Match>)],
) -> std::io::Result<()> {
    let new = judged
        .iter()
        .filter(|(c, ms)| ms.is_empty() && c.date.is_ok())
        .count();
    let unresolved = judged.iter().filter(|(c, _)| c.date.is_err()).count();
    writeln!(
        out,
        "{name}: {} dated expression{} (published {}): {} conflict, {} recorded, {} consistent, {} new, {} unresolved",
        judged.len(),
        if judged.len() == 1 { "" } else { "s" },
        published.edtf(),
        count_of(judged, Verdict::Conflict),
        count_of(judged, Verdict::Recorded),
        count_of(judged, Verdict::Consistent),
        new,
        unresolved
    )
}

/// The claims judged `v`, each with the event it was judged against.
fn verdict_section(
    out: &mut dyn Write,
    name: &str,
    v: Verdict,
    judged: &[(Claim, Vec<crate::claims::matching::Match>)],
    store: &Store,
) -> std::io::Result<()> {
    if count_of(judged, v) == 0 {
        return Ok(());
    }
    writeln!(out, "\n{}:", v.name())?;
    for (c, ms) in judged {
        for m in ms.iter().filter(|m| m.verdict == v) {
            let ev = store.event(&m.id).map(|e| {
                format!(
                    " · {} {} ({})",
                    e.date.compact(),
                    for_terminal(&e.title),
                    for_terminal(&e.id)
                )
            });
            claim_line(out, name, c, &ev.unwrap_or_default())?;
        }
    }
    Ok(())
}

/// One claim: where it is, its words, its date (or why it has none), its kind.
fn claim_line(out: &mut dyn Write, name: &str, c: &Claim, tail: &str) -> std::io::Result<()> {
    let date = match &c.date {
        Ok(d) => d.edtf().to_string(),
        Err(why) => format!("unresolved: {}", why.words()),
    };
    writeln!(
        out,
        "  {name}:{}:{}: \"{}\" → {date} [{}]{tail}",
        c.line,
        c.column,
        for_terminal(&c.text),
        c.kind
    )
}
