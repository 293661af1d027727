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

    /// Unpivoted Householder QR of `a` in place, in LAPACK's `dgeqrf` layout (R above the diagonal,
    /// reflectors below); returns `tau` (`min(n, p)` elements).
    ///
    /// This is LAPACK's blocked algorithm with a small block (`blockSize` columns): each panel is
    /// factored by dgeqr2 (through `LAPACKE_dgeqrf_work`), its block reflector formed by dlarft and
    /// applied to the trailing columns by dlarfb (level-3 BLAS). LAPACK's own dgeqrf uses blocks of
    /// 32 and so runs the whole of a tall, thin matrix (p <= 32) through the level-2 dgeqr2, which
    /// sweeps memory once per column; blocks of 8 sweep a 1e6 x 20 matrix about 3 times less.
    /// Same arithmetic as dgeqrf up to rounding.
    ///
    /// With `resumeAt = (f, tau)`, columns `0..<f` of `a` already hold a finished factorization
    /// (with those `f` scalars) and columns `f...` are raw: they first receive the `f` existing
    /// reflectors (one dlarft + dlarfb), then the factorization continues. This is how a pivot
    /// that moves columns reuses the unchanged leading part.
    /// - Throws: `illegalArgument(routine: "dgeqrf", argument: 4)` if `a` holds NaN or infinity
    ///   (as LAPACKE's own NaN check reports it; skipped when `checkFinite` is false).
    static func geqrf(_ a: inout Matrix, blockSize: Int = 8, checkFinite: Bool = true,
                      resumeAt: (column: Int, tau: [Double])? = nil) throws -> [Double] {
        let n = a.rows, p = a.columns, k = Swift.min(n, p), nb = Swift.max(1, blockSize)
        var tau = [Double](repeating: 0, count: k)
        if k == 0 { return tau }
        if checkFinite {
            let finite = a.storage.withUnsafeBufferPointer { s -> Bool in
                for v in s where !v.isFinite { return false }
                return true
            }
            if !finite { throw LinalgError.illegalArgument(routine: "dgeqrf", argument: 4) }
        }
        let start = Swift.min(resumeAt?.column ?? 0, k)
        if let r = resumeAt { for i in 0..<start { tau[i] = r.tau[i] } }
        var t = [Double](repeating: 0, count: Swift.max(nb, start) * Swift.max(nb, start))
        var work = [Double](repeating: 0, count: Swift.max(p, 1) * nb)
        let lwork = Int32(work.count)
        var failure: Int32 = 0
        a.storage.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeMutableBufferPointer { ptau in
                t.withUnsafeMutableBufferPointer { pt in
                    work.withUnsafeMutableBufferPointer { pw in
                        guard let base = pa.baseAddress, let tauBase = ptau.baseAddress else { return }
                        if start > 0 && p > start {
                            // Apply the finished reflectors 0..<start to the raw columns start...
                            failure = LAPACKE_dlarft_work(LAPACK_COL_MAJOR, flag("F"), flag("C"), Int32(n), Int32(start),
                                                          base, Int32(n), tauBase, pt.baseAddress, Int32(start))
                            if failure == 0 {
                                var w = [Double](repeating: 0, count: (p - start) * start)
                                failure = w.withUnsafeMutableBufferPointer { pw2 in
                                    LAPACKE_dlarfb_work(LAPACK_COL_MAJOR, flag("L"), flag("T"), flag("F"), flag("C"),
                                                        Int32(n), Int32(p - start), Int32(start), base, Int32(n),
                                                        pt.baseAddress, Int32(start), base + start * n, Int32(n),
                                                        pw2.baseAddress, Int32(p - start))
                                }
                            }
                        }
                        var j = start
                        while j < k && failure == 0 {
                            let jb = Swift.min(nb, k - j)
                            let panel = base + j + j * n
                            let rowsLeft = Int32(n - j)
                            failure = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, rowsLeft, Int32(jb), panel, Int32(n),
                                                          tauBase + j, pw.baseAddress, lwork)
                            let trailing = p - j - jb
                            if trailing > 0 && failure == 0 {
                                failure = LAPACKE_dlarft_work(LAPACK_COL_MAJOR, flag("F"), flag("C"), rowsLeft, Int32(jb),
                                                              panel, Int32(n), tauBase + j, pt.baseAddress, Int32(nb))
                                if failure == 0 {
                                    failure = LAPACKE_dlarfb_work(LAPACK_COL_MAJOR, flag("L"), flag("T"), flag("F"), flag("C"),
                                                                  rowsLeft, Int32(trailing), Int32(jb), panel, Int32(n),
                                                                  pt.baseAddress, Int32(nb), base + j + (j + jb) * n, Int32(n),
                                                                  pw.baseAddress, Int32(trailing))
                                }
                            }
                            j += jb
                        }
                    }
                }
            }
        }
        try checkArguments(failure, "dgeqrf")
        return tau
    }
}
