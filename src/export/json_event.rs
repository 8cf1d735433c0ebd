//! One event of the JSON export, written by hand ([`super::pretty`]) in the
//! shape `chronoscope schema --export` documents: through serde it cost
//! twice as much (see `pretty`). The tests below keep serde's writing of
//! the same shape as the reference, byte for byte.

use super::json::DateOut;
use super::located::Places;
use super::pretty::Open;
use crate::model::Status;
use crate::store::Event;

/// Writes event `e`, number `n` of its store (its excerpts placed by
/// `places`), as an object whose first line is at `depth`.
pub(super) fn write(out: &mut Vec<u8>, e: &Event, n: usize, places: &Places<'_>, depth: usize) {
    let mut o = Open::object(out, depth);
    o.str("id", &e.id);
    let (w, d) = o.key("date");
    date(w, &DateOut::new(&e.date), d);
    o.str("title", &e.title);
    o.str("summary", &e.summary);
    o.opt_str("place", e.place.as_deref());
    o.strs("actors", &e.actors);
    o.strs("tags", &e.tags);
    o.opt_str("lane", e.lane.as_deref());
    o.strs("related", &e.related);
    o.str("status", status(e.status));
    o.raw("context", e.context);
    o.opt_str("note", e.note.as_deref());
    let (w, d) = o.key("excerpts");
    excerpts(w, e, n, places, d);
    let (w, d) = o.key("discrepancies");
    let mut list = Open::array(w, d);
    for x in &e.discrepancies {
        let (w, d) = list.next();
        let mut o = Open::object(w, d);
        o.str("source", &x.source);
        o.opt_str("quote", x.quote.as_deref());
        o.str("says", &x.says);
        o.str("record", &x.record);
        o.str("basis", &x.basis);
        o.end();
    }
    list.end();
    o.end();
}

fn excerpts(out: &mut Vec<u8>, e: &Event, n: usize, places: &Places<'_>, depth: usize) {
    let mut list = Open::array(out, depth);
    let placed = places.of_event(n);
    for (i, x) in e.excerpts.iter().enumerate() {
        let (w, d) = list.next();
        let mut o = Open::object(w, d);
        o.str("source", &x.source);
        o.str("quote", &x.quote);
        o.opt_str("prefix", x.prefix.as_deref());
        o.opt_str("suffix", x.suffix.as_deref());
        match placed.get(i) {
            Some((text, line, column)) => {
                let (w, d) = o.key("located");
                let mut at = Open::object(w, d);
                at.str("text", &text);
                at.raw("line", line);
                at.raw("column", column);
                at.end();
            }
            None => o.raw("located", "null"),
        }
        o.end();
    }
    list.end();
}

fn date(out: &mut Vec<u8>, d: &DateOut, depth: usize) {
    let mut o = Open::object(out, depth);
    o.str("edtf", &d.edtf);
    o.str("display", &d.display);
    o.str("words", &d.words);
    o.str("precision", d.precision);
    o.str("qualifier", d.qualifier);
    o.raw("interval", d.interval);
    o.opt_str("earliest", d.earliest.as_deref());
    o.opt_str("latest", d.latest.as_deref());
    o.end();
}

/// A status as serde names it (`snake_case`).
fn status(s: Status) -> &'static str {
    match s {
        Status::Occurred => "occurred",
        Status::Scheduled => "scheduled",
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde::Serialize;

    use super::*;
    use crate::store::Store;

    #[derive(Serialize)]
    struct Located<'a> {
        text: Cow<'a, str>,
        line: u64,
        column: u64,
    }

    #[derive(Serialize)]
    struct ExcerptOut<'a> {
        source: &'a str,
        quote: &'a str,
        prefix: Option<&'a str>,
        suffix: Option<&'a str>,
        located: Option<Located<'a>>,
    }

    #[derive(Serialize)]
    struct DiscrepancyOut<'a> {
        source: &'a str,
        quote: Option<&'a str>,
        says: &'a str,
        record: &'a str,
        basis: &'a str,
    }

    /// The event as serde writes it: the reference.
    #[derive(Serialize)]
    struct EventOut<'a> {
        id: &'a str,
        date: DateOut,
        title: &'a str,
        summary: &'a str,
        place: Option<&'a str>,
        actors: &'a [compact_str::CompactString],
        tags: &'a [compact_str::CompactString],
        lane: Option<&'a str>,
        related: &'a [compact_str::CompactString],
        status: Status,
        context: bool,
        note: Option<&'a str>,
        excerpts: Vec<ExcerptOut<'a>>,
        discrepancies: Vec<DiscrepancyOut<'a>>,
    }

    fn reference<'a>(e: &'a Event, n: usize, places: &Places<'a>) -> EventOut<'a> {
        EventOut {
            id: &e.id,
            date: DateOut::new(&e.date),
            title: &e.title,
            summary: &e.summary,
            place: e.place.as_deref(),
            actors: &e.actors,
            tags: &e.tags,
            lane: e.lane.as_deref(),
            related: &e.related,
            status: e.status,
            context: e.context,
            note: e.note.as_deref(),
            excerpts: (e.excerpts.iter().enumerate())
                .map(|(i, x)| ExcerptOut {
                    source: &x.source,
                    quote: &x.quote,
                    prefix: x.prefix.as_deref(),
                    suffix: x.suffix.as_deref(),
                    located: (places.get(n, i)).map(|(text, line, column)| Located {
                        text,
                        line,
                        column,
                    }),
                })
                .collect(),
            discrepancies: (e.discrepancies.iter())
                .map(|d| DiscrepancyOut {
                    source: &d.source,
                    quote: d.quote.as_deref(),
                    says: &d.says,
                    record: &d.record,
                    basis: &d.basis,
                })
                .collect(),
        }
    }

    /// Every event of `store` written by hand as serde writes it, at two depths.
    fn same_as_serde(store: &Store, report: Option<&crate::check::Report>) {
        let places = Places::new(store, report);
        for (n, e) in store.events.iter().enumerate() {
            for depth in [0, 2] {
                let mut by_hand = Vec::new();
                write(&mut by_hand, e, n, &places, depth);
                let mut by_serde = Vec::new();
                let value = reference(e, n, &places);
                super::super::safe_json::write_pretty_at(&mut by_serde, &value, depth).unwrap();
                assert_eq!(
                    String::from_utf8(by_hand).unwrap(),
                    String::from_utf8(by_serde).unwrap(),
                    "{}",
                    e.id
                );
            }
        }
    }

    #[test]
    fn shipped_events_are_written_as_serde_writes_them() {
        let loaded = Store::load_embedded().expect("built-in store");
        let report = crate::check::check(&loaded);
        same_as_serde(&loaded.store, Some(&report));
        same_as_serde(&loaded.store, None);
    }

    #[test]
    fn hostile_text_and_every_shape_are_written_as_serde_writes_them() {
        let loaded = Store::load_embedded().expect("built-in store");
        let mut store = loaded.store;
        let hostile = "\u{1b}[31m\"q\"\\ \u{202e}rtl\u{2066} \u{200b}\u{7f}\u{9b} 横田\n\t\r\u{0}";
        let mut events = store.events.clone();
        for (n, e) in events.iter_mut().enumerate() {
            e.title = format!("{hostile}{n}").into();
            e.note = (n % 2 == 0).then(|| hostile.into());
            e.place = (n % 3 == 0).then(|| hostile.into());
            e.actors = vec![hostile.into(); n % 3].into();
            e.related = Box::default();
            e.status = if n % 2 == 0 {
                Status::Scheduled
            } else {
                Status::Occurred
            };
            e.context = n % 5 == 0;
            for x in &mut e.excerpts {
                x.prefix = Some(hostile.into());
            }
            if n % 4 == 0 {
                e.excerpts = Box::default();
                e.discrepancies = Box::default();
            }
        }
        store.replace_events(events);
        same_as_serde(&store, None);
    }
}
