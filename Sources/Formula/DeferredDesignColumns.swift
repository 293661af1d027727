import Foundation
import Linalg

/// One column of a deferred design: a numeric variable's own array, of doubles or of integers (read as doubles).
package enum DesignColumnValues: Sendable {
    case doubles([Double])
    case integers([Int])

    /// The number of values.
    package var count: Int {
        switch self {
        case .doubles(let v): return v.count
        case .integers(let v): return v.count
        }
    }

    /// The values as doubles, into `out` (`count` of them).
    package func copy(into out: UnsafeMutablePointer<Double>) {
        switch self {
        case .doubles(let v):
            v.withUnsafeBufferPointer { src in if let s = src.baseAddress { out.initialize(from: s, count: v.count) } }
        case .integers(let v):
            v.withUnsafeBufferPointer { src in for i in 0..<src.count { (out + i).initialize(to: Double(src[i])) } }
        }
    }

    /// The column's sums, bit for bit those the design's fill makes.
    package var sums: DesignColumnSums {
        switch self {
        case .doubles(let v): return v.withUnsafeBufferPointer { DesignColumnSums.of($0) }
        case .integers(let v): return v.withUnsafeBufferPointer { DesignColumnSums.of(integers: $0) }
        }
    }
}

/// The values of a design made only of numeric variables, kept as the variables' own arrays (one per column,
/// shared with the model frame, not copied); the column-major matrix is made from them when first asked for
/// (thread-safe) and kept. A fit that reads the columns directly (the Cox fit's slot-sorted copy) then never
/// copies n x p values into a matrix it would not read.
final class DeferredDesignColumns: @unchecked Sendable {
    /// The columns, `rows` values each.
    let columns: [DesignColumnValues]
    let rows: Int
    private let lock = NSLock()
    private var made: Matrix?

    init(columns: [DesignColumnValues], rows: Int) {
        precondition(columns.allSatisfy { $0.count == rows }, "DeferredDesignColumns: a column without \(rows) values")
        self.columns = columns
        self.rows = rows
    }

    /// Whether the matrix was made.
    var isMade: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }

    /// The matrix (made now on the first call).
    var matrix: Matrix {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let n = rows, p = columns.count
        let storage = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            for (j, column) in columns.enumerated() {
                if let d = out.baseAddress { column.copy(into: d + j * n) }
            }
            initialized = n * p
        }
        let m = Matrix(rows: n, columns: p, columnMajor: storage)
        made = m
        return m
    }
}
