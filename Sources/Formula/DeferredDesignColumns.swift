import Frames
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
/// (thread-safe, as the eager design fills its matrix: columns on the cores, pages mapped first) and kept. A fit
/// that reads the columns directly (the Cox fit's slot-sorted copy) then never copies n x p values into a
/// matrix it would not read.
final class DeferredDesignColumns: Sendable {
    /// The columns, `rows` values each.
    let columns: [DesignColumnValues]
    let rows: Int
    private let made: LazyValue<Matrix>

    init(columns: [DesignColumnValues], rows: Int) {
        precondition(columns.allSatisfy { $0.count == rows }, "DeferredDesignColumns: a column without \(rows) values")
        self.columns = columns
        self.rows = rows
        made = LazyValue {
            let storage = LargeBuffer.columns(columns.count, rows: rows) { c, out in
                if let d = out.baseAddress { columns[c].copy(into: d) }
            }
            return Matrix(rows: rows, columns: columns.count, columnMajor: storage)
        }
    }

    /// Whether the matrix was made.
    var isMade: Bool { made.isMade }

    /// The matrix (made now on the first call).
    var matrix: Matrix { made.value }
}
