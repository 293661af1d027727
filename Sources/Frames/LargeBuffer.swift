#if canImport(Glibc)
import Glibc
#endif

/// Fresh arrays of many numbers (a model matrix, a converted column of a million rows).
///
/// Writing a fresh multi-megabyte buffer takes one page fault per page, which can cost more than
/// the writes themselves. For large buffers the pages are instead mapped in one system call before
/// they are written (`madvise(MADV_POPULATE_WRITE)`, Linux 5.14 and later). The values are the same
/// either way; where the call is not available it fails harmlessly and the pages fault in as usual.
package enum LargeBuffer {
    /// Buffers of at least this many bytes are mapped ahead.
    package static let prefaultBytes = 1 << 20

    /// An array of `count` doubles, every one of which `fill` must initialize.
    package static func doubles(count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { out, initialized in
            let buffer = UnsafeMutableBufferPointer(rebasing: out[0..<count])
            prefault(UnsafeMutableRawBufferPointer(buffer))
            fill(buffer)
            initialized = count
        }
    }

    /// A column-major array of `count` columns of `rows` doubles: `fill(c, column)` must initialize
    /// every element of column `c`. For big arrays (`ColumnParallel`) each column is mapped and filled on the
    /// available cores, so `fill` may be called concurrently for different columns: it must write only its
    /// column and read only what no other call writes.
    package static func columns(_ count: Int, rows: Int, _ fill: (Int, UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        let total = count * rows
        return [Double](unsafeUninitializedCapacity: total) { out, initialized in
            let buffer = UnsafeMutableBufferPointer(rebasing: out[0..<total])
            if let base = buffer.baseAddress {
                ColumnParallel.forEach(columns: count, rows: rows) { c in
                    let column = UnsafeMutableBufferPointer(start: base + c * rows, count: rows)
                    prefault(UnsafeMutableRawBufferPointer(column))
                    fill(c, column)
                }
            }
            initialized = total
        }
    }

    /// The system's memory page size in bytes.
    private static let pageSize: UInt = UInt(Swift.max(4096, sysconf(Int32(_SC_PAGESIZE))))

    /// Maps the whole pages of a fresh, not yet written `buffer` when it is large.
    package static func prefault(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= prefaultBytes, let base = buffer.baseAddress else { return }
        let page = pageSize
        let start = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        let populateWrite: Int32 = 23   // MADV_POPULATE_WRITE; older headers do not name it
        _ = madvise(aligned, Int(end - start), populateWrite)
        #endif
    }
}
