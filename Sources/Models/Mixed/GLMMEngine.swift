internal import CLapack
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// The mutable state of one GLMM fit: workspaces allocated once, PIRLS (over u, or over beta and u
/// jointly), and the Laplace / adaptive Gauss-Hermite deviance. Internal to `GeneralizedLinearMixedModel`.
final class GLMMEngine {
    let n: Int, p: Int, q: Int
    let family: Family, link: Link
    /// Offset, response, prior weights and saturated constants, copied once (X lives in the first p columns of `cols`).
    let offset: Workspace, y: Workspace, pw: Workspace, sat: Workspace
    let structure: RandomEffectsStructure
    /// PIRLS over u only (one column: the working response).
    let sysU: BlockedSystem
    /// PIRLS over (beta, u) and the final X-block: columns [X z].
    let sysFull: BlockedSystem
    // Workspaces (n each), allocated once per fit.
    let eta: Workspace, mu: Workspace, w: Workspace, resid: Workspace, zwork: Workspace, fixedEta: Workspace
    /// n x (p + 1) columns [X z] for sysFull.
    let cols: Workspace
    var u: [Double], uTrial: [Double], uNew: [Double]
    var beta: [Double]
    /// PIRLS convergence tolerance on the relative change of the penalized deviance.
    var tolerance = 1e-12
    /// PIRLS convergence tolerance on the largest change of u (and beta).
    var uTolerance = 1e-9
    var maxIterations = 100
    /// Sum of the saturated constants.
    let saturatedSum: Double
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

    private static func copy(_ a: [Double]) -> Workspace {
        let ws = Workspace(a.count)
        for i in 0..<a.count { ws.p[i] = a[i] }
        return ws
    }

    init(resp: GLMMResponse, x: [Double], p: Int, offset: [Double]?, structure: RandomEffectsStructure, link: Link) {
        family = resp.family
        self.link = link
        let n = resp.y.count
        self.n = n
        self.p = p
        self.offset = GLMMEngine.copy(offset ?? [Double](repeating: 0, count: n))
        y = GLMMEngine.copy(resp.y)
        pw = GLMMEngine.copy(resp.priorWeights)
        sat = GLMMEngine.copy(resp.saturated)
        saturatedSum = resp.saturated.reduce(0, +)
        self.structure = structure
        q = structure.q
        sysU = BlockedSystem(terms: structure.terms, n: n, cols: 1)
        sysFull = BlockedSystem(terms: structure.terms, n: n, cols: p + 1)
        eta = Workspace(n); mu = Workspace(n); w = Workspace(n); resid = Workspace(n); zwork = Workspace(n)
        fixedEta = GLMMEngine.copy(offset ?? [Double](repeating: 0, count: n))
        cols = Workspace(n * (p + 1))
        for i in 0..<(n * p) { cols.p[i] = x[i] }
        u = [Double](repeating: 0, count: q)
        uTrial = u; uNew = u
        beta = [Double](repeating: 0, count: p)
    }

    // MARK: - Pieces

    /// fixedEta = offset + X beta (dgemv).
    func setFixed(_ b: [Double]) {
        beta = b
        let fe = fixedEta.p, off = offset.p
        for i in 0..<n { fe[i] = off[i] }
        if p > 0 && n > 0 {
            b.withUnsafeBufferPointer { bp in
                cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(n), Int32(p), 1.0, cols.p, Int32(n), bp.baseAddress, 1, 1.0, fe, 1)
            }
        }
    }

    /// eta = fixedEta + Z Λ u for the given system's Λ; then mu, IRLS weights and working residuals.
    /// Returns the sum of deviance residuals.
    @discardableResult
    func update(from uu: [Double], system: BlockedSystem) -> Double {
        let e = eta.p, fe = fixedEta.p
        for i in 0..<n { e[i] = fe[i] }
        let b = uu.withUnsafeBufferPointer { system.randomEffects(u: $0.baseAddress!) }
        system.addZb(b, to: e)
        return updateMu()
    }

    /// mu, weights and working residuals from `eta`; returns the sum of deviance residuals.
    func updateMu() -> Double {
        let e = eta.p, m = mu.p, wt = w.p, r = resid.p, yy = y.p, pwt = pw.p
        var dev = 0.0
        let logit = family == .binomial && link == .logit
        for i in 0..<n {
            let t = observationTerms(eta: e[i], y: yy[i], priorWeight: pwt[i], logit: logit)
            m[i] = t.mu
            wt[i] = t.weight
            r[i] = t.residual
            dev += t.deviance
        }
        return dev
    }

    /// One observation's PIRLS terms at linear predictor `eta`: the mean, the working weight
    /// `w (dmu/deta)^2 / V(mu)`, the working residual `(y - mu) / (dmu/deta)` and the deviance residual.
    /// The logit link takes a fused path with one `exp` (R's thresholds: |eta| <= 30); every PIRLS loop
    /// in this engine calls this one function, so they cannot drift apart.
    @inline(__always)
    func observationTerms(eta ei: Double, y yi: Double, priorWeight pw: Double, logit: Bool)
        -> (mu: Double, weight: Double, residual: Double, deviance: Double) {
        if logit {
            let t = Swift.min(Swift.max(ei, -30), 30)
            let mi = 1 / (1 + exp(-t))
            let v = mi * (1 - mi)
            let d = ei > 30 || ei < -30 ? Double.ulpOfOne : v
            var dv = 0.0
            if yi != 0 { dv += yi * log(yi / mi) }
            if yi != 1 { dv += (1 - yi) * log((1 - yi) / (1 - mi)) }
            return (mi, pw * d * d / v, (yi - mi) / d, 2 * pw * dv)
        }
        let mi = link.inverse(ei)
        let d = link.muEta(ei)
        let v = family.variance(mi)
        return (mi, v > 0 ? pw * d * d / v : 0, (yi - mi) / d, family.unitDeviance(y: yi, mu: mi, weight: pw))
    }

    static func sumSquares(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }

    // MARK: - Fast path: one scalar random-effects term (pupils in schools)

    /// `true` for a single scalar term such as (1 | school): PIRLS then decouples by level and one pass over the
    /// data per iteration computes the deviance and the next Newton system together.
    lazy var isScalarSingle: Bool = structure.terms.count == 1 && structure.terms[0].k == 1
    /// Per-level sums of w z^2 and w z (z λ u + r) from the last `scalarPass`.
    lazy var accA = Workspace(structure.terms[0].m)
    lazy var accB = Workspace(structure.terms[0].m)
    /// Workspaces of the single-term vector PIRLS and of the Laplace gradient.
    lazy var single = SingleTermWork(k: structure.terms[0].k, m: structure.terms[0].m, n: n)

    /// One pass over the rows at `uu` for `lam`: eta, mu, the deviance (returned) and the per-level sums
    /// A_g = Σ w z^2, B_g = Σ w z (z lam u_g + r) that define the next PIRLS step.
    func scalarPass(_ uu: [Double], lambda lam: Double) -> Double {
        let term = structure.terms[0]
        let A = accA.p, B = accB.p
        accA.zero(); accB.zero()
        let e = eta.p, m = mu.p, fe = fixedEta.p, yy = y.p, pwt = pw.p
        var dev = 0.0
        let logit = family == .binomial && link == .logit
        term.codes.withUnsafeBufferPointer { c in
            term.z.withUnsafeBufferPointer { z in
                uu.withUnsafeBufferPointer { up in
                    // Run-length accumulation: data sorted by group never round-trips through memory.
                    var g = c.isEmpty ? 0 : Int(c[0])
                    var sa = 0.0, sb = 0.0
                    for i in 0..<n {
                        let gi = Int(c[i])
                        if gi != g { A[g] += sa; B[g] += sb; sa = 0; sb = 0; g = gi }
                        let zi = z[i]
                        let zb = zi * lam * up[gi]
                        let ei = fe[i] + zb
                        e[i] = ei
                        let (mi, wi, ri, di) = observationTerms(eta: ei, y: yy[i], priorWeight: pwt[i], logit: logit)
                        m[i] = mi
                        dev += di
                        let wz = wi * zi
                        sa += wz * zi
                        sb += wz * (zb + ri)
                    }
                    if n > 0 { A[g] += sa; B[g] += sb }
                }
            }
        }
        return dev
    }

    /// PIRLS over u for one scalar term; see `pirlsU`.
    func pirlsUScalar() throws -> Double {
        let lam = sysU.lambdas[0][0]
        let mLevels = structure.terms[0].m
        return try pirlsFused(pass: { self.scalarPass($0, lambda: lam) }, newton: {
            let A = self.accA.p, B = self.accB.p
            for g in 0..<mLevels { self.uNew[g] = lam * B[g] / (lam * lam * A[g] + 1) }
        }, logDet: {
            let A = self.accA.p, l = self.sysU.l11.p
            var logDet = 0.0
            for g in 0..<mLevels {
                l[g] = (lam * lam * A[g] + 1).squareRoot()
                logDet += 2 * log(l[g])
            }
            return logDet
        })
    }

    /// The PIRLS loop shared by the fused fast paths: `pass(u)` computes the deviance at u and the sums the Newton
    /// step needs; `newton()` fills `uNew` from them; `logDet()` stores the factor at the final u and returns
    /// log det L^2. Each iteration costs one pass over the data.
    func pirlsFused(pass: ([Double]) -> Double, newton: () throws -> Void, logDet: () throws -> Double) throws -> Double {
        var dev = pass(u)
        var pdev = dev + GLMMEngine.sumSquares(u)
        var converged = false
        for _ in 0..<maxIterations {
            try newton()
            // When the Newton step is negligible the current u (whose pass is in hand) is the mode, which saves
            // the confirming pass.
            var largest = 0.0
            for j in 0..<q { largest = Swift.max(largest, Swift.abs(uNew[j] - u[j])) }
            if largest <= 0.1 * uTolerance { converged = true; break }
            var step = 1.0
            var accepted = false
            var newPdev = pdev
            for _ in 0..<30 {
                for j in 0..<q { uTrial[j] = u[j] + step * (uNew[j] - u[j]) }
                dev = pass(uTrial)
                newPdev = dev + GLMMEngine.sumSquares(uTrial)
                if newPdev.isFinite && newPdev <= pdev + 1e-10 * Swift.max(1, Swift.abs(pdev)) { accepted = true; break }
                step /= 2
            }
            if !accepted {
                dev = pass(u)
                if Swift.abs(newPdev - pdev) <= 1e-8 * Swift.max(1, Swift.abs(pdev)) { converged = true; break }
                throw MixedModelError.pirlsFailed("step-halving could not reduce the penalized deviance")
            }
            var stepSize = 0.0
            for j in 0..<q { stepSize = Swift.max(stepSize, Swift.abs(uTrial[j] - u[j])) }
            swap(&u, &uTrial)
            let change = Swift.abs(pdev - newPdev)
            pdev = newPdev
            if change <= tolerance * Swift.max(1, Swift.abs(pdev)) && stepSize <= uTolerance { converged = true; break }
        }
        if !converged { throw MixedModelError.pirlsFailed("no convergence in \(maxIterations) iterations") }
        // The last pass was at u: store the factor at its weights.
        return dev + saturatedSum + GLMMEngine.sumSquares(u) + (try logDet())
    }

    // MARK: - Fast path: two nested scalar terms (pupils in classes in schools)

    /// `true` for (1 | school/class)-like models: two scalar terms, the first nested in the second.
    lazy var isNestedScalarPair: Bool = structure.terms.count == 2 && structure.terms[0].k == 1
        && structure.terms[1].k == 1 && sysU.nestedTail
    /// Parent level (in the second term) of each level of the first term; -1 for a level without rows.
    lazy var parent: [Int] = (0..<structure.terms[0].m).map { g in
        sysU.rowStart[g + 1] > sysU.rowStart[g] ? sysU.rowIndex[sysU.rowStart[g]] : -1
    }
    lazy var accC = Workspace(structure.terms[0].m)
    lazy var pairL11 = Workspace(structure.terms[0].m)
    lazy var pairL21 = Workspace(structure.terms[0].m)
    lazy var pairC1 = Workspace(structure.terms[0].m)
    lazy var pairL22 = Workspace(structure.terms.count > 1 ? structure.terms[1].m : 0)
    lazy var pairC2 = Workspace(structure.terms.count > 1 ? structure.terms[1].m : 0)
    lazy var accA2 = Workspace(structure.terms.count > 1 ? structure.terms[1].m : 0)
    lazy var accB2 = Workspace(structure.terms.count > 1 ? structure.terms[1].m : 0)

    /// One pass for two nested scalar terms: deviance, and per-level sums A11 = Σ w z1^2, A21 = Σ w z1 z2,
    /// B1 = Σ w z1 zw (first term) and A22 = Σ w z2^2, B2 = Σ w z2 zw (second term), zw = Z Λ u + r.
    func pairPass(_ uu: [Double], lambda1 l1: Double, lambda2 l2: Double) -> Double {
        let t1 = structure.terms[0], t2 = structure.terms[1]
        let m1 = t1.m
        accA.zero(); accB.zero(); accC.zero(); accA2.zero(); accB2.zero()
        let A = accA.p, B = accB.p, C = accC.p, A2 = accA2.p, B2 = accB2.p
        let e = eta.p, m = mu.p, fe = fixedEta.p, yy = y.p, pwt = pw.p
        var dev = 0.0
        let logit = family == .binomial && link == .logit
        t1.codes.withUnsafeBufferPointer { c1 in t2.codes.withUnsafeBufferPointer { c2 in
        t1.z.withUnsafeBufferPointer { z1 in t2.z.withUnsafeBufferPointer { z2 in
        uu.withUnsafeBufferPointer { up in
            for i in 0..<n {
                let g = Int(c1[i]), l = Int(c2[i])
                let a = z1[i] * l1 * up[g], b = z2[i] * l2 * up[m1 + l]
                let ei = fe[i] + a + b
                e[i] = ei
                let (mi, wi, ri, di) = observationTerms(eta: ei, y: yy[i], priorWeight: pwt[i], logit: logit)
                m[i] = mi
                dev += di
                let zw = a + b + ri
                let w1 = wi * z1[i], w2 = wi * z2[i]
                A[g] += w1 * z1[i]; C[g] += w1 * z2[i]; B[g] += w1 * zw
                A2[l] += w2 * z2[i]; B2[l] += w2 * zw
            }
        } } } } }
        return dev
    }

    /// PIRLS over u for two nested scalar terms: the 2 x 2-level blocked Cholesky solved in closed form.
    func pirlsUNestedPair() throws -> Double {
        let l1 = sysU.lambdas[0][0], l2 = sysU.lambdas[1][0]
        let m1 = structure.terms[0].m, m2 = structure.terms[1].m
        let par = parent
        // Workspaces (not captured arrays: captured mutable locals would pay a dynamic exclusivity check per access).
        let L11 = pairL11.p, L21 = pairL21.p, c1 = pairC1.p, L22 = pairL22.p, c2 = pairC2.p
        func factorAndSolve() {
            let A = accA.p, B = accB.p, C = accC.p, A2 = accA2.p, B2 = accB2.p
            for l in 0..<m2 { L22[l] = l2 * l2 * A2[l] + 1; c2[l] = l2 * B2[l] }
            for g in 0..<m1 {
                L11[g] = (l1 * l1 * A[g] + 1).squareRoot()
                c1[g] = l1 * B[g] / L11[g]
                let p = par[g]
                if p < 0 { L21[g] = 0; continue }
                L21[g] = l2 * l1 * C[g] / L11[g]
                L22[p] -= L21[g] * L21[g]
                c2[p] -= L21[g] * c1[g]
            }
            for l in 0..<m2 {
                L22[l] = Swift.max(L22[l], Double.leastNormalMagnitude).squareRoot()
                c2[l] /= L22[l]
                uNew[m1 + l] = c2[l] / L22[l]
            }
            for g in 0..<m1 {
                let p = par[g]
                uNew[g] = (c1[g] - (p < 0 ? 0 : L21[g] * uNew[m1 + p])) / L11[g]
            }
        }
        return try pirlsFused(pass: { self.pairPass($0, lambda1: l1, lambda2: l2) }, newton: factorAndSolve, logDet: {
            factorAndSolve()
            var s = 0.0
            for g in 0..<m1 {
                self.sysU.l11.p[g] = L11[g]
                if par[g] >= 0 { self.sysU.l21.p[self.sysU.rowStart[g]] = L21[g] }
                s += 2 * log(L11[g])
            }
            for l in 0..<m2 { self.sysU.l22.p[l] = L22[l]; s += 2 * log(L22[l]) }
            return s
        })
    }

    // MARK: - PIRLS over u (beta fixed in fixedEta)

    /// Conditional modes of u at the current theta (in `sysU`) and fixedEta; leaves `sysU` factored at the
    /// final weights. Returns the Laplace deviance -2 log L (sum of unit deviances + saturated constants +
    /// ||u||^2 + log det L^2).
    func pirlsU() throws -> Double {
        if isScalarSingle { return try pirlsUScalar() }
        if isNestedScalarPair { return try pirlsUNestedPair() }
        if isVectorSingle { return try pirlsUVector() }
        // The general blocked system: one accumulate-and-factor of sysU per Newton step.
        return try pirlsFused(pass: { self.update(from: $0, system: self.sysU) }, newton: {
            try self.factorU()
            self.uNew.withUnsafeMutableBufferPointer { self.sysU.solveU(beta: [], into: $0.baseAddress!) }
        }, logDet: {
            // Factor at the weights of the final u (eta, mu and w already belong to it).
            try self.factorU()
            return self.sysU.logDetL2
        })
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
            try factorFull()
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
        try factorFull()
        return dev + saturatedSum + GLMMEngine.sumSquares(u) + sysFull.logDetL2
    }

    /// Factors `sysFull` (columns [X z]) at the weights of the current beta and u (for SEs and nAGQ = 0).
    func factorFullAtCurrent() throws {
        setFixed(beta)
        update(from: u, system: sysFull)
        try factorFull()
    }

    /// Accumulates and factors `sysFull` at the current weights with working response eta - offset + resid.
    func factorFull() throws {
        let z = cols.p + n * p, e = eta.p, off = offset.p, r = resid.p
        for i in 0..<n { z[i] = e[i] - off[i] + r[i] }
        sysFull.accumulate(weights: w.p, columns: cols.p)
        try sysFull.factor()
    }

    /// Accumulates and factors `sysU` at the current weights with working response eta - fixedEta + resid.
    func factorU() throws {
        let z = zwork.p, e = eta.p, fe = fixedEta.p, r = resid.p
        for i in 0..<n { z[i] = e[i] - fe[i] + r[i] }
        sysU.accumulate(weights: w.p, columns: zwork.p)
        try sysU.factor(computeRX: false)
    }

    // MARK: - Adaptive Gauss-Hermite quadrature (one scalar term)

    /// The AGQ deviance after `pirlsU()` for a single scalar random-effects term, with standard-normal
    /// Gauss-Hermite `nodes` and `weights` (weights sum to one). With one node it equals the Laplace deviance.
    func agqDeviance(nodes: [Double], weights: [Double]) -> Double {
        let term = structure.terms[0]
        let lam = sysU.lambdas[0][0]
        let (start, order) = levelRows
        let y = self.y.p, pw = self.pw.p, sat = self.sat.p, fixedEta = self.fixedEta.p
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
