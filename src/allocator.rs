//! The memory allocator of the `chronoscope` binary (and of the open
//! benchmark, which must measure what the binary does): mimalloc.
//!
//! A store is millions of small strings made at once when it is read and
//! dropped at once when it is replaced; with glibc's malloc a fifth of a warm
//! open went to its free lists (`unlink_chunk`, `malloc_consolidate`). With
//! mimalloc (open benchmark, idle machine) the warm 100,000-event first frame
//! went from 242 to 133–154 ms, a warm one-shot `search` from 405 to
//! 160 ms, and the warm million-event first frame under 1.5 s.
//!
//! It is built without asking the kernel for transparent huge pages
//! (libmimalloc-sys's `no_thp`; the system's own THP policy still applies).
//! With them, each partly used 2 MiB page counted whole and a huge-page
//! fault could stall on compaction: on the idle machine the warm
//! 100,000-event open peaked at 244-253 MiB instead of 226-228, its first
//! frame took 264-417 ms instead of 206-227, and a 100-event store took
//! 21 MiB instead of 7.
//!
//! How long freed memory is kept before it is given back depends on the
//! store's size (the loader says it through `chronoscope::memory`). Stores
//! under [`KEEP_FREED_FROM`] give it back at once: a 10,000-event store
//! (8.7 MiB) peaked at 29.9 MiB cold and 27.0 MiB warm instead of 35-36 and
//! 28 MiB with a 10 ms delay, at no cost in time (100,000 events: the same
//! times and peaks either way). Bigger stores keep it 10 ms: given back at
//! once, a warm million-event open faulted and zeroed its pages again and
//! again (1.7–5 s instead of 1.4 s). Left to its own default this mimalloc
//! held it longer still: a 10,000-event cold open peaked at 133 MB, and the
//! 100,000-event cold first frame took 1.01 s instead of 0.76 s.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3
/// headers), which libmimalloc-sys does not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory of a big store is kept before it is given back, in
/// milliseconds.
const PURGE_AFTER_MS: std::ffi::c_long = 10;

/// Store files from this size on (bytes) keep freed memory
/// [`PURGE_AFTER_MS`]; smaller ones give it back at once.
const KEEP_FREED_FROM: u64 = 32 * 1024 * 1024;

/// Sets the allocator's options; call first thing in `main`.
pub fn configure() {
    set_purge_delay(0);
    chronoscope::memory::on_store_size(for_store);
}

/// Called by the loader before it reads a store file of `bytes` bytes.
fn for_store(bytes: u64) {
    if bytes >= KEEP_FREED_FROM {
        set_purge_delay(PURGE_AFTER_MS);
    }
}

fn set_purge_delay(ms: std::ffi::c_long) {
    // SAFETY: sets one integer option of the allocator, which mimalloc
    // reads atomically; no pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) };
}
