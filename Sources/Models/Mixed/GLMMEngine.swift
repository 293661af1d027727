import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// The mutable state of one GLMM fit: workspaces allocated once, PIRLS (over u, or over beta and u
/// jointly), and the Laplace / adaptive Gauss-Hermite deviance. Internal to `GeneralizedLinearMixedModel`.
final class GLMMEngine {
    let n: Int, p: Int, q: Int
    let family: Family, link: Link
    let resp: GLMMResponse
    let x: [Double]          // n x p column-major
    let offset: [Double]
    let structure: RandomEffectsStructure
    /// PIRLS over u only (one column: the working response).
    let sysU: BlockedSystem
    /// PIRLS over (beta, u) and the final X-block: columns [X z].
    let sysFull: BlockedSystem
    // Workspaces.
    var eta: [Double], mu: [Double], w: [Double], resid: [Double], zwork: [Double], fixedEta: [Double]
    var cols: [Double]       // n x (p + 1) for sysFull
    var u: [Double], uTrial: [Double], uNew: [Double]
    var beta: [Double]
    /// PIRLS convergence tolerance on the relative change of the penalized deviance.
    var tolerance = 1e-12
    /// PIRLS convergence tolerance on the largest change of u (and beta).
    var uTolerance = 1e-9
    var maxIterations = 100
    /// Level of each row of the first term sorted by level (for AGQ): rows of level g are order[start[g]..<start[g+1]].
    lazy var levelRows: (start: [Int], order: [Int]) = {
        let t = structure.terms[0]
        var counts = [Int](repeating: 0, count: t.m + 1)
        for c in t.codes { counts[Int(c) + 1] += 1 }
        for g in 0..<t.m { counts[g + 1] += counts[g] }
        var cursor = counts
        var order = [Int](repeating: 0, count: n)
        for (i, c) in t.codes.enumerated() { order[cursor[Int(c)]] = i; cursor[Int(c)] += 1 }
        return (counts, order)
    }()

    init(resp: GLMMResponse, x: [Double], p: Int, offset: [Double]?, structure: RandomEffectsStructure, link: Link) {
        self.resp = resp
        family = resp.family
        self.link = link
        n = resp.y.count
        self.p = p
        self.x = x
        self.offset = offset ?? [Double](repeating: 0, count: resp.y.count)
        self.structure = structure
        q = structure.q
        sysU = BlockedSystem(terms: structure.terms, n: n, cols: 1)
        sysFull = BlockedSystem(terms: structure.terms, n: n, cols: p + 1)
        eta = [Double](repeating: 0, count: n)
        mu = eta; w = eta; resid = eta; zwork = eta; fixedEta = self.offset
        cols = [Double](repeating: 0, count: n * (p + 1))
        cols.replaceSubrange(0..<(n * p), with: x)
        u = [Double](repeating: 0, count: q)
        uTrial = u; uNew = u
        beta = [Double](repeating: 0, count: p)
    }

    // MARK: - Pieces

    /// fixedEta = offset + X beta.
    func setFixed(_ b: [Double]) {
        beta = b
        for i in 0..<n { fixedEta[i] = offset[i] }
        x.withUnsafeBufferPointer { xp in
            for j in 0..<p {
                let bj = b[j]
                if bj == 0 { continue }
                let col = xp.baseAddress! + j * n
                for i in 0..<n { fixedEta[i] += col[i] * bj }
            }
        }
    }

    /// eta = fixedEta + Z Λ u for the given system's Λ; then mu, IRLS weights and working residuals.
    /// Returns the sum of deviance residuals.
    @discardableResult
    func update(from uu: [Double], system: BlockedSystem) -> Double {
        for i in 0..<n { eta[i] = fixedEta[i] }
        let b = uu.withUnsafeBufferPointer { system.randomEffects(u: $0.baseAddress!) }
        eta.withUnsafeMutableBufferPointer { system.addZb(b, to: $0.baseAddress!) }
        return updateMu()
    }

    /// mu, weights and working residuals from `eta`; returns the sum of deviance residuals.
    func updateMu() -> Double {
        var dev = 0.0
        let y = resp.y, pw = resp.priorWeights
        for i in 0..<n {
            let e = eta[i]
            let m = link.inverse(e)
            let d = link.muEta(e)
            let v = family.variance(m)
            mu[i] = m
            w[i] = v > 0 ? pw[i] * d * d / v : 0
            resid[i] = (y[i] - m) / d
            dev += family.unitDeviance(y: y[i], mu: m, weight: pw[i])
        }
        return dev
    }

    var saturatedSum: Double { resp.saturated.reduce(0, +) }

    static func sumSquares(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }

    // MARK: - PIRLS over u (beta fixed in fixedEta)

    /// Conditional modes of u at the current theta (in `sysU`) and fixedEta; leaves `sysU` factored at the
    /// final weights. Returns the Laplace deviance -2 log L (sum of unit deviances + saturated constants +
    /// ||u||^2 + log det L^2).
    func pirlsU() throws -> Double {
        var dev = update(from: u, system: sysU)
        var pdev = dev + GLMMEngine.sumSquares(u)
        var converged = false
        for _ in 0..<maxIterations {
            for i in 0..<n { zwork[i] = eta[i] - fixedEta[i] + resid[i] }
            w.withUnsafeBufferPointer { wp in
                zwork.withUnsafeBufferPointer { zp in sysU.accumulate(weights: wp.baseAddress!, columns: zp.baseAddress!) }
            }
            try sysU.factor(computeRX: false)
            uNew.withUnsafeMutableBufferPointer { sysU.solveU(beta: [], into: $0.baseAddress!) }
            var step = 1.0
            var accepted = false
            var newPdev = pdev
            for _ in 0..<30 {
                for j in 0..<q { uTrial[j] = u[j] + step * (uNew[j] - u[j]) }
                dev = update(from: uTrial, system: sysU)
                newPdev = dev + GLMMEngine.sumSquares(uTrial)
                if newPdev.isFinite && newPdev <= pdev + 1e-10 * Swift.max(1, Swift.abs(pdev)) { accepted = true; break }
                step /= 2
            }
            if !accepted {
                // Restore the last accepted state.
                dev = update(from: u, system: sysU)
                if Swift.abs(newPdev - pdev) <= 1e-8 * Swift.max(1, Swift.abs(pdev)) { converged = true; break }
                throw MixedModelError.pirlsFailed("step-halving could not reduce the penalized deviance")
            }
            var stepSize = 0.0
            for j in 0..<q { stepSize = Swift.max(stepSize, Swift.abs(uTrial[j] - u[j])) }
            swap(&u, &uTrial)
            let change = Swift.abs(pdev - newPdev)
            pdev = newPdev
            // Converged when the penalized deviance is stable and u has stopped moving (Fisher scoring for
            // non-canonical links converges linearly, so the deviance alone stops too early).
            if change <= tolerance * Swift.max(1, Swift.abs(pdev)) && stepSize <= uTolerance { converged = true; break }
        }
        if !converged { throw MixedModelError.pirlsFailed("no convergence in \(maxIterations) iterations") }
        // Factor at the weights of the final u.
        dev = update(from: u, system: sysU)
        for i in 0..<n { zwork[i] = eta[i] - fixedEta[i] + resid[i] }
        w.withUnsafeBufferPointer { wp in
            zwork.withUnsafeBufferPointer { zp in sysU.accumulate(weights: wp.baseAddress!, columns: zp.baseAddress!) }
        }
        try sysU.factor(computeRX: false)
        return dev + saturatedSum + GLMMEngine.sumSquares(u) + sysU.logDetL2
    }

    // MARK: - PIRLS over (beta, u): lme4's nAGQ = 0

    /// Joint conditional modes of beta and u at theta (in `sysFull`); updates `beta`, `u`, fixedEta.
    /// Returns the Laplace-form deviance at the joint mode (lme4's nAGQ = 0 objective).
    func pirlsJoint() throws -> Double {
        setFixed(beta)
        var dev = update(from: u, system: sysFull)
        var pdev = dev + GLMMEngine.sumSquares(u)
        var converged = false
        let bOld0 = beta
        var bOld = bOld0
        for _ in 0..<maxIterations {
            for i in 0..<n { cols[n * p + i] = eta[i] - offset[i] + resid[i] }
            w.withUnsafeBufferPointer { wp in
                cols.withUnsafeBufferPointer { cp in sysFull.accumulate(weights: wp.baseAddress!, columns: cp.baseAddress!) }
            }
            try sysFull.factor()
            let bNew = sysFull.solveBeta(p: p)
            uNew.withUnsafeMutableBufferPointer { sysFull.solveU(beta: bNew, into: $0.baseAddress!) }
            bOld = beta
            var step = 1.0
            var accepted = false
            var newPdev = pdev
            var bTrial = bNew
            for _ in 0..<30 {
                for j in 0..<q { uTrial[j] = u[j] + step * (uNew[j] - u[j]) }
                for j in 0..<p { bTrial[j] = bOld[j] + step * (bNew[j] - bOld[j]) }
                setFixed(bTrial)
                dev = update(from: uTrial, system: sysFull)
                newPdev = dev + GLMMEngine.sumSquares(uTrial)
                if newPdev.isFinite && newPdev <= pdev + 1e-10 * Swift.max(1, Swift.abs(pdev)) { accepted = true; break }
                step /= 2
            }
            if !accepted {
                setFixed(bOld)
                dev = update(from: u, system: sysFull)
                if Swift.abs(newPdev - pdev) <= 1e-8 * Swift.max(1, Swift.abs(pdev)) { converged = true; break }
                throw MixedModelError.pirlsFailed("step-halving could not reduce the penalized deviance (fixed effects inside PIRLS)")
            }
            var stepSize = 0.0
            for j in 0..<q { stepSize = Swift.max(stepSize, Swift.abs(uTrial[j] - u[j])) }
            for j in 0..<p { stepSize = Swift.max(stepSize, Swift.abs(beta[j] - bOld[j])) }
            swap(&u, &uTrial)
            let change = Swift.abs(pdev - newPdev)
            pdev = newPdev
            if change <= tolerance * Swift.max(1, Swift.abs(pdev)) && stepSize <= uTolerance { converged = true; break }
        }
        if !converged { throw MixedModelError.pirlsFailed("no convergence in \(maxIterations) iterations (fixed effects inside PIRLS)") }
        try factorFullAtCurrent()
        return dev + saturatedSum + GLMMEngine.sumSquares(u) + sysFull.logDetL2
    }

    /// Factors `sysFull` (columns [X z]) at the weights of the current beta and u (for SEs and nAGQ = 0).
    func factorFullAtCurrent() throws {
        setFixed(beta)
        update(from: u, system: sysFull)
        for i in 0..<n { cols[n * p + i] = eta[i] - offset[i] + resid[i] }
        w.withUnsafeBufferPointer { wp in
            cols.withUnsafeBufferPointer { cp in sysFull.accumulate(weights: wp.baseAddress!, columns: cp.baseAddress!) }
        }
        try sysFull.factor()
    }

    // MARK: - Adaptive Gauss-Hermite quadrature (one scalar term)

    /// The AGQ deviance after `pirlsU()` for a single scalar random-effects term, with standard-normal
    /// Gauss-Hermite `nodes` and `weights` (weights sum to one). With one node it equals the Laplace deviance.
    func agqDeviance(nodes: [Double], weights: [Double]) -> Double {
        let term = structure.terms[0]
        let lam = sysU.lambdas[0][0]
        let (start, order) = levelRows
        let y = resp.y, pw = resp.priorWeights, sat = resp.saturated
        var total = 0.0
        var accs = [Double](repeating: 0, count: nodes.count)
        term.z.withUnsafeBufferPointer { z in
            for g in 0..<term.m {
                let ug = u[g]
                let lg = sysU.l11.p[g]
                // D_g at each node.
                var dModeAt = 0.0
                for k in 0..<nodes.count { accs[k] = 0 }
                for r in start[g]..<start[g + 1] {
                    let i = order[r]
                    for k in 0..<nodes.count {
                        let uu = ug + nodes[k] / lg
                        let m = link.inverse(fixedEta[i] + z[i] * lam * uu)
                        accs[k] += family.unitDeviance(y: y[i], mu: m, weight: pw[i]) + sat[i]
                    }
                    let m0 = link.inverse(fixedEta[i] + z[i] * lam * ug)
                    dModeAt += family.unitDeviance(y: y[i], mu: m0, weight: pw[i]) + sat[i]
                }
                let base = dModeAt + ug * ug
                var s = 0.0
                for k in 0..<nodes.count {
                    let uu = ug + nodes[k] / lg
                    s += weights[k] * exp(-0.5 * (accs[k] + uu * uu - base) + 0.5 * nodes[k] * nodes[k])
                }
                total += base + 2 * log(lg) - 2 * log(s)
            }
        }
        return total
    }
}

/// Gauss-Hermite rule for the standard normal density (probabilists' Hermite polynomials), by the
/// Golub-Welsch eigenvalue method: nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix
/// with off-diagonal sqrt(1..n-1); weights are the squared first components of the normalized eigenvectors.
enum GaussHermite {
    static func rule(_ n: Int) throws -> (nodes: [Double], weights: [Double]) {
        if n == 1 { return ([0], [1]) }
        var d = [Double](repeating: 0, count: n)
        var e = (1..<n).map { Double($0).squareRoot() }
        let sym = try Matrix.symmetricTridiagonalEigen(diagonal: &d, offDiagonal: &e)
        var w = [Double](repeating: 0, count: n)
        for k in 0..<n { w[k] = sym[0, k] * sym[0, k] }
        return (d, w)
    }
}
