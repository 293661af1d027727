import Foundation

/// One group's Aalen–Johansen estimates for competing exits: the probability of still being in
/// the initial state and the cumulative incidence of each exit, with standard errors and intervals,
/// at every distinct exit time (R's `survfit` with a multi-state factor event).
public struct CumulativeIncidenceStratum: Sendable, Equatable, Codable {
    /// Group label (`male=1`) or `all`.
    public var stratum: String
    /// Distinct exit times.
    public var time: [Double]
    /// (Weighted) number at risk (in the initial state) just before each time.
    public var nRisk: [Double]
    /// State names: the initial state `(s0)` first, then the exits in code order.
    public var states: [String]
    /// Probability in each state (`[state][time]`); state 0 is event-free survival, the others the cumulative incidences.
    public var probability: [[Double]]
    /// (Weighted) number of transitions into each state (`[state][time]`; always 0 for the initial state).
    public var nEvent: [[Double]]
    /// (Weighted) number censored at each time.
    public var nCensor: [Double]
    /// Infinitesimal-jackknife standard errors (`[state][time]`), as R computes them.
    public var stdErr: [[Double]]
    /// Lower limits (log scale, R's default; NaN where undefined).
    public var confLow: [[Double]]
    /// Upper limits.
    public var confHigh: [[Double]]

    /// Cumulative incidence of the exits keyed by state name (the JSON contract's `cuminc`).
    public var cuminc: [String: [Double]] {
        var out: [String: [Double]] = [:]
        for (k, s) in states.enumerated() where k > 0 { out[s] = probability[k] }
        return out
    }

    enum CodingKeys: String, CodingKey {
        case stratum, time, states, probability
        case nRisk = "n_risk", nEvent = "n_event", nCensor = "n_censor", stdErr = "std_err", confLow = "conf_low", confHigh = "conf_high"
    }
}

/// Aalen–Johansen estimates by group.
public struct CumulativeIncidenceFit: Sendable, Equatable, Codable {
    /// One entry per group.
    public var strata: [CumulativeIncidenceStratum]
    /// Interval scale.
    public var confType: SurvivalConfidenceType
    /// Confidence level.
    public var confLevel: Double

    enum CodingKeys: String, CodingKey { case strata, confType = "conf_type", confLevel = "conf_level" }
}

/// The Aalen–Johansen estimator for competing exits from one initial state (no ties are jittered).
///
/// At each distinct time with `n` at risk, `d_k` exits to state `k` and `d = Σ d_k`:
/// `S(t) = S(t-) (1 - d/n)` and `F_k(t) = F_k(t-) + S(t-) d_k / n`. Standard errors are the
/// infinitesimal jackknife, `sqrt(Σ_i (w_i ∂P/∂w_i)²)`, with the derivatives propagated through the
/// same recursion: O(n log n + T K) for right-censored data, O(n) per distinct time for (start, stop] rows.
public enum AalenJohansen {
    /// Fits one set of curves per level of `groups`. `data` must be multi-state (`states` set).
    public static func fit(_ data: SurvivalData, groups: GroupCodes? = nil,
                           confType: SurvivalConfidenceType = .log, confLevel: Double = 0.95) throws -> CumulativeIncidenceFit {
        guard let states = data.states else {
            throw SurvivalError.wrongEventKind("cumulative incidence needs an event with several states (a factor whose first level is censoring)")
        }
        guard confLevel > 0 && confLevel < 1 else {
            throw SurvivalError.invalidOption("confidence level must be between 0 and 1, got \(confLevel)")
        }
        let groups = try groups ?? GroupCodes.single(count: data.count)
        guard groups.codes.count == data.count else {
            throw SurvivalError.lengthMismatch(what: "group", expected: data.count, found: groups.codes.count)
        }
        let z = SurvivalProbability.normalQuantile(1 - (1 - confLevel) / 2)
        var out: [CumulativeIncidenceStratum] = []
        for (g, rows) in groups.rowsByLevel().enumerated() where !rows.isEmpty {
            if data.isCountingProcess {
                out.append(curves(data, rows: rows, states: states, label: groups.label(g), z: z, confType: confType))
            } else {
                out.append(curvesRightCensored(data, rows: rows, states: states, label: groups.label(g), z: z,
                                               confType: confType))
            }
        }
        return CumulativeIncidenceFit(strata: out, confType: confType, confLevel: confLevel)
    }

    static func curves(_ data: SurvivalData, rows: [Int], states: [String], label: String, z: Double,
                       confType: SurvivalConfidenceType) -> CumulativeIncidenceStratum {
        let m = rows.count
        let k = states.count
        let stop = rows.map { data.stop[$0] }
        let start = data.start.map { s in rows.map { s[$0] } }
        let status = rows.map { data.status[$0] }
        let w = rows.map { data.weight($0) }
        let order = (0..<m).sorted { stop[$0] < stop[$1] }
        var times: [Double] = []
        for i in order where times.last != stop[i] { times.append(stop[i]) }
        var surv = 1.0
        var cif = [Double](repeating: 0, count: k)
        var dS = [Double](repeating: 0, count: m)               // ∂S/∂w_i
        var dF = [Double](repeating: 0, count: m * k)           // ∂F_k/∂w_i, i-major
        var res = CumulativeIncidenceStratum(stratum: label, time: times, nRisk: [], states: ["(s0)"] + states,
                                             probability: Array(repeating: [], count: k + 1),
                                             nEvent: Array(repeating: [], count: k + 1), nCensor: [],
                                             stdErr: Array(repeating: [], count: k + 1),
                                             confLow: Array(repeating: [], count: k + 1),
                                             confHigh: Array(repeating: [], count: k + 1))
        var dk = [Double](repeating: 0, count: k)
        var ptr = 0
        for t in times {
            // At risk: start < t <= stop.
            var n = 0.0
            for i in 0..<m where stop[i] >= t && (start == nil || start![i] < t) { n += w[i] }
            for s in 0..<k { dk[s] = 0 }
            var censored = 0.0
            while ptr < m && stop[order[ptr]] == t {
                let i = order[ptr]
                if status[i] > 0 { dk[status[i] - 1] += w[i] } else { censored += w[i] }
                ptr += 1
            }
            let d = dk.reduce(0, +)
            if d > 0 {
                let sPrev = surv
                // Derivatives (all rows; those not at risk and not leaving only rescale).
                for i in 0..<m {
                    let atRisk = stop[i] >= t && (start == nil || start![i] < t)
                    let yi = atRisk ? 1.0 : 0.0
                    let leaving = atRisk && stop[i] == t && status[i] > 0
                    let dNi = leaving ? 1.0 : 0.0
                    let dHaz = (dNi * n - d * yi) / (n * n)
                    let dsPrev = dS[i]
                    for s in 0..<k {
                        let dNik = (leaving && status[i] - 1 == s) ? 1.0 : 0.0
                        dF[i * k + s] += dsPrev * dk[s] / n + sPrev * (dNik * n - dk[s] * yi) / (n * n)
                    }
                    dS[i] = dsPrev * (1 - d / n) - sPrev * dHaz
                }
                for s in 0..<k { cif[s] += sPrev * dk[s] / n }
                surv = sPrev * (1 - d / n)
            }
            res.nRisk.append(n)
            let probs = [surv] + cif
            res.nEvent[0].append(0)
            res.nCensor.append(censored)
            for s in 0..<k { res.nEvent[s + 1].append(dk[s]) }
            for (state, pv) in probs.enumerated() {
                var v = 0.0
                for i in 0..<m {
                    let inf = state == 0 ? dS[i] : dF[i * k + state - 1]
                    v += (w[i] * inf) * (w[i] * inf)
                }
                let se = v.squareRoot()
                res.probability[state].append(pv)
                res.stdErr[state].append(se)
                let ci = confType.interval(survival: pv, stdErr: pv > 0 ? se / pv : 0, z: z)
                res.confLow[state].append(pv > 0 ? ci.low : .nan)
                res.confHigh[state].append(pv > 0 ? ci.high : .nan)
            }
        }
        return res
    }
}
