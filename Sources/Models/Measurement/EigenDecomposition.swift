import Linalg

/// Eigenvalues in descending order (as R's `eigen()` and psych use them) with their unit eigenvectors,
/// from `Linalg.SymmetricEigen` (LAPACK dsyevr, which returns them ascending).
struct DescendingEigen {
    /// Eigenvalues, largest first.
    var values: [Double]
    /// Eigenvectors as columns, in the order of `values`.
    var vectors: Matrix

    init(symmetric a: Matrix) throws {
        for x in a.storage where !x.isFinite {
            throw MeasurementError.invalid("a correlation matrix with a missing or infinite element cannot be factored")
        }
        let e = try SymmetricEigen(a)
        guard let v = e.vectors else { throw MeasurementError.invalid("eigenvectors were not computed") }
        let n = a.rows
        values = e.values.reversed()
        var vec = Matrix(rows: n, columns: n)
        for k in 0..<n { vec.setColumn(k, v.column(n - 1 - k)) }
        vectors = vec
    }
}
