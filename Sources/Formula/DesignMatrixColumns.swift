import Frames
import Linalg

extension DesignMatrix {
    /// Adjacent columns `range` of the matrix as a new matrix, each column copied in one piece
    /// (column-major storage keeps it contiguous). The whole range shares the storage without copying.
    package func columns(_ range: Range<Int>) -> Matrix {
        let rows = matrix.rows
        if range == 0..<matrix.columns { return matrix }
        precondition(range.lowerBound >= 0 && range.upperBound <= matrix.columns, "columns \(range) of a matrix with \(matrix.columns)")
        let storage = matrix.storage.withUnsafeBufferPointer { src in
            LargeBuffer.columns(range.count, rows: rows) { c, column in
                guard let s = src.baseAddress, let o = column.baseAddress else { return }
                o.initialize(from: s + rows * (range.lowerBound + c), count: rows)
            }
        }
        return Matrix(rows: rows, columns: range.count, columnMajor: storage)
    }
}
