//! The model's records read key by key: each builder knows its struct's
//! keys (exactly those serde accepts, as `deny_unknown_fields` refuses the
//! rest) and which of them are required.

use super::cursor::{Cursor, Decline, R};
use super::values::{Record, Val, flag, put, records, status, text, texts};
use crate::model::{
    At, DiscrepancyDef, EraDef, EventDef, ExcerptDef, NamedDef, SourceDef, Status, Text,
};

/// A field serde fills in when it is absent.
fn or_default<T: Default>(v: Option<T>) -> T {
    v.unwrap_or_default()
}

/// A record whose fields are all texts: its builder and [`Record`] impl,
/// from its required and optional keys.
macro_rules! text_record {
    ($ty:ident, $b:ident, required: [$($r:ident),*], optional: [$($o:ident),*]) => {
        #[doc = concat!("Builder of a [`", stringify!($ty), "`].")]
        #[derive(Default)]
        pub(crate) struct $b {
            $($r: Option<Text>,)*
            $($o: Option<Text>,)*
        }

        impl Record for $ty {
            type Builder = $b;
            fn field(b: &mut $b, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
                let slot = match key {
                    $(k if k == stringify!($r).as_bytes() => &mut b.$r,)*
                    $(k if k == stringify!($o).as_bytes() => &mut b.$o,)*
                    _ => return Err(Decline),
                };
                put(slot, text(c, v))
            }
            fn finish(b: $b) -> R<$ty> {
                Ok($ty {
                    $($r: b.$r.ok_or(Decline)?,)*
                    $($o: b.$o,)*
                })
            }
        }
    };
}

text_record!(SourceDef, SourceB, required: [id, title, publisher, published, text], optional: [dated_by, author, url, language]);
text_record!(EraDef, EraB, required: [id, name, date], optional: [lane, note]);
text_record!(ExcerptDef, ExcerptB, required: [source, quote], optional: [prefix, suffix]);
text_record!(DiscrepancyDef, DiscrepancyB, required: [source, says, record, basis], optional: [quote]);

/// Builder of a [`NamedDef`].
#[derive(Default)]
pub(crate) struct NamedB {
    id: Option<Text>,
    name: Option<Text>,
    aliases: Option<Vec<Text>>,
    note: Option<Text>,
}

impl Record for NamedDef {
    type Builder = NamedB;
    fn field(b: &mut NamedB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        match key {
            b"id" => put(&mut b.id, text(c, v)),
            b"name" => put(&mut b.name, text(c, v)),
            b"aliases" => put(&mut b.aliases, texts(c, v)),
            b"note" => put(&mut b.note, text(c, v)),
            _ => Err(Decline),
        }
    }
    fn finish(b: NamedB) -> R<NamedDef> {
        Ok(NamedDef {
            id: b.id.ok_or(Decline)?,
            name: b.name.ok_or(Decline)?,
            aliases: or_default(b.aliases),
            note: b.note,
        })
    }
}

/// Builder of an [`EventDef`].
#[derive(Default)]
pub(crate) struct EventB {
    id: Option<Text>,
    date: Option<Text>,
    title: Option<Text>,
    summary: Option<Text>,
    place: Option<Text>,
    actors: Option<Vec<Text>>,
    tags: Option<Vec<Text>>,
    lane: Option<Text>,
    related: Option<Vec<Text>>,
    status: Option<At<Status>>,
    context: Option<At<bool>>,
    note: Option<Text>,
    excerpts: Option<Vec<ExcerptDef>>,
    discrepancies: Option<Vec<DiscrepancyDef>>,
}

impl Record for EventDef {
    type Builder = EventB;
    fn field(b: &mut EventB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        let slot = match key {
            b"id" => &mut b.id,
            b"date" => &mut b.date,
            b"title" => &mut b.title,
            b"summary" => &mut b.summary,
            b"place" => &mut b.place,
            b"lane" => &mut b.lane,
            b"note" => &mut b.note,
            b"actors" => return put(&mut b.actors, texts(c, v)),
            b"tags" => return put(&mut b.tags, texts(c, v)),
            b"related" => return put(&mut b.related, texts(c, v)),
            b"status" => return put(&mut b.status, status(c, v)),
            b"context" => return put(&mut b.context, flag(c, v)),
            b"excerpts" => return put(&mut b.excerpts, records(c, v)),
            b"discrepancies" => return put(&mut b.discrepancies, records(c, v)),
            _ => return Err(Decline),
        };
        put(slot, text(c, v))
    }
    fn finish(b: EventB) -> R<EventDef> {
        Ok(EventDef {
            id: b.id.ok_or(Decline)?,
            date: b.date.ok_or(Decline)?,
            title: b.title.ok_or(Decline)?,
            summary: b.summary,
            place: b.place,
            actors: or_default(b.actors),
            tags: or_default(b.tags),
            lane: b.lane,
            related: or_default(b.related),
            status: b.status,
            context: b.context,
            note: b.note,
            excerpts: or_default(b.excerpts),
            discrepancies: or_default(b.discrepancies),
        })
    }
}
