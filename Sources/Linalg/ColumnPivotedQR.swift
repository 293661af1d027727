internal import CLapack

/// QR decomposition with full column pivoting (LAPACK dgeqp3): `X[:, pivot] = Q R` where at each
/// step the remaining column of largest norm is taken next, so `|R_00| >= |R_11| >= ...`.
///
/// Unlike `QRDecomposition` (R's `qr()` default), the accepted columns are the numerically
/// strongest, not the earliest. The rank is the number of diagonal elements with
/// `|R_jj| > tolerance * |R_00|`. Cost `O(n p^2)` (level-2 BLAS for the pivot updates).
public struct ColumnPivotedQR: Sendable {
    /// Number of rows `n`.
    public let rows: Int
    /// Number of columns `p`.
    public let columns: Int
    /// Numerical rank (see the type's description).
    public let rank: Int
    /// Column order (zero-based): column `j` of `X[:, pivot]` is column `pivot[j]` of `X`.
    public let pivot: [Int]
    /// The relative tolerance on `|R_jj| / |R_00|` used for the rank.
    public let tolerance: Double
    let factors: Matrix
    let tau: [Double]

    /// Factors the `n` x `p` matrix `x` (finite elements).
    /// - Parameter tolerance: relative threshold on the diagonal of `R`; the default
    ///   `max(n, p) * eps` is the usual numerical-rank rule (MATLAB's `rank`, LAPACK's `dgelsy` advice).
    /// - Throws: `LinalgError.illegalArgument` if LAPACK rejects the input (e.g. NaN elements).
    public init(_ x: Matrix, tolerance: Double? = nil) throws {
        let n = x.rows, p = x.columns, m = Swift.min(n, p)
        let tol = tolerance ?? Double(Swift.max(n, p)) * Double.ulpOfOne
        precondition(tol >= 0, "ColumnPivotedQR: tolerance must be non-negative")
        var a = x
        var tau = [Double](repeating: 0, count: m)
        var jpvt = [Int32](repeating: 0, count: p)
        if m > 0 {
            let info = a.storage.withUnsafeMutableBufferPointer { pa in
                jpvt.withUnsafeMutableBufferPointer { pj in
                    tau.withUnsafeMutableBufferPointer { pt in
                        LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(n), Int32(p), pa.baseAddress, Int32(n),
                                       pj.baseAddress, pt.baseAddress)
                    }
                }
            }
            try checkArguments(info, "dgeqp3")
        } else {
            for j in 0..<p { jpvt[j] = Int32(j + 1) }
        }
        var r = 0
        if m > 0 {
            let top = Swift.abs(a[0, 0])
            while r < m && Swift.abs(a[r, r]) > tol * top { r += 1 }
        }
        self.rows = n
        self.columns = p
        self.rank = r
        self.pivot = jpvt.map { Int($0) - 1 }
        self.tolerance = tol
        self.factors = a
        self.tau = tau
    }

    /// The `min(n, p)` x `p` upper-triangular factor `R` of `X[:, pivot]`.
    public var r: Matrix { HouseholderReflectors.upperTriangle(factors) }

    /// `Q' y` using all `min(n, p)` reflectors. Precondition: `y.count == rows`.
    public func qtApply(_ y: [Double]) -> [Double] {
        precondition(y.count == rows, "qtApply: y has \(y.count) elements, expected \(rows)")
        var out = y
        let n = rows, k = tau.count
        factors.storage.withUnsafeBufferPointer { pf in
            out.withUnsafeMutableBufferPointer { py in
                if let b = py.baseAddress { HouseholderReflectors.applyTranspose(factors: pf, rows: n, tau: tau, count: k, to: b) }
            }
        }
        return out
    }

    /// The basic least-squares solution: coefficients of the `rank` leading pivoted columns from
    /// `R11 b = (Q'y)[0..<rank]`, in original column order, `nil` for the columns left out.
    /// Precondition: `y.count == rows`.
    public func coefficients(_ y: [Double]) -> [Double?] {
        var c = qtApply(y)
        HouseholderReflectors.solveUpper(factors: factors, order: rank, &c)
        var out = [Double?](repeating: nil, count: columns)
        for j in 0..<rank { out[pivot[j]] = c[j] }
        return out
    }

    /// `(R11' R11)^-1` (`rank` x `rank`, pivot order).
    /// - Throws: `LinalgError.singular` if a diagonal element of `R11` is exactly zero.
    public func unscaledCovariance() throws -> Matrix {
        try HouseholderReflectors.inverseCrossProduct(factors: factors, order: rank, routine: "ColumnPivotedQR")
    }
}
