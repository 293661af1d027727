internal import CLapack

/// The eigen-decomposition `A = V diag(values) V'` of a real symmetric matrix (LAPACK dsyevr,
/// relatively robust representations; only the upper triangle of `A` is read).
///
/// Eigenvalues are in **ascending** order (R's `eigen()` returns them descending); column `j` of
/// `vectors` is the unit eigenvector of `values[j]` (its sign is arbitrary, as in every LAPACK).
public struct SymmetricEigen: Sendable {
    /// The `n` eigenvalues, ascending.
    public let values: [Double]
    /// The `n` x `n` orthogonal matrix of eigenvectors (columns), or `nil` when not requested.
    public let vectors: Matrix?

    /// Decomposes the `n` x `n` symmetric matrix `a`.
    /// - Parameter vectors: also compute the eigenvectors (default `true`).
    /// - Throws: `dimensionMismatch` if `a` is not square; `noConvergence` if dsyevr fails;
    ///   `illegalArgument` if LAPACK rejects the input (e.g. NaN elements).
    public init(_ a: Matrix, vectors wantVectors: Bool = true) throws {
        guard a.isSquare else {
            throw LinalgError.dimensionMismatch("eigen-decomposition of a \(a.rows)x\(a.columns) matrix (must be square)")
        }
        let n = a.rows
        if n == 0 {
            values = []
            vectors = wantVectors ? Matrix(rows: 0, columns: 0) : nil
            return
        }
        var work = a
        var w = [Double](repeating: 0, count: n)
        var z = Matrix(rows: wantVectors ? n : 1, columns: wantVectors ? n : 1)
        var support = [Int32](repeating: 0, count: 2 * n)
        var found: Int32 = 0
        let info = work.storage.withUnsafeMutableBufferPointer { pa in
            w.withUnsafeMutableBufferPointer { pw in
                z.storage.withUnsafeMutableBufferPointer { pz in
                    support.withUnsafeMutableBufferPointer { ps in
                        LAPACKE_dsyevr(LAPACK_COL_MAJOR, flag(wantVectors ? "V" : "N"), flag("A"), flag("U"),
                                       Int32(n), pa.baseAddress, Int32(n), 0, 0, 0, 0, 0, &found,
                                       pw.baseAddress, pz.baseAddress, Int32(wantVectors ? n : 1), ps.baseAddress)
                    }
                }
            }
        }
        try checkArguments(info, "dsyevr")
        if info > 0 { throw LinalgError.noConvergence(routine: "dsyevr", count: Int(info)) }
        values = w
        vectors = wantVectors ? z : nil
    }
}
