//! A fast reader for the "house style" subset of store YAML: what the
//! importers, the generator and `init` write (serde-saphyr's serializer) and
//! what most researchers write by hand. serde-saphyr takes seconds on a
//! 100,000-event store; this reads it line by line, byte-oriented, and the
//! events on all cores.
//!
//! It only changes speed, never a result: for every input it either
//! declines (`None`) or returns exactly what serde-saphyr with
//! [`super::options`] returns (every value and every line and column). It
//! declines on anything outside the subset, on anything serde-saphyr would
//! refuse, and on anything whose reading it is not sure of; `yaml::parse`
//! then runs serde-saphyr, which also words every error.

mod block;
mod cursor;
mod records;
mod scalar;
mod values;

use cursor::{Cursor, Decline, Line, R};
use values::{Record, Val, is_entry, mapping, put, record_entries, records, text};

use crate::model::{EventDef, NamedDef, StoreFile, Text};

/// Below this many bytes of events, one thread reads them all (threads cost
/// more than they save).
const PARALLEL_BYTES: usize = 1024 * 1024;

/// Most chunks the events are split into.
const MAX_CHUNKS: usize = 8;

/// serde-saphyr refuses a store with more than [`super::MAX_EVENTS`] parser
/// events; counting exactly as it does is not worth it, so the fast reader
/// declines well before that (a million-event store has about 30 million).
const EVENT_BUDGET: usize = super::MAX_EVENTS / 2;

/// Reads `text` if it is in the subset; `None` otherwise (see the module
/// documentation).
pub fn parse(text: &str) -> Option<StoreFile> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    parse_on(text, cores.min(MAX_CHUNKS))
}

/// [`parse`] with the events split into at most `threads` chunks.
pub fn parse_on(text: &str, threads: usize) -> Option<StoreFile> {
    if text.len() as u64 > super::MAX_STORE_BYTES {
        return None;
    }
    let mut c = Cursor::new(text, 1);
    c.threads = threads;
    let mut first = c.peek().ok()??;
    // One explicit document start, alone on its line, before the store.
    if &text.as_bytes()[first.start..first.end] == b"---" {
        c.advance(&first);
        first = c.peek().ok()??;
    }
    if first.indent != 0 {
        return None;
    }
    let store = mapping::<StoreFile>(&mut c, first, first.start, 0).ok()?;
    (c.events <= EVENT_BUDGET).then_some(store)
}

/// Builder of the [`StoreFile`].
#[derive(Default)]
pub(crate) struct StoreB {
    title: Option<Text>,
    description: Option<Text>,
    sources: Option<Vec<crate::model::SourceDef>>,
    actors: Option<Vec<NamedDef>>,
    places: Option<Vec<NamedDef>>,
    eras: Option<Vec<crate::model::EraDef>>,
    events: Option<Vec<EventDef>>,
}

impl Record for StoreFile {
    type Builder = StoreB;
    fn field(b: &mut StoreB, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        match key {
            b"title" => put(&mut b.title, text(c, v)),
            b"description" => put(&mut b.description, text(c, v)),
            b"sources" => put(&mut b.sources, records(c, v)),
            b"actors" => put(&mut b.actors, records(c, v)),
            b"places" => put(&mut b.places, records(c, v)),
            b"eras" => put(&mut b.eras, records(c, v)),
            b"events" => put(&mut b.events, events(c, v)),
            _ => Err(Decline),
        }
    }
    fn finish(b: StoreB) -> R<StoreFile> {
        Ok(StoreFile {
            title: b.title.ok_or(Decline)?,
            description: b.description,
            sources: b.sources.unwrap_or_default(),
            actors: b.actors.unwrap_or_default(),
            places: b.places.unwrap_or_default(),
            eras: b.eras.unwrap_or_default(),
            events: b.events.unwrap_or_default(),
        })
    }
}

/// The top-level `events:` list; above [`PARALLEL_BYTES`] it is split at
/// entry starts and the chunks are read on their own threads.
fn events(c: &mut Cursor, v: &Val) -> R<Vec<EventDef>> {
    let first = values::first_entry(c, v)?;
    let region = c.text.len() - first.start;
    if c.threads < 2 || region < PARALLEL_BYTES {
        return record_entries(c, first, room(region));
    }
    if !is_entry(c.bytes(), &first) {
        return Err(Decline);
    }
    let splits = split_points(c.text, &first, c.threads);
    match parallel(c, &first, &splits)? {
        Some(events) => Ok(events),
        // A chunk ran past the events (they are not the last key): read them
        // on this thread.
        None => record_entries(c, first, 0),
    }
}

/// Room for the events of `bytes` of house-style text (an event takes from
/// several hundred bytes up), so that their list is seldom copied to grow;
/// room never written costs no memory, and this bounds it by the text size.
fn room(bytes: usize) -> usize {
    bytes / 768
}

/// Offsets where chunks start: the first entry, then about evenly spaced
/// lines that start an entry at the events' indentation (such a line cannot
/// be inside any value the fast reader accepts: block scalars are indented
/// deeper, and multi-line quoted or flow values decline).
fn split_points(text: &str, first: &Line, chunks: usize) -> Vec<usize> {
    let mut pattern = vec![b'\n'];
    pattern.extend(std::iter::repeat_n(b' ', first.indent));
    pattern.extend_from_slice(b"- ");
    let finder = memchr::memmem::Finder::new(&pattern);
    let len = text.len() - first.start;
    let mut out = vec![first.start];
    for i in 1..chunks {
        let target = first.start + len / chunks * i;
        let from = target.max(out[out.len() - 1]);
        match finder.find(&text.as_bytes()[from..]) {
            Some(p) => out.push(from + p + 1),
            None => break,
        }
    }
    out.dedup();
    out
}

/// What one chunk's thread returns: its events, its cursor's end position,
/// line and counted parser events, and whether it read to its end.
type ChunkOut = (Vec<EventDef>, usize, u32, usize, bool);

/// Reads the chunks starting at `splits` on their own threads. `None` when a
/// chunk before the last did not end with the events (then they are read on
/// one thread instead); a chunk declining declines the whole.
fn parallel(c: &mut Cursor, first: &Line, splits: &[usize]) -> R<Option<Vec<EventDef>>> {
    let text = c.text;
    let bounds: Vec<(usize, usize)> = splits
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, splits.get(i + 1).copied().unwrap_or(text.len())))
        .collect();
    let (start, first_no) = (first.start, first.no);
    let results: Vec<R<ChunkOut>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| {
                // The first chunk's list takes the others' events too.
                let room = room(if i == 0 { text.len() - a } else { b - a });
                s.spawn(move || {
                    // Each thread counts the lines before its chunk itself
                    // (a vectorised count: a few ms for 50 MB), while the
                    // first chunk is already being read.
                    let before = text.as_bytes()[start..a]
                        .iter()
                        .filter(|&&x| x == b'\n')
                        .count();
                    let line = first_no.saturating_add(u32::try_from(before).unwrap_or(u32::MAX));
                    chunk(&text[a..b], line, room)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Decline)))
            .collect()
    });
    let last = results.len() - 1;
    let (mut out, mut events) = (Vec::new(), 0);
    for (i, r) in results.into_iter().enumerate() {
        let (read, pos, line, counted, whole) = r?;
        if i < last && !whole {
            return Ok(None);
        }
        // The first chunk's list grows by the others (one copy fewer).
        if out.is_empty() {
            out = read;
        } else {
            out.extend(read);
        }
        events += counted;
        if i == last {
            c.seek(bounds[i].0 + pos, line);
        }
    }
    c.events += events;
    Ok(Some(out))
}

/// Reads the event entries of one chunk, whose first line is `line`, into a
/// list with room for `room`.
fn chunk(text: &str, line: u32, room: usize) -> R<ChunkOut> {
    let mut c = Cursor::new(text, line);
    let first = c.peek()?.ok_or(Decline)?;
    let out = record_entries::<EventDef>(&mut c, first, room)?;
    let whole = c.peek()?.is_none();
    Ok((out, c.pos, c.line, c.events, whole))
}
