/// Harrell's concordance of a Cox model's risk scores with the observed order of events
/// (R's `fit$concordance`, `timewt = "n"`), pair counts and the index.
///
/// A pair is comparable when one member has an event at `t` while the other is still at risk after
/// it (in the same stratum; for counting-process rows, at risk at `t` and not failing at `t`). It is
/// concordant when the member that failed has the higher risk score. Pairs that fail at the same time
/// are `tiedY` (and `tiedXY` when their scores are also equal). Counts are weighted by `w_i w_j`.
/// The scores are sorted once (`ConcordanceScoreOrder`, O(n)); then either a backward pass in time keeps a
/// Fenwick tree over the ranks of the scores (O(n log n), any data), or, for right-censored data grouped in
/// (stratum, time) blocks, one sweep in score order keeps the weight passed per block
/// (`concordanceByBlocks`, O(n) for few times).
public struct Concordance: Sendable, Equatable, Codable {
    /// Concordant pairs.
    public var concordant: Double
    /// Discordant pairs.
    public var discordant: Double
    /// Comparable pairs with equal risk scores.
    public var tiedX: Double
    /// Pairs failing at the same time.
    public var tiedY: Double
    /// Pairs failing at the same time with equal scores.
    public var tiedXY: Double
    /// `(concordant + tiedX / 2) / (concordant + discordant + tiedX)`.
    public var value: Double

    enum CodingKeys: String, CodingKey {
        case concordant, discordant, value
        case tiedX = "tied_x", tiedY = "tied_y", tiedXY = "tied_xy"
    }
}

extension Concordance {
    /// The pair counts and their index (`nan` when no pair is comparable).
    init(concordant: Double, discordant: Double, tiedX: Double, tiedY: Double, tiedXY: Double) {
        let denom = concordant + discordant + tiedX
        self.init(concordant: concordant, discordant: discordant, tiedX: tiedX, tiedY: tiedY, tiedXY: tiedXY,
                  value: denom > 0 ? (concordant + tiedX / 2) / denom : .nan)
    }
}

extension CoxRiskSets {
    /// Concordance of the current linear predictor `eta` with the data (call after `setLinearPredictor`).
    func concordance() -> Concordance {
        // Scores equal up to rounding (|difference| <= 1e-10 (1 + |eta|) between neighbours in sorted
        // order, e.g. the same covariate pattern reached through different sums) share a rank, as they tie
        // exactly in R.
        let sorted: [Double], rows: [Int]
        if n <= Int(Int32.max) {
            if let blocks { return concordanceByBlocks(blocks) }
            precondition(rowOrderReady, "concordance needs a linear predictor: setLinearPredictor(beta) first")
            let order = ConcordanceScoreOrder(eta)
            sorted = order.sorted
            rows = order.tags.map { Int($0) }
        } else {
            rows = (0..<n).sorted { eta[$0] < eta[$1] }
            sorted = rows.map { eta[$0] }
        }
        let weights = self.weights   // read once: made on first use when none were given
        var rank = [Int](repeating: 0, count: n)
        var r = 0
        for k in 0..<n {
            if k > 0 && ConcordanceSweep.separates(sorted[k - 1], sorted[k]) { r += 1 }
            rank[rows[k]] = r
        }
        let size = r + 1
        let byStop = self.byStop   // read once: for grouped times a lazily made array
        var tree = [Double](repeating: 0, count: size + 1)
        func add(_ pos: Int, _ v: Double) { var i = pos + 1; while i <= size { tree[i] += v; i += i & (-i) } }
        func prefix(_ pos: Int) -> Double { var s = 0.0; var i = pos; while i > 0 { s += tree[i]; i -= i & (-i) }; return s }  // ranks < pos
        var total = 0.0
        var conc = 0.0, disc = 0.0, tx = 0.0, ty = 0.0, txy = 0.0
        var previous = 0..<0
        for range in stratumRanges {
            // Empty the tree of the previous stratum: zero the nodes on its rows' update paths (exact, and
            // right also for counting-process rows already removed at their start time).
            for q in previous {
                var i = rank[byStop[q]] + 1
                while i <= size { tree[i] = 0; i += i & (-i) }
            }
            previous = range
            total = 0
            var startPtr = range.lowerBound
            var k = range.lowerBound
            while k < range.upperBound {
                let t = stop[byStop[k]]
                if let start = start {
                    while startPtr < range.upperBound && start[byStart[startPtr]] >= t {
                        let i = byStart[startPtr]
                        add(rank[i], -weights[i]); total -= weights[i]
                        startPtr += 1
                    }
                }
                var events: [Int] = []
                while k < range.upperBound && stop[byStop[k]] == t {
                    let i = byStop[k]
                    if status[i] != 0 { events.append(i) } else { add(rank[i], weights[i]); total += weights[i] }
                    k += 1
                }
                for i in events {
                    let below = prefix(rank[i])
                    let atOrBelow = prefix(rank[i] + 1)
                    let wi = weights[i]
                    conc += wi * below
                    tx += wi * (atOrBelow - below)
                    disc += wi * (total - atOrBelow)
                }
                if events.count > 1 {
                    // Pairs among the tied events: ((Σw)² - Σw²) / 2 overall and within equal scores.
                    var sw = 0.0, sw2 = 0.0
                    for i in events { sw += weights[i]; sw2 += weights[i] * weights[i] }
                    ty += (sw * sw - sw2) / 2
                    events.sort { rank[$0] < rank[$1] }
                    var a = 0
                    while a < events.count {
                        var b = a, gw = 0.0, gw2 = 0.0
                        while b < events.count && rank[events[b]] == rank[events[a]] {
                            gw += weights[events[b]]; gw2 += weights[events[b]] * weights[events[b]]; b += 1
                        }
                        txy += (gw * gw - gw2) / 2
                        a = b
                    }
                }
                for i in events { add(rank[i], weights[i]); total += weights[i] }
            }
        }
        return Concordance(concordant: conc, discordant: disc, tiedX: tx, tiedY: ty - txy, tiedXY: txy)
    }
}
