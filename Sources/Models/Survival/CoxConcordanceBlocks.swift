extension CoxRiskSets {
    /// `concordance()` for right-censored data grouped in (stratum, time) blocks, by one sweep over the rows
    /// in ascending risk score.
    ///
    /// Within a stratum, number the blocks `0, 1, ...` from the latest time back (the backward pass order)
    /// and give each row a level: its block if censored, its block + 1 if an event. A row is at risk for the
    /// events of block `b` exactly when its level is at most `b` (censored rows at the event time count, the
    /// other events at that time do not). The sweep keeps, per level, the weight of the rows already passed
    /// (lower scores) in a Fenwick tree per stratum; an event of block `b` then finds the weight at risk
    /// with a lower score as the sum over levels `<= b` before its tie group is added, with a lower or equal
    /// score after. Pairs of events in one block are `tiedY`, those also in one tie group `tiedXY`.
    /// O(n + events * log(times)) after the sort of the scores.
    func concordanceByBlocks(_ blocks: CoxTimeBlocks, order: ConcordanceScoreOrder) -> Concordance {
        let nt = blocks.timeCount
        guard nt > 0, n > 0 else {
            return Concordance(concordant: 0, discordant: 0, tiedX: 0, tiedY: 0, tiedXY: 0, value: .nan)
        }
        let nStrata = blocks.count / nt
        let levels = nt + 1                   // per stratum
        let treeStride = levels + 1           // Fenwick trees are 1-based
        // Per slot (2 * block + status): the row's level within its stratum, and the stratum's tree.
        var levelOfSlot = [Int32](repeating: 0, count: 2 * blocks.count)
        var treeOfSlot = [Int32](repeating: 0, count: 2 * blocks.count)
        for b in 0..<blocks.count {
            let s = b / nt, local = b - s * nt
            levelOfSlot[2 * b] = Int32(local)
            levelOfSlot[2 * b + 1] = Int32(local + 1)
            treeOfSlot[2 * b] = Int32(s * treeStride)
            treeOfSlot[2 * b + 1] = Int32(s * treeStride)
        }
        // Weight per (stratum, level); weight and squared weight of the events per block (for tiedY).
        var levelWeight = [Double](repeating: 0, count: nStrata * levels)
        var eventWeight = [Double](repeating: 0, count: blocks.count)
        var eventWeight2 = [Double](repeating: 0, count: blocks.count)
        for i in 0..<n {
            let slot = Int(blocks.slot[i]), b = slot >> 1, s = b / nt
            let wi = weights[i]
            levelWeight[s * levels + (b - s * nt) + (slot & 1)] += wi
            if slot & 1 != 0 { eventWeight[b] += wi; eventWeight2[b] += wi * wi }
        }
        // Weight at risk for the events of each block, and the pairs of its events (tied in time).
        var atRisk = [Double](repeating: 0, count: blocks.count)
        var ty = 0.0
        for s in 0..<nStrata {
            var acc = 0.0
            for local in 0..<nt {
                let b = s * nt + local
                acc += levelWeight[s * levels + local]
                atRisk[b] = acc
                let sw = eventWeight[b]
                ty += (sw * sw - eventWeight2[b]) / 2
            }
        }
        var tree = [Double](repeating: 0, count: nStrata * treeStride)
        // Per event of the current tie group: its weight at risk with a lower score; per block: the weight
        // and squared weight of the group's events in it (tiedXY), cleared after each group.
        var groupBelow: [Double] = []
        var groupW = [Double](repeating: 0, count: blocks.count)
        var groupW2 = [Double](repeating: 0, count: blocks.count)
        var touched: [Int] = []
        var conc = 0.0, disc = 0.0, tx = 0.0, txy = 0.0
        order.sorted.withUnsafeBufferPointer { key in
        order.rows.withUnsafeBufferPointer { rows in
        weights.withUnsafeBufferPointer { w in
        blocks.slot.withUnsafeBufferPointer { slots in
        levelOfSlot.withUnsafeBufferPointer { levelOf in
        treeOfSlot.withUnsafeBufferPointer { treeOf in
        atRisk.withUnsafeBufferPointer { atRisk in
        tree.withUnsafeMutableBufferPointer { tree in
            /// Adds `v` at `level` of the tree at `base`.
            @inline(__always) func add(_ base: Int, _ level: Int, _ v: Double) {
                var q = level + 1
                while q <= levels { tree[base + q] += v; q += q & (-q) }
            }
            /// Weight at levels `0...level` of the tree at `base`.
            @inline(__always) func upTo(_ base: Int, _ level: Int) -> Double {
                var s = 0.0
                var q = level + 1
                while q > 0 { s += tree[base + q]; q -= q & (-q) }
                return s
            }
            let count = n
            var k = 0
            while k < count {
                // The tie group [k, e): consecutive scores equal up to rounding, as in `concordance()`.
                var e = k + 1
                while e < count {
                    let a = key[e - 1], b = key[e]
                    if b - a > 1e-10 * (1 + Swift.abs(b)) { break }
                    e += 1
                }
                if e == k + 1 {
                    // One row: an event is never at risk for itself, so no tiedX.
                    let i = Int(rows[k])
                    let slot = Int(slots[i]), base = Int(treeOf[slot]), level = Int(levelOf[slot])
                    let wi = w[i]
                    if slot & 1 != 0 {
                        let below = upTo(base, level - 1)
                        conc += wi * below
                        disc += wi * (atRisk[slot >> 1] - below)
                    }
                    add(base, level, wi)
                } else {
                    groupBelow.removeAll(keepingCapacity: true)
                    var events = 0
                    for q in k..<e {
                        let slot = Int(slots[Int(rows[q])])
                        if slot & 1 != 0 {
                            groupBelow.append(upTo(Int(treeOf[slot]), Int(levelOf[slot]) - 1))
                            events += 1
                        }
                    }
                    for q in k..<e {
                        let i = Int(rows[q])
                        let slot = Int(slots[i])
                        add(Int(treeOf[slot]), Int(levelOf[slot]), w[i])
                    }
                    var g = 0
                    for q in k..<e {
                        let i = Int(rows[q])
                        let slot = Int(slots[i])
                        guard slot & 1 != 0 else { continue }
                        let wi = w[i], b = slot >> 1
                        let below = groupBelow[g]
                        let atOrBelow = upTo(Int(treeOf[slot]), Int(levelOf[slot]) - 1)
                        conc += wi * below
                        tx += wi * (atOrBelow - below)
                        disc += wi * (atRisk[b] - atOrBelow)
                        g += 1
                        if events > 1 {
                            if groupW[b] == 0 && groupW2[b] == 0 { touched.append(b) }
                            groupW[b] += wi
                            groupW2[b] += wi * wi
                        }
                    }
                    for b in touched {
                        txy += (groupW[b] * groupW[b] - groupW2[b]) / 2
                        groupW[b] = 0
                        groupW2[b] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                }
                k = e
            }
        }}}}}}}}
        let denom = conc + disc + tx
        return Concordance(concordant: conc, discordant: disc, tiedX: tx, tiedY: ty - txy, tiedXY: txy,
                           value: denom > 0 ? (conc + tx / 2) / denom : .nan)
    }
}
