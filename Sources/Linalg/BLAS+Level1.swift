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
