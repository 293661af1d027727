import Dispatch
import Foundation

/// Splitting the body of a delimited file in two halves that are built at the same time.
///
/// A split is only made where it is provably a record boundary: when the body holds no `"` byte at
/// all, no field is quoted, so every `\n` ends a record; the split goes just after the first `\n` at
/// or past the middle. Each half is scanned by its own `DelimitedScanner` into its own
/// `ColumnBuilder` (buffers owned by that half), with the column types already fixed from the
/// sample; the caller joins the halves column by column. Errors are those of the sequential build:
/// an error in the first half wins; an error in the second half is found again by rebuilding that
/// half from its true first line, so the message names the right line.
enum BodySplit {
    /// Bodies smaller than this are built sequentially.
    static let minimumBytes = 1 << 22

    /// The offset where the second half starts, or `nil` (small body, one core, quotes, no `\n`).
    static func find(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, minimum: Int = minimumBytes) -> Int? {
        guard end - start >= max(minimum, 2), ProcessInfo.processInfo.activeProcessorCount >= 2 else { return nil }
        let raw = UnsafeRawPointer(p)
        if memchr(raw + start, 0x22, end - start) != nil { return nil }
        let middle = start + (end - start) / 2
        guard let newline = memchr(raw + middle, 0x0A, end - middle) else { return nil }
        let split = raw.distance(to: UnsafeRawPointer(newline)) + 1
        return split < end ? split : nil
    }

    /// Builds `[bodyStart, split)` and `[split, end)` concurrently; returns the two builders (the
    /// caller deallocates them) or throws the error the sequential build would throw.
    static func build(split: Int, bodyStart: Int, bodyLine: Int, end: Int, capacities: [Int], ncol: Int, skipBlank: Bool,
                      scanner template: DelimitedScanner, ragged: @escaping (Int, Int) -> FrameError,
                      makeBuilder: (Int) -> ColumnBuilder) throws -> [ColumnBuilder] {
        let first = makeBuilder(capacities.first ?? 16)
        let second = makeBuilder(capacities.count > 1 ? capacities[1] : 16)
        let slots = UnsafeMutablePointer<Half>.allocate(capacity: 2)
        slots.initialize(to: Half(builder: first))
        (slots + 1).initialize(to: Half(builder: second))
        defer { slots.deinitialize(count: 2); slots.deallocate() }
        let bytes = template.bytes, delimiter = template.delimiter, file = template.file
        let shared = Shared(bytes: bytes, slots: slots, ragged: ragged)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            // Each iteration touches only its own slot; the second half counts lines from 0 for now.
            let from = i == 0 ? bodyStart : split, to = i == 0 ? split : end, line = i == 0 ? bodyLine : 0
            var scanner = DelimitedScanner(bytes: shared.bytes, count: to, delimiter: delimiter, file: file, position: from, line: line)
            do {
                try CSVReader.build(&shared.slots[i].builder, &scanner, from: from, line: line, ncol: ncol,
                                    skipBlank: skipBlank, ragged: shared.ragged)
                shared.slots[i].endLine = scanner.line
            } catch {
                shared.slots[i].error = error
            }
        }
        var halves = [slots[0], slots[1]]
        if let error = halves[0].error {
            for h in halves { h.builder.deallocate() }
            throw error
        }
        if halves[1].error != nil {
            // Again, from the line where the first half ended, for the right line in the message.
            var scanner = DelimitedScanner(bytes: bytes, count: end, delimiter: delimiter, file: file,
                                           position: split, line: halves[0].endLine)
            do {
                try CSVReader.build(&halves[1].builder, &scanner, from: split, line: halves[0].endLine, ncol: ncol,
                                    skipBlank: skipBlank, ragged: ragged)
            } catch {
                for h in halves { h.builder.deallocate() }
                throw error
            }
            for h in halves { h.builder.deallocate() }
            throw FrameError.invalid("\(file): the file changed while it was being read; read it again")
        }
        return halves.map(\.builder)
    }

    /// What both halves use. Unchecked: the file's bytes are only read, each half writes only its own
    /// slot (and the builder in it owns its buffers), and `ragged` only formats a message.
    struct Shared: @unchecked Sendable {
        let bytes: UnsafePointer<UInt8>
        let slots: UnsafeMutablePointer<Half>
        let ragged: (Int, Int) -> FrameError
    }

    /// One half's builder and outcome.
    struct Half {
        var builder: ColumnBuilder
        var endLine = 0
        var error: (any Error)? = nil
    }
}
