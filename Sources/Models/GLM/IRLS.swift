import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// Iteratively reweighted least squares exactly as R's `glm.fit` iterates, over preallocated workspaces.
///
/// Each iteration: working response `z = eta - offset + (y - mu) / mu.eta(eta)` and weights
/// `w = sqrt(prior * mu.eta^2 / V(mu))`; the weighted least-squares problem `min ||w (z - X b)||` is
/// solved from BLAS dsyrk over cache-sized row blocks of `[sqrt(W) X | sqrt(W) z]`, which gives
/// `X'WX` and `X'Wz` in a single pass over the data without an n x p temporary, and the Cholesky factor of `X'WX` (LAPACK dpotrf) — or,
/// for ill-conditioned designs, by Householder QR of `sqrt(W) X` as R does. Then `eta = X b + offset`,
/// `mu = g^-1(eta)` and the deviance. Step halving when the deviance is not finite or `mu`/`eta` leave
/// the family's domain; convergence when `|dev - devold| / (|dev| + 0.1) < epsilon`. The columns of `x`
/// must be linearly independent (rank detection happens in `GLM.fit`).
struct IRLS {
    /// Estimable columns of the design (n x k).
    let x: Matrix
    /// Response on the fitting scale (proportions for binomial).
    let y: [Double]
    /// Prior weights (trials x case weights for binomial counts).
    let weights: [Double]
    /// Offset, or nil.
    let offset: [Double]?
    let family: Family
    let link: Link
    let epsilon: Double
    let maxIterations: Int
    /// Solve each weighted least-squares step by Householder QR (as R does) instead of the Cholesky
    /// factor of `X'WX`: used for ill-conditioned designs, where squaring the condition number would
    /// cost too many digits.
    var useQR: Bool = false
    /// At the first iteration, check (`GLM.wellConditioned`) that the normal equations are safe and
    /// that no column would be aliased; throw `IllConditioned` otherwise, so the caller can decide the
    /// rank by QR and rerun with `useQR`.
    var certifyConditioning: Bool = false

    /// Rows per block of the weighted design in the Cholesky path (2048 x 21 doubles = 344 KB, in L2).
    static let blockRows = 2048

    /// Thrown by `run` when `certifyConditioning` is on and the design needs the QR path.
    struct IllConditioned: Error {}

    /// The state at the end of the iterations.
    struct Outcome {
        var beta: [Double]
        var previousBeta: [Double]?
        var eta: [Double]
        var mu: [Double]
        /// Working weights `w^2` of the last iteration (R's `fit$weights`).
        var workingWeights: [Double]
        /// An upper-triangular `U` with `U'U = X'WX` at the last iteration's weights (Cholesky or QR's `R`).
        var factor: Matrix
        var deviance: Double
        var iterations: Int
        var converged: Bool
        var boundary: Bool
        var warnings: [String]
    }

    /// Computes `eta = x beta + offset`, `mu = g^-1(eta)` and `dmu = mu.eta(eta)` in place.
    private func predict(_ beta: [Double], eta: inout [Double], mu: inout [Double], dmu: inout [Double]) {
        BLAS.gemv(x, beta, into: &eta)
        let n = y.count
        let link = self.link
        eta.withUnsafeMutableBufferPointer { e in
            mu.withUnsafeMutableBufferPointer { m in
                dmu.withUnsafeMutableBufferPointer { d in
                    if let off = offset {
                        off.withUnsafeBufferPointer { o in for i in 0..<n { e[i] += o[i] } }
                    }
                    for i in 0..<n {
                        let (mi, di) = link.inverseAndDerivative(e[i])
                        m[i] = mi
                        d[i] = di
                    }
                }
            }
        }
    }

    /// Total deviance `sum(dev.resids(y, mu, w))`.
    func deviance(_ mu: [Double]) -> Double {
        let fam = family
        return y.withUnsafeBufferPointer { yy in
            mu.withUnsafeBufferPointer { m in
                weights.withUnsafeBufferPointer { w in
                    var s = 0.0
                    for i in 0..<yy.count { s += fam.unitDeviance(y: yy[i], mu: m[i], weight: w[i]) }
                    return s
                }
            }
        }
    }

    private func valid(eta: [Double], mu: [Double]) -> Bool {
        for v in eta where !v.isFinite { return false }
        switch family {
        case .gaussian: return true
        case .binomial, .poisson: return mu.allSatisfy { family.isValidMean($0) }
        }
    }

    /// Runs IRLS from `mustart` (R's starting means). `workspace` holds `sqrt(W) X` (n x k) in the QR path
    /// and is resized there; the Cholesky path needs only a small block.
    func run(mustart: [Double], workspace a: inout Matrix) throws -> Outcome {
        let n = y.count, k = x.columns
        var eta = [Double](repeating: 0, count: n)
        var mu = [Double](repeating: 0, count: n)
        var dmu = [Double](repeating: 0, count: n)
        for i in 0..<n {
            eta[i] = link.link(mustart[i])
            (mu[i], dmu[i]) = link.inverseAndDerivative(eta[i])
        }
        guard valid(eta: eta, mu: mu) else {
            throw GLMError.noValidStartingValues("the starting means are outside the \(family.rawValue) family's range for the \(link.rawValue) link")
        }
        let blockRows = Swift.max(1, Swift.min(n, IRLS.blockRows))
        var block = Matrix(rows: blockRows, columns: k + 1)
        var devold = deviance(mu)
        var beta = [Double](repeating: 0, count: k)
        var coefold: [Double]? = nil
        var previous: [Double]? = nil
        var wz = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        var gram = Matrix(rows: k + 1, columns: k + 1)
        var xtwx = Matrix(rows: k, columns: k)
        var converged = false, boundary = false
        var warnings: [String] = []
        var dev = devold
        var iterations = 0

        for iter in 1...maxIterations {
            iterations = iter
            // Working weights and response; a = [sqrt(W) X | sqrt(W) z].
            let fam = family
            y.withUnsafeBufferPointer { yy in
            weights.withUnsafeBufferPointer { pw in
            eta.withUnsafeBufferPointer { e in
            mu.withUnsafeBufferPointer { m in
            dmu.withUnsafeBufferPointer { dd in
            w.withUnsafeMutableBufferPointer { ww in
            wz.withUnsafeMutableBufferPointer { z in
                for i in 0..<n {
                    if pw[i] > 0 {
                        let d = dd[i]
                        let o = offset?[i] ?? 0
                        let wi = Glibc.sqrt(pw[i] * d * d / fam.variance(m[i]))
                        ww[i] = wi
                        z[i] = wi * ((e[i] - o) + (yy[i] - m[i]) / d)
                    } else {
                        ww[i] = 0
                        z[i] = 0
                    }
                }
            }}}}}}}
            var start: [Double]
            if useQR {
                // a = sqrt(W) X (n x k), factored by Householder QR as R does.
                if a.rows != n || a.columns != k { a.resize(rows: n, columns: k) }
                x.storage.withUnsafeBufferPointer { xs in
                    a.storage.withUnsafeMutableBufferPointer { as_ in
                        w.withUnsafeBufferPointer { ww in
                            for j in 0..<k {
                                let src = xs.baseAddress! + j * n
                                let dst = as_.baseAddress! + j * n
                                for i in 0..<n { dst[i] = src[i] * ww[i] }
                            }
                        }
                    }
                }
                let qr: QRDecomposition
                do {
                    qr = try QRDecomposition(a, tolerance: 0)
                } catch {
                    throw GLMError.numerical("QR of the weighted model matrix failed at iteration \(iter): \(error)")
                }
                guard qr.rank == k, qr.pivot == Array(0..<k) else {
                    throw GLMError.numerical("the weighted model matrix lost rank at iteration \(iter) (weights underflow?)")
                }
                start = qr.solve(wz)
                xtwx = qr.r
            } else {
                // [X'WX, X'Wz; ., z'Wz] accumulated over row blocks of [sqrt(W) X | sqrt(W) z] that stay in cache.
                for idx in gram.storage.indices { gram.storage[idx] = 0 }
                var first = 0
                while first < n {
                    let rows = Swift.min(blockRows, n - first)
                    if block.rows != rows { block = Matrix(rows: rows, columns: k + 1) }
                    x.storage.withUnsafeBufferPointer { xs in
                        block.storage.withUnsafeMutableBufferPointer { bs in
                            w.withUnsafeBufferPointer { ww in
                                wz.withUnsafeBufferPointer { z in
                                    let wv = ww.baseAddress! + first
                                    for j in 0..<k {
                                        let src = xs.baseAddress! + j * n + first
                                        let dst = bs.baseAddress! + j * rows
                                        for i in 0..<rows { dst[i] = src[i] * wv[i] }
                                    }
                                    let dst = bs.baseAddress! + k * rows
                                    let zv = z.baseAddress! + first
                                    for i in 0..<rows { dst[i] = zv[i] }
                                }
                            }
                        }
                    }
                    BLAS.syrk(block, transpose: true, alpha: 1, beta: 1, into: &gram)
                    first += rows
                }
                var rhs = [Double](repeating: 0, count: k)
                for j in 0..<k {
                    rhs[j] = gram[j, k]
                    for i in 0...j { xtwx[i, j] = gram[i, j] }
                }
                if certifyConditioning && iter == 1 && !GLM.wellConditioned(gram: xtwx) {
                    throw IllConditioned()
                }
                do {
                    try Cholesky.factorInPlace(&xtwx)
                } catch {
                    throw GLMError.numerical("X'WX is not positive definite at iteration \(iter) (weights underflow or a nearly collinear design): \(error)")
                }
                start = rhs
                BLAS.trsv(xtwx, upper: true, transpose: true, &start)
                BLAS.trsv(xtwx, upper: true, transpose: false, &start)
            }
            if start.contains(where: { !$0.isFinite }) {
                converged = false
                warnings.append("non-finite coefficients at iteration \(iter); the fit was stopped")
                break
            }
            predict(start, eta: &eta, mu: &mu, dmu: &dmu)
            dev = deviance(mu)
            boundary = false
            if !dev.isFinite {
                guard let old = coefold else {
                    throw GLMError.noValidStartingValues("no valid set of coefficients has been found (the deviance is not finite at the first step)")
                }
                warnings.append("step size truncated due to divergence")
                var ii = 1
                while !dev.isFinite {
                    if ii > maxIterations { throw GLMError.divergence("inner loop 1: cannot correct the step size") }
                    ii += 1
                    for j in 0..<k { start[j] = (start[j] + old[j]) / 2 }
                    predict(start, eta: &eta, mu: &mu, dmu: &dmu)
                    dev = deviance(mu)
                }
                boundary = true
            }
            if !valid(eta: eta, mu: mu) {
                guard let old = coefold else {
                    throw GLMError.noValidStartingValues("no valid set of coefficients has been found (fitted means out of range at the first step)")
                }
                warnings.append("step size truncated: out of bounds")
                var ii = 1
                while !valid(eta: eta, mu: mu) {
                    if ii > maxIterations { throw GLMError.divergence("inner loop 2: cannot correct the step size") }
                    ii += 1
                    for j in 0..<k { start[j] = (start[j] + old[j]) / 2 }
                    predict(start, eta: &eta, mu: &mu, dmu: &dmu)
                }
                boundary = true
                dev = deviance(mu)
            }
            previous = beta
            beta = start
            if Swift.abs(dev - devold) / (Swift.abs(dev) + 0.1) < epsilon {
                converged = true
                break
            }
            devold = dev
            coefold = start
        }
        var workingWeights = w
        for i in 0..<n { workingWeights[i] = w[i] * w[i] }
        return Outcome(beta: beta, previousBeta: iterations > 1 ? previous : nil, eta: eta, mu: mu,
                       workingWeights: workingWeights, factor: xtwx, deviance: dev, iterations: iterations,
                       converged: converged, boundary: boundary, warnings: warnings)
    }
}

extension Link {
    /// `(g^-1(eta), mu.eta(eta))` together, sharing the exponential where the link allows it; the
    /// same expressions as `inverse` and `muEta` (R's `C_logit_linkinv` and `C_logit_mu_eta` for logit).
    @inline(__always)
    func inverseAndDerivative(_ eta: Double) -> (Double, Double) {
        switch self {
        case .logit:
            if eta < -30 || eta > 30 { return (inverse(eta), Double.ulpOfOne) }
            let t = Glibc.exp(eta)
            let opexp = 1 + t
            return (t / opexp, t / (opexp * opexp))
        case .log:
            let t = Swift.max(Glibc.exp(eta), Double.ulpOfOne)
            return (t, t)
        default:
            return (inverse(eta), muEta(eta))
        }
    }
}
