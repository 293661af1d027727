import Dispatch

/// Whole-buffer steps of `CSVReader` that run on two cores for a big file: the text check on two
/// halves of the bytes, and the joining of the two built halves column by column. Both give exactly
/// the sequential result (the earliest problem; the first failing column in file order).
enum ConcurrentSteps {
    /// `TextCheck.firstProblem` over the buffer, in two halves at once when it holds `minimum`
    /// bytes or more. The cut is put before an ASCII byte, so no UTF-8 sequence is split; a problem
    /// in the first half wins.
    static func firstTextProblem(_ p: UnsafePointer<UInt8>, _ n: Int, minimum: Int) -> (offset: Int, reason: String)? {
        var middle = n / 2
        while middle < n && p[middle] >= 0x80 { middle += 1 }
        let cut = middle
        guard n >= max(minimum, 2), cut < n else { return TextCheck.firstProblem(p, n) }
        let slots = UnsafeMutablePointer<(offset: Int, reason: String)?>.allocate(capacity: 2)
        slots.initialize(repeating: nil, count: 2)
        defer { slots.deinitialize(count: 2); slots.deallocate() }
        let shared = Shared(bytes: p, problems: slots)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let from = i == 0 ? 0 : cut, count = i == 0 ? cut : n - cut
            if let problem = TextCheck.firstProblem(shared.bytes + from, count) {
                // Offsets (and the byte offset quoted in the reason) relative to the whole buffer.
                shared.problems[i] = from == 0 ? problem : TextCheck.firstProblem(shared.bytes, from + problem.offset + 1)
            }
        }
        return slots[0] ?? slots[1]
    }

    /// The finished columns `kept` of `parts` (see `ColumnBuilder.column(_:of:...)`), joined on two
    /// cores when there are several parts; throws the error of the first failing column.
    static func columns(_ kept: [Int], of parts: [ColumnBuilder], make: @escaping (Int) throws -> Column) throws -> [Column] {
        if parts.count < 2 || kept.count < 2 {
            return try kept.map(make)
        }
        let slots = UnsafeMutablePointer<Result<Column, any Error>?>.allocate(capacity: kept.count)
        slots.initialize(repeating: nil, count: kept.count)
        defer { slots.deinitialize(count: kept.count); slots.deallocate() }
        let shared = Joining(kept: kept, slots: slots, make: make)
        DispatchQueue.concurrentPerform(iterations: kept.count) { j in
            shared.slots[j] = Result { try shared.make(shared.kept[j]) }
        }
        var out: [Column] = []
        out.reserveCapacity(kept.count)
        for j in 0..<kept.count {
            switch slots[j] {
            case .success(let c)?: out.append(c)
            case .failure(let e)?: throw e
            case nil: throw FrameError.invalid("internal error: column \(kept[j] + 1) was not built")
            }
        }
        return out
    }

    /// Unchecked: the bytes are only read and each iteration writes only its own slot.
    struct Shared: @unchecked Sendable {
        let bytes: UnsafePointer<UInt8>
        let problems: UnsafeMutablePointer<(offset: Int, reason: String)?>
    }

    /// Unchecked: each iteration writes only its own slot; `make` only reads the finished builders.
    struct Joining: @unchecked Sendable {
        let kept: [Int]
        let slots: UnsafeMutablePointer<Result<Column, any Error>?>
        let make: (Int) throws -> Column
    }
}
