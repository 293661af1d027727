import Linalg
import Formula
#if canImport(Glibc)
import Glibc
#endif

extension GLM {
    /// Fits the model to a model frame (see `GLMData(frame:)` for the errors about mixed and survival formulas).
    public func fit(_ frame: ModelFrame, formula: String? = nil) throws -> GLMFit {
        try fit(GLMData(frame: frame, formula: formula))
    }

    /// Fits the model by IRLS as R's `glm.fit` does and returns the result value.
    ///
    /// Throws `GLMError` for invalid input (response outside the family's range, a constant response,
    /// negative weights, non-finite covariates or offsets) and for numerical failures. Non-convergence,
    /// separation and aliased columns are not errors: they are reported in `GLMFit.warnings`.
    public func fit(_ data: GLMData) throws -> GLMFit {
        let n = data.response.count
        let p = data.x.columns
        guard n > 0 else { throw GLMError.noObservations }
        guard data.x.rows == n else {
            throw GLMError.dimensionMismatch("the model matrix has \(data.x.rows) rows, the response \(n)")
        }
        guard data.columnNames.count == p else {
            throw GLMError.dimensionMismatch("\(data.columnNames.count) column names for \(p) model-matrix columns")
        }
        let caseWeights = data.weights ?? [Double](repeating: 1, count: n)
        guard caseWeights.count == n else { throw GLMError.dimensionMismatch("\(caseWeights.count) weights for \(n) rows") }
        for (i, w) in caseWeights.enumerated() where !w.isFinite || w < 0 {
            throw GLMError.invalidWeight(row: i + 1, value: w)
        }
        if let off = data.offset {
            guard off.count == n else { throw GLMError.dimensionMismatch("\(off.count) offset values for \(n) rows") }
            for (i, o) in off.enumerated() where !o.isFinite { throw GLMError.invalidOffset(row: i + 1, value: o) }
        }
        if let bad = data.x.storage.firstIndex(where: { !$0.isFinite }) {
            throw GLMError.invalidDesign(row: bad % n + 1, column: data.columnNames[bad / n], value: data.x.storage[bad])
        }
        let prepared = try GLMPreparedResponse(response: data.response, caseWeights: caseWeights, family: family,
                                               link: link, name: data.responseName)
        let weights = prepared.weights
        var warnings = prepared.warnings

        // Fast path: IRLS on all columns, with the first iteration certifying (from X'W0X, which it
        // computes anyway) that no column would be aliased and the normal equations are safe.
        var workspace = Matrix(rows: 0, columns: 0)
        var kept = Array(0..<p)
        var out: IRLS.Outcome
        do {
            guard p <= n else { throw IRLS.IllConditioned() }
            let irls = IRLS(x: data.x, y: prepared.y, weights: weights, offset: data.offset, family: family, link: link,
                            epsilon: epsilon, maxIterations: maxIterations, certifyConditioning: true)
            out = try irls.run(mustart: prepared.mustart, workspace: &workspace)
        } catch is IRLS.IllConditioned {
            // Careful path: dqrdc2's rank decision on sqrt(W0) X at the starting weights (R's first
            // iteration), then IRLS on the estimable columns with a QR solve per step, as R.
            var w0 = [Double](repeating: 0, count: n)
            for i in 0..<n where weights[i] > 0 {
                let eta = link.link(prepared.mustart[i])
                let (mu, d) = link.inverseAndDerivative(eta)
                w0[i] = (weights[i] * d * d / family.variance(mu)).squareRoot()
            }
            var weighted = Matrix(rows: n, columns: p)
            data.x.storage.withUnsafeBufferPointer { xs in
                weighted.storage.withUnsafeMutableBufferPointer { a in
                    for j in 0..<p { for i in 0..<n { a[i + j * n] = xs[i + j * n] * w0[i] } }
                }
            }
            let qr: QRDecomposition
            do {
                qr = try QRDecomposition(weighted, tolerance: rankTolerance)
            } catch {
                throw GLMError.numerical("QR decomposition of the weighted model matrix failed: \(error)")
            }
            kept = qr.pivot[0..<qr.rank].sorted()
            let aliasedColumns = qr.pivot[qr.rank...].sorted()
            let xk = kept.count == p ? data.x : data.x.selectingColumns(kept)
            if !aliasedColumns.isEmpty {
                let names = aliasedColumns.map { data.columnNames[$0] }
                warnings.append("\(names.count) coefficient\(names.count == 1 ? "" : "s") not defined because of singularities: \(names.joined(separator: ", ")) (linearly dependent on the other columns; reported as NA)")
            }
            let irls = IRLS(x: xk, y: prepared.y, weights: weights, offset: data.offset, family: family, link: link,
                            epsilon: epsilon, maxIterations: maxIterations, useQR: true)
            out = try irls.run(mustart: prepared.mustart, workspace: &workspace)
        }
        let k = kept.count
        warnings.append(contentsOf: out.warnings)
        if !out.converged {
            warnings.append("IRLS did not converge in \(out.iterations) iteration\(out.iterations == 1 ? "" : "s") (relative deviance change still above \(epsilon)); the estimates are not reliable")
        }
        if out.boundary { warnings.append("the algorithm stopped at a boundary value (step halving)") }

        // Counts and degrees of freedom.
        let nZeroWeight = weights.filter { $0 == 0 }.count
        let nOK = n - nZeroWeight
        let dfResidual = nOK - k
        let dfNull = nOK - (data.hasIntercept ? 1 : 0)

        // Null deviance.
        var nullDeviance: Double
        if data.hasIntercept, let off = data.offset {
            // R's glm refits the intercept-only model with the offset, starting from the full fit's means.
            let ones = Matrix(rows: n, columns: 1, repeating: 1)
            let nullIRLS = IRLS(x: ones, y: prepared.y, weights: weights, offset: off, family: family, link: link,
                                epsilon: epsilon, maxIterations: maxIterations)
            var ws = Matrix(rows: 0, columns: 0)
            let nullOut = try nullIRLS.run(mustart: out.mu, workspace: &ws)
            if !nullOut.converged { warnings.append("the null model (intercept and offset) did not converge; the null deviance is unreliable") }
            nullDeviance = nullOut.deviance
        } else if data.hasIntercept {
            var sw = 0.0, swy = 0.0
            for i in 0..<n { sw += weights[i]; swy += weights[i] * prepared.y[i] }
            let wtdmu = swy / sw
            nullDeviance = 0
            for i in 0..<n { nullDeviance += family.unitDeviance(y: prepared.y[i], mu: wtdmu, weight: weights[i]) }
        } else {
            nullDeviance = 0
            for i in 0..<n {
                let mu0 = link.inverse(data.offset?[i] ?? 0)
                nullDeviance += family.unitDeviance(y: prepared.y[i], mu: mu0, weight: weights[i])
            }
        }

        // Dispersion: Pearson chi-square of the working residuals / residual df (Gaussian), 1 otherwise.
        var dispersion = 1.0
        if family.estimatesDispersion {
            if dfResidual > 0 {
                var s = 0.0
                for i in 0..<n where out.workingWeights[i] > 0 {
                    let r = (prepared.y[i] - out.mu[i]) / link.muEta(out.eta[i])
                    s += out.workingWeights[i] * r * r
                }
                dispersion = s / Double(dfResidual)
            } else {
                dispersion = .nan
            }
        }

        // Covariance: (X'WX)^-1 * dispersion, expanded to p x p with NaN for aliased columns.
        let unscaled = inverseFromCholeskyFactor(out.factor)
        var covariance = Matrix(rows: p, columns: p, repeating: .nan)
        for (a, i) in kept.enumerated() { for (b, j) in kept.enumerated() { covariance[i, j] = unscaled[a, b] * dispersion } }
        var estimates = [Double](repeating: .nan, count: p)
        var aliased = [Bool](repeating: true, count: p)
        for (a, j) in kept.enumerated() { estimates[j] = out.beta[a]; aliased[j] = false }

        // Log-likelihood and information criteria (R's family$aic).
        let aicFamily = familyAIC(y: prepared.y, trials: prepared.trials, mu: out.mu, weights: weights, deviance: out.deviance)
        let aic = aicFamily + 2 * Double(k)
        let llDF = k + (family.estimatesDispersion ? 1 : 0)
        let logLik = Double(llDF) - aic / 2
        let bic = -2 * logLik + Glibc.log(Double(n)) * Double(llDF)

        // Coefficient table.
        let kind: StatisticKind = family.estimatesDispersion ? .t : .z
        let level = 0.95
        let quantile = kind == .t ? Rmath.qt(1 - (1 - level) / 2, df: Double(dfResidual)) : Rmath.qnorm(1 - (1 - level) / 2)
        var table: [Coefficient] = []
        for j in 0..<p {
            if aliased[j] {
                table.append(Coefficient(term: data.columnNames[j], estimate: .nan, stdError: .nan, statistic: .nan,
                                         pValue: .nan, confLow: .nan, confHigh: .nan))
                continue
            }
            let est = estimates[j]
            let se = covariance[j, j].squareRoot()
            let stat = est / se
            let pValue: Double
            if kind == .t {
                pValue = dfResidual > 0 ? Rmath.twoSidedT(stat, df: Double(dfResidual)) : .nan
            } else {
                pValue = Rmath.twoSidedZ(stat)
            }
            table.append(Coefficient(term: data.columnNames[j], estimate: est, stdError: se, statistic: stat,
                                     pValue: pValue, confLow: est - quantile * se, confHigh: est + quantile * se))
        }

        // Separation and boundary fits.
        warnings.append(contentsOf: separationWarnings(mu: out.mu, weights: weights, beta: out.beta,
                                                       previous: out.previousBeta,
                                                       names: kept.map { data.columnNames[$0] }))

        return GLMFit(model: self, formula: data.formula, responseName: data.responseName, columnNames: data.columnNames,
                      estimates: estimates, aliased: aliased, covariance: covariance, dispersion: dispersion,
                      coefficients: table, statisticKind: kind, confidenceLevel: level, deviance: out.deviance,
                      nullDeviance: nullDeviance, logLikelihood: logLik, logLikelihoodDF: llDF, aic: aic, bic: bic,
                      dfResidual: dfResidual, dfNull: dfNull, rank: k, nObs: n, nDropped: data.nDropped,
                      iterations: out.iterations, converged: out.converged, boundary: out.boundary,
                      warnings: warnings, response: prepared.y, priorWeights: weights,
                      workingWeights: out.workingWeights, fittedValues: out.mu, linearPredictor: out.eta,
                      offset: data.offset)
    }

    /// A cheap certificate, from the upper triangle of `gram = A'A` (p x p), that LINPACK's `dqrdc2` would
    /// keep every column of `A` *and* that the
    /// normal equations are accurate enough, so that the QR can be skipped and each IRLS step solved
    /// through the Cholesky factor of `X'WX`. The Cholesky factor of the correlation-scaled Gram matrix
    /// `D^-1/2 A'A D^-1/2` has squared pivots equal to the squared relative residual norms `dqrdc2`
    /// compares with `tol^2` (1e-22 for glm). When every computed squared pivot is at least 1e-8 — far
    /// above that threshold and above the Gram matrix's rounding error (~1e-16) — no column can be
    /// aliased, and the squared scaled condition number stays below ~1e8, so the normal equations keep
    /// about 8 correct digits. Otherwise (near-collinear designs) the QR decides the rank exactly as R,
    /// and IRLS solves by QR too.
    static func wellConditioned(gram g: Matrix) -> Bool {
        let p = g.columns
        guard p > 0 else { return true }
        var gram = g
        var scale = [Double](repeating: 0, count: p)
        for j in 0..<p {
            guard gram[j, j] > 0, gram[j, j].isFinite else { return false }
            scale[j] = 1 / gram[j, j].squareRoot()
        }
        for j in 0..<p { for i in 0...j { gram[i, j] *= scale[i] * scale[j] } }
        do { try Cholesky.factorInPlace(&gram) } catch { return false }
        for j in 0..<p where !(gram[j, j] * gram[j, j] >= 1e-8) { return false }
        return true
    }

    /// `wellConditioned(gram:)` of `a'a`.
    static func clearlyFullRank(_ a: Matrix) -> Bool {
        var gram = Matrix(rows: a.columns, columns: a.columns)
        BLAS.syrk(a, transpose: true, into: &gram)
        return a.rows >= a.columns && wellConditioned(gram: gram)
    }

    /// R's `family$aic(y, n, mu, wt, dev)`: minus twice the log-likelihood, up to R's conventions.
    func familyAIC(y: [Double], trials: [Double], mu: [Double], weights: [Double], deviance: Double) -> Double {
        let n = y.count
        switch family {
        case .gaussian:
            var sumLogW = 0.0
            for w in weights { sumLogW += Glibc.log(w) }
            let nobs = Double(n)
            return nobs * (Glibc.log(2 * Double.pi * deviance / nobs) + 1) + 2 - sumLogW
        case .binomial:
            let useTrials = trials.contains { $0 > 1 }
            var s = 0.0
            for i in 0..<n {
                let m = useTrials ? trials[i] : weights[i]
                guard m > 0 else { continue }
                s += (weights[i] / m) * Rmath.logDbinom((m * y[i]).rounded(), size: m.rounded(), prob: mu[i])
            }
            return -2 * s
        case .poisson:
            var s = 0.0
            for i in 0..<n {
                if y[i] != y[i].rounded() { return .nan }
                s += Rmath.logDpois(y[i], lambda: mu[i]) * weights[i]
            }
            return -2 * s
        }
    }

    /// R's "fitted probabilities numerically 0 or 1" / "fitted rates numerically 0" checks, made specific:
    /// the terms whose estimates were still moving at the last iteration (as coefficients do under
    /// complete or quasi-complete separation) are named.
    func separationWarnings(mu: [Double], weights: [Double], beta: [Double], previous: [Double]?, names: [String]) -> [String] {
        let eps = 10 * Double.ulpOfOne
        var extreme = 0
        switch family {
        case .binomial:
            for i in mu.indices where weights[i] > 0 && (mu[i] > 1 - eps || mu[i] < eps) { extreme += 1 }
        case .poisson:
            for i in mu.indices where weights[i] > 0 && mu[i] < eps { extreme += 1 }
        case .gaussian:
            return []
        }
        guard extreme > 0 else { return [] }
        var diverging: [String] = []
        if let prev = previous {
            for j in beta.indices where Swift.abs(beta[j] - prev[j]) > 1e-3 * Swift.max(1, Swift.abs(beta[j])) {
                diverging.append(names[j])
            }
        }
        let what = family == .binomial ? "fitted probabilities numerically 0 or 1 occurred" : "fitted rates numerically 0 occurred"
        var msg = "\(what) (\(extreme) observation\(extreme == 1 ? "" : "s"))"
        if !diverging.isEmpty {
            msg += ": complete or quasi-complete separation; the estimates of \(diverging.joined(separator: ", ")) are diverging (still changing at the last iteration) and their standard errors are meaningless. Remove or combine the separating terms, or use a penalized (Firth) fit"
        } else {
            msg += "; check for extreme covariate values or separation"
        }
        return [msg]
    }
}

/// `A^-1 = U^-1 U^-T` from the upper Cholesky factor `U` of `A` (two BLAS calls; k x k, small).
func inverseFromCholeskyFactor(_ u: Matrix) -> Matrix {
    let k = u.rows
    var uinv = Matrix.identity(k)
    BLAS.trsm(u, upper: true, &uinv)
    var inv = Matrix(rows: k, columns: k)
    BLAS.gemm(uinv, uinv, transposeB: true, into: &inv)
    return inv
}
