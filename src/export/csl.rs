//! CSL-JSON for the store's sources, so a reference manager (Zotero, pandoc
//! citeproc, citeproc-js) can import them: `article-newspaper` items with the
//! outlet as `container-title`, valid against the official CSL-JSON schema
//! (v1.0.2: a date is `date-parts`, `season`, `circa`, `literal`, `raw`).
//!
//! `issued` says no more than the date knows:
//! - `date-parts` only as far as known, two arrays for a span ("14–15 July
//!   2023");
//! - a decade, century or vaguer date is the range of its possible years
//!   (`197X` → 1970–1979), never one year;
//! - a season is its year plus CSL `season` (1 spring … 4 winter);
//! - `~` is `circa`; years before 1 CE are CSL's BC years (CSL has no year 0:
//!   EDTF `-0100`, 101 BCE, is CSL year -101);
//! - what CSL cannot say (uncertain `?`, an open or unknown end) goes into the
//!   item's `note` with the EDTF string.

use serde_json::{Map, Value, json};

use super::{Exported, Report, Unit, View, clean, endpoints};
use crate::date::{Edge, EventDate, Precision};

/// A year in CSL numbering: negative is BC, with no year 0.
fn csl_year(astronomical: i64) -> i64 {
    if astronomical <= 0 {
        astronomical - 1
    } else {
        astronomical
    }
}

/// The CSL `date-parts` of one date: one array, or two for a range of
/// possible years when the date is known only to its decade or coarser.
fn date_parts(d: &EventDate) -> Vec<Vec<i64>> {
    let (Edge::Day(a), latest) = (d.earliest(), d.latest()) else {
        return Vec::new();
    };
    match d.precision() {
        Precision::Day => vec![vec![csl_year(a.year), a.month.into(), a.day.into()]],
        Precision::Month => vec![vec![csl_year(a.year), a.month.into()]],
        Precision::Season | Precision::Year => vec![vec![csl_year(a.year)]],
        Precision::Decade | Precision::Century | Precision::Vague => match latest {
            Edge::Day(b) => vec![vec![csl_year(a.year)], vec![csl_year(b.year)]],
            _ => vec![vec![csl_year(a.year)]],
        },
    }
}

/// CSL season number (1 spring … 4 winter) of an EDTF season `2001-21`.
fn season(d: &EventDate) -> Option<u8> {
    if d.precision() != Precision::Season || d.is_interval() {
        return None;
    }
    let code: u8 = d.edtf().get(5..7)?.parse().ok()?;
    (21..=24).contains(&code).then(|| code - 20)
}

/// True when the CSL date says less than the EDTF string.
fn lossy(d: &EventDate) -> bool {
    d.is_uncertain()
        || matches!(d.earliest(), Edge::Before)
        || matches!(d.latest(), Edge::After)
        || (d.is_interval() && d.precision() > Precision::Year)
}

fn issued(d: &EventDate) -> Value {
    let open = matches!(d.earliest(), Edge::Before) || matches!(d.latest(), Edge::After);
    let parts = if open {
        // "from August 2019 onwards" has no date-parts form: it is a literal.
        Vec::new()
    } else if d.is_interval() {
        // The first array of the start and the last of the end: a decade
        // start contributes its first possible year, a decade end its last.
        let (s, e) = endpoints(d);
        let first = s.as_ref().map(date_parts).unwrap_or_default();
        let last = e.as_ref().map(date_parts).unwrap_or_default();
        first
            .into_iter()
            .take(1)
            .chain(last.into_iter().last())
            .collect()
    } else {
        date_parts(d)
    };
    let mut m = Map::new();
    if parts.is_empty() {
        m.insert("literal".into(), json!(d.long()));
    } else {
        m.insert("date-parts".into(), json!(parts));
    }
    if let Some(s) = season(d) {
        m.insert("season".into(), json!(s));
    }
    if d.is_approximate() {
        m.insert("circa".into(), json!(true));
    }
    Value::Object(m)
}

/// Every source of the view's store as a CSL-JSON array (pretty, final newline).
pub fn to_string(view: &View<'_>) -> String {
    export(view).text
}

/// The CSL-JSON array with its report (it counts sources, not events).
pub fn export(view: &View<'_>) -> Exported {
    let items: Vec<Value> = view
        .store
        .sources
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("id".into(), json!(clean(&s.id)));
            m.insert("type".into(), json!("article-newspaper"));
            m.insert("title".into(), json!(clean(&s.title)));
            m.insert("container-title".into(), json!(clean(&s.publisher)));
            if let Some(a) = &s.author {
                m.insert("author".into(), json!([{ "literal": clean(a) }]));
            }
            if let Some(d) = &s.published {
                m.insert("issued".into(), issued(d));
            }
            if let Some(u) = &s.url {
                m.insert("URL".into(), json!(clean(u)));
            }
            if let Some(l) = &s.language {
                m.insert("language".into(), json!(clean(l)));
            }
            let mut notes = Vec::new();
            if let Some(d) = s.published.as_ref().filter(|d| lossy(d)) {
                notes.push(format!(
                    "Published (EDTF): {} ({})",
                    d.edtf(),
                    d.precision_words()
                ));
            }
            if let Some(n) = &s.dated_by {
                notes.push(format!("Dated by: {}", clean(n)));
            }
            if !notes.is_empty() {
                m.insert("note".into(), json!(notes.join("\n")));
            }
            Value::Object(m)
        })
        .collect();
    let mut text = super::safe_json::to_string_pretty(&items).expect("JSON values serialise");
    text.push('\n');
    Exported {
        report: Report::new(Unit::Sources, items.len()),
        text,
    }
}
