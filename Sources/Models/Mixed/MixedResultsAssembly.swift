import Linalg
import Distributions
#if canImport(Glibc)
import Glibc
#endif

/// Builds the parts of a `MixedModelFit` shared by LMMs and GLMMs from the factor at the optimum.
enum MixedResultsAssembly {
    /// Variance components, correlations and ICC/MOR per group in lme4's `VarCorr` order.
    static func varianceComponents(_ structure: RandomEffectsStructure, theta: [Double], sigma: Double)
        -> ([VarianceComponent], [RandomCorrelation]) {
        var comps: [VarianceComponent] = []
        var cors: [RandomCorrelation] = []
        for term in structure.terms {
            let k = term.k
            let lam = term.lambda(theta)
            // Sigma_t = sigma^2 lam lam'
            var cov = [Double](repeating: 0, count: k * k)
            for i in 0..<k { for j in 0..<k {
                var s = 0.0
                for c in 0..<k { s += lam[i + c * k] * lam[j + c * k] }
                cov[i + j * k] = s * sigma * sigma
            } }
            for i in 0..<k {
                comps.append(VarianceComponent(group: term.group, term: term.columnNames[i], variance: cov[i + i * k],
                                               sd: cov[i + i * k].squareRoot()))
            }
            if term.correlated && k > 1 {
                for j in 0..<k { for i in (j + 1)..<k {
                    let d = (cov[i + i * k] * cov[j + j * k]).squareRoot()
                    cors.append(RandomCorrelation(group: term.group, term1: term.columnNames[j], term2: term.columnNames[i],
                                                  corr: d > 0 ? cov[i + j * k] / d : .nan))
                } }
            }
        }
        return (comps, cors)
    }

    /// ICC and MOR per grouping factor. `residual` is the level-1 variance (sigma^2 or the latent-scale constant);
    /// `logit` turns on the median odds ratio.
    static func groupSummaries(_ structure: RandomEffectsStructure, components: [VarianceComponent],
                               residual: Double?, logit: Bool) -> [GroupSummary] {
        let intercepts = components.filter { $0.term == "(Intercept)" }
        let total = intercepts.reduce(0) { $0 + $1.variance }
        return structure.terms.map { term in
            let v = intercepts.first { $0.group == term.group }?.variance
            var icc: Double? = nil
            if let v, let residual { icc = v / (total + residual) }
            var mor: Double? = nil
            if let v, logit { mor = exp((2 * v).squareRoot() * normalQuantile(0.75)) }
            return GroupSummary(group: term.group, levels: term.m, icc: icc, medianOddsRatio: mor)
        }
    }

    /// Conditional modes b = Λu and conditional SDs `sigma * sqrt(diag(Λ (LL')^-1_gg Λ'))`.
    static func conditionalModes(_ sys: BlockedSystem, u: UnsafePointer<Double>, sigma: Double) -> [ConditionalModes] {
        let b = sys.randomEffects(u: u)
        let cov = sys.conditionalCovarianceOfU()
        var out: [ConditionalModes] = []
        for (t, term) in sys.terms.enumerated() {
            let k = term.k
            let lam = sys.lambdas[t]
            var sds = [Double](repeating: 0, count: term.q)
            for l in 0..<term.m {
                let c = cov[t].withUnsafeBufferPointer { Array($0[(l * k * k)..<((l + 1) * k * k)]) }
                for a in 0..<k {
                    // (lam c lam')_aa
                    var s = 0.0
                    for x in 0...a { for y in 0...a { s += lam[a + x * k] * c[x + y * k] * lam[a + y * k] } }
                    sds[l * k + a] = sigma * Swift.max(s, 0).squareRoot()
                }
            }
            out.append(ConditionalModes(group: term.group, columnNames: term.columnNames, levels: term.levels,
                                        modes: b[t], conditionalSD: sds))
        }
        return out
    }

    /// Coefficient rows with Wald statistics; `pValues == false` leaves p as NaN (lme4 prints none for LMMs).
    static func coefficients(names: [String], beta: [Double], covariance: [Double], pValues: Bool) -> [Coefficient] {
        let p = beta.count
        let zq = normalQuantile(0.975)
        return (0..<p).map { j in
            let se = Swift.max(covariance[j + j * p], 0).squareRoot()
            let stat = beta[j] / se
            let pv = pValues ? 2 * normalCDF(-Swift.abs(stat)) : Double.nan
            return Coefficient(term: names[j], estimate: beta[j], stdError: se, statistic: stat, pValue: pv,
                               confLow: beta[j] - zq * se, confHigh: beta[j] + zq * se)
        }
    }

    /// Singular-fit warnings: a diagonal theta element near its bound names the term and column.
    static func singularWarnings(_ structure: RandomEffectsStructure, theta: [Double], tolerance: Double = 1e-4) -> [String] {
        var w: [String] = []
        for term in structure.terms {
            for (n, (i, j)) in term.thetaPositions.enumerated() where i == j && theta[term.thetaOffset + n] < tolerance {
                w.append("singular fit: the variance of \(term.columnNames[i]) for \(term.group) is estimated as (nearly) zero; "
                         + "simplify the random-effects structure (drop this term, or use || to drop correlations)")
            }
        }
        return w
    }
}
