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

/// Builder of a [`SourceDef`].
#[derive(Default)]
pub(crate) struct SourceB {
    id: Option<Text>,
    title: Option<Text>,
    publisher: Option<Text>,
    published: Option<Text>,
    dated_by: Option<Text>,
    author: Option<Text>,
    url: Option<Text>,
    language: Option<Text>,
    text: Option<Text>,
}

impl Record for SourceDef {
    type Builder = SourceB;
    fn field(b: &mut SourceB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        let slot = match key {
            b"id" => &mut b.id,
            b"title" => &mut b.title,
            b"publisher" => &mut b.publisher,
            b"published" => &mut b.published,
            b"dated_by" => &mut b.dated_by,
            b"author" => &mut b.author,
            b"url" => &mut b.url,
            b"language" => &mut b.language,
            b"text" => &mut b.text,
            _ => return Err(Decline),
        };
        put(slot, text(c, v))
    }
    fn finish(b: SourceB) -> R<SourceDef> {
        Ok(SourceDef {
            id: b.id.ok_or(Decline)?,
            title: b.title.ok_or(Decline)?,
            publisher: b.publisher.ok_or(Decline)?,
            published: b.published.ok_or(Decline)?,
            dated_by: b.dated_by,
            author: b.author,
            url: b.url,
            language: b.language,
            text: b.text.ok_or(Decline)?,
        })
    }
}

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

/// Builder of an [`EraDef`].
#[derive(Default)]
pub(crate) struct EraB {
    id: Option<Text>,
    name: Option<Text>,
    date: Option<Text>,
    lane: Option<Text>,
    note: Option<Text>,
}

impl Record for EraDef {
    type Builder = EraB;
    fn field(b: &mut EraB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        let slot = match key {
            b"id" => &mut b.id,
            b"name" => &mut b.name,
            b"date" => &mut b.date,
            b"lane" => &mut b.lane,
            b"note" => &mut b.note,
            _ => return Err(Decline),
        };
        put(slot, text(c, v))
    }
    fn finish(b: EraB) -> R<EraDef> {
        Ok(EraDef {
            id: b.id.ok_or(Decline)?,
            name: b.name.ok_or(Decline)?,
            date: b.date.ok_or(Decline)?,
            lane: b.lane,
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

/// Builder of an [`ExcerptDef`].
#[derive(Default)]
pub(crate) struct ExcerptB {
    source: Option<Text>,
    quote: Option<Text>,
    prefix: Option<Text>,
    suffix: Option<Text>,
}

impl Record for ExcerptDef {
    type Builder = ExcerptB;
    fn field(b: &mut ExcerptB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        let slot = match key {
            b"source" => &mut b.source,
            b"quote" => &mut b.quote,
            b"prefix" => &mut b.prefix,
            b"suffix" => &mut b.suffix,
            _ => return Err(Decline),
        };
        put(slot, text(c, v))
    }
    fn finish(b: ExcerptB) -> R<ExcerptDef> {
        Ok(ExcerptDef {
            source: b.source.ok_or(Decline)?,
            quote: b.quote.ok_or(Decline)?,
            prefix: b.prefix,
            suffix: b.suffix,
        })
    }
}

/// Builder of a [`DiscrepancyDef`].
#[derive(Default)]
pub(crate) struct DiscrepancyB {
    source: Option<Text>,
    quote: Option<Text>,
    says: Option<Text>,
    record: Option<Text>,
    basis: Option<Text>,
}

impl Record for DiscrepancyDef {
    type Builder = DiscrepancyB;
    fn field(b: &mut DiscrepancyB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        let slot = match key {
            b"source" => &mut b.source,
            b"quote" => &mut b.quote,
            b"says" => &mut b.says,
            b"record" => &mut b.record,
            b"basis" => &mut b.basis,
            _ => return Err(Decline),
        };
        put(slot, text(c, v))
    }
    fn finish(b: DiscrepancyB) -> R<DiscrepancyDef> {
        Ok(DiscrepancyDef {
            source: b.source.ok_or(Decline)?,
            quote: b.quote,
            says: b.says.ok_or(Decline)?,
            record: b.record.ok_or(Decline)?,
            basis: b.basis.ok_or(Decline)?,
        })
    }
}
