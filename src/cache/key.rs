//! A snapshot's key (what must be unchanged for it to hold) and the hashes
//! it is made of.

use std::io::Read as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::FORMAT;
use crate::store::Store;

/// What must be unchanged for a snapshot to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    pub(super) format: u32,
    pub(super) program: String,
    pub(super) store_name: String,
    /// The store file's length: a cheap first test, before its hash is known.
    pub(super) store_len: u64,
    pub(super) store_hash: [u8; 32],
    /// Per declared source: its path and the hash of its text, or the problem.
    pub(super) sources: Vec<(String, Result<[u8; 32], String>)>,
}

/// BLAKE3 of the store file's text as the loader decodes it (a leading BOM
/// left out), streamed through a fixed buffer: no copy of the file, no UTF-8
/// check (a snapshot exists only for text that decoded). `None` for a file
/// that is not readable, or over the size cap: the YAML path then reads it,
/// and reports what is wrong.
pub(super) fn hash_store_file(path: &Path) -> Option<[u8; 32]> {
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut input = file.take(crate::yaml::MAX_STORE_BYTES + 1);
    let mut sum = blake3::Hasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = crate::yaml::stream::fill(&mut input, &mut buf).ok()?;
        let chunk = match &buf[..n] {
            [0xef, 0xbb, 0xbf, rest @ ..] if total == 0 => rest,
            all => all,
        };
        total += n as u64;
        sum.update(chunk);
        if n < buf.len() {
            break;
        }
    }
    (total <= crate::yaml::MAX_STORE_BYTES).then(|| *sum.finalize().as_bytes())
}

pub(super) fn name_for(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let digest = blake3::hash(absolute.as_os_str().as_encoded_bytes());
    digest.to_hex()[..32].to_string()
}

pub(super) fn key_of(store: &Store, store_len: u64, store_hash: [u8; 32]) -> Key {
    Key {
        format: FORMAT,
        program: env!("CARGO_PKG_VERSION").to_string(),
        store_name: store.origin.display_name(),
        store_len,
        store_hash,
        sources: store
            .sources
            .iter()
            .map(|s| {
                let state = match &s.text {
                    Ok(t) => Ok(*blake3::hash(t.text.as_bytes()).as_bytes()),
                    Err(p) => Err(p.to_string()),
                };
                (s.path.clone(), state)
            })
            .collect(),
    }
}
