/// Kernels for the tiny k x k blocks of vector-valued random-effects terms (k is the number of random
/// effects per level, usually 1 to 4), where a BLAS call costs more than the arithmetic.
/// All matrices are column-major; `lam` is a k x k lower-triangular relative covariance factor.
enum SmallDense {
    /// `out = lam' a lam` for a symmetric k x k `a`.
    static func congruence(lower lam: [Double], _ a: UnsafePointer<Double>, _ k: Int, into out: inout [Double]) {
        // t = a lam
        var t = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            for i in 0..<k {
                var s = 0.0
                for c in j..<k { s += a[i + c * k] * lam[c + j * k] }
                t[i + j * k] = s
            }
        }
        for j in 0..<k {
            for i in 0..<k {
                var s = 0.0
                for c in i..<k { s += lam[c + i * k] * t[c + j * k] }
                out[i + j * k] = s
            }
        }
    }

    /// In-place lower Cholesky of a k x k symmetric positive definite matrix (reads the lower triangle,
    /// zeroes the strict upper one). Returns `false` if a pivot is not positive.
    static func choleskyLower(_ a: UnsafeMutablePointer<Double>, _ k: Int) -> Bool {
        for j in 0..<k {
            var d = a[j + j * k]
            for c in 0..<j { d -= a[j + c * k] * a[j + c * k] }
            guard d > 0, d.isFinite else { return false }
            let ljj = d.squareRoot()
            a[j + j * k] = ljj
            for i in (j + 1)..<Swift.max(j + 1, k) {
                var s = a[i + j * k]
                for c in 0..<j { s -= a[i + c * k] * a[j + c * k] }
                a[i + j * k] = s / ljj
            }
            for i in 0..<j { a[i + j * k] = 0 }
        }
        return true
    }

    /// `x = x lam` for x with `rows` rows and k columns (leading dimension `ld`).
    static func rightMultiplyLower(_ x: UnsafeMutablePointer<Double>, rows: Int, ld: Int, _ lam: [Double], _ k: Int) {
        if k == 1 {
            let l = lam[0]
            for i in 0..<rows { x[i] *= l }
            return
        }
        // Column j of the result uses columns j..<k of x; go left to right.
        for j in 0..<k {
            for i in 0..<rows {
                var s = 0.0
                for c in j..<k { s += x[i + c * ld] * lam[c + j * k] }
                x[i + j * ld] = s
            }
        }
    }

    /// `x = lam' x` for x with k rows and `cols` columns (leading dimension `ld`).
    static func leftMultiplyLowerTransposed(_ x: UnsafeMutablePointer<Double>, ld: Int, cols: Int, _ lam: [Double], _ k: Int) {
        if k == 1 {
            let l = lam[0]
            for j in 0..<cols { x[j * ld] *= l }
            return
        }
        // Row i of the result uses rows i..<k of x; go top to bottom.
        for j in 0..<cols {
            let col = x + j * ld
            for i in 0..<k {
                var s = 0.0
                for c in i..<k { s += lam[c + i * k] * col[c] }
                col[i] = s
            }
        }
    }
}
