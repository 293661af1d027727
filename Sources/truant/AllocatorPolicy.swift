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
