internal import CLapack

/// Thin, checked wrappers over the BLAS routines Truant uses. All matrices are column-major.
/// Dimensions are converted to `Int32` (Debian's OpenBLAS is LP64), which traps on overflow.
public enum BLAS {
    /// `C = alpha * op(A) * op(B) + beta * C` (dgemm). `c` must already have the result's shape.
    public static func gemm(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.columns == n, "gemm: result is \(c.rows)x\(c.columns), expected \(m)x\(n)")
        if m == 0 || n == 0 { return }
        if k == 0 { for i in c.storage.indices { c.storage[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(max(1, a.rows)),
                                pb.baseAddress, Int32(max(1, b.rows)),
                                beta, pc.baseAddress, Int32(max(1, m)))
                }
            }
        }
    }

    /// `y = alpha * op(A) * x + beta * y` (dgemv).
    public static func gemv(_ a: Matrix, transpose: Bool = false, _ x: [Double],
                            alpha: Double = 1, beta: Double = 0, into y: inout [Double]) {
        let m = transpose ? a.columns : a.rows
        let n = transpose ? a.rows : a.columns
        precondition(x.count == n, "gemv: x has \(x.count) elements, expected \(n)")
        precondition(y.count == m, "gemv: y has \(y.count) elements, expected \(m)")
        if m == 0 { return }
        if n == 0 { for i in y.indices { y[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans,
                                Int32(a.rows), Int32(a.columns), alpha, pa.baseAddress, Int32(max(1, a.rows)),
                                px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `C = alpha * A' A + beta * C` (`transpose == true`) or `alpha * A A' + beta * C` (dsyrk).
    /// Only the upper triangle of `c` is written; call `symmetrizeFromUpper()` for the full matrix.
    public static func syrk(_ a: Matrix, transpose: Bool = true, alpha: Double = 1, beta: Double = 0,
                            into c: inout Matrix) {
        let n = transpose ? a.columns : a.rows
        let k = transpose ? a.rows : a.columns
        precondition(c.rows == n && c.columns == n, "syrk: result is \(c.rows)x\(c.columns), expected \(n)x\(n)")
        if n == 0 { return }
        if k == 0 { for i in c.storage.indices { c.storage[i] *= beta }; return }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyrk(CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans,
                            Int32(n), Int32(k), alpha, pa.baseAddress, Int32(max(1, a.rows)),
                            beta, pc.baseAddress, Int32(n))
            }
        }
    }

    /// Solves `op(T) X = alpha * B` in place for triangular `t` (dtrsm, left side).
    public static func trsm(_ t: Matrix, upper: Bool, transpose: Bool = false, unitDiagonal: Bool = false,
                            alpha: Double = 1, _ b: inout Matrix) {
        precondition(t.isSquare && t.rows == b.rows, "trsm: triangle is \(t.rows)x\(t.columns), right side has \(b.rows) rows")
        if b.rows == 0 || b.columns == 0 { return }
        t.storage.withUnsafeBufferPointer { pt in
            b.storage.withUnsafeMutableBufferPointer { pb in
                cblas_dtrsm(CblasColMajor, CblasLeft, upper ? CblasUpper : CblasLower,
                            transpose ? CblasTrans : CblasNoTrans, unitDiagonal ? CblasUnit : CblasNonUnit,
                            Int32(b.rows), Int32(b.columns), alpha, pt.baseAddress, Int32(max(1, t.rows)),
                            pb.baseAddress, Int32(max(1, b.rows)))
            }
        }
    }

    /// Solves `op(T) x = b` in place for triangular `t` and one right-hand side (dtrsv).
    public static func trsv(_ t: Matrix, upper: Bool, transpose: Bool = false, _ x: inout [Double]) {
        precondition(t.isSquare && t.rows == x.count)
        if x.isEmpty { return }
        t.storage.withUnsafeBufferPointer { pt in
            x.withUnsafeMutableBufferPointer { px in
                cblas_dtrsv(CblasColMajor, upper ? CblasUpper : CblasLower, transpose ? CblasTrans : CblasNoTrans,
                            CblasNonUnit, Int32(t.rows), pt.baseAddress, Int32(max(1, t.rows)), px.baseAddress, 1)
            }
        }
    }

    /// Dot product of two equal-length vectors (ddot).
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// Number of threads OpenBLAS uses; `setThreads` changes it at run time.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of OpenBLAS threads (the kernels themselves are fixed at load time).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

    /// The OpenBLAS kernel family selected at load time (e.g. "Haswell", "Zen", "Prescott").
    public static var coreName: String { String(cString: openblas_get_corename()) }
}

extension Matrix {
    /// Matrix product via dgemm.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        var c = Matrix(rows: lhs.rows, columns: rhs.columns)
        BLAS.gemm(lhs, rhs, into: &c)
        return c
    }

    /// Matrix-vector product via dgemv.
    public static func * (lhs: Matrix, rhs: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: lhs.rows)
        BLAS.gemv(lhs, rhs, into: &y)
        return y
    }

    /// `A' A` (full symmetric result) via dsyrk.
    public var crossProduct: Matrix {
        var c = Matrix(rows: columns, columns: columns)
        BLAS.syrk(self, transpose: true, into: &c)
        c.symmetrizeFromUpper()
        return c
    }
}
