//! The snapshot file layout: magic, key length (u32 LE), key, then frames
//! (each a u32 LE length and that many bytes of postcard), then a BLAKE3
//! checksum of every frame byte (lengths included) and nothing after it.
//!
//! Frames let a big store be written and read a slice of events at a time:
//! neither side ever holds the whole encoded store beside the decoded one
//! (that copy was about the YAML's size in peak memory). The checksum comes
//! last because it is computed while streaming; a reader decodes frames as
//! they come and trusts the result only once the trailer matches (decoding
//! is safe on any bytes: postcard checks every length, and every decoded
//! value is validated, see [`crate::date`]'s serial form).

use std::io::{Read, Write};
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Key;

/// What the rows of a frame decode to, for [`FrameReader::rows`]: a type
/// that may borrow from the frame's bytes.
pub(super) trait Row {
    /// The row, borrowing from bytes that live for `'de`.
    type Of<'de>: serde::Deserialize<'de>;
}

/// Rows that own everything they hold.
pub(super) struct Owned<T>(std::marker::PhantomData<T>);

impl<T: DeserializeOwned> Row for Owned<T> {
    type Of<'de> = T;
}

pub(super) const MAGIC: &[u8; 8] = b"CHRONOS\x02";

/// Writes frames to the snapshot's temporary file, hashing as it goes.
pub(super) struct FrameWriter<'a> {
    out: &'a mut dyn Write,
    sum: blake3::Hasher,
    /// Reused for every frame: one frame's encoding at a time.
    buf: Vec<u8>,
}

impl<'a> FrameWriter<'a> {
    /// Writes the header (magic and key) and returns the writer for frames.
    pub(super) fn start(out: &'a mut dyn Write, key: &Key) -> std::io::Result<Self> {
        let key_bytes = postcard::to_stdvec(key).map_err(std::io::Error::other)?;
        out.write_all(MAGIC)?;
        out.write_all(&len_bytes(key_bytes.len())?)?;
        out.write_all(&key_bytes)?;
        Ok(FrameWriter {
            out,
            sum: blake3::Hasher::new(),
            buf: Vec::new(),
        })
    }

    /// Writes one frame holding `value`.
    pub(super) fn frame(&mut self, value: &impl Serialize) -> std::io::Result<()> {
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        self.buf = postcard::to_extend(value, buf).map_err(std::io::Error::other)?;
        let len = len_bytes(self.buf.len())?;
        self.sum.update(&len);
        self.sum.update(&self.buf);
        self.out.write_all(&len)?;
        self.out.write_all(&self.buf)
    }

    /// Writes one frame holding `bytes` as they are (not postcard): a
    /// reader takes them whole with [`FrameReader::raw_frame`].
    pub(super) fn raw_frame(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let len = len_bytes(bytes.len())?;
        self.sum.update(&len);
        self.sum.update(bytes);
        self.out.write_all(&len)?;
        self.out.write_all(bytes)
    }

    /// Writes the checksum trailer.
    pub(super) fn finish(self) -> std::io::Result<()> {
        self.out.write_all(self.sum.finalize().as_bytes())
    }
}

fn len_bytes(len: usize) -> std::io::Result<[u8; 4]> {
    u32::try_from(len)
        .map(u32::to_le_bytes)
        .map_err(|_| std::io::Error::other("snapshot frame over 4 GiB"))
}

/// Reads frames from a snapshot file. Every length is checked against
/// what is left of the file before anything is allocated. The checksum is
/// computed apart ([`FrameReader::sealed`]), on another core while the
/// frames decode.
pub(super) struct FrameReader {
    input: std::io::BufReader<std::fs::File>,
    /// Bytes of the file not read yet.
    left: u64,
    /// Where the frames start, and the file's length.
    frames: u64,
    len: u64,
    buf: Vec<u8>,
}

impl FrameReader {
    /// Opens `path` and reads its key; `None` when it is not a snapshot.
    pub(super) fn open(path: &Path) -> Option<(Key, FrameReader)> {
        // Checked before opening too: opening a FIFO put there would block.
        if !std::fs::metadata(path).ok()?.is_file() {
            return None;
        }
        let file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() {
            return None;
        }
        let mut r = FrameReader {
            input: std::io::BufReader::with_capacity(256 * 1024, file),
            left: meta.len(),
            frames: 0,
            len: meta.len(),
            buf: Vec::new(),
        };
        let mut magic = [0; 8];
        r.exact(&mut magic)?;
        if &magic != MAGIC {
            return None;
        }
        let len = r.len()?;
        let mut key = vec![0; len];
        r.exact(&mut key)?;
        let key = postcard::from_bytes(&key).ok()?;
        r.frames = r.len - r.left;
        Some((key, r))
    }

    /// A check, to run on any thread, that the file's trailer is the BLAKE3
    /// of its frames. It reads the open file by position, so it sees the
    /// very file the frames are decoded from, whatever is renamed meanwhile.
    pub(super) fn sealed(&self) -> impl FnOnce() -> bool + Send + 'static {
        let file = self.input.get_ref().try_clone();
        let (from, len) = (self.frames, self.len);
        move || {
            use std::os::unix::fs::FileExt as _;
            let Ok(file) = file else { return false };
            let Some(end) = len.checked_sub(32).filter(|&e| e >= from) else {
                return false;
            };
            let mut sum = blake3::Hasher::new();
            let mut buf = vec![0u8; 256 * 1024];
            let mut at = from;
            while at < end {
                let n = buf
                    .len()
                    .min(usize::try_from(end - at).unwrap_or(usize::MAX));
                if file.read_exact_at(&mut buf[..n], at).is_err() {
                    return false;
                }
                sum.update(&buf[..n]);
                at += n as u64;
            }
            let mut trailer = [0u8; 32];
            file.read_exact_at(&mut trailer, end).is_ok() && trailer == *sum.finalize().as_bytes()
        }
    }

    /// Passes over one frame without reading or decoding it (the trailer
    /// check, [`FrameReader::sealed`], reads the file itself and still
    /// covers it).
    pub(super) fn skip_frame(&mut self) -> Option<()> {
        let len = self.len()?;
        self.left = self.left.checked_sub(len as u64)?;
        self.input.seek_relative(i64::try_from(len).ok()?).ok()
    }

    /// Bytes of the file not read yet.
    pub(super) fn left(&self) -> usize {
        usize::try_from(self.left).unwrap_or(usize::MAX)
    }

    fn exact(&mut self, buf: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.input.read_exact(buf).ok()
    }

    /// A length, checked to fit in what is left of the file.
    fn len(&mut self) -> Option<usize> {
        let mut b = [0; 4];
        self.exact(&mut b)?;
        let len = u32::from_le_bytes(b);
        (u64::from(len) <= self.left).then_some(len as usize)
    }

    /// The next frame, decoded; `None` when it is missing or does not
    /// decode to exactly a `T`.
    pub(super) fn frame<T: DeserializeOwned>(&mut self) -> Option<T> {
        let len = self.len()?;
        let mut buf = std::mem::take(&mut self.buf);
        buf.resize(len, 0);
        self.exact(&mut buf)?;
        let value = match postcard::take_from_bytes::<T>(&buf) {
            Ok((v, [])) => Some(v),
            _ => None,
        };
        self.buf = buf;
        value
    }

    /// The next frame's bytes as they are, in a buffer of their own (a
    /// big table read without a copy); `None` when it is missing. The
    /// buffer reused for decoded frames is let go first, so a big frame
    /// never sits beside it.
    pub(super) fn raw_frame(&mut self) -> Option<Vec<u8>> {
        self.buf = Vec::new();
        let mut bytes = vec![0; self.len()?];
        self.exact(&mut bytes)?;
        Some(bytes)
    }

    /// `count` rows written as frames of `Vec<T>` slices, each made into a
    /// `U` by `each`, in order, into a list sized once (but never beyond
    /// what the rest of the file could hold at `min_bytes` a row); `None`
    /// when a frame is missing or empty, the rows overrun `count`, or
    /// `each` refuses a row.
    ///
    /// Rows are decoded one at a time from the frame's bytes, and may
    /// borrow from them ([`Row`]): no decoded slice is held beside the
    /// list, and a finding's message is looked up among those already
    /// held rather than copied first (a warm check of the 10,000-event
    /// synthetic store held 1.7 MB of decoded frame at its peak).
    pub(super) fn rows<R: Row, U>(
        &mut self,
        count: u64,
        min_bytes: usize,
        mut each: impl for<'de> FnMut(R::Of<'de>) -> Option<U>,
    ) -> Option<Vec<U>> {
        let total = usize::try_from(count).ok()?;
        let mut out = Vec::with_capacity(total.min(self.left() / min_bytes.max(1)));
        while out.len() < total {
            let len = self.len()?;
            let mut buf = std::mem::take(&mut self.buf);
            buf.resize(len, 0);
            self.exact(&mut buf)?;
            // A frame is a postcard sequence: its length, then its rows.
            let (n, mut rest) = postcard::take_from_bytes::<u64>(&buf).ok()?;
            let n = usize::try_from(n).ok()?;
            if n == 0 || n > total - out.len() {
                return None;
            }
            for _ in 0..n {
                let (row, after) = postcard::take_from_bytes::<R::Of<'_>>(rest).ok()?;
                rest = after;
                out.push(each(row)?);
            }
            if !rest.is_empty() {
                return None;
            }
            self.buf = buf;
        }
        Some(out)
    }

    /// Whether the frames read end where the trailer starts, which ends
    /// the file. What was decoded may be used only if this holds and
    /// [`FrameReader::sealed`] says the trailer is right.
    pub(super) fn finish(self) -> bool {
        self.left == 32
    }
}
