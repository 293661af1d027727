/// A dense, column-major matrix of `Double` over one contiguous buffer.
///
/// Element `(i, j)` lives at `storage[i + j * rows]`, the layout BLAS and LAPACK expect, so
/// every product and factorization in `Linalg` passes the buffer straight through without
/// copying. A vector is a matrix with one column; `Vector` is plain `[Double]`.
///
/// ```swift
/// var a = Matrix(rows: 2, columns: 2)
/// a[0, 0] = 4; a[1, 0] = 2; a[0, 1] = 2; a[1, 1] = 3
/// let b = a * a          // BLAS dgemm
/// ```
public struct Matrix: Sendable, Equatable, Hashable, Codable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int
    /// Column-major elements, `rows * columns` of them.
    public var storage: [Double]

    /// A `rows` x `columns` matrix filled with `value` (zero by default).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major elements; `columnMajor.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(columnMajor.count == rows * columns, "Matrix storage has \(columnMajor.count) elements, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from row-major nested literals (convenient in tests; not for hot paths).
    public init(rowMajor values: [[Double]]) {
        let r = values.count
        let c = values.first?.count ?? 0
        var m = Matrix(rows: r, columns: c)
        for i in 0..<r {
            precondition(values[i].count == c, "Row \(i) has \(values[i].count) elements, expected \(c)")
            for j in 0..<c { m.storage[i + j * r] = values[i][j] }
        }
        self = m
    }

    /// The `n` x `n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// A diagonal matrix with `diagonal` on its diagonal.
    public static func diagonal(_ diagonal: [Double]) -> Matrix {
        let n = diagonal.count
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = diagonal[i] }
        return m
    }

    /// Element at row `i`, column `j` (zero-based).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// `true` when the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// Column `j` as a new array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// Replaces column `j` with `values` (`values.count == rows`).
    public mutating func setColumn(_ j: Int, _ values: [Double]) {
        precondition(values.count == rows)
        storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
    }

    /// Row `i` as a new array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The diagonal elements.
    public var diagonalElements: [Double] {
        (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The transpose, as a new matrix.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        storage.withUnsafeBufferPointer { s in
            t.storage.withUnsafeMutableBufferPointer { d in
                for j in 0..<columns {
                    for i in 0..<rows { d[j + i * columns] = s[i + j * rows] }
                }
            }
        }
        return t
    }

    /// Reshapes in place without touching the elements (`rows * columns` must not change),
    /// or resizes the buffer when it does (contents then undefined). Used by workspaces.
    public mutating func resize(rows newRows: Int, columns newColumns: Int) {
        let n = newRows * newColumns
        if n != storage.count { storage = [Double](repeating: 0, count: n) }
        rows = newRows
        columns = newColumns
    }

    /// Copies the upper triangle into the lower one (after BLAS routines that write one triangle).
    public mutating func symmetrizeFromUpper() {
        precondition(isSquare)
        let n = rows
        storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { s[i + j * n] = s[j + i * n] } }
        }
    }
}
