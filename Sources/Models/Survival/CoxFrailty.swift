import Foundation
import Linalg

/// Shared gamma frailty Cox models as R's `coxph(... + frailty(g))` fits them: a penalized partial
/// likelihood for the group effects `b` (log frailties) with the variance `theta` chosen in an outer
/// loop.
///
/// Inner loop (R's `coxfit5`/`agfit5`): Newton–Raphson on `PL(beta, b) - nu Σ (e^b - b)`, `nu = 1/theta`,
/// with `b` recentred each step so that `mean(e^b) = 1`, the frailty block of the Hessian kept diagonal,
/// convergence when the penalized log-likelihood changes by less than `eps` relatively, simple step
/// halving when it falls. Outer loop (R's `frailty.controlgam`, method "em"): theta = 0, 1, then
/// halve or double, then parabolic steps on `sqrt(theta)` for the profile marginal likelihood
/// `PPL + Σ_g [d_g + nu log nu - (nu + d_g) log(nu + d_g) + log Γ(nu + d_g) - log Γ(nu)]` until it
/// changes by less than 1e-5 relatively. The reported variance is the theta of the final fit (the one the
/// coefficients belong to); R prints the theta the search proposes after that fit (`fit$history[[1]]$theta`),
/// kept as `FrailtySummary.nextVariance`. With R's default of 10 outer iterations the search can stop before
/// it converges; the two then differ by more than the tolerance (R stays silent; here a warning says so).
public enum CoxFrailty {
    /// Options of a frailty fit.
    public struct Options: Sendable, Equatable {
        /// Cox options (ties, inner `iterMax` and `eps`, confidence level).
        public var cox: CoxPH.Options
        /// Maximum outer iterations (R's `outer.max`, 10).
        public var outerMax: Int
        /// Relative tolerance of the outer loop on the marginal likelihood (R's frailty `eps`, 1e-5).
        public var outerEps: Double
        /// Creates options.
        public init(cox: CoxPH.Options = CoxPH.Options(), outerMax: Int = 10, outerEps: Double = 1e-5) {
            self.cox = cox
            self.outerMax = outerMax
            self.outerEps = outerEps
        }
    }

    /// One step of the search over the frailty variance.
    public struct HistoryRow: Sendable, Equatable, Codable {
        /// Frailty variance tried.
        public var theta: Double
        /// Penalized partial log-likelihood at the inner optimum.
        public var penalizedLoglik: Double
        /// Corrected (integrated) log-likelihood used to choose a gamma theta.
        public var integratedLoglik: Double?
        /// Gaussian: the REML equation's residual `Σ b² / (q - tr / theta) - theta` (zero at the solution).
        public var remlResidual: Double?
    }

    /// A fitted frailty model: the Cox result (with `frailty` filled in), the predicted log frailties and
    /// the variance search.
    public struct Fit: Sendable {
        /// The model (coefficients use the penalized-information variance, as R's `se(coef)`).
        public var model: CoxModel
        /// Predicted log frailty per group (recentred so that `mean(exp(b)) = 1`).
        public var frailties: [Double]
        /// `sqrt(diag(var2))`, R's `se2` (sandwich-type variance of the penalized fit).
        public var stdErrors2: [Double]
        /// Effective degrees of freedom: one per coefficient, then the frailty term.
        public var degreesOfFreedom: [Double]
        /// The theta proposed after the last fit (R's `fit$history[[1]]$theta`).
        public var nextTheta: Double
        /// The outer search.
        public var history: [HistoryRow]
    }

    /// The frailty distribution.
    public enum Distribution: String, Sendable, Codable {
        /// Gamma frailty `frailty(g)`: penalty `nu Σ (e^b - b)`, theta by the profile marginal likelihood.
        case gamma
        /// Gaussian log-frailty `frailty(g, distribution = "gaussian")`: penalty `Σ b² / (2 theta)`,
        /// theta by R's approximate REML equation `theta = Σ b² / (q - tr(H⁻¹_bb) / theta)`.
        case gaussian
    }

    /// Fits `Surv ~ x + frailty(group)` (gamma by default, or Gaussian).
    public static func fit(data rawData: SurvivalData, x: Matrix, names: [String], group: GroupCodes,
                           distribution: Distribution = .gamma,
                           strata: GroupCodes? = nil, offset: [Double]? = nil, nDropped: Int = 0,
                           options: Options = Options()) throws -> Fit {
        let data = options.cox.timeFix ? try rawData.timeFixed() : rawData
        let n = data.count
        let p = x.columns
        guard x.rows == n else { throw SurvivalError.lengthMismatch(what: "covariate matrix", expected: n, found: x.rows) }
        guard names.count == p else { throw SurvivalError.lengthMismatch(what: "covariate names", expected: p, found: names.count) }
        guard group.codes.count == n else { throw SurvivalError.lengthMismatch(what: "frailty group", expected: n, found: group.codes.count) }
        guard !data.isMultiState else { throw SurvivalError.wrongEventKind("a frailty model needs a 0/1 event") }
        for j in 0..<p { for i in 0..<n where !x[i, j].isFinite { throw SurvivalError.nonFiniteCovariate(column: names[j], row: i + 1) } }
        guard data.hasEvents else { throw SurvivalError.noEvents }
        let q = group.levels.count
        var rs = CoxRiskSets(x: x, data: data, strata: strata?.codes, offset: offset, ties: options.cox.ties,
                             slotPass: false)
        // Right-censored data are walked in time order on every inner iteration: read the covariates in that order.
        if data.start == nil && p > 0 { rs.covariatesByStop = rs.makeCovariatesByStop() }
        var deaths = [Double](repeating: 0, count: q)
        for i in 0..<n where data.status[i] != 0 { deaths[group.codes[i]] += 1 }

        var pieces = CoxFrailtyPieces(q: q, p: p)
        rs.frailtyPieces(beta: [Double](repeating: 0, count: p), frailty: [Double](repeating: 0, count: q),
                         group: group.codes, into: &pieces)
        let loglik0 = pieces.loglik

        var history: [HistoryRow] = []
        var saved: [(theta: Double, beta: [Double], b: [Double])] = []
        var theta = distribution == .gamma ? 0.0 : 1.0
        var initBeta = [Double](repeating: 0, count: p)
        var initB = [Double](repeating: 0, count: q)
        var last: Inner? = nil
        var totalInner = 0
        var nextTheta = theta
        var warnings: [String] = []
        var searchDone = false
        for outer in 1...max(1, options.outerMax) {
            let inner = innerFit(rs, group: group.codes, q: q, theta: theta, distribution: distribution,
                                 beta: initBeta, b: initB, iterMax: options.cox.iterMax, eps: options.cox.eps,
                                 pieces: &pieces)
            totalInner += inner.iterations
            if !inner.converged { warnings.append("inner loop failed to converge at outer iteration \(outer)") }
            last = inner
            var proposal = theta, done = false
            switch distribution {
            case .gamma:
                let correction = theta == 0 ? 0 : gammaCorrection(deaths, nu: 1 / theta)
                history.append(HistoryRow(theta: theta, penalizedLoglik: inner.penalizedLoglik,
                                          integratedLoglik: inner.penalizedLoglik + correction, remlResidual: nil))
                (proposal, done) = nextVariance(history, outer: outer, eps: options.outerEps)
            case .gaussian:
                let trH = frailtyInverseDiagonal(inner.pieces).reduce(0, +)
                var fsum = 0.0
                for v in inner.b { fsum += v * v }
                let resid = fsum / (Double(q) - trH / theta) - theta
                history.append(HistoryRow(theta: theta, penalizedLoglik: inner.penalizedLoglik,
                                          integratedLoglik: nil, remlResidual: resid))
                (proposal, done) = nextGaussianVariance(history, outer: outer, eps: options.cox.eps.squareRoot())
            }
            saved.append((theta, inner.beta, inner.b))
            nextTheta = proposal
            searchDone = done
            if done || outer == options.outerMax { break }
            // Start from the saved fit whose theta is closest to the proposal (earliest on ties).
            var best = 0
            for (k, s) in saved.enumerated() where abs(s.theta - proposal) < abs(saved[best].theta - proposal) { best = k }
            initBeta = saved[best].beta
            initB = saved[best].b
            theta = proposal
        }
        guard let fit = last else { throw SurvivalError.invalidOption("no frailty fit was made") }
        if history.count == options.outerMax && !searchDone {
            warnings.append("the search for the frailty variance stopped after \(options.outerMax) outer iterations")
        }
        return try assemble(fit, rs: rs, data: data, names: names, group: group, distribution: distribution,
                            strata: strata, theta: theta,
                            loglik0: loglik0, history: history, nextTheta: nextTheta, searchDone: searchDone, outerIterations: history.count,
                            innerIterations: totalInner, nDropped: nDropped, warnings: warnings, options: options)
    }

    /// The inner penalized fit at a fixed theta.
    struct Inner {
        var beta: [Double]
        var b: [Double]
        var penalizedLoglik: Double
        var loglik: Double
        var iterations: Int
        var converged: Bool
        var pieces: CoxFrailtyPieces
    }

    static func innerFit(_ rs: CoxRiskSets, group: [Int], q: Int, theta: Double, distribution: Distribution,
                         beta start: [Double], b startB: [Double],
                         iterMax: Int, eps: Double, pieces: inout CoxFrailtyPieces) -> Inner {
        let p = rs.p
        var beta = start
        var b = theta == 0 ? [Double](repeating: 0, count: q) : startB
        var oldBeta = beta, oldB = b
        var best = 0.0
        var halving = false
        var iterations = 0
        var converged = false
        var newlk = 0.0
        var pl = 0.0
        for iter in 0...iterMax {
            iterations = iter
            rs.frailtyPieces(beta: beta, frailty: b, group: group, into: &pieces)
            pl = pieces.loglik
            newlk = pl
            if theta == 0 {
                for j in 0..<q { pieces.scoreFrailty[j] = 0; pieces.frailtyDiagonal[j] = 1; for c in 0..<p { pieces.cross[c, j] = 0 } }
            } else if distribution == .gaussian {
                var mean = 0.0
                for j in 0..<q { mean += b[j] }
                mean /= Double(q)
                var pen = 0.0
                for j in 0..<q {
                    b[j] -= mean
                    pen += b[j] * b[j] / theta + Foundation.log(2 * Double.pi * theta)
                    pieces.scoreFrailty[j] -= b[j] / theta
                    pieces.frailtyDiagonal[j] += 1 / theta
                }
                newlk -= 0.5 * pen
            } else {
                let nu = 1 / theta
                var meanExp = 0.0
                for j in 0..<q { meanExp += exp(b[j]) }
                let recenter = Foundation.log(meanExp / Double(q))
                var sumB = 0.0
                for j in 0..<q {
                    b[j] -= recenter
                    sumB += b[j]
                    let e = exp(b[j])
                    pieces.scoreFrailty[j] -= (e - 1) * nu
                    pieces.frailtyDiagonal[j] += e * nu
                }
                newlk += nu * sumB
            }
            // R starts the comparison from loglik = 0, so iteration 0 never counts as converged.
            if !halving && abs(1 - best / newlk) <= eps {
                converged = true
                break
            }
            if iter == iterMax { break }
            if iter > 0 && newlk < best {
                halving = true
                for c in 0..<p { beta[c] = (oldBeta[c] + beta[c]) / 2 }
                for j in 0..<q { b[j] = (oldB[j] + b[j]) / 2 }
            } else {
                halving = false
                best = newlk
                let step = solve(pieces)
                oldBeta = beta
                oldB = b
                for c in 0..<p { beta[c] += step.beta[c] }
                for j in 0..<q { b[j] += step.b[j] }
            }
        }
        return Inner(beta: beta, b: b, penalizedLoglik: newlk, loglik: pl, iterations: iterations,
                     converged: converged, pieces: pieces)
    }

    /// Solves `H (δb, δβ) = (u_b, u_β)` with `H = [[diag(D), B'], [B, A]]` through the Schur complement.
    static func solve(_ pc: CoxFrailtyPieces) -> (b: [Double], beta: [Double]) {
        let q = pc.frailtyDiagonal.count
        let p = pc.scoreBeta.count
        var schur = pc.info
        var rhs = pc.scoreBeta
        for j in 0..<q {
            let dj = pc.frailtyDiagonal[j]
            guard dj > 0 else { continue }
            let uj = pc.scoreFrailty[j] / dj
            for c in 0..<p {
                rhs[c] -= pc.cross[c, j] * uj
                for d in 0..<p { schur[c, d] -= pc.cross[c, j] * pc.cross[d, j] / dj }
            }
        }
        let db = p > 0 ? SymmetricFactor(schur).solve(rhs) : []
        var dbf = [Double](repeating: 0, count: q)
        for j in 0..<q {
            let dj = pc.frailtyDiagonal[j]
            guard dj > 0 else { continue }
            var s = pc.scoreFrailty[j]
            for c in 0..<p { s -= pc.cross[c, j] * db[c] }
            dbf[j] = s / dj
        }
        return (dbf, db)
    }

    /// R's `frailty.gammacon`: the correction turning the penalized likelihood into the profile
    /// marginal likelihood of the gamma frailty model.
    static func gammaCorrection(_ d: [Double], nu: Double) -> Double {
        let maxd = d.max() ?? 0
        var term1 = 0.0
        if nu > 1e7 * maxd {
            for di in d { term1 += di * di }
            term1 /= nu
        } else {
            for di in d { term1 += di + nu * Foundation.log(nu / (nu + di)) }
        }
        var term2 = 0.0
        for di in d where di > 0 {
            let k = Int(di)
            for lev in 1...k { term2 += Foundation.log((nu + Double(lev) - 1)) }
            term2 -= di * Foundation.log(nu + di)
        }
        return term1 + term2
    }

    /// R's `frailty.controlgam` proposal rule for the next theta, and whether the search is done.
    static func nextVariance(_ h: [HistoryRow], outer: Int, eps: Double) -> (Double, Bool) {
        if outer == 1 { return (1, false) }
        if outer == 2 {
            let y0 = h[0].integratedLoglik ?? 0, y1 = h[1].integratedLoglik ?? 0
            return y1 < y0 + 1 ? ((h[0].theta + h[1].theta) / 2, false) : (2 * h[1].theta, false)
        }
        let done = abs(1 - (h[outer - 1].integratedLoglik ?? 0) / (h[outer - 2].integratedLoglik ?? 1)) < eps
        let xs = h.map(\.theta), ys = h.map { $0.integratedLoglik ?? 0 }
        let maxY = ys.max() ?? 0, maxX = xs.max() ?? 0
        if ys[outer - 1] == maxY && xs[outer - 1] == maxX { return (2 * maxX, done) }
        let s = brent(xs.map { $0.squareRoot() }, ys, lower: 0)
        return (s * s, done)
    }

    /// R's `frailty.controlgauss` rule: root finding on the REML residual in theta (tripling or
    /// thirding, doubling or halving, then a guarded inverse-quadratic step); done when the residual of
    /// the last fit is below `eps` (R passes sqrt of the inner eps).
    static func nextGaussianVariance(_ h: [HistoryRow], outer: Int, eps: Double) -> (Double, Bool) {
        let r = h.map { $0.remlResidual ?? 0 }
        let th = h.map(\.theta)
        if outer == 1 { return (r[0] > 0 ? th[0] * 3 : th[0] / 3, false) }
        if outer == 2 {
            if r.allSatisfy({ $0 > 0 }) { return (th[1] * 2, false) }
            if r.allSatisfy({ $0 < 0 }) { return (th[1] / 2, false) }
            return ((th[0] + th[1]) / 2, false)
        }
        let done = abs(r[outer - 1]) < eps
        let ord = (0..<outer).sorted { th[$0] < th[$1] }
        let ty = ord.map { r[$0] }, tx = ord.map { th[$0] }
        if ty.allSatisfy({ $0 > 0 }) { return (2 * (tx.max() ?? 0), done) }
        if ty.allSatisfy({ $0 < 0 }) { return (0.5 * (tx.min() ?? 0), done) }
        var b1 = ord.firstIndex(of: outer - 1) ?? 0
        if b1 == 0 { b1 = 1 } else if b1 == outer - 1 { b1 = outer - 2 }
        let rr = ty[b1] / ty[b1 + 1]
        let ss = ty[b1] / ty[b1 - 1]
        let uu = rr / ss
        let pp = ss * (uu * (rr - uu) * (tx[b1 + 1] - tx[b1]) - (1 - rr) * (tx[b1] - tx[b1 - 1]))
        let qq = (uu - 1) * (rr - 1) * (ss - 1)
        var new = tx[b1] + pp / qq
        if new > tx[b1 + 1] { new = (tx[b1] + tx[b1 + 1]) / 2 }
        if new < tx[b1 - 1] { new = (tx[b1] + tx[b1 - 1]) / 2 }
        return (new, done)
    }

    /// Diagonal of the frailty block of the inverse penalized information (R's `fvar`; its sum is `trH`).
    static func frailtyInverseDiagonal(_ pc: CoxFrailtyPieces) -> [Double] {
        let q = pc.frailtyDiagonal.count
        let p = pc.scoreBeta.count
        var schur = pc.info
        for j in 0..<q where pc.frailtyDiagonal[j] > 0 {
            let dj = pc.frailtyDiagonal[j]
            for c in 0..<p { for d in 0..<p { schur[c, d] -= pc.cross[c, j] * pc.cross[d, j] / dj } }
        }
        let cmat = SymmetricFactor(schur).inverse()
        return (0..<q).map { j in
            let dj = pc.frailtyDiagonal[j]
            guard dj > 0 else { return 0 }
            var quad = 0.0
            for c in 0..<p { for d in 0..<p { quad += pc.cross[c, j] / dj * cmat[c, d] * pc.cross[d, j] / dj } }
            return 1 / dj + quad
        }
    }

    /// R's `frailty.brent`: a guarded parabolic step towards the maximum of `y(x)`.
    static func brent(_ x: [Double], _ y: [Double], lower: Double) -> Double {
        let n = x.count
        if n < 3 { return x.reduce(0, +) / Double(max(n, 1)) }
        let ord = (0..<n).sorted { x[$0] < x[$1] }
        let xx = ord.map { x[$0] }, yy = ord.map { y[$0] }
        let maxY = y.max() ?? 0
        let best = yy.firstIndex(of: maxY) ?? 0
        if best == 0 {
            var new = xx[0] - 3 * (xx[1] - xx[0])
            if new < lower {
                let above = xx.filter { $0 > lower }.min() ?? lower
                new = lower + (above - lower) / 10
            }
            return new
        }
        if best == n - 1 { return xx[n - 1] + 3 * (xx[n - 1] - xx[n - 2]) }
        let x1 = xx[best - 1], x2 = xx[best], x3 = xx[best + 1]
        let y1 = yy[best - 1], y2 = yy[best], y3 = yy[best + 1]
        let t1 = (x2 - x1) * (x2 - x1) * (y2 - y3) - (x2 - x3) * (x2 - x3) * (y2 - y1)
        let t2 = (x2 - x1) * (y2 - y3) - (x2 - x3) * (y2 - y1)
        let new = x2 - 0.5 * t1 / t2
        if new < x1 || new > x3 || (n > 4 && (new - x[n - 1]) > 0.5 * abs(x[n - 2] - x[n - 3])) {
            return (x2 - x1) > (x3 - x2) ? x2 - 0.38 * (x2 - x1) : x2 + 0.32 * (x3 - x2)
        }
        return new
    }
}
