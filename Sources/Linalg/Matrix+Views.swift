/// Copies of parts of a matrix, and the allocation-free row scaling used by IRLS/PIRLS.
extension Matrix {
    /// The block of rows `rowRange` and columns `columnRange`, as a new `rowRange.count` x
    /// `columnRange.count` matrix. Both ranges must lie within the matrix.
    public func submatrix(rows rowRange: Range<Int>, columns columnRange: Range<Int>) -> Matrix {
        precondition(rowRange.lowerBound >= 0 && rowRange.upperBound <= rows,
                     "submatrix: rows \(rowRange) outside 0..<\(rows)")
        precondition(columnRange.lowerBound >= 0 && columnRange.upperBound <= columns,
                     "submatrix: columns \(columnRange) outside 0..<\(columns)")
        var out = Matrix(rows: rowRange.count, columns: columnRange.count)
        let r = rows, nr = rowRange.count
        storage.withUnsafeBufferPointer { s in
            out.storage.withUnsafeMutableBufferPointer { d in
                for (jj, j) in columnRange.enumerated() {
                    for (ii, i) in rowRange.enumerated() { d[ii + jj * nr] = s[i + j * r] }
                }
            }
        }
        return out
    }

    /// The columns listed in `indices` (zero-based, in that order, repeats allowed), as a new
    /// `rows` x `indices.count` matrix. Every index must be in `0..<columns`.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, columns: indices.count)
        Matrix.selectColumns(of: self, indices, into: &out)
        return out
    }

    /// The rows listed in `indices` (zero-based, in that order, repeats allowed), as a new
    /// `indices.count` x `columns` matrix. Every index must be in `0..<rows`.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        for i in indices { precondition(i >= 0 && i < rows, "selectingRows: row \(i) outside 0..<\(rows)") }
        var out = Matrix(rows: indices.count, columns: columns)
        let r = rows, nr = indices.count
        storage.withUnsafeBufferPointer { s in
            out.storage.withUnsafeMutableBufferPointer { d in
                for j in 0..<columns {
                    for (ii, i) in indices.enumerated() { d[ii + j * nr] = s[i + j * r] }
                }
            }
        }
        return out
    }

    /// Writes the columns `indices` of `source` into `destination`, which must already be
    /// `source.rows` x `indices.count` (a reused workspace; nothing is allocated).
    public static func selectColumns(of source: Matrix, _ indices: [Int], into destination: inout Matrix) {
        precondition(destination.rows == source.rows && destination.columns == indices.count,
                     "selectColumns: destination is \(destination.rows)x\(destination.columns), expected \(source.rows)x\(indices.count)")
        let n = source.rows
        source.storage.withUnsafeBufferPointer { s in
            destination.storage.withUnsafeMutableBufferPointer { d in
                for (jj, j) in indices.enumerated() {
                    precondition(j >= 0 && j < source.columns, "selectColumns: column \(j) outside 0..<\(source.columns)")
                    guard n > 0, let from = s.baseAddress, let to = d.baseAddress else { continue }
                    (to + jj * n).update(from: from + j * n, count: n)
                }
            }
        }
    }

    /// Writes `diag(scale) * source` into `destination` (row `i` of `source` multiplied by
    /// `scale[i]`): the weighted design `sqrt(W) X` of an IRLS/PIRLS step.
    ///
    /// - Precondition: `scale.count == source.rows`; `destination` is already
    ///   `source.rows` x `source.columns` (it is a workspace: nothing is allocated).
    public static func scaleRows(of source: Matrix, by scale: [Double], into destination: inout Matrix) {
        precondition(scale.count == source.rows, "scaleRows: \(scale.count) scale factors for \(source.rows) rows")
        precondition(destination.rows == source.rows && destination.columns == source.columns,
                     "scaleRows: destination is \(destination.rows)x\(destination.columns), expected \(source.rows)x\(source.columns)")
        let n = source.rows, p = source.columns
        source.storage.withUnsafeBufferPointer { s in
            scale.withUnsafeBufferPointer { w in
                destination.storage.withUnsafeMutableBufferPointer { d in
                    for j in 0..<p {
                        let off = j * n
                        for i in 0..<n { d[off + i] = s[off + i] * w[i] }
                    }
                }
            }
        }
    }

    /// Multiplies row `i` by `scale[i]` in place (`scale.count == rows`).
    public mutating func scaleRows(by scale: [Double]) {
        precondition(scale.count == rows, "scaleRows: \(scale.count) scale factors for \(rows) rows")
        let n = rows, p = columns
        scale.withUnsafeBufferPointer { w in
            storage.withUnsafeMutableBufferPointer { d in
                for j in 0..<p {
                    let off = j * n
                    for i in 0..<n { d[off + i] *= w[i] }
                }
            }
        }
    }

    /// Copies the lower triangle into the upper one.
    public mutating func symmetrizeFromLower() {
        precondition(isSquare)
        let n = rows
        storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<n { for i in (j + 1)..<Swift.max(j + 1, n) { s[j + i * n] = s[i + j * n] } }
        }
    }
}
