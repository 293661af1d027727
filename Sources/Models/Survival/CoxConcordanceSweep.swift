import Dispatch

/// Running weights per (stratum, level) of the rows a sweep in score order has passed: the rows below the
/// current score, split by the event times they are at risk for (see `CoxRiskSets.concordanceByBlocks`).
protocol ConcordanceLevelSums: SendableMetatype {
    /// Adds weight `w` at `level` of `stratum`.
    mutating func add(_ stratum: Int, _ level: Int, _ w: Double)
    /// The weight at levels `0..<level` of `stratum` (0 for level 0).
    func below(_ stratum: Int, _ level: Int) -> Double
}

/// The number of lanes of `ConcordanceLaneSums`, fixed at compile time so its loops unroll.
protocol ConcordanceLaneWidth {
    static var lanes: Int { get }
}

/// 8 lanes: up to 7 distinct stop times in the data (the levels are the times and one more).
enum ConcordanceLanes8: ConcordanceLaneWidth { static var lanes: Int { 8 } }
/// 16 lanes: up to 15 distinct stop times in the data.
enum ConcordanceLanes16: ConcordanceLaneWidth { static var lanes: Int { 16 } }

/// Few levels (school years): per stratum the prefix sums themselves, `lanes` numbers with lane `l` =
/// weight at levels `< l`. An add updates every lane by a fixed-length masked add (no branches; always the
/// same vector stores, so the next row's loads are forwarded from them); a query reads one lane.
struct ConcordanceLaneSums<Width: ConcordanceLaneWidth>: ConcordanceLevelSums {
    let sums: UnsafeMutablePointer<Double>
    /// `mask[level * lanes + l]` = 1 if `l > level`, else 0.
    let mask: UnsafePointer<Double>

    @inline(__always) func add(_ stratum: Int, _ level: Int, _ w: Double) {
        let base = stratum &* Width.lanes, m = level &* Width.lanes
        for l in 0..<Width.lanes { sums[base &+ l] += mask[m &+ l] * w }
    }

    @inline(__always) func below(_ stratum: Int, _ level: Int) -> Double { sums[stratum &* Width.lanes &+ level] }

    /// The masks for `levels` (at most `lanes`) levels.
    static func masks(levels: Int) -> [Double] {
        var m = [Double](repeating: 0, count: Width.lanes * Width.lanes)
        for level in 0..<levels { for l in 0..<Width.lanes where l > level { m[level * Width.lanes + l] = 1 } }
        return m
    }
}

/// Many levels: a Fenwick tree per stratum over `tree[s (levels + 1) + 1 ... s (levels + 1) + levels]`;
/// O(log levels) each.
struct ConcordanceFenwickSums: ConcordanceLevelSums {
    let tree: UnsafeMutablePointer<Double>
    let levels: Int

    @inline(__always) func add(_ stratum: Int, _ level: Int, _ w: Double) {
        let base = stratum &* (levels &+ 1)
        var q = level &+ 1
        while q <= levels { tree[base &+ q] += w; q &+= q & (0 &- q) }
    }

    @inline(__always) func below(_ stratum: Int, _ level: Int) -> Double {
        let base = stratum &* (levels &+ 1)
        var s = 0.0
        var q = level
        while q > 0 { s += tree[base &+ q]; q &-= q & (0 &- q) }
        return s
    }
}

/// The two parts of a sweep on two cores: part 0 sweeps the rows before `split` from empty sums (`first`); part 1
/// adds those rows' weights to `second` and sweeps the rest. Each part writes its own sums and `out` entry.
private struct TwoPartSweep<S: ConcordanceLevelSums>: @unchecked Sendable {
    let sweep: ConcordanceSweep
    let first: S, second: S
    let keys: UnsafeBufferPointer<Double>
    let slots: UnsafeBufferPointer<Int32>
    let weights: UnsafeBufferPointer<Double>?
    let split: Int
    let out: UnsafeMutableBufferPointer<ConcordanceSweep.Counts>

    func run(part: Int) {
        let n = keys.count
        if part == 0 {
            var s = first
            out[0] = sweep.run(&s, keys: UnsafeBufferPointer(rebasing: keys[0..<split]),
                               slots: UnsafeBufferPointer(rebasing: slots[0..<split]),
                               weights: weights.map { UnsafeBufferPointer(rebasing: $0[0..<split]) })
        } else {
            var s = second
            sweep.addAll(&s, slots: UnsafeBufferPointer(rebasing: slots[0..<split]),
                         weights: weights.map { UnsafeBufferPointer(rebasing: $0[0..<split]) })
            out[1] = sweep.run(&s, keys: UnsafeBufferPointer(rebasing: keys[split..<n]),
                               slots: UnsafeBufferPointer(rebasing: slots[split..<n]),
                               weights: weights.map { UnsafeBufferPointer(rebasing: $0[split..<n]) })
        }
    }
}

/// Pair counts of one sweep in ascending score over rows tagged with their slot (`2 * block + status`).
///
/// Only the concordant and tied-score pairs are counted row by row. The discordant ones follow at the end:
/// an event of block `b` with weight `w` has `w * atRisk(b)` comparable pairs, so the discordant pairs are
/// `sum_b eventWeight(b) atRisk(b) - concordant - tiedX`, with `atRisk(b)` read from the level sums once
/// every row has been added (exact for integer or dyadic weights, as every count is then).
struct ConcordanceSweep {
    /// Per slot: the row's level within its stratum (block, + 1 for an event).
    let levelOf: [Int32]
    /// Per slot: its stratum.
    let stratumOf: [Int32]
    /// Number of blocks.
    let blockCount: Int

    /// Weighted pair counts.
    struct Counts {
        var concordant = 0.0, discordant = 0.0, tiedX = 0.0, tiedXY = 0.0
        /// All pairs of events at one time in one stratum (including those tied in score).
        var tiedY = 0.0

        /// The counts of two parts of the rows, added.
        static func + (a: Counts, b: Counts) -> Counts {
            Counts(concordant: a.concordant + b.concordant, discordant: a.discordant + b.discordant,
                   tiedX: a.tiedX + b.tiedX, tiedXY: a.tiedXY + b.tiedXY, tiedY: a.tiedY + b.tiedY)
        }
    }

    /// The pair counts of `eta` on right-censored data grouped in `blocks` (see
    /// `CoxRiskSets.concordanceByBlocks`): `slots[i]` is the slot of score `i` and `weights[i]` its case
    /// weight (`nil`: all 1), in any order of the rows.
    static func counts(_ blocks: CoxTimeBlocks, eta: [Double], slots: [Int32], weights: [Double]?) -> Counts {
        let n = eta.count
        let nt = blocks.timeCount
        precondition((weights?.count ?? n) == n && slots.count == n,
                     "concordance: \(n) scores, \(weights?.count ?? n) weights, \(slots.count) slots")
        guard nt > 0, n > 0 else { return Counts() }
        let nStrata = blocks.count / nt
        let levels = nt + 1                   // per stratum
        // Per slot (2 * block + status): the row's level within its stratum, and its stratum.
        var levelOf = [Int32](repeating: 0, count: 2 * blocks.count)
        var stratumOf = [Int32](repeating: 0, count: 2 * blocks.count)
        for b in 0..<blocks.count {
            let s = b / nt, local = b - s * nt
            for status in 0..<2 {
                levelOf[2 * b + status] = Int32(local + status)
                stratumOf[2 * b + status] = Int32(s)
            }
        }
        // Weight and squared weight of the events per block (pairs tied in time; comparable pairs).
        var eventWeight = blocks.deaths.map { Double($0) }
        var eventWeight2 = eventWeight
        if let weights {
            for b in 0..<blocks.count { eventWeight[b] = 0; eventWeight2[b] = 0 }
            for i in 0..<n {
                let slot = Int(slots[i])
                if slot & 1 != 0 { eventWeight[slot >> 1] += weights[i]; eventWeight2[slot >> 1] += weights[i] * weights[i] }
            }
        }
        let order = ConcordanceScoreOrder(eta, tags: slots, weights: weights)
        let sweep = ConcordanceSweep(levelOf: levelOf, stratumOf: stratumOf, blockCount: blocks.count)
        // The sweep, then the weight at risk of each block from the level sums it leaves.
        var atRisk = [Double](repeating: 0, count: blocks.count)
        func finish<S: ConcordanceLevelSums>(_ sums: S) {
            for b in 0..<blocks.count {
                let s = b / nt
                atRisk[b] = sums.below(s, b - s * nt + 1)
            }
        }
        var c = order.sorted.withUnsafeBufferPointer { keys in
            order.tags.withUnsafeBufferPointer { slots in
                order.weights.withUnsafeBufferPointerIfPresent { w in
                    // Big data: two parts on two cores (`split`); the second starts from the level sums of the
                    // first part's rows, found by summing their weights per slot.
                    let split = n >= Self.parallelRows ? sweep.splitPoint(keys) : n
                    func run<S: ConcordanceLevelSums>(_ first: S, _ second: S) -> Counts {
                        guard split < n else {
                            var s = first
                            defer { finish(s) }
                            return sweep.run(&s, keys: keys, slots: slots, weights: w)
                        }
                        var parts = [Counts(), Counts()]
                        parts.withUnsafeMutableBufferPointer { out in
                            let job = TwoPartSweep(sweep: sweep, first: first, second: second, keys: keys, slots: slots,
                                                   weights: w, split: split, out: out)
                            DispatchQueue.concurrentPerform(iterations: 2) { job.run(part: $0) }
                        }
                        finish(second)
                        return parts[0] + parts[1]
                    }
                    func runLanes<Width: ConcordanceLaneWidth>(_ width: Width.Type) -> Counts {
                        // The second part's sums `gap` doubles after the first's: never in one cache line (every
                        // add writes all lanes; a shared line would bounce between the cores).
                        let size = nStrata * Width.lanes
                        var sums = [Double](repeating: 0, count: 2 * size + Self.gap)
                        let mask = ConcordanceLaneSums<Width>.masks(levels: levels)
                        return sums.withUnsafeMutableBufferPointer { sums in
                            mask.withUnsafeBufferPointer { mask in
                                guard let s0 = sums.baseAddress, let m0 = mask.baseAddress else { return Counts() }
                                return run(ConcordanceLaneSums<Width>(sums: s0, mask: m0),
                                           ConcordanceLaneSums<Width>(sums: s0 + size + Self.gap, mask: m0))
                            }
                        }
                    }
                    if levels <= 8 { return runLanes(ConcordanceLanes8.self) }
                    if levels <= 16 { return runLanes(ConcordanceLanes16.self) }
                    let size = nStrata * (levels + 1)
                    var tree = [Double](repeating: 0, count: 2 * size + Self.gap)
                    return tree.withUnsafeMutableBufferPointer { tree in
                        guard let t0 = tree.baseAddress else { return Counts() }
                        return run(ConcordanceFenwickSums(tree: t0, levels: levels),
                                   ConcordanceFenwickSums(tree: t0 + size + Self.gap, levels: levels))
                    }
                }
            }
        }
        var comparable = 0.0, ty = 0.0
        for b in 0..<blocks.count {
            comparable += eventWeight[b] * atRisk[b]
            ty += (eventWeight[b] * eventWeight[b] - eventWeight2[b]) / 2
        }
        c.discordant = comparable - c.concordant - c.tiedX
        c.tiedY = ty
        return c
    }

    /// Whether ascending neighbouring scores `lower`, `upper` are distinct, not equal up to rounding
    /// (`upper - lower > 1e-10 (1 + |upper|)`): the tie groups of every concordance pass.
    @inline(__always) static func separates(_ lower: Double, _ upper: Double) -> Bool {
        upper - lower > 1e-10 * (1 + Swift.abs(upper))
    }

    /// Rows from which the sweep runs in two parts on two cores.
    static let parallelRows = 1 << 16
    /// Doubles between the two parts' level sums (two cache lines).
    static let gap = 16

    /// Where the second part of a two-part sweep starts: the first boundary between tie groups (as `run` forms
    /// them) at or after 4/7 of the rows — the second part also sums the first part's weights per slot, at
    /// about a quarter of the sweep's cost per row — or `keys.count` when there is none.
    func splitPoint(_ keys: UnsafeBufferPointer<Double>) -> Int {
        let n = keys.count
        var e = Swift.max(1, n / 7 * 4)
        while e < n && !Self.separates(keys[e &- 1], keys[e]) { e &+= 1 }
        return e
    }

    /// Adds the rows `slots` (with `weights`, `nil`: all 1) to `sums` as the sweep would, slot by slot: the
    /// weight of each slot first (`SlotTotals`), then one `add` per slot.
    func addAll<S: ConcordanceLevelSums>(_ sums: inout S, slots: UnsafeBufferPointer<Int32>, weights: UnsafeBufferPointer<Double>?) {
        let total = SlotTotals.sum(slots, weights: weights, slotCount: levelOf.count)
        for slot in 0..<levelOf.count where total[slot] != 0 {
            sums.add(Int(stratumOf[slot]), Int(levelOf[slot]), total[slot])
        }
    }

    /// Sweeps `keys` (ascending scores) with their `slots` and `weights` (`nil`: all 1), keeping the
    /// passed weight per level in `sums`; counts concordant, tied-score and tied (time and score) pairs.
    /// Scores equal up to rounding (|difference| <= 1e-10 (1 + |eta|) between neighbours) form a tie
    /// group: its events see the group's other rows as tied in score.
    func run<S: ConcordanceLevelSums>(_ sums: inout S, keys: UnsafeBufferPointer<Double>, slots: UnsafeBufferPointer<Int32>,
                                      weights: UnsafeBufferPointer<Double>?) -> Counts {
        var c = Counts()
        let n = keys.count
        var groupBelow: [Double] = []
        var groupW = [Double](repeating: 0, count: blockCount)
        var groupW2 = [Double](repeating: 0, count: blockCount)
        var touched: [Int] = []
        levelOf.withUnsafeBufferPointer { levelOf in
        stratumOf.withUnsafeBufferPointer { stratumOf in
            var k = 0
            while k < n {
                var e = k &+ 1
                while e < n && !Self.separates(keys[e &- 1], keys[e]) { e &+= 1 }
                if e == k &+ 1 {
                    // One row: an event is never at risk for itself, so no tied scores. Branch-free: a
                    // censored row's count is computed too, and multiplied by 0.
                    let slot = Int(slots[k])
                    let stratum = Int(stratumOf[slot]), level = Int(levelOf[slot])
                    let wi = weights?[k] ?? 1
                    c.concordant += Double(slot & 1) * wi * sums.below(stratum, level)
                    sums.add(stratum, level, wi)
                } else {
                    // A tie group: lower scores before the group is added, lower or equal after.
                    groupBelow.removeAll(keepingCapacity: true)
                    var events = 0
                    for q in k..<e {
                        let slot = Int(slots[q])
                        if slot & 1 != 0 {
                            groupBelow.append(sums.below(Int(stratumOf[slot]), Int(levelOf[slot])))
                            events += 1
                        }
                    }
                    for q in k..<e {
                        let slot = Int(slots[q])
                        sums.add(Int(stratumOf[slot]), Int(levelOf[slot]), weights?[q] ?? 1)
                    }
                    var g = 0
                    for q in k..<e {
                        let slot = Int(slots[q])
                        guard slot & 1 != 0 else { continue }
                        let wi = weights?[q] ?? 1, b = slot >> 1
                        let below = groupBelow[g]
                        let atOrBelow = sums.below(Int(stratumOf[slot]), Int(levelOf[slot]))
                        c.concordant += wi * below
                        c.tiedX += wi * (atOrBelow - below)
                        g += 1
                        if events > 1 {
                            if groupW[b] == 0 && groupW2[b] == 0 { touched.append(b) }
                            groupW[b] += wi
                            groupW2[b] += wi * wi
                        }
                    }
                    // Events of one block in one tie group: tied in time and score.
                    for b in touched {
                        c.tiedXY += (groupW[b] * groupW[b] - groupW2[b]) / 2
                        groupW[b] = 0
                        groupW2[b] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                }
                k = e
            }
        }}
        return c
    }
}
