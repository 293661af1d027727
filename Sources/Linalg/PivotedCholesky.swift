internal import CLapack

/// The rank-revealing Cholesky factorization with complete (diagonal) pivoting of a symmetric
/// positive semi-definite matrix, `P' A P = U'U` (LAPACK dpstrf; R's `chol(a, pivot = TRUE)`).
///
/// Only the leading `rank` rows of `U` are meaningful; the trailing rows hold LAPACK's partial
/// results and are set to zero here (R's `chol(pivot = TRUE)` leaves them in place). As in R, an
/// indefinite matrix is not an error: the factorization stops at the first pivot below the
/// tolerance, which shows up as a smaller `rank`.
public struct PivotedCholesky: Sendable {
    /// The `n` x `n` upper factor (rows `rank...` zero).
    public let upper: Matrix
    /// Symmetric permutation (zero-based): row/column `j` of `P'AP` is row/column `pivot[j]` of `A`.
    public let pivot: [Int]
    /// The computed rank: the number of pivots above the tolerance.
    public let rank: Int

    /// Factors the `n` x `n` symmetric matrix `a` (upper triangle read).
    /// - Parameter tolerance: a pivot below it stops the factorization; `nil` uses LAPACK's default
    ///   `n * eps * max(diag(A))`, which is also R's (`tol = -1`).
    /// - Throws: `dimensionMismatch` if `a` is not square; `notPositiveDefinite(pivot:)` if a
    ///   diagonal element is negative or NaN (LAPACK's "not positive semi-definite" cannot tell
    ///   which; the first negative pivot in the permuted order is reported, one-based).
    public init(_ a: Matrix, tolerance: Double? = nil) throws {
        guard a.isSquare else { throw LinalgError.dimensionMismatch("pivoted Cholesky of a \(a.rows)x\(a.columns) matrix (must be square)") }
        let n = a.rows
        var u = a
        var piv = [Int32](repeating: 0, count: n)
        var r: Int32 = 0
        if n > 0 {
            let info = u.storage.withUnsafeMutableBufferPointer { pa in
                piv.withUnsafeMutableBufferPointer { pp in
                    LAPACKE_dpstrf(LAPACK_COL_MAJOR, flag("U"), Int32(n), pa.baseAddress, Int32(n),
                                   pp.baseAddress, &r, tolerance ?? -1)
                }
            }
            try checkArguments(info, "dpstrf")
            // info == 1: rank deficient (fine, that is the point). Negative / NaN pivots show up as
            // rank 0 on a matrix with a negative or NaN diagonal: report them.
            if info > 0 && r == 0 {
                for i in 0..<n where !(a[i, i] >= 0) {
                    throw LinalgError.notPositiveDefinite(routine: "dpstrf", pivot: i + 1)
                }
            }
        }
        let rank = Int(r)
        for j in 0..<n {
            for i in 0..<n where i > j || i >= rank { u[i, j] = 0 }
        }
        upper = u
        pivot = piv.map { Int($0) - 1 }
        self.rank = rank
    }
}
