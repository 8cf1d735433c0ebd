//! The memory allocator of the `chronoscope` binary (and of the open
//! benchmark, which must measure what the binary does): mimalloc.
//!
//! A store is millions of small strings made at once when it is read and
//! dropped at once when it is replaced; with glibc's malloc a fifth of a warm
//! open went to its free lists (`unlink_chunk`, `malloc_consolidate`). With
//! mimalloc the open benchmark's warm 100,000-event first frame went from
//! 242 to 140–183 ms and a warm one-shot `search` from 405 to 160–286 ms.
//! Freed memory is given back at once instead of after mimalloc's default
//! 10 ms, which kept peak memory at the system allocator's (a 10,000-event
//! cold open peaked at 127 MB with the default, 81 MB with this).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3
/// headers), which libmimalloc-sys does not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the allocator's options; call first thing in `main`.
pub fn configure() {
    // SAFETY: sets one integer option of the allocator, which mimalloc
    // reads atomically; no pointer is passed.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}
