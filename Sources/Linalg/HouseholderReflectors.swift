internal import CLapack

/// Read-only application of the Householder reflectors stored by LAPACK's dgeqrf/dgeqp3.
///
/// Reflector `j` is `H_j = I - tau_j v_j v_j'` with `v_j[0..<j] = 0`, `v_j[j] = 1` and
/// `v_j[(j+1)..<n]` stored below the diagonal of column `j` of `factors` (`n` x `p`, column-major).
/// `Q = H_0 H_1 ... H_(k-1)`. LAPACK's own dormqr briefly writes the diagonal of its input,
/// which would race when one (immutable, `Sendable`) factorization is shared between threads;
/// these loops only read it. Each reflector costs one ddot and one daxpy over `n - j` elements.
enum HouseholderReflectors {
    /// `y = Q' y` using the first `count` reflectors (`y` has `n` elements, at offset `offset`).
    static func applyTranspose(factors: UnsafeBufferPointer<Double>, rows n: Int, tau: [Double], count: Int,
                               to y: UnsafeMutablePointer<Double>) {
        guard let base = factors.baseAddress else { return }
        for j in 0..<count {
            reflect(base: base, rows: n, j: j, tau: tau[j], y: y)
        }
    }

    /// `y = Q y` using the first `count` reflectors (applied in reverse order).
    static func apply(factors: UnsafeBufferPointer<Double>, rows n: Int, tau: [Double], count: Int,
                      to y: UnsafeMutablePointer<Double>) {
        guard let base = factors.baseAddress else { return }
        for j in stride(from: count - 1, through: 0, by: -1) {
            reflect(base: base, rows: n, j: j, tau: tau[j], y: y)
        }
    }

    @inline(__always)
    private static func reflect(base: UnsafePointer<Double>, rows n: Int, j: Int, tau: Double,
                                y: UnsafeMutablePointer<Double>) {
        if tau == 0 { return }
        let tail = n - j - 1
        let v = base + j * n + j + 1          // v_j below the diagonal
        var w = y[j]
        if tail > 0 { w += cblas_ddot(Int32(tail), v, 1, y + j + 1, 1) }
        w *= tau
        y[j] -= w
        if tail > 0 { cblas_daxpy(Int32(tail), -w, v, 1, y + j + 1, 1) }
    }

    /// The upper triangle (`min(n, p)` x `p`) of `factors`.
    static func upperTriangle(_ factors: Matrix) -> Matrix {
        let n = factors.rows, p = factors.columns, m = Swift.min(n, p)
        var r = Matrix(rows: m, columns: p)
        for j in 0..<p { for i in 0...Swift.min(j, m - 1) where m > 0 { r[i, j] = factors[i, j] } }
        return r
    }

    /// Solves `R11 b = c[0..<k]` for the leading `k` x `k` triangle of `factors` (dtrsv on the
    /// stored factor, in place on `c`, which keeps its length; only the first `k` elements change).
    static func solveUpper(factors: Matrix, order k: Int, _ c: inout [Double]) {
        if k == 0 { return }
        let n = factors.rows
        factors.storage.withUnsafeBufferPointer { pf in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_dtrsv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(k),
                            pf.baseAddress, Int32(n), pc.baseAddress, 1)
            }
        }
    }

    /// `(R11' R11)^-1` for the leading `k` x `k` triangle of `factors` (LAPACK dpotri on a copy).
    static func inverseCrossProduct(factors: Matrix, order k: Int, routine: String) throws -> Matrix {
        var r = Matrix(rows: k, columns: k)
        for j in 0..<k { for i in 0...j { r[i, j] = factors[i, j] } }
        if k == 0 { return r }
        let info = r.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, flag("U"), Int32(k), p.baseAddress, Int32(k))
        }
        try checkArguments(info, "dpotri")
        if info > 0 { throw LinalgError.singular(routine: routine, index: Int(info)) }
        r.symmetrizeFromUpper()
        return r
    }

    /// Unpivoted Householder QR (dgeqrf) of `a` in place; returns `tau` (`min(n, p)` elements).
    static func geqrf(_ a: inout Matrix) throws -> [Double] {
        let n = a.rows, p = a.columns, m = Swift.min(n, p)
        var tau = [Double](repeating: 0, count: m)
        if m == 0 { return tau }
        let info = a.storage.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeMutableBufferPointer { pt in
                LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(p), pa.baseAddress, Int32(n), pt.baseAddress)
            }
        }
        try checkArguments(info, "dgeqrf")
        return tau
    }
}
