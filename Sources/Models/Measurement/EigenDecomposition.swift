import Linalg

/// Eigenvalues (descending) and unit eigenvectors (columns, same order) of a small symmetric matrix.
///
/// Stopgap until `Linalg` ships its LAPACK `dsyevr` wrapper: cyclic Jacobi rotations, which are
/// accurate to a few ulps for the small (items x items) matrices of measurement models.
struct DescendingEigen {
    /// Eigenvalues, largest first.
    var values: [Double]
    /// Eigenvectors as columns, in the order of `values`.
    var vectors: Matrix

    init(symmetric a: Matrix) throws {
        precondition(a.isSquare)
        let n = a.rows
        var m = a
        var v = Matrix.identity(n)
        var sweep = 0
        while true {
            var off = 0.0, total = 0.0
            for j in 0..<n {
                for i in 0..<n {
                    total += m[i, j] * m[i, j]
                    if i != j { off += m[i, j] * m[i, j] }
                }
            }
            if off <= 1e-30 * total || off == 0 { break }
            sweep += 1
            if sweep > 100 { throw MeasurementError.noConvergence(method: "Jacobi eigen-decomposition", iterations: sweep) }
            for p in 0..<n {
                for q in (p + 1)..<Swift.max(p + 1, n) {
                    let apq = m[p, q]
                    if apq == 0 { continue }
                    let theta = (m[q, q] - m[p, p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let mkp = m[k, p], mkq = m[k, q]
                        m[k, p] = c * mkp - s * mkq
                        m[k, q] = s * mkp + c * mkq
                    }
                    for k in 0..<n {
                        let mpk = m[p, k], mqk = m[q, k]
                        m[p, k] = c * mpk - s * mqk
                        m[q, k] = s * mpk + c * mqk
                    }
                    for k in 0..<n {
                        let vkp = v[k, p], vkq = v[k, q]
                        v[k, p] = c * vkp - s * vkq
                        v[k, q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { m[$0, $0] > m[$1, $1] }
        values = order.map { m[$0, $0] }
        var vec = Matrix(rows: n, columns: n)
        for (k, j) in order.enumerated() { vec.setColumn(k, v.column(j)) }
        vectors = vec
    }
}
