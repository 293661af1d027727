import Foundation
import Linalg

/// Gray's (1988) K-sample test for equality of the cumulative incidence of one cause across groups,
/// optionally stratified (as `cmprsk::cuminc(..., group, strata)` reports it).
///
/// The score for group k compares its estimated subdistribution hazard with the pooled one:
/// `s_k = Σ_t w(t) [d1_k(t) - D1(t) R_k(t) / Σ_r R_r(t)]`, where `R_k = n_k (1 - F_k(t-)) / S_k(t-)`
/// (`S_k` the all-cause Kaplan–Meier, `F_k` the cumulative incidence of the cause in group k) and
/// `w(t) = (1 - F(t-))^rho` with `F` the pooled incidence. Its covariance is Gray's estimator, which
/// accounts for the estimated `F_k` and `S_k` through contributions of the cause-of-interest and
/// competing failures at each time. Scores and covariances are summed over strata; the statistic
/// `s' V⁻¹ s` on the first K - 1 groups is chi-square with K - 1 df. Unweighted, right-censored data.
public struct GrayTest: Sendable, Equatable, Codable {
    /// The cause tested (its state name).
    public var cause: String
    /// Group labels.
    public var groups: [String]
    /// Scores of the first K - 1 groups.
    public var scores: [Double]
    /// Covariance of the scores, (K-1) x (K-1) row-major.
    public var variance: [Double]
    /// The statistic.
    public var chiSquare: Double
    /// K - 1.
    public var df: Int
    /// Upper-tail p-value.
    public var pValue: Double
    /// Power of the weight function.
    public var rho: Double

    enum CodingKeys: String, CodingKey {
        case cause, groups, scores, variance, df, rho
        case chiSquare = "chisq", pValue = "p_value"
    }

    /// Tests equality of the cumulative incidence of `cause` (1-based state index) across `groups`.
    public static func compute(_ data: SurvivalData, cause: Int, groups: GroupCodes, strata: GroupCodes? = nil,
                               rho: Double = 0) throws -> GrayTest {
        guard let states = data.states else {
            throw SurvivalError.wrongEventKind("Gray's test needs an event with several states (competing exits)")
        }
        guard cause >= 1 && cause <= states.count else {
            throw SurvivalError.invalidOption("cause \(cause) is not one of 1...\(states.count)")
        }
        guard !data.isCountingProcess else {
            throw SurvivalError.invalidOption("Gray's test needs right-censored data, not (start, stop] intervals")
        }
        if let w = data.weights, w.contains(where: { $0 != 1 }) {
            throw SurvivalError.invalidOption("Gray's test does not take case weights")
        }
        guard groups.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "group", expected: data.count, found: groups.codes.count)
        }
        let strata = try strata ?? GroupCodes.single(count: data.count)
        guard strata.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "strata", expected: data.count, found: strata.codes.count)
        }
        let ng = groups.levels.count
        guard ng >= 2 else { throw SurvivalError.invalidOption("Gray's test needs at least two groups") }
        let m = ng - 1
        var score = [Double](repeating: 0, count: m)
        var v = [Double](repeating: 0, count: m * m)
        for rows in strata.rowsByLevel() where !rows.isEmpty {
            let part = stratumScore(data, rows: rows, cause: cause, groups: groups.codes, ng: ng, rho: rho)
            for i in 0..<m { score[i] += part.score[i] }
            for k in 0..<(m * m) { v[k] += part.variance[k] }
        }
        var mat = Matrix(rows: m, columns: m)
        for i in 0..<m { for j in 0..<m { mat[i, j] = v[i * m + j] } }
        let chi = try generalizedQuadraticForm(mat, score)
        return GrayTest(cause: states[cause - 1], groups: (0..<ng).map { groups.label($0) }, scores: score,
                        variance: v, chiSquare: chi, df: m,
                        pValue: SurvivalProbability.chiSquareUpper(chi, df: Double(m)), rho: rho)
    }

    /// Score and covariance contribution of one stratum.
    static func stratumScore(_ data: SurvivalData, rows: [Int], cause: Int, groups: [Int], ng: Int,
                             rho: Double) -> (score: [Double], variance: [Double]) {
        let m = ng - 1
        let sorted = rows.sorted { data.stop[$0] < data.stop[$1] }
        var atRisk = [Double](repeating: 0, count: ng)
        for i in sorted { atRisk[groups[i]] += 1 }
        var survPrev = [Double](repeating: 1, count: ng), surv = survPrev
        var incPrev = [Double](repeating: 0, count: ng), inc = incPrev
        var pooledPrev = 0.0
        var cumC = [Double](repeating: 0, count: ng * ng)     // Gray's c, symmetric, i-major
        var a = [Double](repeating: 0, count: ng * ng)
        var v3 = [Double](repeating: 0, count: ng)
        var v2 = [Double](repeating: 0, count: m * ng)
        var score = [Double](repeating: 0, count: m)
        var v = [Double](repeating: 0, count: m * m)
        var t1 = [Double](repeating: 0, count: m)
        var dCause = [Double](repeating: 0, count: ng), dOther = dCause
        var p = 0
        while p < sorted.count {
            let t = data.stop[sorted[p]]
            var q = p
            for g in 0..<ng { dCause[g] = 0; dOther[g] = 0 }
            while q < sorted.count && data.stop[sorted[q]] == t {
                let i = sorted[q]
                if data.status[i] == cause { dCause[groups[i]] += 1 } else if data.status[i] != 0 { dOther[groups[i]] += 1 }
                q += 1
            }
            let d1 = dCause.reduce(0, +), d2 = dOther.reduce(0, +)
            var pooled = pooledPrev
            if d1 + d2 > 0 {
                var sumH = 0.0, sumR = 0.0
                for g in 0..<ng where atRisk[g] > 0 {
                    surv[g] = survPrev[g] * (atRisk[g] - dCause[g] - dOther[g]) / atRisk[g]
                    inc[g] = incPrev[g] + survPrev[g] * dCause[g] / atRisk[g]
                    sumH += atRisk[g] / survPrev[g]
                    sumR += atRisk[g] * (1 - incPrev[g]) / survPrev[g]
                }
                pooled = pooledPrev + d1 / sumH
                let w = rho == 0 ? 1 : pow(1 - pooledPrev, rho)
                for k in 0..<(ng * ng) { a[k] = 0 }
                for i in 0..<ng where atRisk[i] > 0 {
                    let hi = atRisk[i] / survPrev[i]
                    a[i * ng + i] = w * hi * (1 - hi / sumH)
                    for j in (i + 1)..<Swift.max(i + 1, ng) where atRisk[j] > 0 {
                        let aij = -w * hi * atRisk[j] / (survPrev[j] * sumH)
                        a[i * ng + j] = aij
                        a[j * ng + i] = aij
                    }
                }
                let cScale = d1 / (sumH * (1 - pooledPrev))
                for k in 0..<(ng * ng) { cumC[k] += a[k] * cScale }
                for i in 0..<m where atRisk[i] > 0 {
                    score[i] += w * (dCause[i] - d1 * atRisk[i] * (1 - incPrev[i]) / (survPrev[i] * sumR))
                }
                if d1 > 0 {
                    for k in 0..<ng where atRisk[k] > 0 {
                        let t4 = surv[k] > 0 ? 1 - (1 - pooled) / surv[k] : 1
                        let t5 = d1 > 1 ? 1 - (d1 - 1) / (sumH * survPrev[k] - 1) : 1
                        let t3 = t5 * survPrev[k] * d1 / (sumH * atRisk[k])
                        v3[k] += t4 * t4 * t3
                        for i in 0..<m {
                            t1[i] = a[i * ng + k] - t4 * cumC[i * ng + k]
                            v2[i * ng + k] += t1[i] * t4 * t3
                            for j in 0...i { v[i * m + j] += t1[i] * t1[j] * t3 }
                        }
                    }
                }
                if d2 > 0 {
                    for k in 0..<ng where surv[k] > 0 && dOther[k] > 0 {
                        let t4 = (1 - pooled) / surv[k]
                        let t5 = dOther[k] > 1 ? 1 - (dOther[k] - 1) / (atRisk[k] - 1) : 1
                        let t3 = t5 * survPrev[k] * survPrev[k] * dOther[k] / (atRisk[k] * atRisk[k])
                        v3[k] += t4 * t4 * t3
                        for i in 0..<m {
                            t1[i] = t4 * cumC[i * ng + k]
                            v2[i * ng + k] -= t1[i] * t4 * t3
                            for j in 0...i { v[i * m + j] += t1[i] * t1[j] * t3 }
                        }
                    }
                }
            }
            for r in p..<q { atRisk[groups[sorted[r]]] -= 1 }
            pooledPrev = pooled
            incPrev = inc
            survPrev = surv
            p = q
        }
        for i in 0..<m {
            for j in 0...i {
                var s = 0.0
                for k in 0..<ng {
                    s += cumC[i * ng + k] * cumC[j * ng + k] * v3[k]
                    s += cumC[i * ng + k] * v2[j * ng + k] + cumC[j * ng + k] * v2[i * ng + k]
                }
                v[i * m + j] += s
                v[j * m + i] = v[i * m + j]
            }
        }
        return (score, v)
    }
}
