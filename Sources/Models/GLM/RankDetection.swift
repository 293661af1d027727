internal import CLapack
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// Which columns of a model matrix are estimable, decided as R's `glm.fit` decides it: LINPACK's
/// `dqrdc2` (Householder QR with *limited* column pivoting) with tolerance `tol`.
///
/// `dqrdc2` moves a column to the end when, at the step it would be used, the norm of its part not yet
/// explained by the columns before it has fallen below `tol` times its original norm; the order of the
/// other columns is kept. Those trailing norms depend only on `X'X`, and are the same for `X` and for
/// the triangular factor `R` of any orthogonal decomposition `X = QR`. So the decision is taken on `R`
/// (p x p) after one blocked LAPACK `dgeqrf` of `X` — O(n p^2) in BLAS-3 — instead of running the
/// unblocked LINPACK loop over all n rows.
struct RankDetection {
    /// Original column indices of the estimable columns, in their original order.
    var kept: [Int]
    /// Original column indices of the aliased (linearly dependent) columns.
    var aliased: [Int]

    /// Decides the rank of `a` (n x p, column-major; overwritten by its QR factorization).
    /// `tol` is R's `min(1e-7, epsilon / 1000)` (1e-11 for `glm`).
    static func detect(overwriting a: inout Matrix, tol: Double) -> RankDetection {
        let n = a.rows, p = a.columns
        if p == 0 { return RankDetection(kept: [], aliased: []) }
        // Original column norms (dqrdc2's work(,2), with 0 replaced by 1).
        var original = [Double](repeating: 0, count: p)
        a.storage.withUnsafeBufferPointer { s in
            for j in 0..<p {
                let base = s.baseAddress! + j * n
                original[j] = n > 0 ? cblas_dnrm2(Int32(n), base, 1) : 0
            }
        }
        // R factor (p x p, upper), zero rows below min(n, p).
        var r = Matrix(rows: p, columns: p)
        if n > 0 {
            var tau = [Double](repeating: 0, count: Swift.min(n, p))
            _ = a.storage.withUnsafeMutableBufferPointer { s in
                tau.withUnsafeMutableBufferPointer { t in
                    LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(p), s.baseAddress, Int32(n), t.baseAddress)
                }
            }
            for j in 0..<p { for i in 0...Swift.min(j, n - 1) { r[i, j] = a[i, j] } }
        }
        let order = limitedPivoting(r, originalNorms: original, tol: tol, rowsAvailable: n)
        return order
    }

    /// LINPACK `dqrdc2`'s limited column pivoting on a small square matrix `x` (p x p), returning which
    /// columns are kept. `originalNorms` are the column norms of the full matrix; `rowsAvailable` its row
    /// count (the rank never exceeds it).
    static func limitedPivoting(_ x0: Matrix, originalNorms: [Double], tol: Double, rowsAvailable: Int) -> RankDetection {
        var x = x0
        let n = x.rows, p = x.columns
        var qraux = [Double](repeating: 0, count: p)
        var work1 = [Double](repeating: 0, count: p)
        var work2 = [Double](repeating: 0, count: p)
        var pivot = Array(0..<p)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<n { s += x[i, j] * x[i, j] }
            qraux[j] = Glibc.sqrt(s)
            work1[j] = qraux[j]
            work2[j] = originalNorms[j] == 0 ? 1 : originalNorms[j]
        }
        var k = p   // columns k..<p have been found negligible
        for l in 0..<Swift.min(n, p) {
            while l < k && qraux[l] < work2[l] * tol {
                // Move column l to the end, shifting the others left (order preserved).
                let col = x.column(l)
                for j in (l + 1)..<p { x.setColumn(j - 1, x.column(j)) }
                x.setColumn(p - 1, col)
                let (pv, q, w1, w2) = (pivot[l], qraux[l], work1[l], work2[l])
                for j in (l + 1)..<p {
                    pivot[j - 1] = pivot[j]; qraux[j - 1] = qraux[j]; work1[j - 1] = work1[j]; work2[j - 1] = work2[j]
                }
                pivot[p - 1] = pv; qraux[p - 1] = q; work1[p - 1] = w1; work2[p - 1] = w2
                k -= 1
            }
            if l == n - 1 { break }
            // Householder transformation for column l.
            var nrm = 0.0
            for i in l..<n { nrm += x[i, l] * x[i, l] }
            nrm = Glibc.sqrt(nrm)
            if nrm == 0 { continue }
            if x[l, l] != 0 { nrm = x[l, l] < 0 ? -Swift.abs(nrm) : Swift.abs(nrm) }
            for i in l..<n { x[i, l] /= nrm }
            x[l, l] += 1
            for j in (l + 1)..<p {
                var t = 0.0
                for i in l..<n { t -= x[i, l] * x[i, j] }
                t /= x[l, l]
                for i in l..<n { x[i, j] += t * x[i, l] }
                if qraux[j] == 0 { continue }
                var tt = 1 - (Swift.abs(x[l, j]) / qraux[j]) * (Swift.abs(x[l, j]) / qraux[j])
                tt = Swift.max(tt, 0)
                if Swift.abs(tt) < 1e-6 {
                    var s = 0.0
                    if l + 1 < n { for i in (l + 1)..<n { s += x[i, j] * x[i, j] } }
                    qraux[j] = Glibc.sqrt(s)
                    work1[j] = qraux[j]
                } else {
                    qraux[j] *= Glibc.sqrt(tt)
                }
            }
            qraux[l] = x[l, l]
            x[l, l] = -nrm
        }
        let rank = Swift.min(k, rowsAvailable)
        let kept = pivot[0..<rank].sorted()
        let aliased = pivot[rank...].sorted()
        return RankDetection(kept: Array(kept), aliased: Array(aliased))
    }
}
