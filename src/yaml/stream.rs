//! A store file read in pieces, never whole: its head (every line before
//! the events' first entry) whole, then its events in pieces of about
//! [`PIECE_BYTES`] cut at entry starts, each checked as UTF-8, hashed as
//! the cache's key hashes the file, and read by the fast reader on a
//! worker thread (one per core) while the next piece is read. A cold open
//! of the 10,000-event store held its whole text (8.7 MiB) until the last
//! event was read; this holds a piece per worker and the one being read.
//!
//! Only a store in the fast reader's subset whose last key is `events:`
//! (the house style: the importers, the generator and `init` write it so)
//! is read so; on anything else (a decline, a key after the events, bad
//! UTF-8, a file over the cap, an error to word) this returns `None` and
//! the caller reads the whole text as before, which words every error.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use memchr::memchr;
use memchr::memmem::FinderRev;

use super::fast::{self, pieces};
use super::sink::{Events, HeadIds};
use crate::model::StoreFile;

/// Bytes of events read as one piece (then cut at the last entry start
/// read). Measured on the 10,000-event store (RSS at the end of a cold
/// load, cache off): whole 26.8 MiB, 1 MiB pieces 22-23, 256 KiB 18-19,
/// 128 KiB 17.8-18.0 (the store itself is 16.9 with the program); the
/// 100,000-event load took no longer (0.42-0.52 s against 0.80 at 1 MiB).
pub const PIECE_BYTES: usize = 128 * 1024;

/// Bytes read from the file at a time.
const BLOCK: usize = 64 * 1024;

/// A store read in pieces.
pub(crate) struct Streamed<O> {
    /// The file without its events.
    pub head: StoreFile,
    /// What the sink made of the events.
    pub events: O,
    /// BLAKE3 of the text as the loader decodes it (a leading BOM left out).
    pub hash: [u8; 32],
    /// The longest piece of text held at once, in bytes (the head included).
    pub largest: usize,
}

/// The file, read block by block, each block hashed as read.
struct Input {
    file: std::io::Take<File>,
    hash: blake3::Hasher,
    total: u64,
    eof: bool,
}

impl Input {
    fn open(path: &Path) -> Option<Input> {
        // Looked at before it is opened: opening a FIFO would block.
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() || meta.len() > super::MAX_STORE_BYTES {
            return None;
        }
        let file = File::open(path).ok()?;
        Some(Input {
            file: file.take(super::MAX_STORE_BYTES + 1),
            hash: blake3::Hasher::new(),
            total: 0,
            eof: false,
        })
    }

    /// Appends the next block to `buf`; `None` on a read error or past the
    /// size cap.
    fn more(&mut self, buf: &mut Vec<u8>) -> Option<()> {
        let start = buf.len();
        buf.resize(start + BLOCK, 0);
        let n = fill(&mut self.file, &mut buf[start..]).ok()?;
        buf.truncate(start + n);
        if self.total == 0 && buf[start..].starts_with(b"\xef\xbb\xbf") {
            buf.drain(start..start + 3);
        }
        self.hash.update(&buf[start..]);
        self.total += n as u64;
        self.eof = n < BLOCK;
        (self.total <= super::MAX_STORE_BYTES).then_some(())
    }
}

/// Reads until `buf` is full or the input ends; how many bytes were read.
pub(crate) fn fill(input: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Where the head ends: the start of the first content line after a line
/// that starts with `events:`. Moves over complete lines from `at`.
struct HeadEnd {
    at: usize,
    after_key: bool,
}

impl HeadEnd {
    /// The head's end once it is in `buf`; `None` while it is not (yet).
    fn find(&mut self, buf: &[u8], eof: bool) -> Option<usize> {
        loop {
            let rest = &buf[self.at..];
            let nl = memchr(b'\n', rest);
            let line = match nl {
                Some(i) => &rest[..i],
                None if eof => rest,
                None => return None,
            };
            if !self.after_key {
                self.after_key = line.starts_with(b"events:");
            } else {
                // As the fast reader's cursor sees lines: blank, a comment,
                // or content.
                match line.iter().find(|&&b| b != b' ') {
                    None | Some(b'#') => {}
                    Some(_) => return Some(self.at),
                }
            }
            self.at += nl? + 1;
        }
    }
}

/// Reads the store at `path` in pieces of about `piece` bytes of events,
/// giving each event to `sink`; `None` when it cannot be read so (see the
/// module documentation).
pub(crate) fn read<S: Events>(path: &Path, sink: &S, piece: usize) -> Option<Streamed<S::Out>> {
    let mut input = Input::open(path)?;
    let mut buf = Vec::with_capacity(piece + BLOCK);
    let mut end = HeadEnd {
        at: 0,
        after_key: false,
    };
    let head_len = loop {
        if let Some(at) = end.find(&buf, input.eof) {
            break at;
        }
        if input.eof {
            return None;
        }
        input.more(&mut buf)?;
    };
    let rest = buf[head_len..].to_vec();
    buf.truncate(head_len);
    let head_text = String::from_utf8(buf).ok()?;
    let (head, counted) = pieces::head(&head_text)?;
    let line = memchr::memchr_iter(b'\n', head_text.as_bytes()).count() + 1;
    let largest = head_text.len();
    drop(head_text);
    let mut buf = rest;
    buf.reserve(piece + BLOCK);
    let indent = buf.iter().take_while(|&&b| b == b' ').count();
    let room = fast::room(usize::try_from(input.file.get_ref().metadata().ok()?.len()).ok()?);
    let feed = Feed {
        input,
        buf,
        piece,
        line: u32::try_from(line).ok()?,
        indent,
        largest,
    };
    let (events, counted_events, hash, largest) = parse_pieces(feed, sink, &head, room)?;
    (counted + counted_events <= fast::EVENT_BUDGET).then_some(Streamed {
        head,
        events,
        hash,
        largest,
    })
}

/// The events' text still to read: the file, the bytes read but not yet
/// cut into a piece (they start with an entry at `indent`), and the line
/// they start on.
struct Feed {
    input: Input,
    buf: Vec<u8>,
    piece: usize,
    line: u32,
    indent: usize,
    largest: usize,
}

impl Feed {
    /// The next piece and its first line; `Ok(None)` at the end, `Err` when
    /// the text cannot be read in pieces.
    fn next(
        &mut self,
        entry: &FinderRev,
        spare: &mpsc::Receiver<Vec<u8>>,
    ) -> Result<Option<(String, u32)>, ()> {
        let mut searched = 0;
        let cut = loop {
            if self.input.eof {
                break self.buf.len();
            }
            if self.buf.len() >= self.piece {
                // Only the bytes not searched yet (a huge entry is read on
                // until an entry starts, not searched again and again).
                let from = searched.max(1);
                if let Some(i) = entry.rfind(&self.buf[from..]) {
                    break from + i + 1;
                }
                searched = self.buf.len().saturating_sub(self.indent + 2).max(1);
            }
            self.input.more(&mut self.buf).ok_or(())?;
        };
        if cut == 0 {
            return Ok(None);
        }
        // The next piece goes into a buffer a worker is done with, when
        // there is one: the few buffers go round, rather than a new one
        // being made here for each piece and freed on a worker (freed on
        // another thread, mimalloc reuses them late: 6 MiB more at the
        // 10,000-event open's peak).
        let mut next = spare.try_recv().unwrap_or_default();
        next.clear();
        next.reserve(self.piece + BLOCK);
        next.extend_from_slice(&self.buf[cut..]);
        self.buf.truncate(cut);
        let text = std::mem::replace(&mut self.buf, next);
        let text = String::from_utf8(text).map_err(|_| ())?;
        let line = self.line;
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        self.line = self
            .line
            .saturating_add(u32::try_from(lines).map_err(|_| ())?);
        self.largest = self.largest.max(text.len());
        Ok(Some((text, line)))
    }
}

/// What the workers made of the pieces, joined in order as they come.
struct Joined<'s, S: Events> {
    sink: &'s S,
    out: S::Out,
    next: usize,
    waiting: BTreeMap<usize, S::Out>,
    counted: usize,
    failed: bool,
}

impl<S: Events> Joined<'_, S> {
    fn add(&mut self, i: usize, piece: Option<(S::Out, usize)>) {
        let Some((out, counted)) = piece else {
            self.failed = true;
            return;
        };
        self.counted += counted;
        self.waiting.insert(i, out);
        while let Some(out) = self.waiting.remove(&self.next) {
            self.sink.join(&mut self.out, out);
            self.next += 1;
        }
    }
}

/// A piece to read: its number, its text and its first line.
type Job = (usize, String, u32);

/// A piece read: its number, and what its events made with the parser
/// events counted (`None` when it was not read).
type Done<O> = (usize, Option<(O, usize)>);

/// What a worker shares: where it takes pieces, gives what it made and
/// hands back their buffers, and whether a piece failed.
struct Lane<'a, S: Events> {
    jobs: Arc<Mutex<mpsc::Receiver<Job>>>,
    done: mpsc::Sender<Done<S::Out>>,
    spare: mpsc::Sender<Vec<u8>>,
    failed: &'a AtomicBool,
}

/// A worker: reads pieces until there are none (or one failed).
fn work<S: Events>(lane: Lane<'_, S>, sink: &S, ids: &HeadIds) {
    loop {
        let job = lane.jobs.lock().ok().and_then(|rx| rx.recv().ok());
        let Some((i, text, line)) = job else { break };
        let read = (!lane.failed.load(Ordering::Relaxed))
            .then(|| pieces::piece(&text, line, fast::room(text.len()), sink, ids))
            .flatten();
        // Back to the reader, for a later piece.
        let _ = lane.spare.send(text.into_bytes());
        lane.failed.fetch_or(read.is_none(), Ordering::Relaxed);
        if lane.done.send((i, read)).is_err() {
            break;
        }
    }
}

/// Reads the pieces of `feed` on this thread and parses them on workers
/// (one per core): the events made, their parser events counted, the
/// file's hash and the longest piece.
fn parse_pieces<S: Events>(
    mut feed: Feed,
    sink: &S,
    head: &StoreFile,
    room: usize,
) -> Option<(S::Out, usize, [u8; 32], usize)> {
    let ids = HeadIds::of(head);
    let failed = AtomicBool::new(false);
    // A worker takes a piece only when it is free: the pieces held are
    // those being read, not a queue of them.
    let (to_parse, jobs) = mpsc::sync_channel::<Job>(0);
    // Owned by the workers alone: should they all end (a panic), sending
    // fails rather than waiting for ever.
    let jobs = Arc::new(Mutex::new(jobs));
    let (done_tx, done_rx) = mpsc::channel();
    let (spare_tx, spare_rx) = mpsc::channel();
    let mut joined = Joined {
        sink,
        out: sink.start(room),
        next: 0,
        waiting: BTreeMap::new(),
        counted: 0,
        failed: false,
    };
    let read_all = std::thread::scope(|s| {
        let workers: Vec<_> = (0..fast::cores())
            .map(|_| {
                let lane = Lane {
                    jobs: Arc::clone(&jobs),
                    done: done_tx.clone(),
                    spare: spare_tx.clone(),
                    failed: &failed,
                };
                let ids = &ids;
                s.spawn(move || work(lane, sink, ids))
            })
            .collect();
        drop((done_tx, jobs, spare_tx));
        let read_all = feed_all(&mut feed, &to_parse, &spare_rx, &failed, || {
            while let Ok((j, piece)) = done_rx.try_recv() {
                joined.add(j, piece);
            }
        });
        drop(to_parse);
        for (j, piece) in done_rx {
            joined.add(j, piece);
        }
        // Each joined here, so that a worker's panic is a piece not read
        // (then the whole text is read), not a panic of the scope.
        let ended = workers
            .into_iter()
            .map(|w| w.join().is_ok())
            .fold(true, |a, b| a & b);
        read_all && ended
    });
    let whole = read_all && !joined.failed && joined.waiting.is_empty();
    whole.then(|| {
        let hash = *feed.input.hash.finalize().as_bytes();
        (joined.out, joined.counted, hash, feed.largest)
    })
}

/// Cuts `feed` into pieces and hands each to a free worker, calling
/// `collect` before each; whether every piece was read and handed over.
fn feed_all(
    feed: &mut Feed,
    to_parse: &mpsc::SyncSender<Job>,
    spare: &mpsc::Receiver<Vec<u8>>,
    failed: &AtomicBool,
    mut collect: impl FnMut(),
) -> bool {
    let mut pattern = vec![b'\n'];
    pattern.extend(std::iter::repeat_n(b' ', feed.indent));
    pattern.extend_from_slice(b"- ");
    let entry = FinderRev::new(&pattern);
    for i in 0.. {
        collect();
        if failed.load(Ordering::Relaxed) {
            return false;
        }
        match feed.next(&entry, spare) {
            Ok(Some((text, line))) => {
                if to_parse.send((i, text, line)).is_err() {
                    return false;
                }
            }
            Ok(None) => return true,
            Err(()) => return false,
        }
    }
    false
}
