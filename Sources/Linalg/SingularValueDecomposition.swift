internal import CLapack

/// The thin singular value decomposition `A = U diag(values) V'` of an `m` x `n` matrix
/// (LAPACK dgesdd, divide and conquer). With `k = min(m, n)`: `u` is `m` x `k`, `vt` is `k` x `n`,
/// both with orthonormal columns/rows; singular values are non-negative and **descending**
/// (as in R's `svd()`).
public struct SingularValueDecomposition: Sendable {
    /// The `k = min(m, n)` singular values, descending.
    public let values: [Double]
    /// Left singular vectors, `m` x `k`, or `nil` when not requested.
    public let u: Matrix?
    /// Right singular vectors transposed, `k` x `n`, or `nil` when not requested.
    public let vt: Matrix?

    /// Decomposes `a` (finite elements, any shape).
    /// - Parameter vectors: also compute `u` and `vt` (default `true`).
    /// - Throws: `noConvergence` if dgesdd fails; `illegalArgument` if LAPACK rejects the input.
    public init(_ a: Matrix, vectors: Bool = true) throws {
        let m = a.rows, n = a.columns, k = Swift.min(m, n)
        if k == 0 {
            values = []
            u = vectors ? Matrix(rows: m, columns: 0) : nil
            vt = vectors ? Matrix(rows: 0, columns: n) : nil
            return
        }
        var work = a
        var s = [Double](repeating: 0, count: k)
        var um = Matrix(rows: vectors ? m : 1, columns: vectors ? k : 1)
        var vm = Matrix(rows: vectors ? k : 1, columns: vectors ? n : 1)
        let info = work.storage.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                um.storage.withUnsafeMutableBufferPointer { pu in
                    vm.storage.withUnsafeMutableBufferPointer { pv in
                        LAPACKE_dgesdd(LAPACK_COL_MAJOR, flag(vectors ? "S" : "N"), Int32(m), Int32(n),
                                       pa.baseAddress, Int32(m), ps.baseAddress,
                                       pu.baseAddress, Int32(vectors ? m : 1), pv.baseAddress, Int32(vectors ? k : 1))
                    }
                }
            }
        }
        try checkArguments(info, "dgesdd")
        if info > 0 { throw LinalgError.noConvergence(routine: "dgesdd", count: Int(info)) }
        values = s
        u = vectors ? um : nil
        vt = vectors ? vm : nil
    }
}
