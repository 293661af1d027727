import Formula
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// A linear mixed model `y = X beta + Z b + e`, `b ~ N(0, sigma^2 Λ Λ')`, fitted by REML (default) or ML
/// through the profiled deviance of the penalized least squares problem (Bates et al. 2015), with theta
/// optimized by BOBYQA. Matches `lme4::lmer`.
///
/// ```swift
/// let fit = try LinearMixedModel().fit(frame)      // Reaction ~ Days + (Days | Subject)
/// fit.randomEffects                                 // SDs per term, like VarCorr()
/// ```
public struct LinearMixedModel: Sendable {
    /// `true` for REML (lme4's default), `false` for maximum likelihood.
    public var reml: Bool
    /// Maximum number of deviance evaluations.
    public var maxEvaluations: Int

    /// Creates a specification.
    public init(reml: Bool = true, maxEvaluations: Int = 100_000) {
        self.reml = reml
        self.maxEvaluations = maxEvaluations
    }

    /// Fits the model to a model frame (response must be a numeric vector).
    public func fit(_ frame: ModelFrame) throws -> MixedModelFit {
        guard case let .vector(_, y) = frame.response else {
            throw MixedModelError.badResponse("a linear mixed model needs a numeric response, not cbind() or Surv()")
        }
        let n = frame.nObs
        let X = frame.fixed.matrix
        let p = X.columns
        guard y.count == n, X.rows == n else { throw MixedModelError.badDesign("response or X has the wrong number of rows") }
        guard y.allSatisfy(\.isFinite) else { throw MixedModelError.badResponse("the response has non-finite values") }
        guard X.storage.allSatisfy(\.isFinite) else { throw MixedModelError.badDesign("X has non-finite values") }
        guard n > p else { throw MixedModelError.badDesign("\(n) observations for \(p) fixed effects") }
        let structure = try RandomEffectsStructure(frame.randomTerms, nObs: n)
        try FixedEffectsRank.require(frame.fixed)
        let weights = frame.weights ?? [Double](repeating: 1, count: n)
        guard weights.count == n, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw MixedModelError.badDesign("weights must be finite and non-negative, one per row")
        }
        var yAdj = y
        if let off = frame.offset { for i in 0..<n { yAdj[i] -= off[i] } }
        let sys = BlockedSystem(terms: structure.terms, n: n, cols: p + 1)
        var columns = X.storage
        columns.append(contentsOf: yAdj)
        columns.withUnsafeBufferPointer { c in
            weights.withUnsafeBufferPointer { w in sys.accumulate(weights: w.baseAddress!, columns: c.baseAddress!) }
        }
        var logDetW = 0.0
        for w in weights where w > 0 { logDetW += log(w) }
        let nEff = Double(n)
        let dof = reml ? nEff - Double(p) : nEff
        let useREML = reml
        // The profiled deviance (ML) or REML criterion as a function of theta.
        let objective: ([Double]) -> Double = { theta in
            sys.setTheta(theta)
            do { try sys.factor() } catch { return .infinity }
            let r = sys.rxElement(p, p)
            let pwrss = r * r
            var d = sys.logDetL2 - logDetW + dof * (1 + log(2 * Double.pi * pwrss / dof))
            if useREML { d += sys.logDetRX2(p: p) }
            return d
        }
        let start = structure.start
        let lower = structure.lowerBounds
        let opt = BOBYQA(lower: lower, upper: [Double](repeating: .infinity, count: start.count),
                         initialStep: start.map { $0 == 0 ? 0.1 : 0.25 }, xtolAbs: 1e-10, ftolAbs: 1e-12,
                         ftolRel: 1e-15, maxEvaluations: maxEvaluations)
        var outcome = opt.minimize(start: start, objective)
        // Boundary check (as MixedModels.jl): small diagonal theta values are tried at zero.
        var theta = outcome.x
        for (i, lo) in lower.enumerated() where lo == 0 && theta[i] > 0 && theta[i] < 1e-3 {
            var t = theta
            t[i] = 0
            let v = objective(t)
            if v <= outcome.value + 1e-9 { theta = t; outcome.value = Swift.min(v, outcome.value) }
        }
        let dev = objective(theta)
        guard dev.isFinite else { throw MixedModelError.numerical("the deviance is not finite at the optimum") }
        // Results at the optimum.
        let r = sys.rxElement(p, p)
        let pwrss = r * r
        let sigma2 = pwrss / dof
        let sigma = sigma2.squareRoot()
        let beta = sys.solveBeta(p: p)
        var u = [Double](repeating: 0, count: structure.q)
        u.withUnsafeMutableBufferPointer { sys.solveU(beta: beta, into: $0.baseAddress!) }
        var cov = sys.unscaledCovarianceOfBeta(p: p)
        for i in cov.indices { cov[i] *= sigma2 }
        let (comps, cors) = MixedResultsAssembly.varianceComponents(structure, theta: theta, sigma: sigma)
        let modes = u.withUnsafeBufferPointer { MixedResultsAssembly.conditionalModes(sys, u: $0.baseAddress!, sigma: sigma) }
        var eta = X * beta
        if let off = frame.offset { for i in 0..<n { eta[i] += off[i] } }
        eta.withUnsafeMutableBufferPointer { e in sys.addZb(modes.map(\.modes), to: e.baseAddress!) }
        let nPar = p + structure.thetaCount + 1
        let logLik = -dev / 2
        var warnings = MixedResultsAssembly.singularWarnings(structure, theta: theta)
        if outcome.hitEvaluationLimit {
            warnings.append("the optimizer stopped at its evaluation limit (\(maxEvaluations)); the estimates may not be optimal — "
                            + "raise maxEvaluations or simplify the random-effects structure")
        }
        if outcome.failed { warnings.append("the optimizer reported failure (NLopt code \(outcome.code)); results may be unreliable") }
        var result = MixedModelFit(
            model: "lmm", family: .gaussian, link: .identity, method: reml ? "reml" : "ml", nAGQ: 0, nObs: n,
            groups: MixedResultsAssembly.groupSummaries(structure, components: comps, residual: sigma2, logit: false),
            coefficients: MixedResultsAssembly.coefficients(names: frame.fixed.columnNames, beta: beta, covariance: cov,
                                                            pValues: false),
            statisticKind: .t, covariance: Matrix(rows: p, columns: p, columnMajor: cov),
            randomEffects: comps + [VarianceComponent(group: "Residual", term: "", variance: sigma2, sd: sigma)],
            randomCorrelations: cors, residualSD: sigma, theta: theta, logLikelihood: logLik, deviance: dev,
            remlCriterion: reml ? dev : nil, aic: dev + 2 * Double(nPar), bic: dev + log(nEff) * Double(nPar), df: nPar,
            conditionalModes: modes, fitted: eta, linearPredictor: eta, converged: !outcome.failed && !outcome.hitEvaluationLimit,
            warnings: warnings,
            optimizer: OptimizerSummary(optimizer: "bobyqa", evaluations: [outcome.evaluations], returnCodes: [outcome.code],
                                        objective: dev),
            fixedNames: frame.fixed.columnNames, standardErrorMethod: "exact")
        result.nDropped = frame.nDropped
        return result
    }
}
