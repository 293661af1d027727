import Foundation
import Linalg

/// The test of proportional hazards of a Cox fit (R's `cox.zph`, survival >= 3.0).
///
/// For each term, a score test at `(beta_hat, 0)` for adding `g(t) x` to the model, where `g` is a
/// transform of time centred by its mean over the events, using the exact information blocks
/// `Σ V(t)`, `Σ g V(t)`, `Σ g² V(t)` (no constant-variance approximation) and no iteration; the
/// global test adds all `g(t) x` at once.
public struct CoxZPHTest: Sendable, Equatable, Codable {
    /// Time transform.
    public enum Transform: String, Sendable, Codable {
        /// `1 - S(t-)` of the pooled Kaplan–Meier curve (R's default).
        case km
        /// `t` itself.
        case identity
        /// `log t`.
        case log
        /// The rank of `t` among all rows (average ranks for ties).
        case rank
    }
    /// One row of the table.
    public struct Row: Sendable, Equatable, Codable {
        /// Term name, or `GLOBAL`.
        public var term: String
        /// Score statistic.
        public var chiSquare: Double
        /// Degrees of freedom.
        public var df: Int
        /// Upper-tail chi-square p-value.
        public var pValue: Double

        enum CodingKeys: String, CodingKey { case term, df, chiSquare = "chisq", pValue = "p_value" }
    }
    /// The transform used.
    public var transform: Transform
    /// Per-term rows then `GLOBAL`.
    public var table: [Row]
}

extension CoxFit {
    /// The proportional-hazards test; `terms` groups columns into terms (R's `assign`, 0-based per
    /// column into `termNames`); by default each column is its own term.
    public func proportionalHazardsTest(transform: CoxZPHTest.Transform = .km, terms: [Int]? = nil,
                                        termNames: [String]? = nil) throws -> CoxZPHTest {
        var rs = riskSets
        let p = rs.p
        let n = rs.n
        let kept = (0..<p).filter { !model.estimates[$0].isNaN }
        let tvals = try transformedTimes(transform)
        var sumT = 0.0, nEv = 0
        for i in 0..<n where rs.status[i] != 0 { sumT += tvals[i]; nEv += 1 }
        let meanT = sumT / Double(max(nEv, 1))
        // g for an event time: all rows sharing the time have the same transform value.
        var gAtTime: [Double: Double] = [:]
        for i in 0..<n where rs.status[i] != 0 { gAtTime[rs.stop[i]] = tvals[i] - meanT }
        let q = 2 * p
        var big = Matrix(rows: q, columns: q)
        var u2 = [Double](repeating: 0, count: p)
        var u = [Double](repeating: 0, count: p)
        var imat = Matrix(rows: p, columns: p)
        _ = rs.evaluate(beta, u: &u, imat: &imat) { time, _, du, di in
            let g = gAtTime[time] ?? 0
            for c in 0..<p {
                u2[c] += g * du[c]
                for d in 0...c {
                    let v = di[c + d * p]
                    big[c, d] += v
                    big[p + c, d] += g * v
                    big[p + d, c] += c == d ? 0 : g * v
                    big[p + c, p + d] += g * g * v
                }
            }
        }
        // Symmetrize: blocks filled in lower parts.
        for c in 0..<q { for d in 0..<c { big[d, c] = big[c, d] } }
        for c in 0..<p { for d in 0..<p { big[d, p + c] = big[p + c, d] } }
        let names = termNames ?? model.terms
        let assign = terms ?? Array(0..<p)
        var rows: [CoxZPHTest.Row] = []
        for (t, name) in names.enumerated() {
            let cols = kept.filter { assign[$0] == t }
            if cols.isEmpty { continue }
            let stat = scoreStatistic(big, kept: kept, extra: cols, u2: u2, p: p)
            rows.append(.init(term: name, chiSquare: stat, df: cols.count,
                              pValue: SurvivalProbability.chiSquareUpper(stat, df: Double(cols.count))))
        }
        let global = scoreStatistic(big, kept: kept, extra: kept, u2: u2, p: p)
        rows.append(.init(term: "GLOBAL", chiSquare: global, df: kept.count,
                          pValue: SurvivalProbability.chiSquareUpper(global, df: Double(kept.count))))
        return CoxZPHTest(transform: transform, table: rows)
    }

    private func scoreStatistic(_ big: Matrix, kept: [Int], extra: [Int], u2: [Double], p: Int) -> Double {
        let idx = kept + extra.map { p + $0 }
        let m = idx.count
        var sub = Matrix(rows: m, columns: m)
        for (a, i) in idx.enumerated() { for (b, j) in idx.enumerated() { sub[a, b] = big[i, j] } }
        var vec = [Double](repeating: 0, count: m)
        for (k, j) in extra.enumerated() { vec[kept.count + k] = u2[j] }
        let sol = SymmetricFactor(sub).solve(vec)
        var s = 0.0
        for k in 0..<m { s += sol[k] * vec[k] }
        return s
    }

    /// The transformed exit time of every row.
    private func transformedTimes(_ transform: CoxZPHTest.Transform) throws -> [Double] {
        let rs = riskSets
        switch transform {
        case .identity:
            return rs.stop
        case .log:
            return rs.stop.map { Foundation.log($0) }
        case .rank:
            let order = (0..<rs.n).sorted { rs.stop[$0] < rs.stop[$1] }
            var ranks = [Double](repeating: 0, count: rs.n)
            var a = 0
            while a < order.count {
                var b = a
                while b < order.count && rs.stop[order[b]] == rs.stop[order[a]] { b += 1 }
                let r = Double(a + 1 + b) / 2
                for k in a..<b { ranks[order[k]] = r }
                a = b
            }
            return ranks
        case .km:
            let pooled = try SurvivalData(start: rs.start, stop: rs.stop, status: rs.status)
            let z = 1.959963984540054
            let curve = KaplanMeier.curve(pooled, rows: Array(0..<rs.n), label: "all", z: z, confType: .none)
            return rs.stop.map { t in
                // 1 - S(t-): the survival at the last curve time strictly before t.
                var lo = 0, hi = curve.time.count
                while lo < hi { let mid = (lo + hi) / 2; if curve.time[mid] < t { lo = mid + 1 } else { hi = mid } }
                return 1 - (lo == 0 ? 1 : curve.surv[lo - 1])
            }
        }
    }
}
