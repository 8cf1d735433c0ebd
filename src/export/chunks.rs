//! A long document written in chunks rendered on every core and written in
//! order, each into a buffer that is reused once written: the document is
//! never held whole (at 100 000 events the JSON export is 150 MB, and
//! faulting in a buffer that size cost more than rendering into it).

use std::io::{self, Write};
use std::sync::mpsc;

/// Threads that render at once: the cores, at most eight (the writer
/// keeps up with more only on a fast disk).
fn workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Writes chunks `0..count` to `out` in order, chunk `i` rendered by
/// `render(i, buffer)` into an empty buffer, on every core. The first
/// failure (to render or to write) ends the writing and is returned; the
/// workers then stop at their next chunk.
pub fn write_in_order<F>(count: usize, render: F, out: &mut dyn Write) -> io::Result<()>
where
    F: Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    write_with(workers().min(count), count, &render, out)
}

/// Lets `fill` write a chunk as text into its buffer (which comes empty:
/// as a String it keeps its capacity), for formats built with `fmt::Write`.
pub fn as_text(buffer: &mut Vec<u8>, fill: impl FnOnce(&mut String)) -> io::Result<()> {
    let mut text = String::from_utf8(std::mem::take(buffer)).map_err(io::Error::other)?;
    fill(&mut text);
    *buffer = text.into_bytes();
    Ok(())
}

fn write_with<F>(workers: usize, count: usize, render: &F, out: &mut dyn Write) -> io::Result<()>
where
    F: Fn(usize, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    if workers <= 1 {
        let mut buffer = Vec::new();
        for i in 0..count {
            buffer.clear();
            render(i, &mut buffer)?;
            out.write_all(&buffer)?;
        }
        return Ok(());
    }
    std::thread::scope(|s| {
        // Worker `w` renders chunks w, w + workers, …: reading its lanes in
        // turn gives the chunks in order. A bounded lane keeps each worker
        // at most one chunk ahead of the writer.
        let lanes: Vec<_> = (0..workers)
            .map(|w| {
                let (full, filled) = mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
                let (emptied, empty) = mpsc::channel::<Vec<u8>>();
                s.spawn(move || {
                    for i in (w..count).step_by(workers) {
                        let mut buffer = empty.try_recv().unwrap_or_default();
                        buffer.clear();
                        let done = render(i, &mut buffer).map(|()| buffer);
                        let failed = done.is_err();
                        // A closed lane: the writer has stopped.
                        if full.send(done).is_err() || failed {
                            return;
                        }
                    }
                });
                (filled, emptied)
            })
            .collect();
        for i in 0..count {
            let (filled, emptied) = &lanes[i % workers];
            let buffer = filled
                .recv()
                .map_err(|_| io::Error::other("a worker of the export stopped"))??;
            out.write_all(&buffer)?;
            // The worker may have finished: then the buffer is just freed.
            let _ = emptied.send(buffer);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(workers: usize, count: usize) -> String {
        let mut out = Vec::new();
        let render = |i: usize, b: &mut Vec<u8>| write!(b, "{i},");
        write_with(workers, count, &render, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn chunks_come_out_in_order_whatever_the_workers() {
        let expected: String = (0..37).map(|i| format!("{i},")).collect();
        for workers in [1, 2, 3, 8] {
            assert_eq!(numbers(workers, 37), expected, "{workers} workers");
        }
        assert_eq!(numbers(4, 0), "");
    }

    #[test]
    fn every_chunk_starts_from_an_empty_buffer() {
        let mut out = Vec::new();
        let render = |i: usize, b: &mut Vec<u8>| {
            assert!(b.is_empty(), "chunk {i} got a used buffer");
            b.resize(100 + i, b'x');
            Ok(())
        };
        write_with(2, 50, &render, &mut out).unwrap();
        assert_eq!(out.len(), (0..50).map(|i| 100 + i).sum::<usize>());
    }

    /// Accepts `room` bytes, then fails every write with `kind`.
    struct Full(usize, io::ErrorKind);

    impl Write for Full {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            if self.0 < b.len() {
                return Err(io::Error::from(self.1));
            }
            self.0 -= b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_stops_the_workers_and_is_returned() {
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let render = |_: usize, b: &mut Vec<u8>| {
            rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            b.extend_from_slice(&[b'x'; 10]);
            Ok(())
        };
        let mut out = Full(35, io::ErrorKind::BrokenPipe);
        let e = write_with(2, 10_000, &render, &mut out).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let rendered = rendered.into_inner();
        assert!(
            rendered < 20,
            "{rendered} chunks rendered after the pipe closed"
        );
    }

    #[test]
    fn a_failed_render_is_returned_after_the_chunks_before_it() {
        let mut out = Vec::new();
        let render = |i: usize, b: &mut Vec<u8>| {
            if i == 5 {
                return Err(io::Error::other("bad chunk"));
            }
            write!(b, "{i},")
        };
        let e = write_with(3, 100, &render, &mut out).unwrap_err();
        assert_eq!(e.to_string(), "bad chunk");
        assert_eq!(String::from_utf8(out).unwrap(), "0,1,2,3,4,");
    }
}
