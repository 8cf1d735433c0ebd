//! CSV (RFC 4180, via the `csv` crate): one row per event, spreadsheet-safe.
//!
//! Columns: `id, date, display, precision, qualifier, earliest, latest, title,
//! summary, place, actors, tags, lane, status, context, sources, quotes, note`.
//! Lists are joined with `; `; quotes with a blank line between them. A cell
//! that a spreadsheet would run as a formula (starting with `= + - @`, tab or
//! carriage return) is prefixed with `'`.

use super::{View, bounds, clean};

/// The header row.
pub const COLUMNS: [&str; 18] = [
    "id",
    "date",
    "display",
    "precision",
    "qualifier",
    "earliest",
    "latest",
    "title",
    "summary",
    "place",
    "actors",
    "tags",
    "lane",
    "status",
    "context",
    "sources",
    "quotes",
    "note",
];

/// Neutralises a cell a spreadsheet would evaluate (CWE-1236).
pub fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The view as CSV (CRLF line ends), held whole (see [`write()`]).
pub fn to_string(view: &View<'_>) -> String {
    super::in_memory(0, |out| write(view, out)).0
}

/// Rows per chunk rendered on one core.
const CHUNK: usize = 512;

/// Writes the view as CSV to `out`: the header, then the rows rendered in
/// chunks on every core and written in order (never held whole).
pub fn write(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let store = view.store;
    let mut header = Vec::new();
    write_rows(&mut header, std::iter::once(COLUMNS.map(str::to_string).to_vec()))?;
    out.write_all(&header)?;
    let chunks: Vec<&[usize]> = view.indices.chunks(CHUNK).collect();
    let render = |c: usize, buffer: &mut Vec<u8>| {
        write_rows(buffer, chunks[c].iter().map(|&i| row(store, &store.events[i])))
    };
    super::chunks::write_in_order(chunks.len(), render, out)
}

/// Writes `rows` as CSV records, each cell cleaned and spreadsheet-safe.
fn write_rows(
    out: &mut Vec<u8>,
    rows: impl Iterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    for row in rows {
        let row: Vec<String> = row.iter().map(|c| spreadsheet_safe(&clean(c))).collect();
        w.write_record(&row)?;
    }
    w.flush()
}

/// The cells of event `e`'s row, in [`COLUMNS`] order.
fn row(store: &crate::store::Store, e: &crate::store::Event) -> Vec<String> {
    let (earliest, latest) = bounds(&e.date);
    let mut sources: Vec<&str> = Vec::new();
    for x in &e.excerpts {
        if !sources.contains(&x.source.as_str()) {
            sources.push(&x.source);
        }
    }
vec![
        e.id.to_string(),
        e.date.edtf().to_string(),
        e.date.compact(),
        e.date.precision().noun().to_string(),
        e.date.qualifier_words().to_string(),
        earliest.unwrap_or_default(),
        latest.unwrap_or_default(),
        e.title.to_string(),
        e.summary.to_string(),
        e.place
            .as_deref()
            .map(|p| store.place_name(p).to_string())
            .unwrap_or_default(),
        e.actors
            .iter()
            .map(|a| store.actor_name(a))
            .collect::<Vec<_>>()
            .join("; "),
        e.tags.join("; "),
        e.lane.as_deref().unwrap_or_default().to_string(),
        serde_json::to_value(e.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        e.context.to_string(),
        sources.join("; "),
        e.excerpts
            .iter()
            .map(|x| format!("{} [{}]", x.quote, x.source))
            .collect::<Vec<_>>()
            .join("\n\n"),
        e.note.as_deref().unwrap_or_default().to_string(),
    ]
}

/// The view with its report (this format holds every event).
pub fn export(view: &View<'_>) -> super::Exported {
    super::complete(view, to_string(view))
}

/// Writes the view to `out` ([`write()`]); the report of what it holds.
pub fn export_to(view: &View<'_>, out: &mut dyn std::io::Write) -> std::io::Result<super::Report> {
    write(view, out)?;
    Ok(super::Report::new(super::Unit::Events, view.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-1"), "'-1");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("Abe"), "Abe");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
