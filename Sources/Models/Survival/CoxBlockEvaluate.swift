import Foundation
import Frames
import Linalg

/// Workspaces of `CoxRiskSets.evaluateByBlocks`, allocated once per fit.
struct CoxBlockWorkspace {
    /// Scratch of the streaming pass.
    var pass: CoxSlotData.Workspace
    /// Per slot: the upper triangle of `Z'Z` (`width`², see `CoxSlotData.accumulate`).
    var sums: [Double]
    /// The coefficients `sums`, the backward pass's `s0` and `s1` and `eta` were computed at.
    var sumsBeta: [Double]?
    /// `η` in slot order.
    var eta: [Double]
    /// Per-slot S0 and S1 and the risk-set pass over the blocks.
    var backward: CoxBlockBackwardPass
    /// Whether the events' `Σ w x` are still to be taken from the first pass (made at β = 0, no offset).
    var eventSumsPending = false

    init(blocks: CoxTimeBlocks, data: CoxSlotData, eventWX: [Double], eventWOffset: Double) {
        let p = data.p
        pass = CoxSlotData.Workspace(data)
        sums = [Double](repeating: 0, count: data.slotCount * data.width * data.width)
        sumsBeta = nil
        // Written in full by every pass before they are read (`sumsBeta` is nil until then).
        eta = [Double](unsafeUninitializedCapacity: data.n) { _, c in c = data.n }
        backward = CoxBlockBackwardPass(blocks: blocks, p: p, eventWX: eventWX, eventWOffset: eventWOffset)
    }

    /// Gives back the pass's scratch and per-slot sums once no more passes will run; `eta`, `sumsBeta` and
    /// the backward pass's per-slot `s0` and `s1` stay for the event times and the concordance.
    mutating func releasePassScratch() {
        pass.partSums = []
        pass.z = []
        sums = []
    }
}

extension CoxRiskSets {
    /// The log partial likelihood, score and information of right-censored data grouped in time blocks
    /// (`blocks`), equal to `evaluate` but organised for many ties. The linear predictor stays in slot order
    /// in the workspace: `setLinearPredictor` at the same `beta` copies it into `eta` (and makes `risk` from it).
    ///
    /// 1. One streaming pass over the slot-sorted covariates (`CoxSlotData.accumulate`) gives per slot
    ///    `S0 = Σ w e^η`, `S1 = Σ w e^η x` and `S2 = Σ w e^η x x'` (O(n p²), C kernels with AVX2 where present).
    /// 2. The risk-set pass over the blocks (`CoxBlockBackwardPass`): log-likelihood, score, hazards and the
    ///    outer-product part of the information.
    /// 3. The second-moment part of the information, `Σ_t Σ_k w̄ S2_k/D_k`, is `Σ_i w_i e^{η_i} H_i x_i x_i'`
    ///    with `H_i` the hazard row i collected over the event times it was at risk, which is the same for
    ///    every row of a slot: `Σ_slots H_slot S2_slot`.
    mutating func evaluateByBlocks(_ beta: [Double], u: inout [Double], imat: inout Matrix) -> Double {
        guard let blocks, let data = slotData, !data.covariatesReleased else { return .nan }
        let p = self.p, q = data.width
        // At β = 0 without offset the events' sums Σ w x are the event slots' S1 of this very pass.
        let atZero = data.offset == nil && !beta.contains { $0 != 0 }
        // A linear predictor kept only in the workspace (`rowOrderReady` false) is overwritten below.
        if !rowOrderReady { linearPredictorBeta = nil }
        var work = blockWork ?? makeBlockWorkspace(blocks, data, eventSums: !atZero)
        blockWork = nil
        defer { blockWork = work }
        // 1. Per-slot sums.
        data.accumulate(beta, eta: &work.eta, sums: &work.sums, work: &work.pass)
        if work.eventSumsPending {
            for c in 0..<p {
                var sum = 0.0
                for slot in stride(from: 1, to: data.slotCount, by: 2) { sum += work.sums[slot * q * q + (c + 1) * q] }
                work.backward.eventWX[c] = sum
            }
            work.eventSumsPending = false
        }
        for s in 0..<data.slotCount {
            let base = s * q * q
            work.backward.s0[s] = work.sums[base]
            for c in 0..<p { work.backward.s1[s * p + c] = work.sums[base + (c + 1) * q] }
        }
        work.sumsBeta = beta
        // 2. The risk-set pass over the blocks.
        let loglik = work.backward.run(blocks, beta: beta, efron: ties == .efron, u: &u, imat: &imat)
        // 3. Σ_slots H_slot S2_slot, added to the (negative) outer products in the lower triangle.
        work.sums.withUnsafeBufferPointer { sums in
        imat.storage.withUnsafeMutableBufferPointer { im in
            for slot in 0..<data.slotCount where data.slotStart[slot + 1] > data.slotStart[slot] {
                let h = work.backward.slotHazard(slot)
                if h == 0 { continue }
                let base = slot * q * q
                for c in 0..<p {
                    for d in 0...c { im[c + d * p] += h * sums[base + (d + 1) + (c + 1) * q] }
                }
            }
            for c in 0..<p {
                for d in 0..<c { im[d + c * p] = im[c + d * p] }
            }
        }}
        return loglik
    }
}

extension CoxRiskSets {
    /// The workspace of `evaluateByBlocks`, with the events' fixed sums `Σ w x` and `Σ w offset` (over the
    /// event slots of the sorted data); with `eventSums: false` (a first pass at β = 0 without offset)
    /// `Σ w x` is left to that pass.
    func makeBlockWorkspace(_ blocks: CoxTimeBlocks, _ data: CoxSlotData, eventSums: Bool = true) -> CoxBlockWorkspace {
        var wx = [Double](repeating: 0, count: p)
        var wo = 0.0
        guard eventSums else {
            var work = CoxBlockWorkspace(blocks: blocks, data: data, eventWX: wx, eventWOffset: 0)
            work.eventSumsPending = true
            return work
        }
        let eventSlots = Array(stride(from: 1, to: data.slotCount, by: 2))
        for slot in eventSlots {
            for k in data.slotStart[slot]..<data.slotStart[slot + 1] {
                wo += (data.weight?[k] ?? 1) * (data.offset?[k] ?? 0)
            }
        }
        data.x.withUnsafeBufferPointer { xs in
            wx.withUnsafeMutableBufferPointer { wxOut in
                ColumnParallel.forEach(columns: p, rows: n) { c in
                    guard let x = xs.baseAddress, let sums = wxOut.baseAddress else { return }
                    let col = x + c * n
                    var s = 0.0
                    for slot in eventSlots {
                        let range = data.slotStart[slot]..<data.slotStart[slot + 1]
                        if let weight = data.weight {
                            for k in range { s += weight[k] * col[k] }
                        } else {
                            for k in range { s += col[k] }
                        }
                    }
                    sums[c] = s
                }
            }
        }
        return CoxBlockWorkspace(blocks: blocks, data: data, eventWX: wx, eventWOffset: wo)
    }
}
