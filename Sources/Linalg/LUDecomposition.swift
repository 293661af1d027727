internal import CLapack

/// The LU decomposition with partial pivoting `P A = L U` of a square matrix (LAPACK dgetrf),
/// for general linear systems, inverses and determinants (R's `solve`, `determinant`).
///
/// Factoring never fails on a singular matrix: `isSingular` tells, the determinant is then 0, and
/// `solve`/`inverse` throw `LinalgError.singular` naming the zero pivot (one-based, like R's
/// "U[k,k] = 0"). `reciprocalCondition` (1-norm, dgecon) measures how close to singular it is.
public struct LUDecomposition: Sendable {
    /// Order `n` of the factored matrix.
    public let dimension: Int
    /// `L` (unit lower, below the diagonal) and `U` (on and above), packed as dgetrf leaves them.
    let factors: Matrix
    /// One-based row interchanges from dgetrf (row `i` swapped with row `ipiv[i]`).
    let ipiv: [Int32]
    /// One-based index of the first exactly zero pivot of `U`, or `nil`.
    public let zeroPivot: Int?
    /// The 1-norm of the original matrix (for the condition estimate).
    let norm1: Double

    /// Factors the `n` x `n` matrix `a` (finite elements).
    /// - Throws: `dimensionMismatch` if `a` is not square; `illegalArgument` if LAPACK rejects it.
    public init(_ a: Matrix) throws {
        guard a.isSquare else { throw LinalgError.dimensionMismatch("LU decomposition of a \(a.rows)x\(a.columns) matrix (must be square)") }
        let n = a.rows
        var f = a
        var piv = [Int32](repeating: 0, count: n)
        var info: Int32 = 0
        var anorm = 0.0
        if n > 0 {
            anorm = f.storage.withUnsafeBufferPointer { pa in
                LAPACKE_dlange(LAPACK_COL_MAJOR, flag("1"), Int32(n), Int32(n), pa.baseAddress, Int32(n))
            }
            info = f.storage.withUnsafeMutableBufferPointer { pa in
                piv.withUnsafeMutableBufferPointer { pp in
                    LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), pa.baseAddress, Int32(n), pp.baseAddress)
                }
            }
            try checkArguments(info, "dgetrf")
        }
        dimension = n
        factors = f
        ipiv = piv
        zeroPivot = info > 0 ? Int(info) : nil
        norm1 = anorm
    }

    /// `true` when `U` has an exactly zero pivot.
    public var isSingular: Bool { zeroPivot != nil }

    /// `log |det A|` and the sign of `det A` (R's `determinant(a, logarithm = TRUE)`);
    /// `(-infinity, 1)` for a singular matrix (as R reports it), `(0, 1)` for `n = 0`.
    public var logDeterminant: (modulus: Double, sign: Double) {
        if isSingular { return (-Double.infinity, 1) }
        var modulus = 0.0
        var sign = 1.0
        for i in 0..<dimension {
            let u = factors[i, i]
            if u < 0 { sign = -sign }
            modulus += _log(Swift.abs(u))
            if ipiv[i] != Int32(i + 1) { sign = -sign }
        }
        return (modulus, sign)
    }

    /// `det A = sign * exp(modulus)` (may under- or overflow; prefer `logDeterminant`).
    public var determinant: Double {
        let (modulus, sign) = logDeterminant
        return sign * _exp(modulus)
    }

    /// Estimated reciprocal condition number of `A` in the 1-norm (dgecon; 0 if singular, 1 for `n = 0`).
    /// R's `solve` refuses a system when this is below `.Machine$double.eps`.
    public func reciprocalCondition() throws -> Double {
        if dimension == 0 { return 1 }
        if isSingular { return 0 }
        var rcond = 0.0
        let n = dimension
        let info = factors.storage.withUnsafeBufferPointer { pf in
            LAPACKE_dgecon(LAPACK_COL_MAJOR, flag("1"), Int32(n), pf.baseAddress, Int32(n), norm1, &rcond)
        }
        try checkArguments(info, "dgecon")
        return rcond
    }

    /// Solves `A X = B` for `B` with `dimension` rows (dgetrs).
    /// - Throws: `singular(index:)` if `A` has a zero pivot; `dimensionMismatch` if `B` has the wrong rows.
    public func solve(_ b: Matrix) throws -> Matrix {
        var x = b
        try solveInPlace(&x)
        return x
    }

    /// Solves `A x = b` (`b.count == dimension`).
    /// - Throws: `singular(index:)` if `A` has a zero pivot; `dimensionMismatch` if `b` has the wrong length.
    public func solve(_ b: [Double]) throws -> [Double] {
        var x = Matrix(rows: b.count, columns: 1, columnMajor: b)
        try solveInPlace(&x)
        return x.storage
    }

    /// Solves `A X = B` in place (`b` becomes `X`).
    /// - Throws: `singular(index:)` if `A` has a zero pivot; `dimensionMismatch` if `b.rows != dimension`.
    public func solveInPlace(_ b: inout Matrix) throws {
        guard b.rows == dimension else {
            throw LinalgError.dimensionMismatch("solve: right-hand side has \(b.rows) rows, matrix is \(dimension)x\(dimension)")
        }
        if let k = zeroPivot { throw LinalgError.singular(routine: "dgetrf", index: k) }
        let n = dimension, nrhs = b.columns
        if n == 0 || nrhs == 0 { return }
        let info = factors.storage.withUnsafeBufferPointer { pf in
            ipiv.withUnsafeBufferPointer { pp in
                b.storage.withUnsafeMutableBufferPointer { pb in
                    LAPACKE_dgetrs(LAPACK_COL_MAJOR, flag("N"), Int32(n), Int32(nrhs), pf.baseAddress, Int32(n),
                                   pp.baseAddress, pb.baseAddress, Int32(n))
                }
            }
        }
        try checkArguments(info, "dgetrs")
    }

    /// `A^-1` (dgetri).
    /// - Throws: `singular(index:)` if `A` has a zero pivot.
    public func inverse() throws -> Matrix {
        if let k = zeroPivot { throw LinalgError.singular(routine: "dgetrf", index: k) }
        var inv = factors
        let n = dimension
        if n == 0 { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { pa in
            ipiv.withUnsafeBufferPointer { pp in
                LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), pa.baseAddress, Int32(n), pp.baseAddress)
            }
        }
        try checkArguments(info, "dgetri")
        if info > 0 { throw LinalgError.singular(routine: "dgetri", index: Int(info)) }
        return inv
    }
}

extension Matrix {
    /// Solves `self * X = b` for square `self` via LU with partial pivoting (R's `solve(a, b)`).
    /// - Throws: `dimensionMismatch` (not square, or `b.rows != rows`), `singular(index:)`.
    public func solve(_ b: Matrix) throws -> Matrix { try LUDecomposition(self).solve(b) }

    /// Solves `self * x = b` for square `self` via LU with partial pivoting.
    /// - Throws: `dimensionMismatch` (not square, or `b.count != rows`), `singular(index:)`.
    public func solve(_ b: [Double]) throws -> [Double] { try LUDecomposition(self).solve(b) }

    /// The inverse of a square matrix via LU (R's `solve(a)`).
    /// - Throws: `dimensionMismatch` if not square, `singular(index:)`.
    public func inverse() throws -> Matrix { try LUDecomposition(self).inverse() }

    /// `log |det self|` and the sign of the determinant (R's `determinant(a, logarithm = TRUE)`).
    /// - Throws: `dimensionMismatch` if not square.
    public func logDeterminant() throws -> (modulus: Double, sign: Double) { try LUDecomposition(self).logDeterminant }
}
