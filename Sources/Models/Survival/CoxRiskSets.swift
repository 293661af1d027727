import Foundation
import Frames
import Linalg

/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, Sendable, Codable, CaseIterable {
    /// Efron's approximation (R's default).
    case efron
    /// Breslow's approximation.
    case breslow
}

/// The sorted, centred data of a Cox fit and its risk-set accumulator.
///
/// Rows are sorted once by (stratum, stop time descending) and, for counting-process data, also by
/// (stratum, start time descending). One backward pass per evaluation keeps running risk-set sums
/// `S0 = Σ w e^η`, `S1 = Σ w e^η x`, `S2 = Σ w e^η x x'`: rows are added when the pass reaches their
/// stop time and (counting process) removed when it passes their start time, so each row costs
/// O(p²) and an evaluation O(n p²). Tied events are accumulated apart and enter by Breslow's rule or
/// Efron's (each tied event at risk with weight 1, (d-1)/d, ..., 1/d). Covariates are centred by
/// their weighted means (the partial likelihood is unchanged; exp() stays tame).
struct CoxRiskSets {
    let n: Int
    let p: Int
    /// Centred covariates, column-major n x p, original row order (made on first use for grouped times).
    var x: Matrix { centred.matrix }
    private let centred: CoxCentredCovariates
    /// Case weights (all 1 when none were given: then made on first use; read once into a local in a loop).
    var weights: [Double] { weightRows.value }
    private let weightRows: LazyValue<[Double]>
    /// Offsets (all 0 when none were given: then made on first use; read once into a local in a loop).
    var offset: [Double] { offsetRows.value }
    private let offsetRows: LazyValue<[Double]>
    /// Whether the per-row weights or offsets exist yet (always, when they were given).
    var rowConstantsMade: Bool { weightRows.isMade || offsetRows.isMade }
    /// Whether case weights were given (they may still all be 1).
    let weightsGiven: Bool
    let stop: [Double]
    let start: [Double]?
    let status: [Int]
    let ties: CoxTies
    /// Weighted column means removed from `x`.
    let means: [Double]
    /// Row indices by (stratum ascending, stop descending). For grouped times they are made on first use (the
    /// fit's own passes never walk the rows in this order); a loop should read them once into a local.
    var byStop: [Int] { byStopRows.value }
    private let byStopRows: LazyValue<[Int]>
    /// Row indices by (stratum ascending, start descending) (counting process only).
    let byStart: [Int]
    /// `[begin, end)` of each stratum in `byStop` / `byStart`.
    let stratumRanges: [Range<Int>]
    /// Right-censored data grouped by (stratum, stop time), when there are not too many such blocks: then
    /// `evaluate` goes through `evaluateByBlocks` (with `slotData`) or `evaluateByRowBlocks`, streaming passes
    /// whose O(n p²) part is a vector kernel or BLAS, instead of per-row O(p²) updates.
    let blocks: CoxTimeBlocks?
    /// The centred covariates sorted by slot, for `evaluateByBlocks` (grouped times with few enough slots).
    private(set) var slotData: CoxSlotData?
    /// Workspaces of `evaluateByBlocks`.
    var blockWork: CoxBlockWorkspace?
    /// Workspaces of `evaluateByRowBlocks` (grouped times with too many slots for `slotData`).
    var rowBlockWork: CoxRowBlockWorkspace?
    /// The coefficients of the current linear predictor (`nil`: not yet set).
    var linearPredictorBeta: [Double]?
    /// Whether `eta` and `risk` hold the linear predictor at `linearPredictorBeta` in row order. False after
    /// `setLinearPredictor(_:rowOrder: false)` left it in the slot-sorted workspace of the last evaluation
    /// (the grouped-times fit needs no row order unless residuals are asked for); `eta` and `risk` are then
    /// empty or stale, and `concordance()` and `eventTimes()` read the workspace's linear predictor and sums
    /// (both stop on a precondition if a later evaluation replaced them; residuals always need row order).
    private(set) var rowOrderReady = false
    /// The centred covariates with rows in `byStop` order (column-major n x p), when a caller that walks the
    /// rows in that order many times (the frailty fit) has set it (`makeCovariatesByStop`).
    var covariatesByStop: [Double]?

    // Workspaces, allocated once.
    var eta: [Double]
    var risk: [Double]
    private var a: [Double]
    private var a2: [Double]
    private var cmat: [Double]
    private var cmat2: [Double]

    /// `means`: the weighted column means when already known (`CoxPH.columnSummaries`); `partRows`: rows per
    /// independently summed part of the grouped-times pass (tests set it small); `slotPass: false` skips the
    /// slot-sorted copy for callers that never call `evaluate` (the frailty fit).
    /// The covariates are columns `firstColumn...` of `raw` (a model frame's matrix without its intercept).
    init(x raw: Matrix, firstColumn: Int = 0, data: SurvivalData, strata: [Int]?, offset: [Double]?, ties: CoxTies,
         groupTimes: Bool = true, means knownMeans: [Double]? = nil, partRows: Int = CoxSlotData.partRows,
         slotPass: Bool = true) {
        self.init(raw: CoxRawCovariates(raw, firstColumn: firstColumn), data: data, strata: strata, offset: offset,
                  ties: ties, groupTimes: groupTimes, means: knownMeans, partRows: partRows, slotPass: slotPass)
    }

    /// The same, with the covariates as `CoxRawCovariates` (a model frame's variables, read in place).
    init(raw: CoxRawCovariates, data: SurvivalData, strata: [Int]?, offset: [Double]?, ties: CoxTies,
         groupTimes: Bool = true, means knownMeans: [Double]? = nil, partRows: Int = CoxSlotData.partRows,
         slotPass: Bool = true) {
        n = data.count
        p = raw.count
        let rows = n
        weightRows = data.weights.map { LazyValue($0) } ?? LazyValue { [Double](repeating: 1, count: rows) }
        weightsGiven = data.weights != nil
        offsetRows = offset.map { LazyValue($0) } ?? LazyValue { [Double](repeating: 0, count: rows) }
        stop = data.stop
        start = data.start
        // SurvivalData's status is 0/1 unless the data are multi-state: then shared, not copied.
        status = data.isMultiState ? data.status.map { $0 != 0 ? 1 : 0 } : data.status
        self.ties = ties
        let m = knownMeans ?? CoxPH.columnSummaries(raw, weights: data.weights).means
        let pp = p
        means = m
        let stopTimes = data.stop
        let grouped = data.start == nil && groupTimes
            ? CoxTimeBlocks(stop: stopTimes, status: status, strata: strata, weights: data.weights, maxBlocks: CoxTimeBlocks.maxBlocks(rows: n),
                            codes: data.stopCodes)
            : nil
        blocks = grouped
        // Per-row strata for the row sorts below; grouped times have them in their blocks.
        let st = grouped == nil ? strata ?? [Int](repeating: 0, count: n) : []
        blockWork = nil
        // Grouped times: the slot-sorted centred copy; the row-order one when first needed.
        var sorted: CoxSlotData? = nil
        if slotPass, let g = grouped, CoxSlotData.pays(slots: 2 * g.count, p: pp) {
            sorted = CoxSlotData(raw: raw, means: m, blocks: g, offset: offset, weights: data.weights, partRows: partRows)
        }
        centred = CoxCentredCovariates(raw: raw, means: m, eager: grouped == nil)
        slotData = sorted
        var order: [Int] = []
        if let g = grouped {
            byStopRows = LazyValue { g.rowOrder() }
        } else {
            order = (0..<n).sorted { i, j in
                st[i] != st[j] ? st[i] < st[j] : (stopTimes[i] != stopTimes[j] ? stopTimes[i] > stopTimes[j] : i < j)
            }
            byStopRows = LazyValue(order)
        }
        if let s = data.start {
            byStart = (0..<n).sorted { i, j in st[i] != st[j] ? st[i] < st[j] : (s[i] != s[j] ? s[i] > s[j] : i < j) }
        } else {
            byStart = []
        }
        var ranges: [Range<Int>] = []
        if let g = grouped {
            // Blocks are stratum-major: a stratum's rows are the rows of its blocks.
            var b = 0
            for s in 0..<(g.timeCount > 0 ? g.count / g.timeCount : 0) {
                var rows = 0
                for k in (s * g.timeCount)..<((s + 1) * g.timeCount) { rows += g.rowCount[k] }
                if rows > 0 { ranges.append(b..<(b + rows)) }
                b += rows
            }
        } else {
            var b = 0
            while b < n {
                var e = b
                while e < n && st[order[e]] == st[order[b]] { e += 1 }
                ranges.append(b..<e)
                b = e
            }
        }
        stratumRanges = ranges
        // Made by the first `setLinearPredictor` (with the slot-sorted copy, only if row order is asked for).
        eta = []
        risk = []
        a = [Double](repeating: 0, count: p)
        a2 = a
        cmat = [Double](repeating: 0, count: p * p)
        cmat2 = cmat
    }

    /// Sets `eta = offset + x beta` (centred x) and `risk = w exp(eta)` (nothing to do when they are
    /// already at `beta`); the arrays are made on the first call. When the last block evaluation was at `beta`,
    /// its slot-sorted linear predictor is used: copied into row order, or with `rowOrder: false` adopted as it
    /// is, without the copy (see `rowOrderReady`).
    mutating func setLinearPredictor(_ beta: [Double], rowOrder: Bool = true) {
        if linearPredictorBeta == beta && (rowOrderReady || !rowOrder) { return }
        let workspace = slotData != nil && blockWork?.sumsBeta == beta ? blockWork : nil
        linearPredictorBeta = beta
        rowOrderReady = rowOrder || workspace == nil
        guard rowOrderReady else { return }
        if eta.count != n {
            eta = [Double](repeating: 0, count: n)
            risk = [Double](repeating: 0, count: n)
        }
        if let work = workspace, let data = slotData {
            data.unsort(work.eta, into: &eta)             // offset included
        } else {
            if p > 0 {
                BLAS.gemv(x, beta, into: &eta)
            } else {
                for i in 0..<n { eta[i] = 0 }
            }
            let offset = self.offset
            for i in 0..<n { eta[i] += offset[i] }
        }
        for i in 0..<n { risk[i] = eta[i] }
        risk.withUnsafeMutableBufferPointer { r in r.baseAddress.map { VectorExp.exponentiate($0, count: n) } }
        if weightsGiven {   // unit weights would multiply by 1: not made for that
            let weights = self.weights
            for i in 0..<n { risk[i] *= weights[i] }
        }
    }

    /// Frees the slot-sorted covariate copy once the fit's evaluations are done, so that what follows (the
    /// concordance's sort, diagnostics' row-order copies) reuses its memory instead of mapping fresh pages.
    /// Later evaluations take `evaluateByRowBlocks`; the slot layout and the last pass's workspace stay.
    mutating func releaseSlotCovariates() {
        slotData?.releaseCovariates()
        blockWork?.releasePassScratch()
    }

    /// This data with the current linear predictor in row order too (itself when it already is).
    func withRowOrderLinearPredictor() -> CoxRiskSets {
        guard !rowOrderReady, let beta = linearPredictorBeta else { return self }
        var copy = self
        copy.setLinearPredictor(beta)
        return copy
    }

    /// Called once per event time with that time's contribution to the score (p) and to the lower
    /// triangle of the information (p x p, column-major); used by the proportional-hazards test.
    typealias EventTimeHook = (_ time: Double, _ stratum: Int, _ score: [Double], _ information: [Double]) -> Void

    /// Log partial likelihood at `beta`; fills the score `u` (p) and information `imat` (p x p, full).
    /// Grouped times (`blocks`) leave `eta` and `risk` to `setLinearPredictor(beta)`, which then copies `eta`.
    /// With `onEventTime`, reports each event time's increments (costs O(p²) extra per distinct time).
    mutating func evaluate(_ beta: [Double], u: inout [Double], imat: inout Matrix,
                           onEventTime: EventTimeHook? = nil) -> Double {
        if blocks != nil && onEventTime == nil {
            let slotPass = slotData.map { !$0.covariatesReleased } ?? false
            return slotPass ? evaluateByBlocks(beta, u: &u, imat: &imat) : evaluateByRowBlocks(beta, u: &u, imat: &imat)
        }
        setLinearPredictor(beta)
        let byStop = self.byStop   // read once: for grouped times a lazily made array
        let weights = self.weights
        let p = self.p
        for j in 0..<p { u[j] = 0 }
        for k in 0..<(p * p) { imat.storage[k] = 0 }
        var loglik = 0.0
        let efron = ties == .efron
        var uBefore = [Double](repeating: 0, count: onEventTime == nil ? 0 : p)
        var iBefore = [Double](repeating: 0, count: onEventTime == nil ? 0 : p * p)
        x.storage.withUnsafeBufferPointer { xs in
        risk.withUnsafeBufferPointer { rk in
        a.withUnsafeMutableBufferPointer { a in
        a2.withUnsafeMutableBufferPointer { a2 in
        cmat.withUnsafeMutableBufferPointer { cm in
        cmat2.withUnsafeMutableBufferPointer { cm2 in
        imat.storage.withUnsafeMutableBufferPointer { im in
        u.withUnsafeMutableBufferPointer { u in
            let n = self.n
            for (stratumIndex, range) in stratumRanges.enumerated() {
                var denom = 0.0
                for j in 0..<p { a[j] = 0 }
                for k in 0..<(p * p) { cm[k] = 0 }
                var startPtr = range.lowerBound
                var k = range.lowerBound
                while k < range.upperBound {
                    let t = stop[byStop[k]]
                    if let start = start {
                        // Rows whose interval begins at or after t are no longer at risk (all were added earlier).
                        while startPtr < range.upperBound && start[byStart[startPtr]] >= t {
                            let i = byStart[startPtr]
                            let r = rk[i]
                            denom -= r
                            for c in 0..<p {
                                let xc = xs[i + c * n]
                                a[c] -= r * xc
                                for d in 0...c { cm[c + d * p] -= r * xc * xs[i + d * n] }
                            }
                            startPtr += 1
                        }
                    }
                    var ndead = 0
                    var deadwt = 0.0
                    var denom2 = 0.0
                    for j in 0..<p { a2[j] = 0 }
                    for q in 0..<(p * p) { cm2[q] = 0 }
                    if onEventTime != nil {
                        for j in 0..<p { uBefore[j] = u[j] }
                        for q in 0..<(p * p) { iBefore[q] = im[q] }
                    }
                    while k < range.upperBound && stop[byStop[k]] == t {
                        let i = byStop[k]
                        let r = rk[i]
                        if status[i] == 0 {
                            denom += r
                            for c in 0..<p {
                                let xc = xs[i + c * n]
                                a[c] += r * xc
                                for d in 0...c { cm[c + d * p] += r * xc * xs[i + d * n] }
                            }
                        } else {
                            ndead += 1
                            let wi = weights[i]
                            deadwt += wi
                            denom2 += r
                            loglik += wi * eta[i]
                            for c in 0..<p {
                                let xc = xs[i + c * n]
                                u[c] += wi * xc
                                a2[c] += r * xc
                                for d in 0...c { cm2[c + d * p] += r * xc * xs[i + d * n] }
                            }
                        }
                        k += 1
                    }
                    if ndead == 0 { continue }
                    if !efron || ndead == 1 {
                        denom += denom2
                        loglik -= deadwt * Foundation.log(denom)
                        for c in 0..<p {
                            a[c] += a2[c]
                            let mean = a[c] / denom
                            u[c] -= deadwt * mean
                            for d in 0...c {
                                cm[c + d * p] += cm2[c + d * p]
                                im[c + d * p] += deadwt * (cm[c + d * p] - mean * a[d]) / denom
                            }
                        }
                    } else {
                        let nd = Double(ndead)
                        let wtave = deadwt / nd
                        for _ in 0..<ndead {
                            denom += denom2 / nd
                            loglik -= wtave * Foundation.log(denom)
                            for c in 0..<p {
                                a[c] += a2[c] / nd
                                let mean = a[c] / denom
                                u[c] -= wtave * mean
                                for d in 0...c {
                                    cm[c + d * p] += cm2[c + d * p] / nd
                                    im[c + d * p] += wtave * (cm[c + d * p] - mean * a[d]) / denom
                                }
                            }
                        }
                    }
                    if let hook = onEventTime {
                        for j in 0..<p { uBefore[j] = u[j] - uBefore[j] }
                        for q in 0..<(p * p) { iBefore[q] = im[q] - iBefore[q] }
                        hook(t, stratumIndex, uBefore, iBefore)
                    }
                }
            }
            // Fill the upper triangle.
            for c in 0..<p { for d in 0..<c { im[d + c * p] = im[c + d * p] } }
        }}}}}}}}
        return loglik
    }
}

extension CoxRiskSets {
    /// The centred covariates with rows in `byStop` order (column-major n x p): a walk over the sorted rows
    /// then reads each column in sequence instead of jumping through memory.
    func makeCovariatesByStop() -> [Double] {
        let n = self.n, p = self.p
        let xm = x
        return [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            xm.storage.withUnsafeBufferPointer { xs in
                byStop.withUnsafeBufferPointer { order in
                    ColumnParallel.forEach(columns: p, rows: n) { c in
                        guard let x = xs.baseAddress, let o = out.baseAddress, let order = order.baseAddress else { return }
                        let src = x + c * n, dst = o + c * n
                        for k in 0..<n { dst[k] = src[order[k]] }
                    }
                }
            }
            initialized = n * p
        }
    }
}
