import Foundation
import Frames
import Formula
import Linalg

/// Cox proportional hazards regression, as R's `coxph` fits it.
///
/// Newton–Raphson from beta = 0 on the log partial likelihood (Efron or Breslow ties), with R's
/// rules: convergence when `|1 - loglik_old / loglik_new| <= eps` (1e-9), at most `iterMax` (20)
/// steps, step halving (`new = (new + h old) / (h + 1)`) when the likelihood falls or is not finite.
/// Strata get separate baseline hazards; counting-process `(start, stop]` rows give time-varying
/// covariates and delayed entry. The robust (sandwich) variance is the cross-product of the
/// weighted dfbeta residuals summed within clusters; as in R it is used by default when a cluster is
/// given or some case weight is not an integer.
public enum CoxPH {
    /// Fitting options.
    public struct Options: Sendable, Equatable {
        /// Tie handling (Efron by default).
        public var ties: CoxTies
        /// Maximum Newton–Raphson iterations (R's `iter.max`).
        public var iterMax: Int
        /// Relative log-likelihood convergence tolerance (R's `eps`).
        public var eps: Double
        /// `nil`: R's default (robust when clustered or with non-integer weights).
        public var robust: Bool?
        /// Confidence level of the intervals.
        public var confLevel: Double
        /// Merge times equal up to rounding before fitting (R's `timefix = TRUE`).
        public var timeFix: Bool
        /// Creates options.
        public init(ties: CoxTies = .efron, iterMax: Int = 20, eps: Double = 1e-9, robust: Bool? = nil,
                    confLevel: Double = 0.95, timeFix: Bool = true) {
            self.ties = ties
            self.iterMax = iterMax
            self.eps = eps
            self.robust = robust
            self.confLevel = confLevel
            self.timeFix = timeFix
        }
    }

    /// Fits the Cox model of a model frame with a `Surv(...)` response. The intercept column of the
    /// design, if any, is dropped (the baseline hazard absorbs it); `strata`, `cluster`, `weights` and
    /// `offset` are taken from the frame. A `frailty(g)` term is fitted by `CoxFrailty`.
    public static func fit(_ frame: ModelFrame, options: Options = Options()) throws -> CoxFit {
        if frame.frailty != nil {
            throw SurvivalError.invalidOption("the formula has a frailty(g) term: fit it with CoxFrailty.fit (or CoxPH.model)")
        }
        let d = try covariates(frame)
        return try fit(data: d.data, raw: d.x, names: d.names,
                       strata: try frame.strata.map(GroupCodes.init), cluster: try frame.cluster.map(GroupCodes.init),
                       offset: frame.offset, nDropped: frame.nDropped, options: options, columnSums: d.sums)
    }

    /// Fits a Cox model to survival `data` with covariates `x` (n x p, no intercept) named `names`.
    public static func fit(data rawData: SurvivalData, x: Matrix, names: [String], strata: GroupCodes? = nil,
                           cluster: GroupCodes? = nil, offset: [Double]? = nil, nDropped: Int = 0,
                           options: Options = Options()) throws -> CoxFit {
        try fit(data: rawData, x: x, firstColumn: 0, names: names, strata: strata, cluster: cluster, offset: offset,
                nDropped: nDropped, options: options)
    }

    /// `fit` with the covariates in columns `firstColumn...` of `x` (a model frame's matrix, its intercept
    /// skipped without a copy).
    /// `columnSums`: the model frame's sums of those columns (`DesignMatrix.columnSums`), when known: unweighted
    /// data then skip a pass over the matrix for the means.
    static func fit(data rawData: SurvivalData, x: Matrix, firstColumn: Int, names: [String], strata: GroupCodes?,
                    cluster: GroupCodes?, offset: [Double]?, nDropped: Int, options: Options,
                    columnSums: [DesignColumnSums]? = nil) throws -> CoxFit {
        try fit(data: rawData, raw: CoxRawCovariates(x, firstColumn: firstColumn), names: names, strata: strata,
                cluster: cluster, offset: offset, nDropped: nDropped, options: options, columnSums: columnSums)
    }

    /// `fit` with the covariates as `CoxRawCovariates` (a model frame's matrix or its variables, read in place).
    static func fit(data rawData: SurvivalData, raw x: CoxRawCovariates, names: [String], strata: GroupCodes?,
                    cluster: GroupCodes?, offset: [Double]?, nDropped: Int, options: Options,
                    columnSums: [DesignColumnSums]? = nil) throws -> CoxFit {
        let data = options.timeFix ? try rawData.timeFixed() : rawData
        let n = data.count
        let p = x.count
        guard x.rows == n else { throw SurvivalError.lengthMismatch(what: "covariate matrix", expected: n, found: x.rows) }
        guard names.count == p else { throw SurvivalError.lengthMismatch(what: "covariate names", expected: p, found: names.count) }
        if let s = strata, s.codes.count != n { throw SurvivalError.lengthMismatch(what: "strata", expected: n, found: s.codes.count) }
        if let c = cluster, c.codes.count != n { throw SurvivalError.lengthMismatch(what: "cluster", expected: n, found: c.codes.count) }
        if let o = offset, o.count != n { throw SurvivalError.lengthMismatch(what: "offset", expected: n, found: o.count) }
        guard !data.isMultiState else {
            throw SurvivalError.wrongEventKind("the event has several states: fit one cause-specific Cox model per state (CoxPH.causeSpecific)")
        }
        guard options.iterMax >= 0, options.eps > 0, options.confLevel > 0, options.confLevel < 1 else {
            throw SurvivalError.invalidOption("iterMax must be >= 0, eps > 0 and the confidence level in (0, 1)")
        }
        let summary = data.weights == nil && columnSums?.count == p
            ? columnSummaries(x, sums: columnSums ?? [])
            : columnSummaries(x, weights: data.weights)
        for j in 0..<p { if let i = summary.nonFinite[j] { throw SurvivalError.nonFiniteCovariate(column: names[j], row: i + 1) } }
        guard data.hasEvents else { throw SurvivalError.noEvents }
        var warnings: [String] = []
        for j in 0..<p where summary.constant[j] {
            warnings.append("covariate \(names[j]) is constant in the data: its coefficient is not estimable (NA)")
        }
        var rs = CoxRiskSets(raw: x, data: data, strata: strata?.codes, offset: offset,
                             ties: options.ties, means: summary.means)
        let newton = newtonRaphson(&rs, options: options)
        warnings += newton.warnings
        rs.releaseSlotCovariates()

        var beta = newton.beta
        let aliased = newton.factorAliased
        for j in 0..<p where aliased[j] {
            beta[j] = 0
            if !warnings.contains(where: { $0.contains(names[j]) }) {
                warnings.append("covariate \(names[j]) is collinear with the others: its coefficient is not estimable (NA)")
            }
        }
        let naiveVar = newton.variance
        var hasNonIntegerWeight = false
        if let w = data.weights { hasNonIntegerWeight = w.contains { $0 != $0.rounded(.down) } }
        let robust = options.robust ?? (cluster != nil || hasNonIntegerWeight)

        // Score residuals at the estimate (for the robust variance; later diagnostics make them on demand). Without
        // them the grouped-times fit keeps the linear predictor in its slot-sorted workspace.
        rs.setLinearPredictor(beta, rowOrder: robust)
        let events = rs.eventTimes()
        let resid = robust ? rs.residuals(events) : nil
        let concordance = rs.concordance()
        var variance = naiveVar
        var robustScore: ChiSquareTest? = nil
        var nClusters: Int? = nil
        if robust {
            let groups = cluster?.codes ?? Array(0..<n)
            let g = cluster?.levels.count ?? n
            nClusters = g
            variance = sandwich(score: resid?.score ?? Matrix(rows: n, columns: p), weights: rs.weights, groups: groups, nGroups: g, bread: naiveVar)
            // Robust score test at beta = 0.
            rs.setLinearPredictor([Double](repeating: 0, count: p))
            let e0 = rs.eventTimes()
            let r0 = rs.residuals(e0)
            let meat = collapsedCrossProduct(r0.score, weights: rs.weights, groups: groups, nGroups: g)
            let f = SymmetricFactor(meat)
            let sol = f.solve(newton.score0)
            var s = 0.0
            for j in 0..<p { s += sol[j] * newton.score0[j] }
            robustScore = ChiSquareTest(statistic: s, df: Double(p - f.rankDeficiency))
        }
        let df = Double(p - aliased.filter { $0 }.count)
        // Wald test with the reported variance (R: coxph.wtest).
        let vf = SymmetricFactor(variance)
        let vb = vf.solve(beta)
        var wald = 0.0
        for j in 0..<p { wald += vb[j] * beta[j] }
        let z = SurvivalProbability.normalQuantile(1 - (1 - options.confLevel) / 2)
        var coefs: [Coefficient] = []
        var hrs: [HazardRatio] = []
        var naiveSE: [Double] = []
        for j in 0..<p {
            let est = aliased[j] ? Double.nan : beta[j]
            let se = aliased[j] ? Double.nan : variance[j, j].squareRoot()
            naiveSE.append(aliased[j] ? .nan : naiveVar[j, j].squareRoot())
            let stat = est / se
            coefs.append(Coefficient(term: names[j], estimate: est, stdError: se, statistic: stat,
                                     pValue: SurvivalProbability.normalTwoSided(stat),
                                     confLow: est - z * se, confHigh: est + z * se))
            hrs.append(HazardRatio(term: names[j], ratio: exp(est), confLow: exp(est - z * se), confHigh: exp(est + z * se)))
        }
        let nEvents = data.status.withUnsafeBufferPointer { status in
            var count = 0
            for i in 0..<status.count where status[i] != 0 { count &+= 1 }
            return count
        }
        let model = CoxModel(
            coefficients: coefs, hazardRatios: hrs, naiveStdErrors: naiveSE, variance: variance,
            naiveVariance: naiveVar, robust: robust, clusters: nClusters, loglik: newton.loglik,
            loglikNull: newton.loglik0,
            likelihoodRatioTest: ChiSquareTest(statistic: 2 * (newton.loglik - newton.loglik0), df: df),
            waldTest: ChiSquareTest(statistic: wald, df: df),
            scoreTest: ChiSquareTest(statistic: newton.scoreTest, df: df),
            robustScoreTest: robustScore, ties: options.ties, nObs: n, nDropped: nDropped, nEvents: nEvents,
            iterations: newton.iterations, converged: newton.converged, means: rs.means,
            strata: strata.map { s in (0..<s.levels.count).map { s.label($0) } } ?? [],
            warnings: warnings, confLevel: options.confLevel, frailty: nil, concordance: concordance)
        return CoxFit(model: model, beta: beta, riskSets: rs, events: events, residuals: resid, strata: strata)
    }

    /// `columnSummaries(_:firstColumn:weights:)` without weights, from the columns' sums made with the design:
    /// the same means, bit for bit; the columns are read only to find a non-finite value.
    static func columnSummaries(_ x: Matrix, firstColumn: Int, sums: [DesignColumnSums])
        -> (means: [Double], constant: [Bool], nonFinite: [Int?]) {
        columnSummaries(CoxRawCovariates(x, firstColumn: firstColumn), sums: sums)
    }

    /// The same for covariates `x` in either form.
    static func columnSummaries(_ x: CoxRawCovariates, sums: [DesignColumnSums])
        -> (means: [Double], constant: [Bool], nonFinite: [Int?]) {
        let n = x.rows
        var means: [Double] = [], constant: [Bool] = [], nonFinite: [Int?] = []
        for (j, s) in sums.enumerated() {
            means.append(n > 0 ? s.sum / Double(n) : 0)
            constant.append(s.spread == 0)
            if s.sum.isFinite && s.spread.isFinite {
                nonFinite.append(nil)
            } else {
                // Integers are always finite (only their sum can overflow).
                nonFinite.append(x.withColumn(j, doubles: { col in (0..<n).first { !col[$0].isFinite } },
                                              integers: { _ in nil }))
            }
        }
        return (means, constant, nonFinite)
    }

    /// Per column of `x` (from `firstColumn`): the weighted mean (weights `w`), whether it is constant, and the first row (0-based)
    /// whose value is not finite — one pass over the matrix, columns on several cores for big data.
    static func columnSummaries(_ x: Matrix, firstColumn: Int = 0, weights: [Double]?)
        -> (means: [Double], constant: [Bool], nonFinite: [Int?]) {
        columnSummaries(CoxRawCovariates(x, firstColumn: firstColumn), weights: weights)
    }

    /// The same for covariates `x` in either form.
    static func columnSummaries(_ x: CoxRawCovariates, weights: [Double]?)
        -> (means: [Double], constant: [Bool], nonFinite: [Int?]) {
        let n = x.rows, p = x.count
        guard let weights else {
            // Unweighted: the sums the model frame makes with its design (`DesignColumnSums`), found here.
            var sums = [DesignColumnSums](repeating: DesignColumnSums(sum: 0, spread: 0), count: p)
            sums.withUnsafeMutableBufferPointer { out in
                let out = out   // each column writes its own entry
                ColumnParallel.forEach(columns: p, rows: n) { j in
                    out[j] = x.withColumn(j, doubles: { DesignColumnSums.of($0) }, integers: { DesignColumnSums.of(integers: $0) })
                }
            }
            return columnSummaries(x, sums: sums)
        }
        var means = [Double](repeating: 0, count: p)
        var constant = [Bool](repeating: false, count: p)
        var nonFinite = [Int?](repeating: nil, count: p)
        var wsum = 0.0
        for v in weights { wsum += v }
        means.withUnsafeMutableBufferPointer { meansOut in
        constant.withUnsafeMutableBufferPointer { constantOut in
        nonFinite.withUnsafeMutableBufferPointer { nonFiniteOut in
        weights.withUnsafeBufferPointer { w in
            let meansOut = meansOut, constantOut = constantOut, nonFiniteOut = nonFiniteOut   // each column writes its own entry
            ColumnParallel.forEach(columns: p, rows: n) { j in
                guard n > 0, let w = w.baseAddress else { return }
                // Integers are read as doubles as they are summed, and are always finite.
                let (sum, spread, firstNonFinite) = x.withColumn(j, doubles: { col in
                    let sums = weightedSums(count: n, weights: w) { col[$0] }
                    let bad = sums.sum.isFinite && sums.spread.isFinite ? nil : (0..<n).first { !col[$0].isFinite }
                    return (sums.sum, sums.spread, bad)
                }, integers: { col in
                    let sums = weightedSums(count: n, weights: w) { Double(col[$0]) }
                    return (sums.sum, sums.spread, nil as Int?)
                })
                meansOut[j] = wsum > 0 ? sum / wsum : 0
                constantOut[j] = spread == 0
                nonFiniteOut[j] = firstNonFinite
            }
        }}}}
        return (means, constant, nonFinite)
    }

    /// One column's weighted sum `Σ w_i x_i` and spread `Σ |x_i - x_0|` (`value(i)` is `x_i`), in four interleaved
    /// chains: the spread is 0 exactly when the column is constant (a difference of distinct doubles is never 0),
    /// and a non-finite value makes the sums non-finite.
    @inline(__always)
    static func weightedSums(count n: Int, weights w: UnsafePointer<Double>, _ value: (Int) -> Double)
        -> (sum: Double, spread: Double) {
        let v0 = value(0)
        var s = (0.0, 0.0, 0.0, 0.0), d = (0.0, 0.0, 0.0, 0.0)
        let n4 = n & ~3
        var i = 0
        while i < n4 {
            let x0 = value(i), x1 = value(i + 1), x2 = value(i + 2), x3 = value(i + 3)
            s.0 += w[i] * x0; s.1 += w[i + 1] * x1
            s.2 += w[i + 2] * x2; s.3 += w[i + 3] * x3
            d.0 += Swift.abs(x0 - v0); d.1 += Swift.abs(x1 - v0)
            d.2 += Swift.abs(x2 - v0); d.3 += Swift.abs(x3 - v0)
            i += 4
        }
        while i < n { let x = value(i); s.0 += w[i] * x; d.0 += Swift.abs(x - v0); i += 1 }
        return ((s.0 + s.1) + (s.2 + s.3), (d.0 + d.1) + (d.2 + d.3))
    }

    /// The result of the Newton–Raphson iteration.
    struct NewtonResult {
        var beta: [Double]
        var loglik: Double
        var loglik0: Double
        var score0: [Double]
        var scoreTest: Double
        var variance: Matrix
        var iterations: Int
        var converged: Bool
        var factorAliased: [Bool]
        var warnings: [String]
    }

    /// R's coxfit6/agfit4 iteration on centred covariates.
    static func newtonRaphson(_ rs: inout CoxRiskSets, options: Options, initial: [Double]? = nil) -> NewtonResult {
        let p = rs.p
        var beta = initial ?? [Double](repeating: 0, count: p)
        var u = [Double](repeating: 0, count: p)
        var imat = Matrix(rows: p, columns: p)
        let loglik0 = rs.evaluate(beta, u: &u, imat: &imat)
        let score0 = u
        var factor = SymmetricFactor(imat)
        let step0 = factor.solve(u)
        var sctest = 0.0
        for j in 0..<p { sctest += u[j] * step0[j] }
        var warnings: [String] = []
        if options.iterMax == 0 || !loglik0.isFinite {
            return NewtonResult(beta: beta, loglik: loglik0, loglik0: loglik0, score0: score0, scoreTest: sctest,
                                variance: factor.inverse(), iterations: 0, converged: options.iterMax == 0,
                                factorAliased: factor.aliasedFlags, warnings: warnings)
        }
        var best = loglik0
        var newBeta = (0..<p).map { beta[$0] + step0[$0] }
        var halving = 0
        var iterations = 0
        var converged = false
        var lastLoglik = loglik0
        while iterations < options.iterMax {
            iterations += 1
            let newLoglik = rs.evaluate(newBeta, u: &u, imat: &imat)
            factor = SymmetricFactor(imat)
            var finite = newLoglik.isFinite
            for j in 0..<p where !u[j].isFinite { finite = false }
            for v in imat.storage where !v.isFinite { finite = false }
            if finite && abs(1 - best / newLoglik) <= options.eps {
                beta = newBeta
                lastLoglik = newLoglik
                converged = true
                if halving > 0 { warnings.append("the fit converged while halving steps; check the estimates") }
                break
            }
            if !finite || newLoglik < best {
                halving += 1
                let h = Double(halving)
                for j in 0..<p { newBeta[j] = (newBeta[j] + h * beta[j]) / (h + 1) }
            } else {
                halving = 0
                best = newLoglik
                let step = factor.solve(u)
                for j in 0..<p {
                    beta[j] = newBeta[j]
                    newBeta[j] += step[j]
                }
            }
        }
        if !converged {
            // As R: recompute at the last good beta.
            lastLoglik = rs.evaluate(beta, u: &u, imat: &imat)
            factor = SymmetricFactor(imat)
            warnings.append("Ran out of iterations (\(options.iterMax)) and did not converge")
        }
        let variance = factor.inverse()
        if converged {
            // R's check for coefficients drifting to infinity: |u' V| large relative to beta.
            var flagged: [Int] = []
            for j in 0..<p {
                var s = 0.0
                for k in 0..<p { s += u[k] * variance[k, j] }
                let inf = abs(s)
                if inf > options.eps && inf > options.eps.squareRoot() * abs(beta[j]) { flagged.append(j) }
            }
            if !flagged.isEmpty {
                warnings.append("Loglik converged before variable \(flagged.map { String($0 + 1) }.joined(separator: ",")); coefficient may be infinite")
            }
        }
        return NewtonResult(beta: beta, loglik: lastLoglik, loglik0: loglik0, score0: score0, scoreTest: sctest,
                            variance: variance, iterations: iterations, converged: converged,
                            factorAliased: factor.aliasedFlags, warnings: warnings)
    }

    /// `V (Σ_g D_g D_g') V` with `D_g = Σ_{i in g} w_i L_i`: the cluster-robust sandwich from score residuals.
    static func sandwich(score: Matrix, weights: [Double], groups: [Int], nGroups: Int, bread: Matrix) -> Matrix {
        let meat = collapsedCrossProduct(score, weights: weights, groups: groups, nGroups: nGroups)
        return bread * meat * bread
    }

    /// `Σ_g (Σ_{i in g} w_i L_i)(Σ_{i in g} w_i L_i)'` (p x p).
    static func collapsedCrossProduct(_ score: Matrix, weights: [Double], groups: [Int], nGroups: Int) -> Matrix {
        let n = score.rows, p = score.columns
        var sums = Matrix(rows: nGroups, columns: p)
        for c in 0..<p { for i in 0..<n { sums[groups[i], c] += weights[i] * score[i, c] } }
        return sums.crossProduct
    }
}

extension SymmetricFactor {
    /// Which variables were judged aliased.
    var aliasedFlags: [Bool] { aliased }
}
