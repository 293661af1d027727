import Foundation
import Linalg

extension CoxFrailty {
    /// Builds the model value from the final inner fit: variance `C` = coefficient block of the
    /// inverse penalized information (frailty block diagonal), R's `var2`, and effective degrees
    /// of freedom (`trace(C⁻¹ var2)` per coefficient, `q - Σ_j [H⁻¹]_jj nu e^b_j` for the frailty).
    static func assemble(_ fit: Inner, rs: CoxRiskSets, data: SurvivalData, names: [String], group: GroupCodes,
                         distribution: Distribution, strata: GroupCodes?, theta: Double, loglik0: Double, history: [HistoryRow],
                         nextTheta: Double, searchDone: Bool, outerIterations: Int, innerIterations: Int, nDropped: Int,
                         warnings: [String], options: Options) throws -> Fit {
        let pc = fit.pieces
        let q = pc.frailtyDiagonal.count
        let p = pc.scoreBeta.count
        var schur = pc.info
        for j in 0..<q {
            let dj = pc.frailtyDiagonal[j]
            guard dj > 0 else { continue }
            for c in 0..<p { for d in 0..<p { schur[c, d] -= pc.cross[c, j] * pc.cross[d, j] / dj } }
        }
        let factor = SymmetricFactor(schur)
        let cmat = factor.inverse()
        // Frailty-coefficient block of H^-1: row j = -(B[:, j] / D_j)' C; diagonal of the frailty block.
        let pen1: [Double]
        if theta == 0 {
            pen1 = [Double](repeating: 0, count: q)
        } else if distribution == .gaussian {
            pen1 = [Double](repeating: 1 / theta, count: q)
        } else {
            pen1 = fit.b.map { exp($0) / theta }
        }
        var var2 = cmat
        var aDiagPen = 0.0
        var row = [Double](repeating: 0, count: p)
        for j in 0..<q {
            let dj = pc.frailtyDiagonal[j]
            guard dj > 0 else { continue }
            for c in 0..<p {
                var s = 0.0
                for d in 0..<p { s += pc.cross[d, j] / dj * cmat[d, c] }
                row[c] = -s
            }
            var quad = 0.0
            for c in 0..<p { quad -= row[c] * pc.cross[c, j] / dj }
            aDiagPen += (1 / dj + quad) * pen1[j]
            for c in 0..<p { for d in 0..<p { var2[c, d] -= pen1[j] * row[c] * row[d] } }
        }
        var dfs: [Double] = []
        for c in 0..<p { dfs.append(cmat[c, c] > 0 ? var2[c, c] / cmat[c, c] : 0) }
        let dfFrailty = theta == 0 ? 0 : Double(q) - aDiagPen
        dfs.append(dfFrailty)
        let dfTotal = dfs.reduce(0, +)
        let z = SurvivalProbability.normalQuantile(1 - (1 - options.cox.confLevel) / 2)
        var coefs: [Coefficient] = [], hrs: [HazardRatio] = [], se2: [Double] = []
        for c in 0..<p {
            let aliased = factor.aliasedFlags[c]
            let est = aliased ? Double.nan : fit.beta[c]
            let se = aliased ? Double.nan : cmat[c, c].squareRoot()
            se2.append(aliased ? .nan : var2[c, c].squareRoot())
            let stat = est / se
            coefs.append(Coefficient(term: names[c], estimate: est, stdError: se, statistic: stat,
                                     pValue: SurvivalProbability.normalTwoSided(stat),
                                     confLow: est - z * se, confHigh: est + z * se))
            hrs.append(HazardRatio(term: names[c], ratio: exp(est), confLow: exp(est - z * se), confHigh: exp(est + z * se)))
        }
        // Wald test with the reported variance C (R's coxph.wtest(var, coef)): beta' C^-1 beta.
        let vb = SymmetricFactor(cmat).solve(fit.beta)
        var wald = 0.0
        for c in 0..<p { wald += vb[c] * fit.beta[c] }
        var nEvents = 0
        for i in 0..<data.count where data.status[i] != 0 { nEvents += 1 }
        let last = history.last
        let model = CoxModel(
            coefficients: coefs, hazardRatios: hrs, naiveStdErrors: coefs.map(\.stdError), variance: cmat,
            naiveVariance: cmat, robust: false, clusters: nil, loglik: fit.loglik, loglikNull: loglik0,
            likelihoodRatioTest: ChiSquareTest(statistic: 2 * (fit.loglik - loglik0), df: dfTotal),
            waldTest: ChiSquareTest(statistic: wald, df: Double(p)),
            scoreTest: ChiSquareTest(statistic: .nan, df: Double(p)), robustScoreTest: nil,
            ties: options.cox.ties, nObs: data.count, nDropped: nDropped, nEvents: nEvents,
            iterations: innerIterations, converged: fit.converged, means: rs.means,
            strata: strata.map { s in (0..<s.levels.count).map { s.label($0) } } ?? [],
            warnings: warnings, confLevel: options.cox.confLevel,
            frailty: FrailtySummary(group: group.name, distribution: distribution.rawValue, variance: theta, groups: q,
                                    integratedLoglik: last?.integratedLoglik, df: dfFrailty, nextVariance: nextTheta,
                                    searchConverged: searchDone))
        return Fit(model: model, frailties: fit.b, stdErrors2: se2, degreesOfFreedom: dfs, nextTheta: nextTheta,
                   history: history)
    }
}
