/// A Householder QR decomposition with R's "limited pivoting" rank detection (the semantics of
/// R's `qr()` default, LINPACK `dqrdc2`, used by `lm` and `glm`).
///
/// Columns are processed left to right. A column whose norm, after removing its projection on the
/// columns already accepted, falls below `tolerance` times its original norm is moved to the end;
/// the others keep their order. So of a collinear set it is the *later* columns that are aliased,
/// exactly the coefficients R's `lm`/`glm` report as `NA`. `X[:, pivot] = Q R` with `R` upper
/// triangular and `rank` accepted columns first.
///
/// How it is computed (LAPACK pieces, no hand-written loop over `n` except copies):
/// 1. Blocked Householder QR (LAPACK dgeqr2 on 8-column panels, dlarft + dlarfb for the trailing
///    columns) factors `X` without pivoting: `X = Q0 R0`.
/// 2. The `dqrdc2` pivoting rule runs on the small `min(n, p)` x `p` matrix `R0`, in Swift. Because
///    `Q0` is orthogonal, every reduced-column norm the rule looks at is the same as in `X`, so the
///    decisions (pivot and rank) are those of `dqrdc2` on `X`.
/// 3. If that moved any column, the columns from the first moved one on are refilled from
///    `X[:, pivot]` in the same buffer and the factorization resumes there (the reflectors of the
///    unchanged leading columns are kept and applied to them as one block reflector).
/// LAPACK's reflectors use LINPACK's sign convention (`R_jj = -sign(x_jj) * norm`), so `R`, `Q'y`
/// and the effects agree with R's including signs. (They can differ in sign only for a column whose
/// part below the diagonal is exactly zero: LAPACK leaves it, LINPACK flips it.)
///
/// Cost: `2 n p^2` flops, plus the part after the first moved column again when pivoting;
/// memory: one `n` x `p` copy of `X`. For a 1e6 x 20 design (release build, one OpenBLAS thread,
/// shared 2-core machine at load 11-13) the factorization proper takes 0.18 s of CPU; the
/// copying initializer 0.3-0.6 s (the rest is page faults of the fresh 160 MB copy), the
/// workspace form 0.26-0.28 s, and 0.46-0.50 s when a collinear column 6 of 20 forces the
/// resumed factorization; `coefficients` ~0.04 s.
public struct QRDecomposition: Sendable {
    /// Number of rows `n` of the factored matrix.
    public let rows: Int
    /// Number of columns `p` of the factored matrix.
    public let columns: Int
    /// Numerical rank: the first `rank` columns of `X[:, pivot]` are linearly independent.
    public let rank: Int
    /// Column order (zero-based): column `j` of the factored matrix is column `pivot[j]` of `X`.
    /// `pivot[0..<rank]` are the accepted columns in their original order, `pivot[rank...]` the
    /// aliased ones (R's `qr(x)$pivot - 1`).
    public let pivot: [Int]
    /// The relative tolerance the rank was determined with.
    public let tolerance: Double
    /// Factorization of `X[:, pivot]` in dgeqrf layout: `R` on and above the diagonal, reflectors below.
    let factors: Matrix
    /// Householder scalars (`min(n, p)` of them).
    let tau: [Double]

    /// Factors the `n` x `p` matrix `x`.
    ///
    /// - Parameters:
    ///   - x: the matrix to factor (any shape; elements must be finite).
    ///   - tolerance: relative norm threshold for declaring a column aliased; R's `qr()` and `lm`
    ///     use `1e-7`, `glm.fit` uses `min(1e-7, epsilon / 1000) = 1e-11`.
    /// - Throws: `LinalgError.illegalArgument` if LAPACK rejects the input (e.g. NaN elements).
    public init(_ x: Matrix, tolerance: Double = 1e-7) throws {
        try self.init(factoring: x, tolerance: tolerance) { a, first, rest in
            QRDecomposition.copyColumns(of: x, rest, into: &a, startingAt: first, rowScale: nil)
        }
    }

    /// Factors `diag(rowScale) * x` (or `x` when `rowScale` is `nil`) inside `workspace`, without
    /// allocating: the allocation-free form for an IRLS loop, where the weighted design changes
    /// every iteration (R's `glm.fit` factors `sqrt(w) * X` with tolerance `1e-11`).
    ///
    /// The decomposition takes over the workspace's buffer (`workspace` is left empty); hand it back
    /// for the next iteration with `releaseWorkspace()`. The workspace is resized to `n` x `p` if
    /// needed (allocating only then).
    /// - Precondition: `rowScale?.count == x.rows`.
    /// - Throws: `LinalgError.illegalArgument` if the scaled matrix holds NaN or infinity.
    ///
    /// ```swift
    /// var workspace = Matrix(rows: n, columns: p)
    /// for _ in 0..<maxIterations {
    ///     let qr = try QRDecomposition(x, rowScale: sqrtW, tolerance: 1e-11, workspace: &workspace)
    ///     beta = qr.coefficients(zTimesSqrtW)
    ///     workspace = qr.releaseWorkspace()
    /// }
    /// ```
    public init(_ x: Matrix, rowScale: [Double]?, tolerance: Double = 1e-7, workspace: inout Matrix) throws {
        var a = workspace
        workspace = Matrix(rows: 0, columns: 0)
        a.resize(rows: x.rows, columns: x.columns)
        if let w = rowScale {
            Matrix.scaleRows(of: x, by: w, into: &a)
        } else {
            QRDecomposition.copyColumns(of: x, Array(0..<x.columns), into: &a, startingAt: 0, rowScale: nil)
        }
        try self.init(factoring: consume a, tolerance: tolerance) { a, first, rest in
            QRDecomposition.copyColumns(of: x, rest, into: &a, startingAt: first, rowScale: rowScale)
        }
    }

    /// Gives the factor storage (an `n` x `p` buffer) back, to be passed as the next `workspace`.
    public consuming func releaseWorkspace() -> Matrix { factors }

    /// The shared algorithm: `a` holds the matrix to factor (it is factored in place); `refill`
    /// writes the original columns `rest` into `a` from column `first` on when pivoting moves any.
    init(factoring a: consuming Matrix, tolerance: Double,
         refill: (inout Matrix, _ first: Int, _ rest: [Int]) -> Void) throws {
        precondition(tolerance >= 0, "QRDecomposition: tolerance must be non-negative")
        let n = a.rows, p = a.columns
        var tau = try HouseholderReflectors.geqrf(&a)
        let (pivot, rank) = QRDecomposition.limitedPivoting(a, tolerance: tolerance)
        if let first = pivot.indices.first(where: { pivot[$0] != $0 }) {
            // Columns 0..<first and their reflectors are unchanged; refill the rest of the same
            // buffer from X in pivot order and resume the factorization there.
            refill(&a, first, Array(pivot[first...]))
            tau = try HouseholderReflectors.geqrf(&a, checkFinite: false, resumeAt: (first, tau))
        }
        self.rows = n
        self.columns = p
        self.rank = rank
        self.pivot = pivot
        self.tolerance = tolerance
        self.factors = a
        self.tau = tau
    }

    /// Writes columns `indices` of `x` (rows scaled by `rowScale` if given) into `a` from column
    /// `start` on. `a` has `x.rows` rows.
    static func copyColumns(of x: Matrix, _ indices: [Int], into a: inout Matrix, startingAt start: Int,
                            rowScale: [Double]?) {
        let n = x.rows
        if n == 0 { return }
        a.storage.withUnsafeMutableBufferPointer { d in
            x.storage.withUnsafeBufferPointer { s in
                guard let to = d.baseAddress, let from = s.baseAddress else { return }
                for (jj, j) in indices.enumerated() {
                    let dst = to + (start + jj) * n, src = from + j * n
                    if let w = rowScale {
                        w.withUnsafeBufferPointer { pw in for i in 0..<n { dst[i] = src[i] * pw[i] } }
                    } else {
                        dst.update(from: src, count: n)
                    }
                }
            }
        }
    }

    /// The `min(n, p)` x `p` upper-triangular factor `R` of `X[:, pivot]` (R's `qr.R(qr(x))`).
    public var r: Matrix { HouseholderReflectors.upperTriangle(factors) }

    /// `true` for each original column that is aliased (linearly dependent on earlier columns).
    public var aliased: [Bool] {
        var out = [Bool](repeating: false, count: columns)
        for j in rank..<columns { out[pivot[j]] = true }
        return out
    }

    /// `Q' y` using the first `rank` reflectors, as R's `qr.qty` does (the `effects` of `lm`).
    /// Precondition: `y.count == rows`.
    public func qtApply(_ y: [Double]) -> [Double] {
        precondition(y.count == rows, "qtApply: y has \(y.count) elements, expected \(rows)")
        var out = y
        applyQt(&out)
        return out
    }

    /// `Q y` using the first `rank` reflectors (R's `qr.qy`). Precondition: `y.count == rows`.
    public func qApply(_ y: [Double]) -> [Double] {
        precondition(y.count == rows, "qApply: y has \(y.count) elements, expected \(rows)")
        var out = y
        let n = rows, k = rank
        factors.storage.withUnsafeBufferPointer { pf in
            out.withUnsafeMutableBufferPointer { py in
                if let b = py.baseAddress { HouseholderReflectors.apply(factors: pf, rows: n, tau: tau, count: k, to: b) }
            }
        }
        return out
    }

    /// `Q' y` in place (first `rank` reflectors). Precondition: `y.count == rows`.
    public func applyQt(_ y: inout [Double]) {
        precondition(y.count == rows, "applyQt: y has \(y.count) elements, expected \(rows)")
        let n = rows, k = rank
        factors.storage.withUnsafeBufferPointer { pf in
            y.withUnsafeMutableBufferPointer { py in
                if let b = py.baseAddress { HouseholderReflectors.applyTranspose(factors: pf, rows: n, tau: tau, count: k, to: b) }
            }
        }
    }

    /// The effects `Q' y` (R's `lm.fit(x, y)$effects`). Precondition: `y.count == rows`.
    public func effects(_ y: [Double]) -> [Double] { qtApply(y) }

    /// Least-squares coefficients of the `rank` accepted columns, in pivot order
    /// (`b[j]` belongs to column `pivot[j]`): the solution of `R11 b = (Q'y)[0..<rank]`.
    /// Precondition: `y.count == rows`.
    public func solve(_ y: [Double]) -> [Double] {
        var c = qtApply(y)
        HouseholderReflectors.solveUpper(factors: factors, order: rank, &c)
        return Array(c.prefix(rank))
    }

    /// Least-squares coefficients in the original column order, `nil` for aliased columns
    /// (R's `qr.coef(qr(x), y)` and `lm.fit(x, y)$coefficients`, where `NA` is `nil`).
    /// Precondition: `y.count == rows`.
    public func coefficients(_ y: [Double]) -> [Double?] {
        let b = solve(y)
        var out = [Double?](repeating: nil, count: columns)
        for j in 0..<rank { out[pivot[j]] = b[j] }
        return out
    }

    /// Fitted values `Q Q' y` projected on the accepted columns (R's `qr.fitted`).
    public func fitted(_ y: [Double]) -> [Double] {
        var c = qtApply(y)
        for i in rank..<rows { c[i] = 0 }
        return qApply(c)
    }

    /// Residuals `y - fitted(y)` (R's `qr.resid`).
    public func residuals(_ y: [Double]) -> [Double] {
        var c = qtApply(y)
        for i in 0..<Swift.min(rank, rows) { c[i] = 0 }
        return qApply(c)
    }

    /// `(R11' R11)^-1`, the `rank` x `rank` unscaled covariance of the coefficients in pivot order
    /// (R's `chol2inv(qr$qr[1:rank, 1:rank])`).
    /// - Throws: `LinalgError.singular` if a diagonal element of `R11` is exactly zero.
    public func unscaledCovariance() throws -> Matrix {
        try HouseholderReflectors.inverseCrossProduct(factors: factors, order: rank, routine: "QRDecomposition")
    }

    /// R's `dqrdc2` decision rule on an unpivoted QR result (`R0` in the upper triangle of `a`):
    /// returns the pivot (zero-based) and the rank.
    static func limitedPivoting(_ a: Matrix, tolerance tol: Double) -> (pivot: [Int], rank: Int) {
        let p = a.columns
        let m = Swift.min(a.rows, p)
        var pivot = Array(0..<p)
        if m == 0 { return (pivot, 0) }
        // x: the m x p matrix R0 (zeros below the diagonal).
        var x = [Double](repeating: 0, count: m * p)
        for j in 0..<p { for i in 0...Swift.min(j, m - 1) { x[i + j * m] = a[i, j] } }
        var norm = [Double](repeating: 0, count: p)      // current reduced-column norms
        var original = [Double](repeating: 0, count: p)  // original norms (1 where zero)
        for j in 0..<p {
            var s = 0.0
            for i in 0..<m { s += x[i + j * m] * x[i + j * m] }
            norm[j] = s.squareRoot()
            original[j] = norm[j] == 0 ? 1 : norm[j]
        }
        var kept = p     // columns not moved to the end
        var column = [Double](repeating: 0, count: m)
        for l in 0..<m {
            // Move negligible columns to the right-hand edge, keeping the order of the rest.
            while l < kept && norm[l] < original[l] * tol {
                for i in 0..<m { column[i] = x[i + l * m] }
                for j in (l + 1)..<Swift.max(l + 1, p) { for i in 0..<m { x[i + (j - 1) * m] = x[i + j * m] } }
                for i in 0..<m { x[i + (p - 1) * m] = column[i] }
                pivot.append(pivot.remove(at: l))
                norm.append(norm.remove(at: l))
                original.append(original.remove(at: l))
                kept -= 1
            }
            if l == m - 1 { break }
            // Householder reflection of column l, applied to the columns on its right.
            var nrm = 0.0
            for i in l..<m { nrm += x[i + l * m] * x[i + l * m] }
            nrm = nrm.squareRoot()
            if nrm == 0 { continue }
            if x[l + l * m] < 0 { nrm = -nrm }
            for i in l..<m { x[i + l * m] /= nrm }
            x[l + l * m] += 1
            for j in (l + 1)..<Swift.max(l + 1, p) {
                var d = 0.0
                for i in l..<m { d += x[i + l * m] * x[i + j * m] }
                let t = -d / x[l + l * m]
                for i in l..<m { x[i + j * m] += t * x[i + l * m] }
                if norm[j] != 0 {
                    let ratio = Swift.abs(x[l + j * m]) / norm[j]
                    let shrink = Swift.max(1 - ratio * ratio, 0)
                    if shrink >= 1e-6 {
                        norm[j] *= shrink.squareRoot()
                    } else {
                        var s = 0.0
                        for i in (l + 1)..<m { s += x[i + j * m] * x[i + j * m] }
                        norm[j] = s.squareRoot()
                    }
                }
            }
            x[l + l * m] = -nrm
        }
        return (pivot, Swift.min(kept, m))
    }
}
