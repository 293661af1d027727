internal import CLapack

/// Allocation-free Cholesky solves for iterative algorithms that keep the factor in a workspace.
extension Cholesky {
    /// Solves `A X = B` in place (`b` becomes `X`), where `A = U'U`. `b.rows == dimension`.
    public func solveInPlace(_ b: inout Matrix) {
        Cholesky.solveInPlace(factor: upper, &b)
    }

    /// Solves `A x = b` in place (`b` becomes `x`), where `A = U'U`. `b.count == dimension`.
    public func solveInPlace(_ b: inout [Double]) {
        Cholesky.solveInPlace(factor: upper, &b)
    }

    /// Solves `U'U X = B` in place for an upper factor `u` produced by `factorInPlace`.
    /// Precondition: `u` square with `u.rows == b.rows`.
    public static func solveInPlace(factor u: Matrix, _ b: inout Matrix) {
        BLAS.trsm(u, upper: true, transpose: true, &b)
        BLAS.trsm(u, upper: true, transpose: false, &b)
    }

    /// Solves `U'U x = b` in place for an upper factor `u` produced by `factorInPlace`.
    /// Precondition: `u` square with `u.rows == b.count`.
    public static func solveInPlace(factor u: Matrix, _ b: inout [Double]) {
        BLAS.trsv(u, upper: true, transpose: true, &b)
        BLAS.trsv(u, upper: true, transpose: false, &b)
    }

    /// `log det A = 2 * sum(log U_ii)` for an upper factor `u` produced by `factorInPlace`.
    public static func logDeterminant(factor u: Matrix) -> Double {
        precondition(u.isSquare)
        var s = 0.0
        for i in 0..<u.rows { s += _log(u[i, i]) }
        return 2 * s
    }

    /// Wraps an upper-triangular factor `u` (with `A = U'U`, strict lower triangle zero) computed
    /// elsewhere, e.g. by `factorInPlace` on a workspace. Throws `dimensionMismatch` if `u` is not
    /// square and `notPositiveDefinite(pivot:)` naming the first diagonal element that is not positive.
    public init(upperFactor u: Matrix) throws {
        guard u.isSquare else { throw LinalgError.dimensionMismatch("Cholesky factor is \(u.rows)x\(u.columns), not square") }
        for i in 0..<u.rows where !(u[i, i] > 0) {
            throw LinalgError.notPositiveDefinite(routine: "Cholesky(upperFactor:)", pivot: i + 1)
        }
        self.upper = u
    }
}
