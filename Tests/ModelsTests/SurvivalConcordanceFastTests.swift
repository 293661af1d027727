import Foundation
import Testing
import Linalg
@testable import Models
import TestSupport

/// The Cox model's concordance counts (concordant, discordant, tied.x, tied.y, tied.xy as R's `coxph`
/// reports them) equal a brute-force count over all pairs, whichever pass computes them: the sweep in
/// score order over (stratum, time) blocks for right-censored data, or the backward pass in time with a
/// Fenwick tree over score ranks for any data. Scores equal up to rounding (|difference| <= 1e-10 (1 + |eta|)
/// between neighbours in sorted order) count as tied.
@Suite struct SurvivalConcordanceFastTests {
    /// A small seeded generator (SplitMix64), so every scenario is reproducible.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func below(_ k: Int) -> Int { Int(next() % UInt64(k)) }
    }

    /// How the scores of a scenario are drawn.
    enum Scores: CaseIterable {
        /// Continuous, practically all distinct.
        case continuous
        /// A few distinct values (covariate patterns): many exact ties.
        case fewValues
        /// A few values, half of the rows off by a rounding error (must tie), a few off by 1e-7 (must not).
        case roundingTies
    }

    /// How the case weights of a scenario are drawn.
    enum Weights: CaseIterable {
        case none
        /// Multiples of 1/4: every pair count is exact in floating point, so the passes must agree exactly.
        case dyadic
        /// Arbitrary positive reals (and a few zeros): the passes may differ by rounding only.
        case real
    }

    /// One random data set with its scores.
    struct Scenario {
        var eta: [Double]
        var data: SurvivalData
        var strata: [Int]?
    }

    static func scenario(n: Int, times: Int, strata: Int, scores: Scores, weights: Weights, countingProcess: Bool,
                         seed: UInt64) throws -> Scenario {
        var g = Generator(state: seed)
        let values = (0..<6).map { _ in g.uniform() * 4 - 2 }
        var eta = [Double](repeating: 0, count: n)
        var stop = eta, start = eta
        var status = [Int](repeating: 0, count: n)
        var w = eta
        var st = [Int](repeating: 0, count: n)
        for i in 0..<n {
            switch scores {
            case .continuous: eta[i] = g.uniform() * 6 - 3
            case .fewValues: eta[i] = values[g.below(values.count)]
            case .roundingTies:
                let v = values[g.below(values.count)]
                switch g.below(10) {
                case 0..<5: eta[i] = v
                case 5..<9: eta[i] = v + Double(g.below(5) + 1) * 2e-16 * (1 + abs(v))
                default: eta[i] = v + 1e-7
                }
            }
            stop[i] = Double(g.below(times) + 1)
            start[i] = Double(g.below(Int(stop[i])))   // 0 ..< stop
            status[i] = g.below(5) < 2 ? 1 : 0
            switch weights {
            case .none: w[i] = 1
            case .dyadic: w[i] = Double(g.below(12)) / 4
            case .real: w[i] = g.below(20) == 0 ? 0 : 0.1 + 2 * g.uniform()
            }
            st[i] = g.below(strata)
        }
        let data = try SurvivalData(start: countingProcess ? start : nil, stop: stop, status: status,
                                    weights: weights == .none ? nil : w)
        return Scenario(eta: eta, data: data, strata: strata > 1 ? st : nil)
    }

    /// Risk sets whose linear predictor is exactly `eta` (no covariates; `eta` enters as the offset).
    static func riskSets(_ s: Scenario, groupTimes: Bool) -> CoxRiskSets {
        var rs = CoxRiskSets(x: Matrix(rows: s.data.count, columns: 0), data: s.data, strata: s.strata, offset: s.eta,
                             ties: .efron, groupTimes: groupTimes)
        rs.setLinearPredictor([])
        return rs
    }

    /// The definition, pair by pair, O(n²). Ranks by a comparison sort and the neighbour rule.
    static func bruteForce(_ s: Scenario) -> Concordance {
        let n = s.data.count
        let eta = s.eta
        let byScore = (0..<n).sorted { eta[$0] != eta[$1] ? eta[$0] < eta[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: n)
        for k in 1..<Swift.max(n, 1) {
            let a = eta[byScore[k - 1]], b = eta[byScore[k]]
            rank[byScore[k]] = rank[byScore[k - 1]] + (b - a > 1e-10 * (1 + abs(b)) ? 1 : 0)
        }
        let w = s.data.weights ?? [Double](repeating: 1, count: n)
        let stratum = s.strata ?? [Int](repeating: 0, count: n)
        let stop = s.data.stop, status = s.data.status
        var conc = 0.0, disc = 0.0, tx = 0.0, ty = 0.0, txy = 0.0
        for i in 0..<n where status[i] != 0 {
            let t = stop[i]
            for j in 0..<n where j != i && stratum[j] == stratum[i] {
                let pair = w[i] * w[j]
                if status[j] != 0 && stop[j] == t {
                    // Both fail at t: tied in time, counted once per unordered pair.
                    if j > i { if rank[i] == rank[j] { txy += pair } else { ty += pair } }
                    continue
                }
                let started = s.data.start.map { $0[j] < t } ?? true
                guard started && stop[j] >= t else { continue }
                if rank[i] > rank[j] { conc += pair } else if rank[i] < rank[j] { disc += pair } else { tx += pair }
            }
        }
        let denom = conc + disc + tx
        return Concordance(concordant: conc, discordant: disc, tiedX: tx, tiedY: ty, tiedXY: txy,
                           value: denom > 0 ? (conc + tx / 2) / denom : .nan)
    }

    /// Exactly equal for unit or dyadic weights; within rounding (relative to all pairs) for real weights.
    static func expectSame(_ a: Concordance, _ b: Concordance, exact: Bool, _ label: String) {
        if exact {
            #expect(a.concordant == b.concordant && a.discordant == b.discordant && a.tiedX == b.tiedX, "\(label): \(a) vs \(b)")
            #expect(a.tiedY == b.tiedY && a.tiedXY == b.tiedXY, "\(label)")
            #expect(a.value == b.value || (a.value.isNaN && b.value.isNaN), "\(label): \(a.value) vs \(b.value)")
        } else {
            let scale = Swift.max(1, b.concordant + b.discordant + b.tiedX + b.tiedY + b.tiedXY)
            let pairs = [(a.concordant, b.concordant), (a.discordant, b.discordant), (a.tiedX, b.tiedX),
                         (a.tiedY, b.tiedY), (a.tiedXY, b.tiedXY)]
            #expect(pairs.allSatisfy { abs($0 - $1) <= 1e-12 * scale }, "\(label): \(a) vs \(b)")
            #expect(abs(a.value - b.value) <= 1e-12 || (a.value.isNaN && b.value.isNaN), "\(label)")
        }
    }

    /// Right-censored data with few (school years) or many distinct times, one or several strata, tied or
    /// distinct scores, with or without weights: the block sweep and the per-row pass both equal the
    /// brute-force count.
    @Test(arguments: Scores.allCases)
    func blockSweepAndPerRowPassEqualBruteForce(scores: Scores) throws {
        var seed: UInt64 = 11
        for times in [1, 2, 6, 10, 40, 150] {   // 10: the 16-lane sums
            for strata in [1, 3] {
                for weights in Weights.allCases {
                    seed += 1
                    let s = try Self.scenario(n: 240, times: times, strata: strata, scores: scores, weights: weights,
                                              countingProcess: false, seed: seed)
                    let blocked = Self.riskSets(s, groupTimes: true)
                    let perRow = Self.riskSets(s, groupTimes: false)
                    #expect(blocked.blocks != nil && perRow.blocks == nil)
                    let reference = Self.bruteForce(s)
                    let label = "\(scores) times \(times) strata \(strata) weights \(weights)"
                    Self.expectSame(blocked.concordance(), reference, exact: weights != .real, label + " (blocks)")
                    Self.expectSame(perRow.concordance(), reference, exact: weights != .real, label + " (per row)")
                }
            }
        }
    }

    /// Counting-process rows (at risk on `(start, stop]`) go through the backward pass in time.
    @Test(arguments: Scores.allCases)
    func countingProcessPassEqualsBruteForce(scores: Scores) throws {
        var seed: UInt64 = 101
        for times in [3, 25] {
            for strata in [1, 2] {
                for weights in Weights.allCases {
                    seed += 1
                    let s = try Self.scenario(n: 200, times: times, strata: strata, scores: scores, weights: weights,
                                              countingProcess: true, seed: seed)
                    let rs = Self.riskSets(s, groupTimes: true)
                    #expect(rs.blocks == nil)
                    Self.expectSame(rs.concordance(), Self.bruteForce(s), exact: weights != .real,
                                    "\(scores) times \(times) strata \(strata) weights \(weights)")
                }
            }
        }
    }

    /// Counting-process rows in two strata, with tied scores and times, against R (survival 3.5-3): data and
    /// counts from Scripts/reference/survival_concordance_counting.R, e.g.
    ///   concordance(Surv(start, stop, status) ~ x + strata(s), weights = w, reverse = TRUE)$count (summed over strata).
    /// The same rows as right-censored data (`right_*` cases, `Surv(stop, status)`) go through the block sweep.
    @Test func countingProcessWithStrataMatchesR() throws {
        let fx = try SurvivalFixture("concordance_counting.json")
        let status = fx.doubles("status").map { Int($0) }
        let strata = fx.doubles("stratum").map { Int($0) }
        let cases = try #require(fx.object["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        for c in cases.map(SurvivalFixture.init(object:)) {
            let name = c.strings("name").first ?? ""
            let weights = name.contains("weighted") ? fx.doubles("w") : nil
            let right = name.hasPrefix("right")
            let s = Scenario(eta: fx.doubles("x"),
                             data: try SurvivalData(start: right ? nil : fx.doubles("start"), stop: fx.doubles("stop"),
                                                    status: status, weights: weights),
                             strata: name.contains("strata") ? strata : nil)
            let rs = Self.riskSets(s, groupTimes: true)
            #expect((rs.blocks != nil) == right, "\(name): block sweep for right-censored data only")
            let k = rs.concordance()
            #expect([k.concordant, k.discordant, k.tiedX, k.tiedY, k.tiedXY] == c.doubles("counts"), "\(name)")
            Self.expectSame(k, Self.bruteForce(s), exact: true, "brute force")
        }
    }

    /// A larger data set shaped like the benchmark (pupils, six school years, scores from a few binary and
    /// continuous covariates), big enough for the sweep's two parts on two cores (`parallelRows`), in one and
    /// in three strata, with and without weights: the sweep and the Fenwick pass agree exactly.
    @Test func blockSweepEqualsPerRowPassOnSchoolYears() throws {
        let n = ConcordanceSweep.parallelRows + 4_000
        for scores in Scores.allCases {
            for (strata, weights) in [(1, Weights.dyadic), (3, Weights.none)] {
                let s = try Self.scenario(n: n, times: 6, strata: strata, scores: scores, weights: weights,
                                          countingProcess: false, seed: 7)
                Self.expectSame(Self.riskSets(s, groupTimes: true).concordance(),
                                Self.riskSets(s, groupTimes: false).concordance(), exact: true, "\(scores) strata \(strata)")
            }
        }
    }

    /// Degenerate data: one row, no events, every row an event at one time, all scores equal, zero weights.
    @Test func degenerateDataCountCorrectly() throws {
        func check(eta: [Double], stop: [Double], status: [Int], weights: [Double]? = nil) throws -> Concordance {
            let s = Scenario(eta: eta, data: try SurvivalData(stop: stop, status: status, weights: weights), strata: nil)
            let blocked = Self.riskSets(s, groupTimes: true).concordance()
            Self.expectSame(blocked, Self.bruteForce(s), exact: true, "\(eta) \(stop) \(status)")
            Self.expectSame(Self.riskSets(s, groupTimes: false).concordance(), Self.bruteForce(s), exact: true, "per row")
            return blocked
        }
        let one = try check(eta: [0.5], stop: [3], status: [1])
        #expect(one.concordant == 0 && one.discordant == 0 && one.value.isNaN)
        let censored = try check(eta: [1, 2, 3], stop: [1, 2, 3], status: [0, 0, 0])
        #expect(censored.concordant + censored.discordant + censored.tiedX == 0)
        let together = try check(eta: [1, 2, 2, 3], stop: [4, 4, 4, 4], status: [1, 1, 1, 1])
        #expect(together.tiedY == 5 && together.tiedXY == 1 && together.concordant == 0)
        let flat = try check(eta: [0.25, 0.25, 0.25, 0.25], stop: [1, 2, 2, 3], status: [1, 1, 0, 0])
        #expect(flat.tiedX == 5 && flat.concordant == 0 && flat.discordant == 0 && flat.value == 0.5)
        // Row 1 fails first; rows 2-4 are at risk with weights 0, 2, 1 (concordant with row 3, tied with row 4);
        // row 3 fails last, row 4 (censored then, score 0.9 > 0.1) at risk: discordant.
        let weighted = try check(eta: [0.9, 1.5, 0.1, 0.9], stop: [1, 2, 3, 3], status: [1, 0, 1, 0], weights: [2, 0, 2, 1])
        #expect(weighted.concordant == 4 && weighted.tiedX == 2 && weighted.discordant == 2)
    }

    /// The score sort: ascending values with their rows (or tags and weights carried along), for spreads the
    /// bucket sort finds easy (smooth) and hard (far outliers, a range of a few ulps, many equal values,
    /// values over many orders of magnitude), small and large (two bucket levels), and non-finite scores.
    @Test func scoreOrderSortsAnyScores() {
        var g = Generator(state: 3)
        var cases: [[Double]] = [
            [], [1], [2, 1], [1, 1, 1, 1],
            (0..<1000).map { _ in g.uniform() },
            (0..<1000).map { _ in Double(g.below(3)) },
            (0..<1000).map { _ in g.uniform() * 1e-12 } + [1e6, -1e300],
            (0..<500).map { _ in 1 + Double(g.below(4)) * Double.ulpOfOne },
            (0..<500).map { _ in Double(g.below(3)) * Double.leastNonzeroMagnitude },
            (0..<500).map { _ in g.uniform() } + [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude],
            (0..<300).map { _ in pow(10, Double(g.below(600)) - 300) * (g.below(2) == 0 ? 1 : -1) },
            [3, -.infinity, 0, -0.0, .infinity, 1],
            // Large enough for the coarse level: smooth, heavy ties, a far outlier, a few ulps.
            (0..<40_000).map { _ in (g.uniform() + g.uniform() + g.uniform()) * 2 - 3 },
            (0..<40_000).map { _ in Double(g.below(7)) * 0.1 },
            (0..<40_000).map { _ in g.uniform() } + [1e9],
            (0..<40_000).map { _ in pow(10, Double(g.below(40)) - 20) },
            (0..<20_000).map { _ in 1 + Double(g.below(9)) * Double.ulpOfOne },
            // Large enough for the two-core coarse scatter and bucket sorts (`ConcordanceScoreOrder.parallelRows`).
            (0..<100_001).map { _ in (g.uniform() + g.uniform()) * 3 - 1 },
            (0..<70_000).map { _ in Double(g.below(11)) * 0.25 } + [-1e12],
        ]
        cases.append((0..<300).map { k in k % 7 == 0 ? .nan : Double(k % 5) })
        for values in cases {
            let n = values.count
            let plain = ConcordanceScoreOrder(values)
            let tagged = ConcordanceScoreOrder(values, tags: (0..<n).map { Int32(3 * $0) }, weights: (0..<n).map { Double($0) + 0.5 })
            for order in [plain, tagged] {
                let rows = order.tags.map { Int($0) / (order.weights == nil ? 1 : 3) }
                #expect(rows.count == n && Set(rows).count == n && rows.allSatisfy { $0 >= 0 && $0 < n })
                #expect(rows.indices.allSatisfy { values[rows[$0]].bitPattern == order.sorted[$0].bitPattern })
                if let w = order.weights { #expect(rows.indices.allSatisfy { w[$0] == Double(rows[$0]) + 0.5 }) }
                let finite = order.sorted.filter { !$0.isNaN }
                #expect(zip(finite, finite.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(order.sorted.drop(while: { !$0.isNaN }).allSatisfy { $0.isNaN }, "NaN sorts last")
            }
            #expect(tagged.sorted.map(\.bitPattern) == plain.sorted.map(\.bitPattern))
            // Equal scores keep their row order (finite scores; the radix path for the others orders by bits).
            if values.allSatisfy(\.isFinite) {
                for order in [plain, tagged] {
                    let rows = order.tags.map { Int($0) / (order.weights == nil ? 1 : 3) }
                    #expect(rows.indices.dropFirst().allSatisfy { order.sorted[$0 - 1] != order.sorted[$0] || rows[$0 - 1] < rows[$0] })
                }
            }
        }
    }
}
