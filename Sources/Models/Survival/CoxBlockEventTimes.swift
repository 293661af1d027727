import Foundation

extension CoxRiskSets {
    /// `eventTimes()` for data grouped in time blocks: the same quantities from the per-slot sums (one
    /// O(n p) pass, or those of the last evaluation when it was at the current linear predictor) and
    /// `CoxBlockBackwardPass.efronSums` over Efron's sub-steps, instead of a pass over the sorted rows.
    /// With `d` tied events, `D_k = D + (k/d) D_dead`, `a_k = a + (k/d) a_dead` and `g_k = w̄/D_k`:
    /// `xHazard = Σ g_k a_k/D_k`, `xTiedHazard = Σ (k/d) g_k a_k/D_k`, `xbar = (1/d) Σ a_k/D_k`.
    func eventTimesByBlocks(_ blocks: CoxTimeBlocks) -> CoxEventTimes {
        let p = self.p
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? blocks.count / nt : 0
        var s0 = [Double](repeating: 0, count: 2 * blocks.count)
        var s1 = [Double](repeating: 0, count: 2 * blocks.count * p)
        if let work = blockWork, work.sumsBeta != nil, work.sumsBeta == linearPredictorBeta {
            // The last evaluation was at the current linear predictor: its slot sums are these.
            s0 = work.backward.s0
            s1 = work.backward.s1
        } else {
            precondition(rowOrderReady, "event times need the linear predictor in row order: setLinearPredictor(beta) first")
            slotSums(blocks, s0: &s0, s1: &s1)
        }
        var out = CoxEventTimes()
        var a = [Double](repeating: 0, count: p)
        let efron = ties == .efron
        var position = 0
        for s in 0..<nStrata {
            let range = (s * nt)..<((s + 1) * nt)
            if range.allSatisfy({ blocks.rowCount[$0] == 0 }) { continue }
            let begin = out.time.count
            var denom = 0.0
            var nrisk = 0
            for c in 0..<p { a[c] = 0 }
            for b in range {
                let cens = 2 * b, dead = 2 * b + 1
                denom += s0[cens]
                nrisk += blocks.rowCount[b]
                for c in 0..<p { a[c] += s1[cens * p + c] }
                let nd = blocks.deaths[b]
                guard nd > 0 else { continue }
                let deadwt = blocks.deadWeight[b]
                let dd = s0[dead]
                var h = 0.0, ht = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, r0 = 0.0, r1 = 0.0
                if !efron || nd == 1 {
                    let den = denom + dd
                    h = deadwt / den
                    ht = h
                    q0 = h / den; q1 = q0; q2 = q0
                    r0 = 1 / den; r1 = r0
                } else {
                    // Efron's sums with unit weight per sub-step (w̄ = 1/d) give r0 and r1; the hazards scale
                    // by the events' weight.
                    let e = CoxBlockBackwardPass.efronTimeSums(denom: denom, dead: dd, count: nd, wtave: 1 / Double(nd))
                    r0 = e.h; r1 = e.ht
                    h = deadwt * e.h; ht = deadwt * e.ht
                    q0 = deadwt * e.q0; q1 = deadwt * e.q1; q2 = deadwt * e.q2
                }
                denom += dd
                out.time.append(blocks.time[b]); out.stratum.append(position); out.events.append(nd)
                out.weightedEvents.append(deadwt); out.riskSum.append(denom); out.atRisk.append(nrisk)
                out.hazard.append(h); out.tiedHazard.append(ht); out.hazardVariance.append(q0)
                for c in 0..<p {
                    let ac = a[c], dc = s1[dead * p + c]
                    out.xHazard.append(ac * q0 + dc * q1)
                    out.xTiedHazard.append(ac * q1 + dc * q2)
                    out.xbar.append(ac * r0 + dc * r1)
                    a[c] = ac + dc
                }
            }
            reverseEventTimes(&out, begin, out.time.count, p)
            out.stratumRanges.append(begin..<out.time.count)
            position += 1
        }
        return out
    }
}
