#if canImport(Glibc)
import Glibc
#endif

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
/// The heap is also grown ahead by a large, untouched reserve (`M_TOP_PAD`) that is marked for transparent
/// huge pages (`madvise(MADV_HUGEPAGE)`, what glibc's own `glibc.malloc.hugetlb=1` tunable does): the pages
/// memory does get are then mostly 2 MiB ones, 512 times fewer faults. On the benchmark machine (a virtual
/// machine where a page fault costs about 1.5 µs) this took the 1M-record Cox call from a median of 0.101 to
/// 0.081 s with the tunable set from outside (a development measurement, 7 runs each). The reserve is address
/// space only: nothing is touched until an array is written. Where huge pages are off (`never`) the advice
/// is ignored and nothing else changes.
enum AllocatorPolicy {
    /// glibc's `mallopt` parameters (malloc.h), which Swift's Glibc module does not export.
    private static let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapMax: Int32 = -4
    /// Address space the heap grows by, beyond each request, when it grows (1 GiB).
    static let reserveBytes: Int32 = 1 << 30
    /// The huge page size the reserve is aligned to.
    private static let hugePage: UInt = 2 << 20

    static func apply() {
        #if os(Linux)
        _ = glibcMallopt(mmapMax, 0)                   // big blocks from the heap, not one mmap each
        _ = glibcMallopt(trimThreshold, Int32.max)     // keep freed memory for reuse
        _ = glibcMallopt(topPad, reserveBytes)         // grow the heap by a large reserve at a time
        // Make the heap grow once now (a request bigger than its free top), then mark the reserve from that
        // block's start to the new break for huge pages. The block goes back to the heap at once.
        guard let block = malloc(Int(hugePage) * 4) else { return }
        let start = (UInt(bitPattern: block) + hugePage - 1) & ~(hugePage - 1)
        free(block)
        guard let top = sbrk(0) else { return }
        let end = UInt(bitPattern: top) & ~(hugePage - 1)
        guard end > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif
