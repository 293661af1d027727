extension CoxRiskSets {
    /// `concordance()` for right-censored data grouped in a few (stratum, time) blocks: the weights at risk
    /// are a histogram over the `size` ranks of the risk score, whose prefix sums are rebuilt once per event
    /// time (O(size)), so each event's counts of lower, equal and higher scores at risk cost O(1); pairs of
    /// tied events with equal scores are counted with a second, event-only histogram. O(n + times * size).
    func concordanceByBlocks(_ blocks: CoxTimeBlocks, rank: [Int], size: Int) -> Concordance {
        var atRisk = [Double](repeating: 0, count: size)
        var below = [Double](repeating: 0, count: size + 1)
        var tiedW = [Double](repeating: 0, count: size)
        var tiedW2 = [Double](repeating: 0, count: size)
        var conc = 0.0, disc = 0.0, tx = 0.0, ty = 0.0, txy = 0.0
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? blocks.count / nt : 0
        var blockStart = [Int](repeating: 0, count: blocks.count + 1)
        for b in 0..<blocks.count { blockStart[b + 1] = blockStart[b] + blocks.rowCount[b] }
        rank.withUnsafeBufferPointer { rank in
        weights.withUnsafeBufferPointer { w in
        status.withUnsafeBufferPointer { status in
        blocks.order.withUnsafeBufferPointer { order in
        atRisk.withUnsafeMutableBufferPointer { hist in
        below.withUnsafeMutableBufferPointer { below in
        tiedW.withUnsafeMutableBufferPointer { tw in
        tiedW2.withUnsafeMutableBufferPointer { tw2 in
            for s in 0..<nStrata {
                let range = (s * nt)..<((s + 1) * nt)
                if range.allSatisfy({ blocks.rowCount[$0] == 0 }) { continue }
                for k in 0..<size { hist[k] = 0 }
                var total = 0.0
                for b in range {
                    let rows = blockStart[b]..<blockStart[b + 1]
                    for k in rows where status[order[k]] == 0 {
                        let i = order[k]
                        hist[rank[i]] += w[i]
                        total += w[i]
                    }
                    guard blocks.deaths[b] > 0 else { continue }
                    var acc = 0.0
                    for k in 0..<size { below[k] = acc; acc += hist[k] }
                    below[size] = acc
                    var sw = 0.0, sw2 = 0.0
                    for k in rows where status[order[k]] != 0 {
                        let i = order[k], r = rank[i], wi = w[i]
                        let lo = below[r], hi = below[r + 1]
                        conc += wi * lo
                        tx += wi * (hi - lo)
                        disc += wi * (total - hi)
                        sw += wi; sw2 += wi * wi
                        tw[r] += wi; tw2[r] += wi * wi
                    }
                    ty += (sw * sw - sw2) / 2
                    // Tied events with equal scores; each rank is counted once, then cleared.
                    for k in rows where status[order[k]] != 0 {
                        let r = rank[order[k]]
                        if tw[r] != 0 || tw2[r] != 0 {
                            txy += (tw[r] * tw[r] - tw2[r]) / 2
                            tw[r] = 0; tw2[r] = 0
                        }
                    }
                    for k in rows where status[order[k]] != 0 {
                        let i = order[k]
                        hist[rank[i]] += w[i]
                        total += w[i]
                    }
                }
            }
        }}}}}}}}
        let denom = conc + disc + tx
        return Concordance(concordant: conc, discordant: disc, tiedX: tx, tiedY: ty - txy, tiedXY: txy,
                           value: denom > 0 ? (conc + tx / 2) / denom : .nan)
    }
}
