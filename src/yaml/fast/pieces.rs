//! The fast reader over a store read in pieces (`yaml::stream`): its head
//! (every line before the events' first entry, `events:` its last key),
//! then its events in pieces cut at entry starts, each read on its own.

use super::cursor::Cursor;
use super::values::mapping_into;
use super::{StoreB, Top, chunk, store_start};
use crate::model::StoreFile;
use crate::yaml::sink::{Collect, Events, HeadIds};

/// The head in `text`, whose last key is `events:` with nothing after it
/// (its entries come in pieces), and the parser events counted; `None`
/// when the fast reader declines it or it does not end so.
pub(crate) fn head(text: &str) -> Option<(StoreFile, usize)> {
    let mut c = Cursor::new(text, 1);
    c.head_only = true;
    let first = store_start(&mut c)?;
    let b = StoreB::new(&Collect);
    let Top(store, _, _) = mapping_into::<Top<Collect>>(&mut c, first, first.start, 0, b).ok()?;
    // Cleared when `events:` was read.
    (!c.head_only).then_some((store, c.events))
}

/// The event entries of one piece, whose first line is line `line` of the
/// store, into an out with room for `room`, and the parser events counted;
/// `None` when the fast reader declines them or the piece holds more than
/// entries (then the events are not the store's last key).
pub(crate) fn piece<S: Events>(
    text: &str,
    line: u32,
    room: usize,
    sink: &S,
    head: &HeadIds,
) -> Option<(S::Out, usize)> {
    let (out, _, _, counted, whole) = chunk(text, line, room, sink, head).ok()?;
    whole.then_some((out, counted))
}
