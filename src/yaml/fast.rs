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
pub(crate) mod pieces;
mod records;
mod scalar;
mod values;

use cursor::{Cursor, Decline, Line, R};
use values::{Record, Val, is_entry, mapping_into, put, record_each, records, text};

use super::sink::{Collect, Events, HeadIds};
use crate::model::{EventDef, NamedDef, StoreFile, Text};

/// Below this many bytes of events, one thread reads them all (threads cost
/// more than they save).
const PARALLEL_BYTES: usize = 1024 * 1024;

/// Most chunks the events are split into.
const MAX_CHUNKS: usize = 8;

/// serde-saphyr refuses a store with more than [`super::MAX_EVENTS`] parser
/// events; counting exactly as it does is not worth it, so the fast reader
/// declines well before that (a million-event store has about 30 million).
pub(crate) const EVENT_BUDGET: usize = super::MAX_EVENTS / 2;

/// Most threads worth reading on.
pub fn cores() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(MAX_CHUNKS)
}

/// Reads `text` if it is in the subset; `None` otherwise (see the module
/// documentation).
pub fn parse(text: &str) -> Option<StoreFile> {
    parse_on(text, cores())
}

/// [`parse`] with the events split into at most `threads` chunks.
pub fn parse_on(text: &str, threads: usize) -> Option<StoreFile> {
    let (mut raw, events) = parse_with(text, threads, &Collect)?;
    raw.events = events;
    Some(raw)
}

/// Reads `text` if it is in the subset, each event given to `sink` as it
/// is read (the file returned has no events); `None` otherwise. A sink that
/// needs the head takes the events on the fly when no source, actor or
/// place list comes after them; else the events are parsed whole first.
pub fn parse_with<S: Events>(text: &str, threads: usize, sink: &S) -> Option<(StoreFile, S::Out)> {
    match read(text, threads, sink) {
        Ok(read) => Some(read),
        Err(true) => {
            let (mut raw, events) = read(text, threads, &Collect).ok()?;
            raw.events = events;
            let out = super::sink::drain(sink, &mut raw);
            Some((raw, out))
        }
        Err(false) => None,
    }
}

/// [`parse_with`]'s reading; `Err(true)` when a head list came after the
/// events a sink that needs the head took already.
fn read<S: Events>(text: &str, threads: usize, sink: &S) -> Result<(StoreFile, S::Out), bool> {
    if text.len() as u64 > super::MAX_STORE_BYTES {
        return Err(false);
    }
    let mut c = Cursor::new(text, 1);
    c.threads = threads;
    let first = store_start(&mut c).ok_or(false)?;
    let b = StoreB::new(sink);
    let store = mapping_into::<Top<S>>(&mut c, first, first.start, 0, b);
    let Top(store, events, _) = store.map_err(|_| c.head_late)?;
    if c.events > EVENT_BUDGET {
        return Err(false);
    }
    Ok((store, events))
}

/// The store's first line: after one explicit document start, alone on its
/// line, if there is one; `None` when it is indented or missing.
fn store_start(c: &mut Cursor) -> Option<Line> {
    let mut first = c.peek().ok()??;
    if &c.bytes()[first.start..first.end] == b"---" {
        c.advance(&first);
        first = c.peek().ok()??;
    }
    (first.indent == 0).then_some(first)
}

/// The store file, its events as the sink made them.
struct Top<'s, S: Events>(StoreFile, S::Out, std::marker::PhantomData<&'s S>);

/// Builder of the [`StoreFile`].
pub(crate) struct StoreB<'s, S: Events> {
    sink: &'s S,
    title: Option<Text>,
    description: Option<Text>,
    sources: Option<Vec<crate::model::SourceDef>>,
    actors: Option<Vec<NamedDef>>,
    places: Option<Vec<NamedDef>>,
    eras: Option<Vec<crate::model::EraDef>>,
    events: Option<S::Out>,
}

impl<'s, S: Events> StoreB<'s, S> {
    fn new(sink: &'s S) -> Self {
        StoreB {
            sink,
            title: None,
            description: None,
            sources: None,
            actors: None,
            places: None,
            eras: None,
            events: None,
        }
    }
}

impl<'s, S: Events> Record for Top<'s, S> {
    type Builder = StoreB<'s, S>;
    fn field(b: &mut StoreB<'s, S>, key: &[u8], v: &Val, c: &mut Cursor) -> R<()> {
        if S::NEEDS_HEAD && b.events.is_some() && matches!(key, b"sources" | b"actors" | b"places")
        {
            c.head_late = true;
            return Err(Decline);
        }
        match key {
            b"title" => put(&mut b.title, text(c, v)),
            b"description" => put(&mut b.description, text(c, v)),
            b"sources" => put(&mut b.sources, records(c, v)),
            b"actors" => put(&mut b.actors, records(c, v)),
            b"places" => put(&mut b.places, records(c, v)),
            b"eras" => put(&mut b.eras, records(c, v)),
            b"events" if c.head_only => {
                // The head's last key: its entries are read in pieces.
                values::rest_is_blank_after(c, v)?;
                if c.peek()?.is_some() {
                    return Err(Decline);
                }
                c.head_only = false;
                put(&mut b.events, Ok(b.sink.start(0)))
            }
            b"events" => {
                let none = Vec::new();
                let head = if S::NEEDS_HEAD {
                    HeadIds::new(
                        b.sources.as_deref().unwrap_or(&[]),
                        b.actors.as_deref().unwrap_or(&none),
                        b.places.as_deref().unwrap_or(&none),
                    )
                } else {
                    HeadIds::new(&[], &[], &[])
                };
                put(&mut b.events, events(c, v, b.sink, &head))
            }
            _ => Err(Decline),
        }
    }
    fn finish(b: StoreB<'s, S>) -> R<Top<'s, S>> {
        let store = StoreFile {
            title: b.title.ok_or(Decline)?,
            description: b.description,
            sources: b.sources.unwrap_or_default(),
            actors: b.actors.unwrap_or_default(),
            places: b.places.unwrap_or_default(),
            eras: b.eras.unwrap_or_default(),
            events: Vec::new(),
        };
        let events = b.events.unwrap_or_else(|| b.sink.start(0));
        Ok(Top(store, events, std::marker::PhantomData))
    }
}

/// The top-level `events:` list; above [`PARALLEL_BYTES`] it is split at
/// entry starts and the chunks are read on their own threads.
fn events<S: Events>(c: &mut Cursor, v: &Val, sink: &S, head: &HeadIds) -> R<S::Out> {
    let first = values::first_entry(c, v)?;
    let region = c.text.len() - first.start;
    if c.threads < 2 || region < PARALLEL_BYTES {
        return sequential(c, first, sink, head, room(region));
    }
    if !is_entry(c.bytes(), &first) {
        return Err(Decline);
    }
    let splits = split_points(c.text, &first, c.threads);
    match parallel(c, &first, &splits, sink, head)? {
        Some(events) => Ok(events),
        // A chunk ran past the events (they are not the last key): read them
        // on this thread.
        None => sequential(c, first, sink, head, 0),
    }
}

/// The event entries from `first` on, read on this thread into an out
/// with room for `room` of them.
fn sequential<S: Events>(
    c: &mut Cursor,
    first: Line,
    sink: &S,
    head: &HeadIds,
    room: usize,
) -> R<S::Out> {
    let mut out = sink.start(room);
    record_each::<EventDef>(c, first, |e| sink.take(head, &mut out, e))?;
    Ok(out)
}

/// Room for the events of `bytes` of house-style text (an event takes from
/// several hundred bytes up), so that their list is seldom copied to grow;
/// room never written costs no memory, and this bounds it by the text size.
pub(crate) fn room(bytes: usize) -> usize {
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

/// What one chunk's thread returns: what its events made, its cursor's end
/// position, line and counted parser events, and whether it read to its end.
type ChunkOut<O> = (O, usize, u32, usize, bool);

/// Reads the chunks starting at `splits` on their own threads. `None` when a
/// chunk before the last did not end with the events (then they are read on
/// one thread instead); a chunk declining declines the whole.
fn parallel<S: Events>(
    c: &mut Cursor,
    first: &Line,
    splits: &[usize],
    sink: &S,
    head: &HeadIds,
) -> R<Option<S::Out>> {
    let text = c.text;
    let bounds: Vec<(usize, usize)> = splits
        .iter()
        .enumerate()
        .map(|(i, &s)| (s, splits.get(i + 1).copied().unwrap_or(text.len())))
        .collect();
    let (start, first_no) = (first.start, first.no);
    let results: Vec<R<ChunkOut<S::Out>>> = std::thread::scope(|s| {
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
                    chunk(&text[a..b], line, room, sink, head)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(Err(Decline)))
            .collect()
    });
    let last = results.len() - 1;
    let (mut out, mut events) = (None, 0);
    for (i, r) in results.into_iter().enumerate() {
        let (read, pos, line, counted, whole) = r?;
        if i < last && !whole {
            return Ok(None);
        }
        match &mut out {
            None => out = Some(read),
            Some(out) => sink.join(out, read),
        }
        events += counted;
        if i == last {
            c.seek(bounds[i].0 + pos, line);
        }
    }
    c.events += events;
    Ok(out)
}

/// Reads the event entries of one chunk, whose first line is `line`, into an
/// out with room for `room`.
fn chunk<S: Events>(
    text: &str,
    line: u32,
    room: usize,
    sink: &S,
    head: &HeadIds,
) -> R<ChunkOut<S::Out>> {
    let mut c = Cursor::new(text, line);
    let first = c.peek()?.ok_or(Decline)?;
    let out = sequential(&mut c, first, sink, head, room)?;
    let whole = c.peek()?.is_none();
    Ok((out, c.pos, c.line, c.events, whole))
}
