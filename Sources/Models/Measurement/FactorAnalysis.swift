#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CNLopt
import Linalg

/// Exploratory factor analysis of a correlation matrix, for checking the dimensionality of a scale.
///
/// - `minres`: iterated principal axes, starting from squared multiple correlations. Each step puts
///   the communalities on the diagonal, takes the top `k` eigenpairs and recomputes the communalities.
///   Its fixed point is the unweighted-least-squares (minimum residual) solution that psych's `fa`
///   finds with L-BFGS-B; we iterate until the communalities change by less than 1e-13.
/// - `ml`: minimizes the ML discrepancy over the uniquenesses `Ψ` (bounded to [0.005, 1] as psych) with
///   NLopt's L-BFGS and the analytic gradient `diag(ΛΛ' + Ψ - R) / Ψ²`, where for a given `Ψ` the
///   loadings are `Ψ^½ V (E - I)^½` from the eigen-decomposition of `Ψ^-½ R Ψ^-½` (Lawley & Maxwell).
///
/// Loadings are compared with psych 2.2.9 in the tests (`psych::fa(x, k, fm = ..., rotate = ...)`).
public enum FactorAnalysis {
    /// Lower bound of a uniqueness (psych's bound in `fa`).
    public static let minimumUniqueness = 0.005

    /// Factors the pairwise correlation matrix of `data` (psych's `cor(x, use = "pairwise")`).
    public static func fit(_ data: ItemResponses, factors: Int = 1, method: FactorMethod = .minres,
                           rotation: FactorRotation = .none) throws -> FactorSolution {
        let m = try PairwiseMoments(data)
        return try fit(correlation: m.correlation, names: data.names, factors: factors, method: method, rotation: rotation)
    }

    /// Factors a correlation matrix with named variables.
    public static func fit(correlation r: Matrix, names: [String], factors k: Int = 1, method: FactorMethod = .minres,
                           rotation: FactorRotation = .none) throws -> FactorSolution {
        let p = r.rows
        guard r.isSquare, names.count == p else {
            throw MeasurementError.invalid("a \(r.rows)x\(r.columns) correlation matrix with \(names.count) names")
        }
        guard k >= 1 && k < p else { throw MeasurementError.tooManyFactors(factors: k, variables: p) }
        for i in 0..<p { for j in 0..<p where !r[i, j].isFinite {
            throw MeasurementError.invalid("correlation of '\(names[i])' and '\(names[j])' is not a finite number")
        } }
        var loadings: Matrix, iterations: Int, heywood: Bool, criterion: Double
        switch method {
        case .minres:
            (loadings, iterations, heywood) = try principalAxes(r, k)
            criterion = offDiagonalResidual(r, loadings)
        case .ml:
            (loadings, iterations, heywood, criterion) = try maximumLikelihood(r, k)
        }
        if rotation == .varimax && k > 1 { loadings = try varimax(loadings) }
        loadings = orient(loadings, sortBySumOfSquares: rotation == .varimax)
        return FactorSolution(names: names, method: method, rotation: k > 1 ? rotation : .none, loadings: loadings,
                              iterations: iterations, heywood: heywood, criterion: criterion)
    }

    // MARK: - minres

    static func principalAxes(_ r: Matrix, _ k: Int) throws -> (Matrix, Int, Bool) {
        let p = r.rows
        let maxH2 = 1 - minimumUniqueness
        var h2 = try squaredMultipleCorrelations(r).map { Swift.min(Swift.max($0, 0), maxH2) }
        var s = r
        var loadings = Matrix(rows: p, columns: k)
        let maxIterations = 20_000
        for iteration in 1...maxIterations {
            for i in 0..<p { s[i, i] = h2[i] }
            let e = try DescendingEigen(symmetric: s)
            var change = 0.0
            var heywood = false
            for j in 0..<k {
                let root = Swift.max(e.values[j], 0).squareRoot()
                for i in 0..<p { loadings[i, j] = e.vectors[i, j] * root }
            }
            for i in 0..<p {
                var h = 0.0
                for j in 0..<k { h += loadings[i, j] * loadings[i, j] }
                if h >= maxH2 { h = maxH2; heywood = true }
                change = Swift.max(change, Swift.abs(h - h2[i]))
                h2[i] = h
            }
            if change < 1e-13 { return (loadings, iteration, heywood) }
        }
        throw MeasurementError.noConvergence(method: "minres (iterated principal axes)", iterations: maxIterations)
    }

    static func offDiagonalResidual(_ r: Matrix, _ l: Matrix) -> Double {
        let p = r.rows
        var f = 0.0
        for i in 0..<p { for j in 0..<p where i != j {
            var m = 0.0
            for c in 0..<l.columns { m += l[i, c] * l[j, c] }
            f += (r[i, j] - m) * (r[i, j] - m)
        } }
        return f
    }

    // MARK: - ML

    /// State shared with the NLopt callback.
    final class MLProblem {
        let r: Matrix
        let k: Int
        var evaluations = 0
        var failure: Error?
        init(r: Matrix, k: Int) { self.r = r; self.k = k }

        /// Loadings for uniquenesses `psi`, and the eigenvalues of `Ψ^-½ R Ψ^-½`.
        func loadings(_ psi: [Double]) throws -> (Matrix, [Double]) {
            let p = r.rows
            var s = r
            let d = psi.map { 1 / $0.squareRoot() }
            for j in 0..<p { for i in 0..<p { s[i, j] = r[i, j] * d[i] * d[j] } }
            let e = try DescendingEigen(symmetric: s)
            var l = Matrix(rows: p, columns: k)
            for j in 0..<k {
                let root = Swift.max(e.values[j] - 1, 0).squareRoot()
                for i in 0..<p { l[i, j] = psi[i].squareRoot() * e.vectors[i, j] * root }
            }
            return (l, e.values)
        }

        /// The discrepancy (up to a constant) and its gradient.
        func objective(_ psi: [Double], gradient: inout [Double]?) -> Double {
            evaluations += 1
            do {
                let (l, e) = try loadings(psi)
                let p = r.rows
                var f = 0.0
                for j in k..<p { f -= log(e[j]) - e[j] }
                f += Double(k - p)
                if gradient != nil {
                    for i in 0..<p {
                        var m = 0.0
                        for c in 0..<k { m += l[i, c] * l[i, c] }
                        gradient![i] = (m + psi[i] - r[i, i]) / (psi[i] * psi[i])
                    }
                }
                return f
            } catch {
                failure = error
                return .infinity
            }
        }
    }

    static func maximumLikelihood(_ r: Matrix, _ k: Int) throws -> (Matrix, Int, Bool, Double) {
        let p = r.rows
        let smc = try squaredMultipleCorrelations(r)
        // Start as psych: uniquenesses 1 - smc.
        var psi = smc.map { Swift.min(Swift.max(1 - $0, minimumUniqueness), 1) }
        let problem = MLProblem(r: r, k: k)
        guard let opt = nlopt_create(NLOPT_LD_LBFGS, UInt32(p)) else {
            throw MeasurementError.invalid("NLopt could not create an L-BFGS optimizer")
        }
        defer { nlopt_destroy(opt) }
        var lower = [Double](repeating: minimumUniqueness, count: p)
        var upper = [Double](repeating: 1, count: p)
        _ = nlopt_set_lower_bounds(opt, &lower)
        _ = nlopt_set_upper_bounds(opt, &upper)
        _ = nlopt_set_ftol_rel(opt, 1e-15)
        _ = nlopt_set_xtol_rel(opt, 1e-13)
        _ = nlopt_set_maxeval(opt, 20_000)
        _ = nlopt_set_vector_storage(opt, 20)
        let context = Unmanaged.passRetained(problem)
        defer { context.release() }
        _ = nlopt_set_min_objective(opt, { n, x, grad, data in
            guard let x, let data else { return .infinity }
            let problem = Unmanaged<MLProblem>.fromOpaque(data).takeUnretainedValue()
            let psi = Array(UnsafeBufferPointer(start: x, count: Int(n)))
            var g: [Double]? = grad == nil ? nil : [Double](repeating: 0, count: Int(n))
            let f = problem.objective(psi, gradient: &g)
            if let grad, let g { for i in 0..<Int(n) { grad[i] = g[i] } }
            return f
        }, context.toOpaque())
        var fmin = 0.0
        let status = nlopt_optimize(opt, &psi, &fmin)
        if let failure = problem.failure { throw failure }
        if status.rawValue < 0 {
            throw MeasurementError.noConvergence(method: "maximum likelihood factor analysis (NLopt status \(status.rawValue))",
                                                 iterations: problem.evaluations)
        }
        let (l, _) = try problem.loadings(psi)
        let heywood = psi.contains { $0 <= minimumUniqueness * (1 + 1e-9) }
        // The full discrepancy log|Σ| - log|R| + tr(RΣ^-1) - p equals fmin (the constant is folded in).
        return (l, problem.evaluations, heywood, fmin)
    }

    // MARK: - Rotation and orientation

    /// Kaiser-normalized varimax with R's `stats::varimax` algorithm: rows scaled to unit length, then
    /// repeatedly `T ← polar(B)` with `B = X'(Z³ - Z diag(Σ Z²)/p)`, `Z = XT`, stopping when the sum of the
    /// singular values of `B` grows by less than the relative `tolerance`.
    ///
    /// R's default `eps = 1e-5` (used by psych) stops before full convergence — rotated loadings then differ
    /// from the exact varimax optimum in the third decimal. `FactorAnalysis.fit` uses that default so results
    /// match psych; pass a tiny tolerance (e.g. 1e-14) for the converged rotation.
    public static func varimax(_ a: Matrix, normalize: Bool = true, tolerance: Double = 1e-5) throws -> Matrix {
        let p = a.rows, k = a.columns
        guard k >= 2 else { return a }
        var x = a
        var norms = [Double](repeating: 1, count: p)
        if normalize {
            for i in 0..<p {
                var h = 0.0
                for j in 0..<k { h += a[i, j] * a[i, j] }
                norms[i] = h.squareRoot()
                if norms[i] > 0 { for j in 0..<k { x[i, j] = a[i, j] / norms[i] } } else { norms[i] = 1 }
            }
        }
        var t = Matrix.identity(k)
        var d = 0.0
        var w = Matrix(rows: p, columns: k)
        for _ in 0..<1000 {
            let z = x * t
            var colSq = [Double](repeating: 0, count: k)
            for j in 0..<k { for i in 0..<p { colSq[j] += z[i, j] * z[i, j] } }
            for j in 0..<k { for i in 0..<p {
                let zij = z[i, j]
                w[i, j] = zij * zij * zij - zij * colSq[j] / Double(p)
            } }
            var b = Matrix(rows: k, columns: k)
            BLAS.gemm(x, transposeA: true, w, into: &b)
            // Polar factor B (B'B)^-1/2 and the singular values of B from the eigen-decomposition of B'B.
            let e = try DescendingEigen(symmetric: b.crossProduct)
            var inverseRoot = Matrix(rows: k, columns: k)
            var singularSum = 0.0
            for c in 0..<k {
                let s = Swift.max(e.values[c], 0).squareRoot()
                singularSum += s
                guard s > 0 else { throw MeasurementError.invalid("varimax: the rotation criterion's gradient is singular") }
                for j in 0..<k { for i in 0..<k { inverseRoot[i, j] += e.vectors[i, c] * e.vectors[j, c] / s } }
            }
            t = b * inverseRoot
            let previous = d
            d = singularSum
            if d < previous * (1 + tolerance) { break }
        }
        var out = x * t
        for i in 0..<p { for j in 0..<k { out[i, j] *= norms[i] } }
        return out
    }

    /// Flips each factor so its loadings sum to a positive number (psych), optionally ordering factors by
    /// decreasing sum of squared loadings.
    static func orient(_ a: Matrix, sortBySumOfSquares: Bool) -> Matrix {
        let p = a.rows, k = a.columns
        var order = Array(0..<k)
        if sortBySumOfSquares {
            let ss = (0..<k).map { j in (0..<p).reduce(0.0) { $0 + a[$1, j] * a[$1, j] } }
            order.sort { ss[$0] != ss[$1] ? ss[$0] > ss[$1] : $0 < $1 }
        }
        var out = Matrix(rows: p, columns: k)
        for (c, j) in order.enumerated() {
            let total = (0..<p).reduce(0.0) { $0 + a[$1, j] }
            let sign: Double = total < 0 ? -1 : 1
            for i in 0..<p { out[i, c] = sign * a[i, j] }
        }
        return out
    }
}
