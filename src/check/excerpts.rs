//! `excerpt-verbatim` and `quote-date`: every quote is placed in its source,
//! over all cores, in chunks of events that threads take in turn (a chunk
//! quoting a big source costs more than one quoting a small one), with
//! progress and cancellation between chunks.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};

use super::{Located, Progress, misfits};
use crate::error::Pos;
use crate::finding::{Finding, Messages, Severity};
use crate::quote::{self, Miss};
use crate::store::{Event, Store};

/// Events per chunk: small enough for even progress, big enough that taking
/// a chunk costs nothing next to checking it.
const CHUNK: usize = 512;

/// How many missing quotes get the (costly) closest-match hint.
const CLOSEST_MATCH_HINTS: usize = 50;

/// A quote not found; its message waits for the hint budget, which goes to
/// the first misses in event order whatever thread found them. It borrows
/// the store's text: copies of every missed quote, all held until the last
/// chunk is done, were a cold check's peak (40 MB at 200,000 misses).
struct Pending<'a> {
    at: Pos,
    source: &'a str,
    quote: &'a str,
    miss: Miss,
}

#[derive(Default)]
struct Chunk<'a> {
    located: Vec<Located>,
    findings: Vec<Finding>,
    misses: Vec<Pending<'a>>,
}

/// Quote lookups the store asks for (excerpts and discrepancy quotes).
pub(super) fn lookups(store: &Store) -> usize {
    store.events.iter().map(lookups_of).sum()
}

fn lookups_of(e: &Event) -> usize {
    e.excerpts.len() + e.discrepancies.iter().filter(|d| d.quote.is_some()).count()
}

/// Places every quote, its findings pushed to `out` (made with room for
/// `more` besides); `None` when cancelled.
///
/// Chunks are merged in event order as they come in, so a chunk's pending
/// misses are let go as soon as it is merged: gathered until the last chunk
/// was done, they were a cold check's peak (2.3 MB over the finished report
/// at 10,000 events whose 20,000 quotes all miss).
pub(super) fn check<'s>(
    store: &'s Store,
    file: &str,
    progress: &Progress,
    out: &mut Vec<Finding>,
    more: usize,
) -> Option<Vec<Located>> {
    let chunks: Vec<&[Event]> = store.events.chunks(CHUNK).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let total = lookups(store);
    let worker = |to: Sender<(usize, Chunk<'s>)>| {
        loop {
            if progress.cancelled() {
                return;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(events) = chunks.get(i) else { return };
            let chunk = check_chunk(store, file, events);
            let n: usize = events.iter().map(lookups_of).sum();
            let so_far = done.fetch_add(n, Ordering::Relaxed) + n;
            (progress.on_progress)(so_far.min(total), total);
            if to.send((i, chunk)).is_err() {
                return;
            }
        }
    };
    // Room for a finding per quote looked up, and for `more`: the lists are
    // filled as chunks come in, not regrown by doubling (which briefly
    // holds a list and its double); room never written costs no memory,
    // and the caller lets the rest go.
    out.reserve(total + more);
    let mut merge = Merge {
        store,
        file,
        located: Vec::with_capacity(total),
        budget: CLOSEST_MATCH_HINTS,
        messages: Messages::default(),
        merged: 0,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(chunks.len())
        .min(8);
    let (to, came) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        if threads <= 1 {
            worker(to);
        } else {
            for _ in 0..threads {
                let to = to.clone();
                s.spawn(move || worker(to));
            }
            drop(to);
        }
        merge.in_order(came, out);
    });
    if progress.cancelled() || merge.merged != chunks.len() {
        return None;
    }
    merge.located.shrink_to_fit();
    Some(merge.located)
}

/// The merge of checked chunks into the report, in event order.
struct Merge<'s> {
    store: &'s Store,
    file: &'s str,
    located: Vec<Located>,
    /// Closest-match hints left to give.
    budget: usize,
    /// Misses of one source mostly say the same words: held once.
    messages: Messages,
    /// Chunks merged so far.
    merged: usize,
}

impl Merge<'_> {
    /// Merges the chunks that come, each once every chunk before it is
    /// merged, until every sender is gone.
    fn in_order<'a>(&mut self, came: Receiver<(usize, Chunk<'a>)>, out: &mut Vec<Finding>) {
        let mut early: BTreeMap<usize, Chunk<'a>> = BTreeMap::new();
        for (i, chunk) in came {
            early.insert(i, chunk);
            while let Some(next) = early.remove(&self.merged) {
                self.add(next, out);
                self.merged += 1;
            }
        }
    }

    fn add(&mut self, chunk: Chunk<'_>, out: &mut Vec<Finding>) {
        self.located.extend(chunk.located);
        out.extend(chunk.findings);
        for m in chunk.misses {
            let message = miss_message(self.store, &mut self.budget, &m);
            out.push(self.messages.finding(
                Severity::Error,
                self.file,
                m.at,
                "excerpt-verbatim",
                message,
            ));
        }
    }
}

fn check_chunk<'a>(store: &Store, file: &str, events: &'a [Event]) -> Chunk<'a> {
    let mut chunk = Chunk::default();
    for e in events {
        for x in &e.excerpts {
            let placed = place(
                store,
                &mut chunk,
                &e.id,
                &x.source,
                &x.quote,
                x.prefix.as_deref(),
                x.suffix.as_deref(),
                x.pos,
            );
            if placed {
                for m in misfits(&x.quote, &e.date) {
                    chunk.findings.push(Finding::error(
                        file,
                        x.pos,
                        "quote-date",
                        format!(
                            "excerpt of `{}` says \"{}\", which does not fit the event's date {}: {}; correct the date, or record the disagreement under `discrepancies:`",
                            e.id,
                            m.words,
                            e.date.edtf(),
                            m.why
                        ),
                    ));
                }
            }
        }
        for d in &e.discrepancies {
            if let Some(q) = &d.quote {
                place(store, &mut chunk, &e.id, &d.source, q, None, None, e.pos);
            }
        }
    }
    chunk
}

/// Looks one quote up; true when it was found exactly once.
#[allow(clippy::too_many_arguments)] // one quote's fields, as the store holds them
fn place<'a>(
    store: &Store,
    chunk: &mut Chunk<'a>,
    event: &str,
    source: &'a str,
    q: &'a str,
    pre: Option<&str>,
    suf: Option<&str>,
    at: Pos,
) -> bool {
    let Some(src) = store.source(source) else {
        return false;
    };
    let Ok(text) = &src.text else { return false };
    match quote::locate(&text.text, &text.normalized, q, pre, suf) {
        Ok(r) => {
            let (l, c) = text.normalized.line_col(&text.text, r.start);
            chunk.located.push(Located {
                event: event.to_string(),
                source: source.to_string(),
                line: at.line,
                found_file: src.path.clone(),
                found_line: l,
                found_col: c,
            });
            true
        }
        Err(miss) => {
            chunk.misses.push(Pending {
                at,
                source,
                quote: q,
                miss,
            });
            false
        }
    }
}

fn miss_message(store: &Store, hint_budget: &mut usize, m: &Pending) -> String {
    let Pending {
        source,
        quote: q,
        miss,
        ..
    } = m;
    let Some(src) = store.source(source) else {
        return format!("quote not found in source `{source}`");
    };
    let Ok(text) = &src.text else {
        return format!("quote not found in source `{source}`");
    };
    let (path, norm) = (&src.path, &text.normalized);
    match miss {
        Miss::Empty => "excerpt quote is empty; copy the words from the source".to_string(),
        Miss::NotFound if *hint_budget == 0 => format!(
            "quote not found verbatim in source `{source}` ({path}); copy the exact words of the source"
        ),
        Miss::NotFound => {
            *hint_budget -= 1;
            // Help the researcher: how much of the quote does match?
            let nq = quote::normalize(q);
            let chars: Vec<usize> = nq
                .char_indices()
                .map(|(i, _)| i)
                .chain([nq.len()])
                .collect();
            let (mut lo, mut hi) = (0usize, chars.len() - 1);
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if norm.as_str().contains(&nq[..chars[mid]]) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            let matched = &nq[..chars[lo]];
            if lo >= 8 {
                let at = norm.as_str().find(matched).unwrap_or(0);
                let ctx: String = norm.as_str()[at + matched.len()..]
                    .chars()
                    .take(30)
                    .collect();
                format!(
                    "quote not found verbatim in source `{source}` ({path}); the first {lo} characters match, then the source reads \"{ctx}\" where the quote has \"{}\"",
                    nq[chars[lo]..].chars().take(30).collect::<String>()
                )
            } else {
                format!(
                    "quote not found verbatim in source `{source}` ({path}); copy the exact words of the source"
                )
            }
        }
        Miss::Ambiguous(ranges) => {
            let places: Vec<String> = ranges
                .iter()
                .map(|r| {
                    let (l, c) = norm.line_col(&text.text, r.start);
                    format!("{path}:{l}:{c}")
                })
                .collect();
            format!(
                "quote occurs {} times in source `{source}` ({}); add a `prefix:` or `suffix:` to pick one",
                ranges.len(),
                places.join(", ")
            )
        }
    }
}
