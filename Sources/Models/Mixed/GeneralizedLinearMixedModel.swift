import Formula
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// A generalized linear mixed model (binomial: logit, probit, cloglog; Poisson: log, with offset and prior
/// weights), fitted as `lme4::glmer` does: the Laplace approximation (nAGQ = 1) through PIRLS, or adaptive
/// Gauss-Hermite quadrature (nAGQ up to 25) for a single scalar random-effects term, or with the fixed
/// effects inside PIRLS (nAGQ = 0). The nAGQ = 0 fit always runs first and warm-starts the full fit. With one
/// random-effects term (pupils in schools, scalar or vector) the Laplace fit's second stage is a Newton/BFGS search
/// over (theta, beta) jointly driven by the exact gradient of the Laplace deviance (`LaplaceGradient.swift`) — the same
/// optimum as lme4's nAGQ = 1 in a few dozen evaluations instead of hundreds; other models use BOBYQA, as does any
/// Newton search that does not converge (from its best point).
///
/// The Laplace deviance follows lme4's convention (IRLS/Fisher weights in log det L), which coincides with the
/// exact-Hessian Laplace approximation for canonical links (logit, log) but not for probit and cloglog.
public struct GeneralizedLinearMixedModel: Sendable {
    /// Distribution.
    public var family: Family
    /// Link (the family's canonical link by default).
    public var link: Link
    /// Quadrature points: 0 (fixed effects in PIRLS), 1 (Laplace) or up to 25 (AGQ, one scalar term only).
    public var nAGQ: Int
    /// Standard errors from the finite-difference Hessian of the deviance in (theta, beta) (`true`, lme4's default,
    /// which also enables the scaled-gradient convergence check), or from the PIRLS information at the conditional
    /// modes (`false`, lme4's `vcov(fit, use.hessian = FALSE)`). `nil` (the default) uses the Hessian up to
    /// `hessianObservationLimit` observations — above it the two agree closely and the 2 (p + nTheta)^2 extra
    /// deviance evaluations would dominate the fit, and lme4 skips its derivative checks there as well.
    public var hessianStandardErrors: Bool?
    /// Observation count above which `hessianStandardErrors == nil` means PIRLS-information SEs.
    public static let hessianObservationLimit = 50_000
    /// Maximum deviance evaluations per optimizer stage.
    public var maxEvaluations: Int

    /// Creates a specification.
    public init(family: Family, link: Link? = nil, nAGQ: Int = 1, hessianStandardErrors: Bool? = nil,
                maxEvaluations: Int = 100_000) {
        self.family = family
        self.link = link ?? family.canonicalLink
        self.nAGQ = nAGQ
        self.hessianStandardErrors = hessianStandardErrors
        self.maxEvaluations = maxEvaluations
    }

    /// Fits the model.
    public func fit(_ frame: ModelFrame) throws -> MixedModelFit {
        guard family != .gaussian else {
            throw MixedModelError.unsupported("use LinearMixedModel for a Gaussian response with the identity link")
        }
        guard family.allowedLinks.contains(link), link != .identity, !(family == .binomial && link == .log) else {
            throw MixedModelError.unsupported("the \(link.rawValue) link is not available for a \(family.rawValue) mixed model")
        }
        guard (0...25).contains(nAGQ) else {
            throw MixedModelError.unsupported("nAGQ must be between 0 and 25 (got \(nAGQ))")
        }
        let n = frame.nObs
        let X = frame.fixed.matrix
        let p = X.columns
        guard X.rows == n else { throw MixedModelError.badDesign("X has \(X.rows) rows, expected \(n)") }
        guard X.storage.allSatisfy(\.isFinite) else { throw MixedModelError.badDesign("X has non-finite values") }
        if let o = frame.offset, o.count != n || !o.allSatisfy(\.isFinite) {
            throw MixedModelError.badDesign("the offset must be finite, one value per row")
        }
        let structure = try RandomEffectsStructure(frame.randomTerms, nObs: n)
        try FixedEffectsRank.require(frame.fixed)
        if nAGQ > 1 && (structure.terms.count != 1 || structure.terms[0].k != 1) {
            throw MixedModelError.unsupported(
                "nAGQ > 1 is only available for a model with a single scalar random-effects term such as (1 | school); "
                + "use nAGQ = 1 (Laplace) for this model")
        }
        let resp = try GLMMResponse(frame.response, weights: frame.weights, n: n, family: family)
        let engine = GLMMEngine(resp: resp, x: X.storage, p: p, offset: frame.offset, structure: structure, link: link)
        let nTheta = structure.thetaCount
        let lowerTheta = structure.lowerBounds
        var warnings: [String] = []
        var optimizerConverged = true

        // Stage 1: theta only, beta inside PIRLS (nAGQ = 0). Start beta from the GLM (theta = 0 is a GLM fit).
        let stage1: ([Double]) -> Double = { theta in
            engine.sysFull.setTheta(theta)
            let saveU = engine.u, saveB = engine.beta
            do { return try engine.pirlsJoint() } catch {
                engine.u = saveU; engine.beta = saveB
                return .infinity
            }
        }
        let start = structure.start
        // When stage 2 follows, stage 1 is only a warm start and stops at a looser tolerance.
        let finalStage = nAGQ == 0
        let useGradient = nAGQ == 1 && engine.hasLaplaceGradient
        let opt1 = BOBYQA(lower: lowerTheta, upper: [Double](repeating: .infinity, count: nTheta),
                          initialStep: start.map { $0 == 0 ? 0.1 : 0.25 },
                          xtolAbs: finalStage ? 1e-8 : (useGradient ? Tuning.stage1XtolNewton : Tuning.stage1Xtol),
                          ftolAbs: finalStage ? 1e-10 : 0,
                          ftolRel: finalStage ? 1e-12 : (useGradient ? Tuning.stage1FtolNewton : Tuning.stage1Ftol),
                          maxEvaluations: maxEvaluations)
        // A first PIRLS at the start theta initializes beta (from 0) and u.
        guard stage1(start).isFinite else {
            throw MixedModelError.pirlsFailed("the first PIRLS fit at the starting values failed")
        }
        let out1 = opt1.minimize(start: start, stage1)
        var theta = out1.x
        guard stage1(theta).isFinite else { throw MixedModelError.pirlsFailed("PIRLS failed at the nAGQ = 0 optimum") }
        var beta = engine.beta
        var objectiveValue = out1.value
        var evaluations = [out1.evaluations], codes = [out1.code]
        // Scale for beta steps: SEs at the stage-1 optimum.
        let unscaled = engine.sysFull.unscaledCovarianceOfBeta(p: p)
        let betaScale = (0..<p).map { Swift.max(unscaled[$0 + $0 * p].squareRoot(), 1e-6) }

        var pars = theta + beta
        let nodesWeights = try GaussHermite.rule(Swift.max(nAGQ, 1))
        let agq = nAGQ
        let stage2: ([Double]) -> Double = { par in
            engine.sysU.setTheta(Array(par[0..<nTheta]))
            engine.setFixed(Array(par[nTheta...]))
            let saveU = engine.u
            do {
                let lap = try engine.pirlsU()
                return agq > 1 ? engine.agqDeviance(nodes: nodesWeights.nodes, weights: nodesWeights.weights) : lap
            } catch {
                engine.u = saveU
                return .infinity
            }
        }
        // Stage 2 with the analytic gradient of the Laplace deviance (one random-effects term).
        let stage2Gradient: ([Double]) -> (value: Double, gradient: [Double])? = { par in
            engine.sysU.setTheta(Array(par[0..<nTheta]))
            engine.setFixed(Array(par[nTheta...]))
            let saveU = engine.u
            do {
                let lap = try engine.pirlsU()
                if let g = engine.laplaceGradient() { return (lap, g) }
            } catch {}
            engine.u = saveU
            return nil
        }
        var optimizerName = "bobyqa"
        if nAGQ >= 1 {
            let lower = lowerTheta + [Double](repeating: -.infinity, count: p)
            // Stop when every coordinate is known to a tiny fraction of its scale (theta: absolute 1e-7; beta: 1e-5
            // standard errors): the deviance is then within ~1e-10 of its minimum, about the size of its rounding
            // noise on large data, where tighter tolerances only make the optimizer wander in that noise.
            // Small data (up to `hessianObservationLimit` rows) get 100 times tighter tolerances: cheap there, and
            // coefficients near zero then match lme4's to 1e-4 relative.
            let tight = n <= GeneralizedLinearMixedModel.hessianObservationLimit ? 0.01 : 1
            let xtol = theta.map { _ in Tuning.thetaXtol * tight } + betaScale.map { $0 * Tuning.betaXtolSE * tight }
            var bobyqaStart = pars
            var usedEvaluations = 0
            var done = false
            if useGradient {
                var gm = GradientMinimizer(
                    lower: lower,
                    hessianSteps: theta.map { _ in NumericalDerivatives.thetaStep } + betaScale.map { $0 * NumericalDerivatives.betaStep },
                    xtol: xtol, maxEvaluations: maxEvaluations)
                // The beta block of the Hessian starts as the PIRLS information at the stage-1 optimum, 2 RX'RX
                // (what remains is the curvature of the log-determinant, which BFGS picks up); only the theta
                // columns are differenced.
                if let info = NumericalDerivatives.inverseSymmetric(unscaled, dimension: p) {
                    let d = nTheta + p
                    var h0 = [Double](repeating: 0, count: d * d)
                    for j in 0..<p { for i in 0..<p { h0[(nTheta + i) + (nTheta + j) * d] = 2 * info[i + j * p] } }
                    gm.initialHessian = h0
                    gm.differencedColumns = nTheta
                }
                let out = gm.minimize(start: pars, stage2Gradient)
                usedEvaluations = out.evaluations
                optimizerName = "newton"
                if out.converged {
                    pars = out.x
                    objectiveValue = out.value
                    evaluations.append(out.evaluations); codes.append(1)
                    done = true
                } else {
                    // Fall back to the derivative-free search from the best point found.
                    if out.value.isFinite { bobyqaStart = out.x }
                    optimizerName = "newton+bobyqa"
                }
            }
            if !done {
                let steps = theta.map { Swift.max(Tuning.thetaStepFrac * Swift.abs($0), Tuning.thetaStepMin) } + betaScale.map { $0 * Tuning.betaStepFrac }
                var opt2 = BOBYQA(lower: lower, upper: [Double](repeating: .infinity, count: nTheta + p), initialStep: steps,
                                  xtolAbs: 1e-10, ftolAbs: 1e-13, ftolRel: 1e-15, maxEvaluations: maxEvaluations)
                opt2.xtolPerCoordinate = xtol
                let out2 = opt2.minimize(start: bobyqaStart, stage2)
                pars = out2.x
                objectiveValue = out2.value
                evaluations.append(out2.evaluations + usedEvaluations); codes.append(out2.code)
                if out2.hitEvaluationLimit || out2.failed { optimizerConverged = false }
                if out2.hitEvaluationLimit {
                    warnings.append("the optimizer stopped at its evaluation limit (\(maxEvaluations)); estimates may not be optimal — "
                                    + "raise maxEvaluations, rescale predictors, or simplify the random effects")
                }
                if out2.failed { warnings.append("the optimizer reported failure (NLopt code \(out2.code)); results may be unreliable") }
            }
            theta = Array(pars[0..<nTheta])
            beta = Array(pars[nTheta...])
            let v = stage2(pars)
            guard v.isFinite else { throw MixedModelError.pirlsFailed("PIRLS failed at the optimum") }
            objectiveValue = v
        } else {
            engine.sysU.setTheta(theta)
            engine.setFixed(beta)
            _ = try engine.pirlsU()
        }
        if nAGQ == 0 && out1.failed {
            optimizerConverged = false
            warnings.append("the optimizer reported failure (NLopt code \(out1.code)); results may be unreliable")
        }
        if out1.hitEvaluationLimit {
            if nAGQ == 0 { optimizerConverged = false }
            warnings.append("the first-stage optimizer stopped at its evaluation limit (\(maxEvaluations))")
        }
        warnings += MixedResultsAssembly.singularWarnings(structure, theta: theta)

        // Results at the optimum: u and sysU are at (theta, beta).
        let modes = engine.u.withUnsafeBufferPointer { MixedResultsAssembly.conditionalModes(engine.sysU, u: $0.baseAddress!, sigma: 1) }
        let fitted = Array(UnsafeBufferPointer(start: engine.mu.p, count: n))
        let linpred = Array(UnsafeBufferPointer(start: engine.eta.p, count: n))
        // PIRLS-information covariance of beta (lme4's use.hessian = FALSE).
        engine.sysFull.setTheta(theta)
        engine.beta = beta
        try engine.factorFullAtCurrent()
        var cov = engine.sysFull.unscaledCovarianceOfBeta(p: p)
        var seMethod = "pirls"
        let useHessian = hessianStandardErrors ?? (n <= GeneralizedLinearMixedModel.hessianObservationLimit)
        if useHessian && nAGQ >= 1 {
            let hSteps = theta.map { _ in NumericalDerivatives.thetaStep } + betaScale.map { $0 * NumericalDerivatives.betaStep }
            let hLower = lowerTheta + [Double](repeating: -.infinity, count: p)
            var h: (gradient: [Double], hessian: [Double])
            if useGradient, let g0 = stage2Gradient(theta + beta)?.gradient,
               let hg = GradientMinimizer.centralHessian(at: theta + beta, gradient: g0, steps: hSteps, lower: hLower,
                                                         { stage2Gradient($0)?.gradient }) {
                h = (g0, hg)
            } else {
                h = NumericalDerivatives.hessian(of: stage2, at: theta + beta, steps: hSteps, lower: hLower)
            }
            if let inv = NumericalDerivatives.inverseSymmetric(h.hessian, dimension: nTheta + p) {
                let d = nTheta + p
                var c = [Double](repeating: 0, count: p * p)
                var ok = true
                for j in 0..<p { for i in 0..<p {
                    c[i + j * p] = 2 * inv[(nTheta + i) + (nTheta + j) * d]
                    if i == j && !(c[i + j * p] > 0) { ok = false }
                } }
                if ok { cov = c; seMethod = "hessian" }
            }
            if seMethod != "hessian" {
                warnings.append("the Hessian of the deviance is not positive definite at the optimum, so standard errors come "
                                + "from the PIRLS information instead; the model may be overparameterized (simplify the random effects)")
            }
            if let g = NumericalDerivatives.scaledGradientMax(h.gradient, h.hessian, dimension: nTheta + p), g > 1e-3 {
                warnings.append("the deviance gradient is not small at the optimum (max scaled |grad| = \(g)); "
                                + "rescale predictors, or refit with more evaluations")
            }
            // Restore the state at the optimum (the Hessian moved it).
            _ = stage2(theta + beta)
        }
        let (comps, cors) = MixedResultsAssembly.varianceComponents(structure, theta: theta, sigma: 1)
        let latent: Double? = {
            guard family == .binomial else { return nil }
            switch link {
            case .logit: return Double.pi * Double.pi / 3
            case .probit: return 1
            case .cloglog: return Double.pi * Double.pi / 6
            default: return nil
            }
        }()
        let nPar = p + nTheta
        let dev = objectiveValue
        var result = MixedModelFit(
            model: "glmm", family: family, link: link, method: nAGQ == 0 ? "nagq0" : (nAGQ == 1 ? "laplace" : "agq"),
            nAGQ: nAGQ, nObs: n,
            groups: MixedResultsAssembly.groupSummaries(structure, components: comps, residual: latent, logit: link == .logit),
            coefficients: MixedResultsAssembly.coefficients(names: frame.fixed.columnNames, beta: beta, covariance: cov, pValues: true),
            statisticKind: .z, covariance: Matrix(rows: p, columns: p, columnMajor: cov),
            randomEffects: comps, randomCorrelations: cors, residualSD: nil, theta: theta,
            logLikelihood: -dev / 2, deviance: dev, remlCriterion: nil,
            aic: dev + 2 * Double(nPar), bic: dev + log(Double(n)) * Double(nPar), df: nPar,
            conditionalModes: modes, fitted: fitted, linearPredictor: linpred,
            converged: optimizerConverged,
            warnings: warnings,
            optimizer: OptimizerSummary(optimizer: optimizerName, evaluations: evaluations, returnCodes: codes, objective: dev),
            fixedNames: frame.fixed.columnNames, standardErrorMethod: seMethod)
        result.nDropped = frame.nDropped
        return result
    }
}

/// Optimizer settings of the two-stage GLMM fit, chosen on simulated pupils-in-schools data (100k rows, 12 fixed
/// effects): the first stage only warm-starts the second, and the second starts with small trust-region steps
/// (a few per cent of theta, 5% of a standard error for beta) because stage 1 already lands near the optimum.
enum Tuning {
    static let stage1Xtol = 1e-4
    static let stage1Ftol = 1e-8
    /// Stage 1 before the gradient-based stage 2, which converges from farther away: only a rough theta.
    static let stage1XtolNewton = 1e-2
    static let stage1FtolNewton = 1e-5
    static let thetaStepFrac = 0.02
    static let thetaStepMin = 0.01
    static let betaStepFrac = 0.05
    static let thetaXtol = 1e-7
    static let betaXtolSE = 1e-5
}
