/// How this process asks the C allocator for memory.
///
/// A fit on a million rows builds several arrays of tens of megabytes (the table's columns, the model
/// matrix, its centred and sorted copies). glibc serves each such array with a fresh `mmap` and returns it
/// with `munmap`, so every one costs a page fault per page on first touch, often more than the arithmetic
/// on it. Serving big blocks from the heap and keeping freed memory there lets later arrays reuse pages
/// already mapped. The cost: memory freed stays with the process until it exits (a long REPL session's
/// footprint does not shrink). Results are unaffected; the Cox benchmark records the process's peak RSS
/// (the `peak RSS` in the notes of `Benchmarks/results.tsv`). Applied once, at the start of the `truant` command
/// (not by the library).
///
/// Tried and removed: growing the heap by a 1 GiB reserve marked for transparent huge pages (what glibc's
/// `glibc.malloc.hugetlb=1` does). It cut the 1M-record Cox process's page faults from 62k to 3k, but on the
/// benchmark machine the kernel compacts memory on a fault in such a region (`defrag` = `madvise`): the CSV read
/// then stalled for up to 0.9 s and the cluster(school) fit took 0.8–0.9 s instead of 0.3–0.4 s, for a gain of
/// about 5% in the Efron call (Benchmarks/RESULTS.md, 2026-12-01 00:18 UTC).
enum AllocatorPolicy {
    /// glibc's `mallopt` parameters (malloc.h), which Swift's Glibc module does not export.
    private static let trimThreshold: Int32 = -1, mmapMax: Int32 = -4

    static func apply() {
        #if os(Linux)
        _ = glibcMallopt(mmapMax, 0)                   // big blocks from the heap, not one mmap each
        _ = glibcMallopt(trimThreshold, Int32.max)     // keep freed memory for reuse
        #endif
    }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif
