//! TimelineJS date objects as EDTF, only as precise as their parts.

use serde_json::Value;

use super::html::to_text;
use crate::date::{DateError, EventDate};

/// One date part: a number or a string of digits; empty or absent is `None`.
fn part(obj: &Value, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("`{key}` is {n}, not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("`{key}` is \"{}\", not a number", to_text(s))),
        Some(other) => Err(format!("`{key}` is {other}, not a number")),
    }
}

/// A TimelineJS date object as EDTF, only as precise as its parts; notes
/// what was dropped.
fn edtf_of(obj: &Value, notes: &mut Vec<String>) -> Result<Option<String>, String> {
    if !obj.is_object() {
        return Ok(None);
    }
    let Some(year) = part(obj, "year")? else {
        return Ok(None);
    };
    if !(-9999..=9999).contains(&year) {
        return Err(format!(
            "year {year} lies outside the years a store can hold (-9999 to 9999)"
        ));
    }
    let mut s = if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    };
    let month = part(obj, "month")?;
    let day = part(obj, "day")?;
    match (month, day) {
        (Some(m), _) if !(1..=12).contains(&m) => return Err(format!("month {m} is not 1–12")),
        (Some(m), d) => {
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = d {
                s.push_str(&format!("-{d:02}"));
            }
        }
        (None, Some(d)) => notes.push(format!("a day ({d}) without a month was left out")),
        (None, None) => {}
    }
    let time: Vec<i64> = ["hour", "minute", "second"]
        .iter()
        .filter_map(|k| part(obj, k).ok().flatten())
        .collect();
    if !time.is_empty() {
        let t: Vec<String> = time.iter().map(|v| format!("{v:02}")).collect();
        notes.push(format!("the time of day ({}) was dropped", t.join(":")));
    }
    Ok(Some(s))
}

/// The date of a slide or era: the private `chronoscope.edtf` when it is valid
/// and agrees with `start_date`'s year, else built from the date objects.
pub(super) fn slide_date(slide: &Value, notes: &mut Vec<String>) -> Result<String, String> {
    let start =
        edtf_of(slide.get("start_date").unwrap_or(&Value::Null), notes)?.ok_or("no start year")?;
    let start_year = EventDate::parse(&start)
        .map_err(|e| describe(&e))?
        .start_year();
    if let Some(kept) = slide.pointer("/chronoscope/edtf").and_then(Value::as_str)
        && let Ok(d) = EventDate::parse(kept)
        && (d.start_year() == start_year || d.earliest() == crate::date::Edge::Before)
    {
        return Ok(d.edtf().to_string());
    }
    let end = match slide.get("end_date") {
        Some(e) => edtf_of(e, notes)?,
        None => None,
    };
    let date = match end {
        Some(end) if end != start => format!("{start}/{end}"),
        _ => start.clone(),
    };
    let start_date = EventDate::parse(&start).map_err(|e| describe(&e))?;
    match EventDate::parse(&date) {
        Ok(d) => Ok(d.edtf().to_string()),
        Err(e) => {
            let reversed = matches!(e, DateError::Reversed(_))
                || date
                    .split_once('/')
                    .and_then(|(_, end)| EventDate::parse(end).ok())
                    .is_some_and(|end| end.latest() < start_date.earliest());
            if !reversed {
                return Err(describe(&e));
            }
            notes.push(format!(
                "the end date ({}) was before the start and was left out",
                date.split_once('/').map_or("", |p| p.1)
            ));
            Ok(start_date.edtf().to_string())
        }
    }
}

fn describe(e: &DateError) -> String {
    e.to_string()
}
