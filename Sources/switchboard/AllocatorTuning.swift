#if canImport(CGlibcMalloc)
    import CGlibcMalloc
#endif

/// How the long-running server asks glibc's allocator to behave.
enum AllocatorTuning {
    /// Fixes the size from which glibc maps allocations on their own at its default, 128 KiB.
    ///
    /// Left alone, glibc raises that threshold each time it unmaps a large block, up to 32 MiB,
    /// and from then on serves blocks of that size from its heaps, which seldom give freed memory
    /// back to the system. A server whose indexes grow for days would keep every buffer it
    /// outgrew: about 30 MB more after a million sends. Setting the threshold turns that
    /// adjustment off, so a large block freed is returned at once.
    static func returnLargeBlocksWhenFreed() {
        #if canImport(CGlibcMalloc)
            _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        #endif
    }
}
