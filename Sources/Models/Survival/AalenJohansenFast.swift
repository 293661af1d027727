import Foundation

extension AalenJohansen {
    /// The same estimates and infinitesimal-jackknife errors as `curves`, for right-censored rows, in
    /// O(n log n + T K) instead of O(n T K).
    ///
    /// Rows still at risk share one influence path per unit weight. A row that has left at `t_e` keeps
    /// `∂S(t) = a S(t)` and `∂F_k(t) = b_k + a F_k(t)` (with `a = ∂S(t_e)/S(t_e)`, `b_k = ∂F_k(t_e) - a F_k(t_e)`),
    /// so its squared influences are kept as running sums of `w² a²`, `w² a b_k` and `w² b_k²`.
    static func curvesRightCensored(_ data: SurvivalData, rows: [Int], states: [String], label: String, z: Double,
                                    confType: SurvivalConfidenceType) -> CumulativeIncidenceStratum {
        let k = states.count
        let order = rows.sorted { data.stop[$0] < data.stop[$1] || (data.stop[$0] == data.stop[$1] && $0 < $1) }
        var times: [Double] = []
        for i in order where times.last != data.stop[i] { times.append(data.stop[i]) }
        var res = CumulativeIncidenceStratum(stratum: label, time: times, nRisk: [], states: ["(s0)"] + states,
                                             probability: Array(repeating: [], count: k + 1),
                                             nEvent: Array(repeating: [], count: k + 1), nCensor: [],
                                             stdErr: Array(repeating: [], count: k + 1),
                                             confLow: Array(repeating: [], count: k + 1),
                                             confHigh: Array(repeating: [], count: k + 1))
        var n = 0.0, w2AtRisk = 0.0
        for i in rows { n += data.weight(i); w2AtRisk += data.weight(i) * data.weight(i) }
        var surv = 1.0
        var cif = [Double](repeating: 0, count: k)
        // Common influence per unit weight of rows still at risk.
        var gS = 0.0
        var gF = [Double](repeating: 0, count: k)
        // Running sums over rows that have left.
        var sumA2 = 0.0
        var sumAB = [Double](repeating: 0, count: k), sumB2 = [Double](repeating: 0, count: k)
        // Rows that left while S > 0 but whose a cannot be formed (S = 0): frozen squared sums.
        var frozenS2 = 0.0
        var frozenF2 = [Double](repeating: 0, count: k)
        var dk = [Double](repeating: 0, count: k)
        var ptr = 0
        var dFi = [Double](repeating: 0, count: k)
        for t in times {
            var q = ptr
            for s in 0..<k { dk[s] = 0 }
            var censored = 0.0
            while q < order.count && data.stop[order[q]] == t {
                let i = order[q]
                if data.status[i] > 0 { dk[data.status[i] - 1] += data.weight(i) } else { censored += data.weight(i) }
                q += 1
            }
            let d = dk.reduce(0, +)
            let sPrev = surv
            let nNow = n
            if d > 0 {
                // Update the common path (rows at risk that do not leave with an event here).
                let gSPrev = gS
                for s in 0..<k { gF[s] += gSPrev * dk[s] / nNow + sPrev * (-dk[s]) / (nNow * nNow) }
                gS = gSPrev * (1 - d / nNow) - sPrev * (-d) / (nNow * nNow)
                for s in 0..<k { cif[s] += sPrev * dk[s] / nNow }
                surv = sPrev * (1 - d / nNow)
                // Rows leaving now: their own derivative at t, then their frozen form.
                for r in ptr..<q {
                    let i = order[r]
                    let w = data.weight(i)
                    var dSi = gS
                    for s in 0..<k { dFi[s] = gF[s] }
                    if data.status[i] > 0 {
                        let e = data.status[i] - 1
                        dSi += -sPrev * nNow / (nNow * nNow)
                        dFi[e] += sPrev * nNow / (nNow * nNow)
                    }
                    retire(w: w, dS: dSi, dF: dFi)
                }
            } else {
                for r in ptr..<q { retire(w: data.weight(order[r]), dS: gS, dF: gF) }
            }
            func retire(w: Double, dS: Double, dF: [Double]) {
                let w2 = w * w
                w2AtRisk -= w2
                if surv > 0 {
                    let a = dS / surv
                    sumA2 += w2 * a * a
                    for s in 0..<k {
                        let b = dF[s] - a * cif[s]
                        sumAB[s] += w2 * a * b
                        sumB2[s] += w2 * b * b
                    }
                } else {
                    frozenS2 += w2 * dS * dS
                    for s in 0..<k { frozenF2[s] += w2 * dF[s] * dF[s] }
                }
            }
            n -= (d + censored)
            ptr = q
            res.nRisk.append(nNow)
            res.nEvent[0].append(0)
            res.nCensor.append(censored)
            for s in 0..<k { res.nEvent[s + 1].append(dk[s]) }
            let probs = [surv] + cif
            for (state, pv) in probs.enumerated() {
                var v: Double
                if state == 0 {
                    v = w2AtRisk * gS * gS + surv * surv * sumA2 + frozenS2
                } else {
                    let s = state - 1, f = cif[s]
                    v = w2AtRisk * gF[s] * gF[s] + sumB2[s] + 2 * f * sumAB[s] + f * f * sumA2 + frozenF2[s]
                }
                let se = Swift.max(v, 0).squareRoot()
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
