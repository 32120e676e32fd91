//! Handing freed heap memory back to the system.

/// Returns the memory freed since the last call to the system. glibc keeps freed memory in the
/// arena of the thread that freed it for reuse, and a burst of large allocations (building the
/// app, a report over the whole data set) would otherwise stay in the server's resident memory
/// until the process ends: after the five reports on 100,000 participants the server kept about
/// 250 MB it no longer used (issue 11). Takes a few milliseconds on a large heap, so it is called
/// after such bursts, off the async executor, not after every request.
#[allow(unsafe_code)]
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only walks glibc's own arenas, under their locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
