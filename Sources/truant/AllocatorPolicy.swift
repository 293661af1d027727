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
/// Huge pages: the heap also grows ahead by an untouched reserve (`M_TOP_PAD`: 1 GiB, or an eighth of the
/// physical memory if less), and the first such reserve is marked for transparent huge pages
/// (`madvise(MADV_HUGEPAGE)`; glibc's `glibc.malloc.hugetlb=1` tunable marks every heap extension, this only
/// the first). Memory the process then touches there comes mostly in 2 MiB pages: 512 times fewer faults.
/// On the benchmark machine (a virtual machine where a 4 KiB page fault costs about 1.5 µs) the 1M-record Cox
/// process went from 62k to 3k minor faults; with glibc's tunable set from outside, as a stand-in before this
/// was written, its call went from a median of 0.101 to 0.081 s (7 runs each; a development measurement). The reserve is address space, not memory, but it counts against an address-space
/// or data-size limit and against strict overcommit, and a kernel set to compact memory for marked regions
/// (`defrag` = `madvise`) may do so on a fault; the resident size grows in 2 MiB steps. So the reserve is left
/// out when huge pages are `never`, when `RLIMIT_AS` or `RLIMIT_DATA` is set, when overcommit is strict
/// (`vm.overcommit_memory` = 2), or when the environment has `TRUANT_HUGE_PAGES=0`.
enum AllocatorPolicy {
    /// glibc's `mallopt` parameters (malloc.h), which Swift's Glibc module does not export.
    private static let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapMax: Int32 = -4
    /// The largest reserve the heap grows by (1 GiB).
    static let maxReserveBytes = 1 << 30
    /// The huge page size the reserve is aligned to.
    private static let hugePage: UInt = 2 << 20

    static func apply() {
        #if os(Linux)
        _ = glibcMallopt(mmapMax, 0)                   // big blocks from the heap, not one mmap each
        _ = glibcMallopt(trimThreshold, Int32.max)     // keep freed memory for reuse
        guard let reserve = hugePageReserve() else { return }
        _ = glibcMallopt(topPad, Int32(reserve))       // grow the heap by a large reserve at a time
        // Make the heap grow once now (a request bigger than its free top), then mark the reserve from that
        // block's start to the new break for huge pages. The block goes back to the heap at once.
        guard let block = malloc(Int(hugePage) * 4) else { return }
        let start = (UInt(bitPattern: block) + hugePage - 1) & ~(hugePage - 1)
        free(block)
        guard let top = sbrk(0), top != UnsafeMutableRawPointer(bitPattern: -1) else { return }
        let end = Swift.min(UInt(bitPattern: top), start + UInt(reserve) + 4 * hugePage) & ~(hugePage - 1)
        guard end > start, let base = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
        #endif
    }

    #if os(Linux)
    /// The reserve in bytes, or `nil` when it is to be left out (see the type's documentation).
    static func hugePageReserve() -> Int? {
        if let setting = getenv("TRUANT_HUGE_PAGES"), String(cString: setting) == "0" { return nil }
        guard let thp = firstLine("/sys/kernel/mm/transparent_hugepage/enabled"), !thp.contains("[never]") else { return nil }
        if firstLine("/proc/sys/vm/overcommit_memory") == "2" { return nil }
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var limit = rlimit()
            guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur == rlim_t.max else { return nil }   // RLIM_INFINITY
        }
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        let reserve = Swift.min(maxReserveBytes, pages / 8 * pageSize) & ~(Int(hugePage) - 1)
        return reserve >= Int(hugePage) * 8 ? reserve : nil
    }

    /// The first line of a small system file, without its newline; `nil` if it cannot be read.
    private static func firstLine(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let bytes = buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
    #endif
}

#if os(Linux)
/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif
