import Foundation
import Linalg

/// Per-event-time quantities of a fitted Cox model: the hazard increments and risk-set means the
/// residuals, the robust variance, the baseline hazard and cox.zph are built from.
///
/// For `d` tied events at `t` with Efron's rule there are `d` sub-steps `k = 1...d` in which the tied
/// events count with weight `k/d` (R's order); `hazard = Σ_k w̄/S0_k` applies to rows at risk that
/// did not fail at `t`, `tiedHazard = Σ_k (k/d) w̄/S0_k` to the tied events themselves, and
/// `xbar = (1/d) Σ_k S1_k/S0_k` is the mean an event is compared with (its Schoenfeld residual).
struct CoxEventTimes {
    /// Event times, ascending within each stratum.
    var time: [Double] = []
    /// Stratum of each event time.
    var stratum: [Int] = []
    /// Number of (unweighted) tied events.
    var events: [Int] = []
    /// Weighted number of events.
    var weightedEvents: [Double] = []
    /// Weighted risk-set size S0 with all tied events in (at the centred covariates).
    var riskSum: [Double] = []
    /// Number at risk (unweighted rows).
    var atRisk: [Int] = []
    /// Hazard increment for rows at risk that are not events at this time.
    var hazard: [Double] = []
    /// Hazard increment for the tied events.
    var tiedHazard: [Double] = []
    /// Variance term of the hazard increment, `Σ_k w̄ / S0_k²` (R's `varhaz`).
    var hazardVariance: [Double] = []
    /// Σ_k h_k xbar_k (p per time, time-major).
    var xHazard: [Double] = []
    /// Σ_k (k/d) h_k xbar_k (p per time).
    var xTiedHazard: [Double] = []
    /// Average risk-set mean over the Efron sub-steps (p per time).
    var xbar: [Double] = []
    /// `[begin, end)` per stratum (index into the arrays above), in stratum order.
    var stratumRanges: [Range<Int>] = []
}

extension CoxRiskSets {
    /// Walks the risk sets at the current linear predictor (call `setLinearPredictor` first) and
    /// returns the event-time quantities, ascending in time within each stratum.
    func eventTimes() -> CoxEventTimes {
        if let blocks { return eventTimesByBlocks(blocks) }
        let byStop = self.byStop   // read once: for grouped times a lazily made array
        let weights = self.weights   // read once: made on first use when none were given
        precondition(rowOrderReady, "event times need a linear predictor: setLinearPredictor(beta) first")
        var out = CoxEventTimes()
        let p = self.p
        var a = [Double](repeating: 0, count: p)
        var a2 = [Double](repeating: 0, count: p)
        var ak = [Double](repeating: 0, count: p)
        var xh = [Double](repeating: 0, count: p)
        var xhd = [Double](repeating: 0, count: p)
        var xb = [Double](repeating: 0, count: p)
        let efron = ties == .efron
        x.storage.withUnsafeBufferPointer { xs in
            for (sIndex, range) in stratumRanges.enumerated() {
                let begin = out.time.count
                var denom = 0.0
                var nrisk = 0
                for j in 0..<p { a[j] = 0 }
                var startPtr = range.lowerBound
                var k = range.lowerBound
                while k < range.upperBound {
                    let t = stop[byStop[k]]
                    if let start = start {
                        while startPtr < range.upperBound && start[byStart[startPtr]] >= t {
                            let i = byStart[startPtr]
                            denom -= risk[i]
                            nrisk -= 1
                            for c in 0..<p { a[c] -= risk[i] * xs[i + c * n] }
                            startPtr += 1
                        }
                    }
                    var ndead = 0
                    var deadwt = 0.0
                    var denom2 = 0.0
                    for j in 0..<p { a2[j] = 0 }
                    while k < range.upperBound && stop[byStop[k]] == t {
                        let i = byStop[k]
                        nrisk += 1
                        if status[i] == 0 {
                            denom += risk[i]
                            for c in 0..<p { a[c] += risk[i] * xs[i + c * n] }
                        } else {
                            ndead += 1
                            deadwt += weights[i]
                            denom2 += risk[i]
                            for c in 0..<p { a2[c] += risk[i] * xs[i + c * n] }
                        }
                        k += 1
                    }
                    if ndead == 0 { continue }
                    var h = 0.0, hd = 0.0, hv = 0.0
                    for c in 0..<p { xh[c] = 0; xhd[c] = 0; xb[c] = 0 }
                    if !efron || ndead == 1 {
                        denom += denom2
                        for c in 0..<p { a[c] += a2[c] }
                        h = deadwt / denom
                        hd = h
                        hv = deadwt / (denom * denom)
                        for c in 0..<p {
                            let m = a[c] / denom
                            xb[c] = m; xh[c] = h * m; xhd[c] = h * m
                        }
                    } else {
                        let nd = Double(ndead)
                        let wtave = deadwt / nd
                        for c in 0..<p { ak[c] = a[c] }
                        var dk = denom
                        for kk in 0..<ndead {
                            dk += denom2 / nd
                            let frac = Double(kk + 1) / nd
                            let hk = wtave / dk
                            h += hk
                            hd += frac * hk
                            hv += wtave / (dk * dk)
                            for c in 0..<p {
                                ak[c] += a2[c] / nd
                                let m = ak[c] / dk
                                xb[c] += m / nd
                                xh[c] += hk * m
                                xhd[c] += frac * hk * m
                            }
                        }
                        denom += denom2
                        for c in 0..<p { a[c] += a2[c] }
                    }
                    out.time.append(t); out.stratum.append(sIndex); out.events.append(ndead)
                    out.weightedEvents.append(deadwt); out.riskSum.append(denom); out.atRisk.append(nrisk)
                    out.hazard.append(h); out.tiedHazard.append(hd); out.hazardVariance.append(hv)
                    out.xHazard += xh; out.xTiedHazard += xhd; out.xbar += xb
                }
                // Reverse this stratum's entries to ascending time.
                let end = out.time.count
                reverseEventTimes(&out, begin, end, p)
                out.stratumRanges.append(begin..<end)
            }
        }
        return out
    }

    func reverseEventTimes(_ e: inout CoxEventTimes, _ b: Int, _ end: Int, _ p: Int) {
        guard end - b > 1 else { return }
        e.time[b..<end].reverse(); e.stratum[b..<end].reverse(); e.events[b..<end].reverse()
        e.weightedEvents[b..<end].reverse(); e.riskSum[b..<end].reverse(); e.atRisk[b..<end].reverse()
        e.hazard[b..<end].reverse(); e.tiedHazard[b..<end].reverse(); e.hazardVariance[b..<end].reverse()
        var lo = b, hi = end - 1
        while lo < hi {
            for c in 0..<p {
                e.xHazard.swapAt(lo * p + c, hi * p + c)
                e.xTiedHazard.swapAt(lo * p + c, hi * p + c)
                e.xbar.swapAt(lo * p + c, hi * p + c)
            }
            lo += 1; hi -= 1
        }
    }

    /// For row `i`: the index range (into `e`) of event times in `(start_i, stop_i]` of its stratum.
    func eventRange(of i: Int, in e: CoxEventTimes, strataIndex: [Int]) -> Range<Int> {
        let r = e.stratumRanges[strataIndex[i]]
        let hi = upperBound(e.time, r, stop[i])
        let lo = start.map { upperBound(e.time, r, $0[i]) } ?? r.lowerBound
        return lo..<Swift.max(lo, hi)
    }

    /// First index in `range` whose time is > `value` (times ascending).
    private func upperBound(_ t: [Double], _ range: Range<Int>, _ value: Double) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if t[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Stratum position (index into `stratumRanges`) of every row.
    func stratumPositions() -> [Int] {
        let byStop = self.byStop
        var pos = [Int](repeating: 0, count: n)
        for (s, r) in stratumRanges.enumerated() { for k in r { pos[byStop[k]] = s } }
        return pos
    }

    /// Martingale residuals and score residuals (n x p, unweighted, R's `type = "score"`) at the
    /// current linear predictor, in O((n + events) p) via cumulative hazard sums.
    func residuals(_ e: CoxEventTimes) -> (martingale: [Double], score: Matrix) {
        precondition(rowOrderReady, "Cox residuals need the linear predictor in row order: setLinearPredictor(beta) first")
        let m = e.time.count
        var cumH = [Double](repeating: 0, count: m + 1)
        var cumXH = [Double](repeating: 0, count: (m + 1) * p)
        for j in 0..<m {
            cumH[j + 1] = cumH[j] + e.hazard[j]
            for c in 0..<p { cumXH[(j + 1) * p + c] = cumXH[j * p + c] + e.xHazard[j * p + c] }
        }
        let pos = stratumPositions()
        var mart = [Double](repeating: 0, count: n)
        var score = Matrix(rows: n, columns: p)
        var blockRange = [Range<Int>?](repeating: nil, count: blocks?.count ?? 0)
        x.storage.withUnsafeBufferPointer { xs in
            score.storage.withUnsafeMutableBufferPointer { sc in
                for i in 0..<n {
                    let r: Range<Int>
                    if let blocks {
                        // Rows of one (stratum, time) block share their range of event times.
                        let b = Int(blocks.slot[i]) >> 1
                        if let cached = blockRange[b] {
                            r = cached
                        } else {
                            r = eventRange(of: i, in: e, strataIndex: pos)
                            blockRange[b] = r
                        }
                    } else {
                        r = eventRange(of: i, in: e, strataIndex: pos)
                    }
                    let ri = exp(eta[i])
                    var hsum = cumH[r.upperBound] - cumH[r.lowerBound]
                    let dead = status[i] != 0
                    var own = -1
                    if dead, r.upperBound > r.lowerBound, e.time[r.upperBound - 1] == stop[i] {
                        own = r.upperBound - 1
                        hsum += e.tiedHazard[own] - e.hazard[own]
                    }
                    mart[i] = (dead ? 1 : 0) - ri * hsum
                    for c in 0..<p {
                        var xhs = cumXH[r.upperBound * p + c] - cumXH[r.lowerBound * p + c]
                        if own >= 0 { xhs += e.xTiedHazard[own * p + c] - e.xHazard[own * p + c] }
                        let xi = xs[i + c * n]
                        var v = -ri * (xi * hsum - xhs)
                        if own >= 0 { v += xi - e.xbar[own * p + c] }
                        sc[i + c * n] = v
                    }
                }
            }
        }
        return (mart, score)
    }
}
