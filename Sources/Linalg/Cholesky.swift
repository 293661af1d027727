internal import CLapack

/// The Cholesky factorization `A = U'U` of a symmetric positive definite matrix (LAPACK dpotrf).
///
/// The factor is kept as the upper triangle `U` (the strict lower triangle is zero).
/// Throws `LinalgError.notPositiveDefinite(pivot:)` naming the first failing leading minor.
public struct Cholesky: Sendable, Equatable {
    /// The upper-triangular factor `U` with `A = U'U`.
    public internal(set) var upper: Matrix

    /// Factors `a` (only its upper triangle is read).
    public init(_ a: Matrix) throws {
        guard a.isSquare else { throw LinalgError.dimensionMismatch("Cholesky of a \(a.rows)x\(a.columns) matrix") }
        var u = a
        try Cholesky.factorInPlace(&u)
        self.upper = u
    }

    /// Factors `a` in place: on return its upper triangle holds `U` and the strict lower triangle is zero.
    /// This is the allocation-free entry point for iterative algorithms that reuse a workspace.
    public static func factorInPlace(_ a: inout Matrix) throws {
        precondition(a.isSquare)
        let n = a.rows
        if n == 0 { return }
        let info = a.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, flag("U"), Int32(n), p.baseAddress, Int32(n))
        }
        if info < 0 { throw LinalgError.illegalArgument(routine: "dpotrf", argument: Int(-info)) }
        if info > 0 { throw LinalgError.notPositiveDefinite(routine: "dpotrf", pivot: Int(info)) }
        a.storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { s[i + j * n] = 0 } }
        }
    }

    /// Dimension of the factored matrix.
    public var dimension: Int { upper.rows }

    /// Solves `A X = B`.
    public func solve(_ b: Matrix) -> Matrix {
        var x = b
        BLAS.trsm(upper, upper: true, transpose: true, &x)
        BLAS.trsm(upper, upper: true, transpose: false, &x)
        return x
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        BLAS.trsv(upper, upper: true, transpose: true, &x)
        BLAS.trsv(upper, upper: true, transpose: false, &x)
        return x
    }

    /// `log det A = 2 * sum(log diag U)`.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<dimension { s += _log(upper[i, i]) }
        return 2 * s
    }

    /// `A^-1` (LAPACK dpotri), full symmetric.
    public func inverse() throws -> Matrix {
        let n = dimension
        var inv = upper
        if n == 0 { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, flag("U"), Int32(n), p.baseAddress, Int32(n))
        }
        if info < 0 { throw LinalgError.illegalArgument(routine: "dpotri", argument: Int(-info)) }
        if info > 0 { throw LinalgError.singular(routine: "dpotri", index: Int(info)) }
        inv.symmetrizeFromUpper()
        return inv
    }
}

/// LAPACKE takes `char` flags; `CChar` is `Int8` on x86-64 Linux.
@inline(__always)
func flag(_ s: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: s.value) }
