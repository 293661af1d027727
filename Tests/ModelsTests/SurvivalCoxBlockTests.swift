import Foundation
import Testing
import Linalg
@testable import Models
import TestSupport

/// The time-block evaluation of the Cox partial likelihood (used for right-censored data, made for
/// heavily tied times) equals the per-row backward pass on the same data: log-likelihood, score and
/// information, with Efron and Breslow ties, case weights and strata.
@Suite struct SurvivalCoxBlockTests {
    func compare(_ x: Matrix, _ data: SurvivalData, strata: [Int]?, ties: CoxTies, beta: [Double],
                 offset: [Double]? = nil, partRows: Int = CoxSlotData.partRows) {
        var blocked = CoxRiskSets(x: x, data: data, strata: strata, offset: offset, ties: ties, partRows: partRows)
        var perRow = CoxRiskSets(x: x, data: data, strata: strata, offset: offset, ties: ties, groupTimes: false)
        #expect(blocked.blocks != nil && perRow.blocks == nil)
        #expect(blocked.byStop == perRow.byStop)
        let p = x.columns
        var u1 = [Double](repeating: 0, count: p), u2 = u1
        var i1 = Matrix(rows: p, columns: p), i2 = i1
        let l1 = blocked.evaluate(beta, u: &u1, imat: &i1)
        let l2 = perRow.evaluate(beta, u: &u2, imat: &i2)
        #expect(isClose(l1, l2, rel: 1e-12))
        let uScale = u2.map(abs).max() ?? 1
        #expect(zip(u1, u2).allSatisfy { abs($0 - $1) <= 1e-10 * uScale })
        let iScale = i2.storage.map(abs).max() ?? 1
        #expect(zip(i1.storage, i2.storage).allSatisfy { abs($0 - $1) <= 1e-10 * iScale })
        // A fit's order: first at β = 0 (without offset the events' Σ w x then come from that pass), then at beta.
        var fromZero = CoxRiskSets(x: x, data: data, strata: strata, offset: offset, ties: ties, partRows: partRows)
        for at in [[Double](repeating: 0, count: p), beta] {
            var u3 = [Double](repeating: 0, count: p), u4 = u3
            var i3 = Matrix(rows: p, columns: p), i4 = i3
            let l3 = fromZero.evaluate(at, u: &u3, imat: &i3)
            let l4 = perRow.evaluate(at, u: &u4, imat: &i4)
            #expect(isClose(l3, l4, rel: 1e-12))
            let scale = (u4.map(abs).max() ?? 1) + 1e-300
            #expect(zip(u3, u4).allSatisfy { abs($0 - $1) <= 1e-10 * scale })
            let iScale4 = i4.storage.map(abs).max() ?? 1
            #expect(zip(i3.storage, i4.storage).allSatisfy { abs($0 - $1) <= 1e-10 * iScale4 })
        }
        // The fit's way at its estimate: the linear predictor left in the slot-sorted workspace. Event-time
        // quantities and concordance come from there (the pair counts summed in slot order: equal up to rounding
        // with weights), and the row order is made on demand.
        fromZero.setLinearPredictor(beta, rowOrder: false)
        perRow.setLinearPredictor(beta)
        #expect(fromZero.rowOrderReady == (fromZero.slotData == nil))
        let c1 = fromZero.concordance(), c2 = perRow.concordance()
        for (a, b) in [(c1.concordant, c2.concordant), (c1.discordant, c2.discordant), (c1.tiedX, c2.tiedX),
                       (c1.tiedY, c2.tiedY), (c1.tiedXY, c2.tiedXY), (c1.value, c2.value)] {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)))
        }
        let rowOrder = fromZero.withRowOrderLinearPredictor()
        #expect(rowOrder.rowOrderReady)
        #expect(zip(rowOrder.eta, perRow.eta).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) })
        #expect(zip(rowOrder.risk, perRow.risk).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) })
        compareEventTimes(rowOrder, perRow)
        // Event-time quantities (residuals, robust variance, baseline hazard) and concordance, at the
        // evaluated beta (the block pass's own sums and linear predictor) and at another one (recomputed).
        for at in [beta, beta.map { $0 / 2 }] {
            blocked.setLinearPredictor(at)
            perRow.setLinearPredictor(at)
            #expect(zip(blocked.eta, perRow.eta).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) })
            compareEventTimes(blocked, perRow)
        }
    }

    /// Column summaries of a matrix big enough for the column-parallel branch (6 covariates after a leading
    /// intercept, 1.2M elements): weighted means, the constant column, and the first non-finite row.
    @Test func columnSummariesOfABigMatrixFromItsFirstCovariate() {
        let n = 200_000
        var x = Matrix(rows: n, columns: 7)
        x.setColumn(0, [Double](repeating: 1, count: n))
        for j in 1..<7 { x.setColumn(j, (0..<n).map { Double(($0 * (j + 3)) % 11) - 5 }) }
        x.setColumn(3, [Double](repeating: 2.5, count: n))
        x[123_456, 5] = .infinity
        x[150_000, 5] = .nan
        let w = (0..<n).map { Double($0 % 3 + 1) }
        let s = CoxPH.columnSummaries(x, firstColumn: 1, weights: w)
        let wsum = w.reduce(0, +)
        for j in 0..<6 where j != 4 {
            var sum = 0.0
            for i in 0..<n { sum += w[i] * x[i, j + 1] }
            #expect(isClose(s.means[j], sum / wsum, rel: 1e-12))
        }
        #expect(s.constant == [false, false, true, false, false, false])
        #expect(s.nonFinite == [nil, nil, nil, nil, 123_456, nil])
    }

    /// Without case weights or offsets, the grouped-times fit's way (passes, the linear predictor left in the
    /// slot-sorted workspace, event times, concordance) never makes the per-row arrays of ones and zeros; read
    /// later (residuals, curves), they are made then, with the right values.
    @Test func unitWeightsAndZeroOffsetsAreMadeOnlyWhenRead() throws {
        let n = 3_000
        var x = Matrix(rows: n, columns: 2)
        x.setColumn(0, (0..<n).map { Double($0 % 7) - 3 })
        x.setColumn(1, (0..<n).map { Double(($0 * 5) % 11) / 4 })
        let data = try SurvivalData(stop: (0..<n).map { Double(1 + ($0 * 7) % 6) }, status: (0..<n).map { $0 % 3 == 0 ? 1 : 0 })
        var rs = CoxRiskSets(x: x, data: data, strata: nil, offset: nil, ties: .efron, partRows: 500)
        var u = [0.0, 0.0], imat = Matrix(rows: 2, columns: 2)
        for beta in [[0.0, 0.0], [0.2, -0.1]] { _ = rs.evaluate(beta, u: &u, imat: &imat) }
        rs.setLinearPredictor([0.2, -0.1], rowOrder: false)
        _ = rs.eventTimes()
        _ = rs.concordance()
        #expect(rs.slotData != nil && !rs.rowConstantsMade)
        #expect(rs.weights == [Double](repeating: 1, count: n))
        #expect(rs.offset == [Double](repeating: 0, count: n))
        #expect(rs.rowConstantsMade)
        // Given ones, the arrays exist from the start.
        let weighted = try SurvivalData(stop: data.stop, status: data.status, weights: [Double](repeating: 1, count: n))
        #expect(CoxRiskSets(x: x, data: weighted, strata: nil, offset: nil, ties: .efron).rowConstantsMade)
    }

    /// The stop-time codes `timeFixed` keeps for right-censored data give the time blocks the coder gives; data
    /// whose times it changes, or with too many distinct times for blocks, keep none or get none.
    @Test func timeFixCodesGiveTheSameBlocks() throws {
        let n = 5_000
        let stop = (0..<n).map { Double(1 + ($0 * 7) % 6) }, status = (0..<n).map { $0 % 3 == 0 ? 1 : 0 }
        let fixed = try SurvivalData(stop: stop, status: status).timeFixed()
        let codes = try #require(fixed.stopCodes)
        #expect(codes.values.count == 6 && codes.codes.count == n)
        let strata = [Int](repeating: 0, count: n)
        let a = try #require(CoxTimeBlocks(stop: stop, status: status, strata: strata, weights: nil, maxBlocks: 1024, codes: codes))
        let b = try #require(CoxTimeBlocks(stop: stop, status: status, strata: strata, weights: nil, maxBlocks: 1024))
        #expect(a.slot == b.slot && a.time == b.time && a.deaths == b.deaths && a.rowCount == b.rowCount)
        #expect(a.deadWeight == b.deadWeight && a.rowOrder() == b.rowOrder())
        #expect(CoxTimeBlocks(stop: stop, status: status, strata: strata, weights: nil, maxBlocks: 5, codes: codes) == nil)
        // Times 1e-12 apart are made equal: the codes of the old times would be wrong, so none are kept.
        let noisy = stop.enumerated().map { $0.offset % 12 < 6 ? $0.element : $0.element + 1e-12 }
        let fixedNoisy = try SurvivalData(stop: noisy, status: status).timeFixed()
        #expect(fixedNoisy.stop == stop)
        #expect(fixedNoisy.stopCodes == nil)
    }

    /// Enough events for the Efron sums to run on two cores (`parallelEvents`): six school years, about half of
    /// 70,000 rows events, Efron and Breslow; the block pass still equals the per-row pass.
    @Test func manyEventsOnTwoCores() throws {
        let n = 70_000, p = 3
        var x = Matrix(rows: n, columns: p)
        for j in 0..<p { x.setColumn(j, (0..<n).map { Double(($0 * (j + 5) + j) % 13) / 4 - 1.5 }) }
        let data = try SurvivalData(stop: (0..<n).map { Double(1 + ($0 * 7) % 6) }, status: (0..<n).map { ($0 * 3) % 5 < 3 ? 1 : 0 })
        #expect(data.status.filter { $0 != 0 }.count >= CoxBlockBackwardPass.parallelEvents)
        for ties in CoxTies.allCases { compare(x, data, strata: nil, ties: ties, beta: [0.2, -0.1, 0.05]) }
    }

    /// Efron's sub-step sums against their definition, on the product-of-significands path and on the
    /// path with one logarithm per sub-step (a zero risk-set sum before the tied events).
    @Test(arguments: [(100.0, 7.0, 37), (2.5, 0.75, 4), (1e-3, 40.0, 9), (0.0, 3.0, 5), (0.0, 2.0, 130), (4.0, 1.5, 1), (9.0, 2.0, 64)])
    func efronSumsFollowTheirDefinition(denom: Double, dead: Double, count: Int) {
        let wtave = 0.4
        var h = 0.0, ht = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0, logSum = 0.0
        for k in 1...count {
            let f = Double(k) / Double(count), den = denom + f * dead
            h += wtave / den; ht += f * wtave / den
            q0 += wtave / (den * den); q1 += f * wtave / (den * den); q2 += f * f * wtave / (den * den)
            logSum += Foundation.log(den)
        }
        // All sub-steps at once, and as the pass sums them: two halves added (on two cores for big data).
        let whole = CoxBlockBackwardPass.efronSums(denom: denom, dead: dead, count: count, wtave: wtave)
        let halves = CoxBlockBackwardPass.efronSums(denom: denom, dead: dead, count: count, wtave: wtave, half: 0)
            + CoxBlockBackwardPass.efronSums(denom: denom, dead: dead, count: count, wtave: wtave, half: 1)
        for e in [whole, halves] {
            for (a, b) in [(e.h, h), (e.ht, ht), (e.q0, q0), (e.q1, q1), (e.q2, q2)] { #expect(isClose(a, b, rel: 1e-13)) }
            #expect(abs(e.logSum - logSum) <= 1e-13 * max(1, abs(logSum)))
        }
    }

    func compareEventTimes(_ blocked: CoxRiskSets, _ perRow: CoxRiskSets) {
        let e1 = blocked.eventTimes(), e2 = perRow.eventTimes()
        #expect(e1.time == e2.time && e1.stratum == e2.stratum && e1.events == e2.events && e1.atRisk == e2.atRisk)
        #expect(e1.stratumRanges == e2.stratumRanges)
        for (a, b) in [(e1.weightedEvents, e2.weightedEvents), (e1.riskSum, e2.riskSum), (e1.hazard, e2.hazard),
                       (e1.tiedHazard, e2.tiedHazard), (e1.hazardVariance, e2.hazardVariance), (e1.xHazard, e2.xHazard),
                       (e1.xTiedHazard, e2.xTiedHazard), (e1.xbar, e2.xbar)] {
            let scale = b.map(abs).max() ?? 1
            #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-11 * scale })
        }
        #expect(blocked.concordance() == perRow.concordance())
    }

    /// lung's complete rows: covariates age, sex, ph.ecog; time; status (0/1); weights from the row number;
    /// sex as strata (0/1).
    func lung() throws -> (x: Matrix, time: [Double], status: [Int], weights: [Double], strata: [Int]) {
        let csv = try SurvivalCSV("lung.csv")
        let vars = ["age", "sex", "ph.ecog"]
        let rows = csv.completeRows(["time", "status"] + vars)
        var x = Matrix(rows: rows.count, columns: vars.count)
        for (j, v) in vars.enumerated() { x.setColumn(j, csv.column(v, rows: rows)) }
        return (x, csv.column("time", rows: rows), try SurvivalEventCoding.decode(csv.column("status", rows: rows)),
                rows.indices.map { 0.5 + Double($0 % 7) / 4 }, csv.column("sex", rows: rows).map { Int($0) - 1 })
    }

    /// lung (many distinct times, few ties), weights from wt.loss-like values, and an artificial grouping of
    /// the times into 8 intervals (heavy ties, like school years).
    @Test(arguments: [CoxTies.efron, .breslow])
    func blockEvaluationEqualsPerRowPass(ties: CoxTies) throws {
        let (x, time, status, weights, strata) = try lung()
        let beta = [0.02, -0.4, 0.5]
        for grouped in [false, true] {
            let t = grouped ? time.map { ($0 / 125).rounded(.up) } : time
            let plain = try SurvivalData(stop: t, status: status)
            let weighted = try SurvivalData(stop: t, status: status, weights: weights)
            compare(x, plain, strata: nil, ties: ties, beta: beta)
            compare(x, weighted, strata: nil, ties: ties, beta: beta)
            compare(x, weighted, strata: strata, ties: ties, beta: [0.02, 0, 0.5])
        }
    }

    /// After the fit gives back the slot-sorted covariates, evaluations go through the row-block pass and
    /// agree with the slot pass; the linear predictor of the last slot pass still reaches row order.
    @Test func evaluationAfterTheSlotCovariatesAreReleased() throws {
        let (x, days, status, weights, strata) = try lung()
        let data = try SurvivalData(stop: days.map { ($0 / 125).rounded(.up) }, status: status, weights: weights)
        var rs = CoxRiskSets(x: x, data: data, strata: strata, offset: nil, ties: .efron)
        #expect(rs.slotData != nil)
        let beta = [0.02, -0.4, 0.5]
        var u1 = [Double](repeating: 0, count: 3), u2 = u1
        var i1 = Matrix(rows: 3, columns: 3), i2 = i1
        let l1 = rs.evaluate(beta, u: &u1, imat: &i1)
        rs.releaseSlotCovariates()
        #expect(rs.slotData?.covariatesReleased == true && rs.slotData?.x.isEmpty == true)
        rs.setLinearPredictor(beta, rowOrder: false)
        let lazy = rs.withRowOrderLinearPredictor()
        let l2 = rs.evaluate(beta, u: &u2, imat: &i2)
        #expect(isClose(l1, l2, rel: 1e-12))
        #expect(zip(u1, u2).allSatisfy { abs($0 - $1) <= 1e-10 * (1 + abs($1)) })
        #expect(zip(i1.storage, i2.storage).allSatisfy { abs($0 - $1) <= 1e-10 * (1 + abs($1)) })
        #expect(zip(lazy.eta, rs.eta).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) })
    }

    /// A linear predictor left in the workspace is not mistaken for a later evaluation's: after another pass,
    /// setting the first coefficients again recomputes (in row order) instead of keeping the stale state.
    @Test func aLaterPassReplacesTheWorkspaceLinearPredictor() throws {
        let (x, days, status, _, _) = try lung()
        let data = try SurvivalData(stop: days.map { ($0 / 125).rounded(.up) }, status: status)
        var rs = CoxRiskSets(x: x, data: data, strata: nil, offset: nil, ties: .efron)
        var perRow = CoxRiskSets(x: x, data: data, strata: nil, offset: nil, ties: .efron, groupTimes: false)
        let b1 = [0.02, -0.4, 0.5], b2 = [0.01, -0.2, 0.3]
        var u = [Double](repeating: 0, count: 3)
        var imat = Matrix(rows: 3, columns: 3)
        _ = rs.evaluate(b1, u: &u, imat: &imat)
        rs.setLinearPredictor(b1, rowOrder: false)
        #expect(!rs.rowOrderReady && rs.linearPredictorBeta == b1)
        _ = rs.evaluate(b2, u: &u, imat: &imat)
        #expect(rs.linearPredictorBeta == nil)
        rs.setLinearPredictor(b1, rowOrder: false)
        perRow.setLinearPredictor(b1)
        #expect(rs.rowOrderReady)
        #expect(rs.concordance() == perRow.concordance())
        #expect(zip(rs.eta, perRow.eta).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) })
    }

    /// The block pass cut into parts summed apart (as on big data, where the parts run on several cores)
    /// equals the per-row pass, with weights, strata and an offset; and it is deterministic: the same parts
    /// give bit-for-bit the same log-likelihood, score and information.
    @Test(arguments: [CoxTies.efron, .breslow])
    func blockPassInPartsEqualsPerRowPassAndIsDeterministic(ties: CoxTies) throws {
        let (x, days, status, weights, strata) = try lung()
        let time = days.map { ($0 / 125).rounded(.up) }
        let offset = time.indices.map { Double($0 % 5) / 10 - 0.2 }
        let data = try SurvivalData(stop: time, status: status, weights: weights)
        let beta = [0.02, -0.4, 0.5]
        for parts in [1, 17, 60] {
            compare(x, data, strata: strata, ties: ties, beta: beta, offset: offset, partRows: parts)
        }
        var runs: [(Double, [Double], [Double])] = []
        for _ in 0..<2 {
            var rs = CoxRiskSets(x: x, data: data, strata: strata, offset: offset, ties: ties, partRows: 17)
            #expect((rs.slotData?.parts.count ?? 0) == time.count / 17)
            var u = [Double](repeating: 0, count: 3)
            var imat = Matrix(rows: 3, columns: 3)
            let l = rs.evaluate(beta, u: &u, imat: &imat)
            runs.append((l, u, imat.storage))
        }
        #expect(runs[0].0 == runs[1].0 && runs[0].1 == runs[1].1 && runs[0].2 == runs[1].2)
    }

    /// Hundreds of tied events per time (Efron's log sums taken in products of 32 significands, flushed many
    /// times per time block) equal the per-row pass; with case weights and strata too.
    @Test(arguments: [CoxTies.efron, .breslow])
    func manyTiedEventsPerTimeEqualPerRowPass(ties: CoxTies) throws {
        let n = 3000
        var x = Matrix(rows: n, columns: 2)
        x.setColumn(0, (0..<n).map { Double(($0 * 37) % 101) / 50 - 1 })
        x.setColumn(1, (0..<n).map { Double($0 % 2) })
        let time = (0..<n).map { Double(($0 * 7) % 3 + 1) }
        let status = (0..<n).map { ($0 * 11) % 5 < 2 ? 1 : 0 }
        let weights = (0..<n).map { 0.5 + Double($0 % 4) / 4 }
        let strata = (0..<n).map { $0 % 2 }
        compare(x, try SurvivalData(stop: time, status: status), strata: nil, ties: ties, beta: [0.3, -0.2])
        compare(x, try SurvivalData(stop: time, status: status, weights: weights), strata: strata, ties: ties,
                beta: [0.3, -0.2], partRows: 700)
    }

    /// Grouped times with too many slots for per-slot second moments (here 2,500 times and 10 covariates)
    /// go through the row-weighted block pass, which equals the per-row pass too.
    @Test(arguments: [CoxTies.efron, .breslow])
    func manySlotsUseTheRowWeightedBlockPass(ties: CoxTies) throws {
        let n = 10_000, p = 10
        var x = Matrix(rows: n, columns: p)
        for j in 0..<p { x.setColumn(j, (0..<n).map { Double((($0 + 3) * (j + 5) * 31) % 97) / 40 - 1 }) }
        let time = (0..<n).map { Double(($0 * 13) % 2500 + 1) }
        let status = (0..<n).map { ($0 * 7) % 3 == 0 ? 1 : 0 }
        let data = try SurvivalData(stop: time, status: status)
        let rs = CoxRiskSets(x: x, data: data, strata: nil, offset: nil, ties: ties)
        #expect(rs.blocks?.count == 2500 && rs.slotData == nil)
        #expect(!CoxSlotData.pays(slots: 5000, p: p) && CoxSlotData.pays(slots: 12, p: p))
        compare(x, data, strata: nil, ties: ties, beta: (0..<p).map { Double($0 % 3) / 10 - 0.1 })
    }

    /// Right-censored data with more distinct (stratum, time) blocks than it pays to group keep the
    /// per-row pass; counting-process data always do.
    @Test func groupingIsSkippedWhenItDoesNotPay() throws {
        let n = 5000
        let x = Matrix(rows: n, columns: 1, columnMajor: (0..<n).map { Double($0 % 13) })
        let continuous = try SurvivalData(stop: (0..<n).map { Double($0) + 0.5 }, status: (0..<n).map { $0 % 3 == 0 ? 1 : 0 })
        #expect(CoxRiskSets(x: x, data: continuous, strata: nil, offset: nil, ties: .efron).blocks == nil)
        let tied = try SurvivalData(stop: (0..<n).map { Double($0 % 6 + 1) }, status: (0..<n).map { $0 % 3 == 0 ? 1 : 0 })
        #expect(CoxRiskSets(x: x, data: tied, strata: nil, offset: nil, ties: .efron).blocks?.count == 6)
        let counting = try SurvivalData(start: [Double](repeating: 0, count: n), stop: (0..<n).map { Double($0 % 6 + 1) },
                                        status: (0..<n).map { $0 % 3 == 0 ? 1 : 0 })
        #expect(CoxRiskSets(x: x, data: counting, strata: nil, offset: nil, ties: .efron).blocks == nil)
    }
}

/// Distinct values coded by first appearance, by comparison while few and by a dictionary beyond.
@Suite struct DistinctCoderTests {
    @Test func codesByFirstAppearanceBelowAndBeyondTheLinearLimit() {
        for distinct in [3, DistinctCoder.linearLimit, DistinctCoder.linearLimit + 1, 200] {
            var coder = DistinctCoder()
            // Values in a scrambled order, each repeated, with runs of equal values and -0.0 / 0.0.
            let values = (0..<(distinct * 5)).map { k -> Double in
                let v = Double((k * 7919) % distinct) / 4
                return v == 0 && k % 2 == 1 ? -0.0 : v
            }
            var seen: [Double] = []
            for v in values {
                let c = coder.code(v)
                if let k = seen.firstIndex(of: v) {
                    #expect(Int(c) == k)
                } else {
                    #expect(Int(c) == seen.count)
                    seen.append(v)
                }
            }
            #expect(coder.values == seen && seen.count == distinct)
        }
    }

    /// `codeAll` with a limit stops at the first value beyond it, on the comparison path and on the
    /// dictionary path, and codes everything (as `code` does) when the data stay within it.
    @Test func codeAllStopsBeyondItsLimit() {
        for (distinct, limit) in [(5, 3), (5, 5), (40, 30), (40, 40), (40, 10)] {
            let values = (0..<(distinct * 4)).map { Double(($0 * 13) % distinct) }
            var coder = DistinctCoder()
            var codes = [Int32](repeating: -1, count: values.count)
            let fits = values.withUnsafeBufferPointer { v in
                codes.withUnsafeMutableBufferPointer { coder.codeAll(v, codes: $0.baseAddress, limit: limit) }
            }
            #expect(fits == (distinct <= limit), "\(distinct) values, limit \(limit)")
            if fits {
                var one = DistinctCoder()
                #expect(codes == values.map { one.code($0) } && coder.values.count == distinct)
            } else {
                #expect(coder.values.count <= limit + 1)
            }
        }
    }

    /// `codeAll`'s table of bit patterns gives the codes `code` gives: -0.0 is 0.0, each NaN is new (and never
    /// found in the table), and a second call (start times after stop times) goes on from the first's values.
    @Test func codeAllTableAgreesWithCode() {
        for distinct in [2, 6, DistinctCoder.linearLimit, DistinctCoder.linearLimit + 3] {
            let first = (0..<(distinct * 50)).map { k -> Double in
                let v = Double((k * 7919) % distinct) + 0.5
                return k % 97 == 5 ? .nan : (k % 13 == 0 ? 0.0 : (k % 13 == 1 ? -0.0 : v))
            }
            let second = first.reversed().map { $0 + 1 }
            var coder = DistinctCoder(), one = DistinctCoder()
            for part in [first, second] {
                var codes = [Int32](repeating: -1, count: part.count)
                part.withUnsafeBufferPointer { v in
                    codes.withUnsafeMutableBufferPointer { _ = coder.codeAll(v, codes: $0.baseAddress) }
                }
                #expect(codes == part.map { one.code($0) }, "\(distinct) values")
            }
            #expect(coder.values.count == one.values.count)
            #expect(zip(coder.values, one.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }
}
