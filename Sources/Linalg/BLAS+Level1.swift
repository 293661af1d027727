internal import CLapack

/// Level-1 BLAS on vectors (`[Double]`): the building blocks of iterative updates.
extension BLAS {
    /// `y = alpha * x + y` (daxpy). Precondition: `x.count == y.count`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: x has \(x.count) elements, y has \(y.count)")
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                cblas_daxpy(Int32(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// `x = alpha * x` (dscal).
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        if x.isEmpty { return }
        let n = x.count
        x.withUnsafeMutableBufferPointer { px in cblas_dscal(Int32(n), alpha, px.baseAddress, 1) }
    }

    /// Euclidean norm `sqrt(sum x_i^2)` without overflow or underflow (dnrm2); 0 for an empty vector.
    public static func nrm2(_ x: [Double]) -> Double {
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in cblas_dnrm2(Int32(x.count), px.baseAddress, 1) }
    }

    /// Sum of absolute values (dasum); 0 for an empty vector.
    public static func asum(_ x: [Double]) -> Double {
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { px in cblas_dasum(Int32(x.count), px.baseAddress, 1) }
    }

    /// Euclidean norm of column `j` of `a` (dnrm2 on the column in place, no copy).
    public static func columnNorm(_ a: Matrix, _ j: Int) -> Double {
        precondition(j >= 0 && j < a.columns, "columnNorm: column \(j) outside 0..<\(a.columns)")
        if a.rows == 0 { return 0 }
        return a.storage.withUnsafeBufferPointer { p in
            cblas_dnrm2(Int32(a.rows), p.baseAddress.map { $0 + j * a.rows }, 1)
        }
    }
}

/// Level-2 rank-one updates: the per-observation outer products of score and information sums.
extension BLAS {
    /// `A = alpha * x y' + A` (dger). Precondition: `x.count == a.rows`, `y.count == a.columns`.
    public static func ger(_ alpha: Double, _ x: [Double], _ y: [Double], into a: inout Matrix) {
        precondition(x.count == a.rows && y.count == a.columns,
                     "ger: x has \(x.count), y has \(y.count) elements for a \(a.rows)x\(a.columns) matrix")
        if a.rows == 0 || a.columns == 0 { return }
        let m = a.rows, n = a.columns
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                a.storage.withUnsafeMutableBufferPointer { pa in
                    cblas_dger(CblasColMajor, Int32(m), Int32(n), alpha, px.baseAddress, 1, py.baseAddress, 1,
                               pa.baseAddress, Int32(m))
                }
            }
        }
    }

    /// `C = alpha * x x' + C` on the upper triangle only (dsyr); call `symmetrizeFromUpper()` for
    /// the full matrix. Precondition: `c` is square with `c.rows == x.count`.
    public static func syr(_ alpha: Double, _ x: [Double], into c: inout Matrix) {
        precondition(c.isSquare && c.rows == x.count, "syr: x has \(x.count) elements for a \(c.rows)x\(c.columns) matrix")
        if x.isEmpty { return }
        let n = x.count
        x.withUnsafeBufferPointer { px in
            c.storage.withUnsafeMutableBufferPointer { pc in
                cblas_dsyr(CblasColMajor, CblasUpper, Int32(n), alpha, px.baseAddress, 1, pc.baseAddress, Int32(n))
            }
        }
    }
}
