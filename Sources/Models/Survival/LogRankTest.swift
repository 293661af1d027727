import Foundation
import Linalg

/// The G-rho family of k-sample tests for survival curves (R's `survdiff`): rho = 0 is the
/// log-rank test, rho = 1 the Peto & Peto modification of the Gehan–Wilcoxon test.
///
/// At each event time of a stratum the weight is `S(t-)^rho`, with `S` the pooled Kaplan–Meier
/// estimate of the stratum. Observed, expected and the hypergeometric covariance are summed over
/// times and strata; the statistic is `(O - E)' V⁻ (O - E)` on all groups but the first.
public struct LogRankTest: Sendable, Equatable, Codable {
    /// Group labels (`sex=1`, ...).
    public var groups: [String]
    /// Rows per group.
    public var n: [Int]
    /// (Weighted) observed events per group.
    public var observed: [Double]
    /// Expected events per group under equal hazards.
    public var expected: [Double]
    /// Covariance of `O - E`, `k x k` row-major.
    public var variance: [Double]
    /// The chi-square statistic.
    public var chiSquare: Double
    /// Degrees of freedom (groups with expected > 0, minus 1).
    public var df: Int
    /// Upper-tail p-value.
    public var pValue: Double
    /// The rho of the weight `S(t-)^rho`.
    public var rho: Double

    enum CodingKeys: String, CodingKey {
        case groups, n, observed, expected, variance, df, rho
        case chiSquare = "chisq", pValue = "p_value"
    }

    /// Computes the test for right-censored `data` between `groups`, optionally within `strata`.
    public static func compute(_ data: SurvivalData, groups: GroupCodes, strata: GroupCodes? = nil,
                               rho: Double = 0) throws -> LogRankTest {
        guard !data.isCountingProcess else {
            throw SurvivalError.invalidOption("the log-rank test needs right-censored data Surv(time, event), not (start, stop] intervals")
        }
        guard !data.isMultiState else { throw SurvivalError.wrongEventKind("the log-rank test needs a 0/1 event") }
        guard groups.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "group", expected: data.count, found: groups.codes.count)
        }
        let strata = try strata ?? GroupCodes.single(count: data.count)
        guard strata.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "strata", expected: data.count, found: strata.codes.count)
        }
        guard data.hasEvents else { throw SurvivalError.noEvents }
        let k = groups.levels.count
        var obs = [Double](repeating: 0, count: k)
        var exp = [Double](repeating: 0, count: k)
        var v = [Double](repeating: 0, count: k * k)
        var nGroup = [Int](repeating: 0, count: k)
        for c in groups.codes { nGroup[c] += 1 }
        var atRisk = [Double](repeating: 0, count: k)
        var dg = [Double](repeating: 0, count: k)
        for rows in strata.rowsByLevel() where !rows.isEmpty {
            // Ascending by time; walk forward with risk sets computed from totals.
            let sorted = rows.sorted { data.stop[$0] < data.stop[$1] }
            for g in 0..<k { atRisk[g] = 0 }
            for i in sorted { atRisk[groups.codes[i]] += data.weight(i) }
            var km = 1.0
            var a = 0
            while a < sorted.count {
                let t = data.stop[sorted[a]]
                var b = a
                for g in 0..<k { dg[g] = 0 }
                var d = 0.0
                while b < sorted.count && data.stop[sorted[b]] == t {
                    let i = sorted[b]
                    if data.status[i] != 0 { dg[groups.codes[i]] += data.weight(i); d += data.weight(i) }
                    b += 1
                }
                var nTot = 0.0
                for g in 0..<k { nTot += atRisk[g] }
                if d > 0 {
                    let w = rho == 0 ? 1 : pow(km, rho)
                    for g in 0..<k {
                        obs[g] += w * dg[g]
                        exp[g] += w * d * atRisk[g] / nTot
                    }
                    if nTot > 1 {
                        let f = w * w * d * (nTot - d) / (nTot * (nTot - 1))
                        for g in 0..<k {
                            let pg = atRisk[g]
                            v[g * k + g] += f * pg * (1 - pg / nTot)
                            for h in 0..<k where h != g { v[g * k + h] -= f * pg * atRisk[h] / nTot }
                        }
                    }
                    km *= (nTot - d) / nTot
                }
                for j in a..<b { atRisk[groups.codes[sorted[j]]] -= data.weight(sorted[j]) }
                a = b
            }
        }
        // Statistic on groups 2...k (R drops the first).
        let m = k - 1
        var chi = 0.0
        if m > 0 {
            var sub = Matrix(rows: m, columns: m)
            var diff = [Double](repeating: 0, count: m)
            for r in 0..<m {
                diff[r] = obs[r + 1] - exp[r + 1]
                for c in 0..<m { sub[r, c] = v[(r + 1) * k + (c + 1)] }
            }
            chi = try generalizedQuadraticForm(sub, diff)
        }
        var df = -1
        for g in 0..<k where exp[g] > 0 { df += 1 }
        df = Swift.max(df, 0)
        let p = df > 0 ? SurvivalProbability.chiSquareUpper(chi, df: Double(df)) : .nan
        return LogRankTest(groups: (0..<k).map { groups.label($0) }, n: nGroup, observed: obs, expected: exp,
                           variance: v, chiSquare: chi, df: df, pValue: p, rho: rho)
    }
}

/// `x' A⁻ x` for a symmetric positive semi-definite `A`: a Cholesky with zero pivots skipped
/// (the generalized inverse R uses when some group has no one at risk).
func generalizedQuadraticForm(_ a: Matrix, _ x: [Double]) throws -> Double {
    let chol = SymmetricFactor(a)
    let y = chol.solve(x)
    var s = 0.0
    for i in 0..<x.count { s += x[i] * y[i] }
    return s
}
