//! A word to the binary's allocator: how big the store about to be opened
//! is. The library owns no allocator (and no unsafe code); the binary
//! registers what it does with the size ([`on_store_size`]), and the loader
//! tells it ([`store_size`]) before reading a store file.
//!
//! Why it matters: how long freed memory is kept is a trade between peak
//! memory and time, and the right answer depends on the store's size (see
//! the binary's `allocator.rs`).

use std::sync::OnceLock;

static ON_STORE_SIZE: OnceLock<fn(u64)> = OnceLock::new();

/// Registers what to do when a store file of a given size in bytes is about
/// to be opened. The first registration holds.
pub fn on_store_size(hook: fn(u64)) {
    let _ = ON_STORE_SIZE.set(hook);
}

/// Tells the registered hook, if any, that a store file of `bytes` bytes is
/// about to be read.
pub(crate) fn store_size(bytes: u64) {
    if let Some(hook) = ON_STORE_SIZE.get() {
        hook(bytes);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    // Every size told, since other tests open stores at the same time.
    static SEEN: Mutex<Vec<u64>> = Mutex::new(Vec::new());

    fn remember(bytes: u64) {
        SEEN.lock().expect("not poisoned").push(bytes);
    }

    /// Opening a store file tells the registered hook its size in bytes.
    #[test]
    fn opening_a_store_file_tells_the_hook_its_size() {
        super::on_store_size(remember);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("events.yaml");
        let yaml = format!(
            "title: Sized\n# {}\nevents:\n  - id: e\n    date: \"2014-03\"\n    title: One\n",
            "padding ".repeat(400)
        );
        std::fs::write(&path, &yaml).expect("written");
        crate::cache::open_in(&path, None).expect("loads");
        assert!(
            SEEN.lock()
                .expect("not poisoned")
                .contains(&(yaml.len() as u64))
        );
    }
}
