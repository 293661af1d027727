import Linalg

/// An `L D L'` factorization of a small symmetric positive semi-definite matrix that tolerates
/// singularity: a pivot below `tolerance * max|diag|` is set to zero and its variable is treated as
/// aliased (solutions and the generalized inverse are zero there). This is the semantics of the
/// Cox information matrix in R's survival (a redundant covariate gets no coefficient), and is used
/// for the p x p matrices of a fit (p is the number of covariates, so O(p^3) is negligible).
struct SymmetricFactor {
    /// Unit lower-triangular factor below the diagonal; `D` on the diagonal (column-major p x p).
    private(set) var ld: [Double]
    /// Dimension.
    let p: Int
    /// `true` for pivots judged zero.
    private(set) var aliased: [Bool]

    /// Factors `a` (only the lower triangle is read). `tolerance` defaults to R's `toler.chol` (eps^0.75).
    init(_ a: Matrix, tolerance: Double = 1.818989403545857e-12) {
        p = a.rows
        ld = a.storage
        aliased = [Bool](repeating: false, count: p)
        var maxDiag = 0.0
        for i in 0..<p { maxDiag = Swift.max(maxDiag, abs(a[i, i])) }
        let eps = maxDiag * tolerance
        for j in 0..<p {
            var pivot = ld[j + j * p]
            for k in 0..<j { pivot -= ld[j + k * p] * ld[j + k * p] * ld[k + k * p] }
            if !(pivot > eps) || !pivot.isFinite {
                ld[j + j * p] = 0
                aliased[j] = true
                for i in (j + 1)..<Swift.max(j + 1, p) { ld[i + j * p] = 0 }
                continue
            }
            ld[j + j * p] = pivot
            for i in (j + 1)..<Swift.max(j + 1, p) {
                var s = ld[i + j * p]
                for k in 0..<j { s -= ld[i + k * p] * ld[j + k * p] * ld[k + k * p] }
                ld[i + j * p] = s / pivot
            }
        }
    }

    /// Number of aliased (zero-pivot) variables.
    var rankDeficiency: Int { aliased.filter { $0 }.count }

    /// Solves `A x = b` on the non-aliased variables; aliased components are 0.
    func solve(_ b: [Double]) -> [Double] {
        var x = b
        for i in 0..<p {
            if aliased[i] { x[i] = 0; continue }
            var s = x[i]
            for k in 0..<i { s -= ld[i + k * p] * x[k] }
            x[i] = s
        }
        for i in 0..<p { x[i] = aliased[i] ? 0 : x[i] / ld[i + i * p] }
        for i in stride(from: p - 1, through: 0, by: -1) {
            if aliased[i] { x[i] = 0; continue }
            var s = x[i]
            for k in (i + 1)..<Swift.max(i + 1, p) { s -= ld[k + i * p] * x[k] }
            x[i] = s
        }
        return x
    }

    /// The generalized inverse: `A⁻¹` on the non-aliased variables, zero rows and columns elsewhere.
    func inverse() -> Matrix {
        var inv = Matrix(rows: p, columns: p)
        var e = [Double](repeating: 0, count: p)
        for j in 0..<p {
            for i in 0..<p { e[i] = i == j ? 1 : 0 }
            let col = solve(e)
            for i in 0..<p { inv[i, j] = col[i] }
        }
        return inv
    }
}
