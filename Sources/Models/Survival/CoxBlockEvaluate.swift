import Foundation
import Linalg

/// Workspaces of `CoxRiskSets.evaluateByBlocks`, allocated once per fit.
struct CoxBlockWorkspace {
    /// Scratch of the streaming pass.
    var pass: CoxSlotData.Workspace
    /// Per slot: the upper triangle of `Z'Z` ((p + 1)², see `CoxSlotData.accumulate`).
    var sums: [Double]
    /// Per slot (censored / events of each block): `Σ w e^η`.
    var s0: [Double]
    /// Per slot: `Σ w e^η x` (p each, slot-major).
    var s1: [Double]
    /// The coefficients `sums`, `s0`, `s1`, `eta` and `risk` were computed at.
    var sumsBeta: [Double]?
    /// `η` and `w e^η` in slot order.
    var eta: [Double]
    var risk: [Double]
    /// Per block: hazard increment for rows at risk that do not fail there, and for the tied events.
    var hazard: [Double]
    var tiedHazard: [Double]
    /// Per block: cumulative hazard of the earlier event times of its stratum.
    var before: [Double]
    /// Running risk-set sums of the backward pass.
    var a: [Double]
    /// `Σ_events w x` and `Σ_events w offset`: the events' part of the score, and with `β` of the
    /// log-likelihood (`Σ_events w η = Σ w offset + (Σ w x)'β`), fixed for the fit.
    var eventWX: [Double]
    var eventWOffset: Double

    init(blocks: CoxTimeBlocks, data: CoxSlotData, eventWX: [Double], eventWOffset: Double) {
        let p = data.p
        self.eventWX = eventWX
        self.eventWOffset = eventWOffset
        pass = CoxSlotData.Workspace(data)
        sums = [Double](repeating: 0, count: data.slotCount * (p + 1) * (p + 1))
        s0 = [Double](repeating: 0, count: 2 * blocks.count)
        s1 = [Double](repeating: 0, count: 2 * blocks.count * p)
        sumsBeta = nil
        eta = [Double](repeating: 0, count: data.n)
        risk = eta
        hazard = [Double](repeating: 0, count: blocks.count)
        tiedHazard = hazard
        before = hazard
        a = [Double](repeating: 0, count: p)
    }
}

extension CoxRiskSets {
    /// The log partial likelihood, score and information of right-censored data grouped in time blocks
    /// (`blocks`), equal to `evaluate` but organised for many ties. The linear predictor stays in slot order
    /// in the workspace: `setLinearPredictor` at the same `beta` copies it into `eta` and `risk`.
    ///
    /// 1. One streaming pass over the slot-sorted covariates (`CoxSlotData.accumulate`) gives per slot
    ///    `S0 = Σ w e^η`, `S1 = Σ w e^η x` and `S2 = Σ w e^η x x'` (O(n p²), BLAS).
    /// 2. A backward pass over the blocks of each stratum accumulates the risk set; at an event time with
    ///    `d` events, Efron's `d` sub-steps with denominators `D_k = D + (k/d) D_dead` give the hazard
    ///    `h = Σ_k w̄/D_k` of the rows at risk that do not fail, `h_tied = Σ_k (k/d) w̄/D_k` of the tied
    ///    events, the score term `a h + a_dead h_tied` and the outer-product part of the information,
    ///    `Σ_k w̄ (a + (k/d) a_dead)(a + (k/d) a_dead)'/D_k²`, in closed form from three scalar sums
    ///    (O(d) scalar work and O(p²) per time). `Σ_k log D_k` is taken from products of the significands
    ///    (one logarithm per 32 terms).
    /// 3. The second-moment part of the information, `Σ_t Σ_k w̄ S2_k/D_k`, is `Σ_i w_i e^{η_i} H_i x_i x_i'`
    ///    with `H_i` the hazard row i collected over the event times it was at risk, which is the same for
    ///    every row of a slot: `Σ_slots H_slot S2_slot`.
    mutating func evaluateByBlocks(_ beta: [Double], u: inout [Double], imat: inout Matrix) -> Double {
        guard let blocks, let data = slotData else { return .nan }
        let p = self.p, q = p + 1
        var work = blockWork ?? makeBlockWorkspace(blocks, data)
        blockWork = nil
        defer { blockWork = work }
        // 1. Per-slot sums.
        data.accumulate(beta, eta: &work.eta, risk: &work.risk, sums: &work.sums, work: &work.pass)
        for s in 0..<data.slotCount {
            let base = s * q * q
            work.s0[s] = work.sums[base]
            for c in 0..<p { work.s1[s * p + c] = work.sums[base + (c + 1) * q] }
        }
        work.sumsBeta = beta
        var loglik = work.eventWOffset
        for c in 0..<p {
            u[c] = work.eventWX[c]
            loglik += work.eventWX[c] * beta[c]
        }
        let efron = ties == .efron
        // 2. Backward pass per stratum.
        for k in 0..<(p * p) { imat.storage[k] = 0 }
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? blocks.count / nt : 0
        work.a.withUnsafeMutableBufferPointer { a in
        work.s0.withUnsafeBufferPointer { s0 in
        work.s1.withUnsafeBufferPointer { s1 in
        work.hazard.withUnsafeMutableBufferPointer { hz in
        work.tiedHazard.withUnsafeMutableBufferPointer { th in
        work.before.withUnsafeMutableBufferPointer { before in
        imat.storage.withUnsafeMutableBufferPointer { im in
        u.withUnsafeMutableBufferPointer { u in
            for s in 0..<nStrata {
                var denom = 0.0
                for c in 0..<p { a[c] = 0 }
                for b in (s * nt)..<((s + 1) * nt) {
                    let cens = 2 * b, dead = 2 * b + 1
                    denom += s0[cens]
                    for c in 0..<p { a[c] += s1[cens * p + c] }
                    let nd = blocks.deaths[b]
                    hz[b] = 0
                    th[b] = 0
                    if nd == 0 { continue }
                    let deadwt = blocks.deadWeight[b]
                    let dd = s0[dead]
                    var h = 0.0, ht = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0
                    if !efron || nd == 1 {
                        let den = denom + dd
                        loglik -= deadwt * Foundation.log(den)
                        h = deadwt / den
                        ht = h
                        q0 = h / den
                        q1 = q0
                        q2 = q0
                    } else {
                        let ndd = Double(nd)
                        let wtave = deadwt / ndd
                        let productLogs = denom.isNormal && denom > 0 && dd >= 0 && (denom + dd).isFinite
                        var logSum = 0.0, significands = 1.0, exponents = 0, inProduct = 0
                        for k in 1...nd {
                            let f = Double(k) / ndd
                            let den = denom + f * dd
                            if productLogs {
                                significands *= den.significand
                                exponents += Int(den.exponent)
                                inProduct += 1
                                if inProduct == 32 { logSum += Foundation.log(significands); significands = 1; inProduct = 0 }
                            } else {
                                logSum += Foundation.log(den)
                            }
                            let inv = 1 / den
                            let g = wtave * inv
                            h += g
                            ht += f * g
                            let g2 = g * inv
                            q0 += g2
                            q1 += f * g2
                            q2 += f * f * g2
                        }
                        if productLogs { logSum += Foundation.log(significands) + Double(exponents) * M_LN2 }
                        loglik -= wtave * logSum
                    }
                    hz[b] = h
                    th[b] = ht
                    // Score: - Σ_k w̄ (a + f_k a_dead) / D_k; information: - outer products (lower triangle).
                    for c in 0..<p {
                        let ac = a[c], dc = s1[dead * p + c]
                        u[c] -= ac * h + dc * ht
                        for d in 0...c {
                            let ad = a[d], dd2 = s1[dead * p + d]
                            im[c + d * p] -= ac * ad * q0 + (ac * dd2 + dc * ad) * q1 + dc * dd2 * q2
                        }
                    }
                    denom += dd
                    for c in 0..<p { a[c] += s1[dead * p + c] }
                }
                // Cumulative hazard of the earlier times (ascending time = descending block index).
                var cum = 0.0
                var b = (s + 1) * nt - 1
                while b >= s * nt {
                    before[b] = cum
                    cum += hz[b]
                    b -= 1
                }
            }
        }}}}}}}}
        // 3. Σ_slots H_slot S2_slot, added to the (negative) outer products in the lower triangle.
        work.sums.withUnsafeBufferPointer { sums in
        imat.storage.withUnsafeMutableBufferPointer { im in
            for slot in 0..<data.slotCount where data.slotStart[slot + 1] > data.slotStart[slot] {
                let b = slot >> 1
                let h = work.before[b] + (slot & 1 == 1 ? work.tiedHazard[b] : work.hazard[b])
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
    /// event slots of the sorted data).
    func makeBlockWorkspace(_ blocks: CoxTimeBlocks, _ data: CoxSlotData) -> CoxBlockWorkspace {
        var wx = [Double](repeating: 0, count: p)
        var wo = 0.0
        let eventSlots = Array(stride(from: 1, to: data.slotCount, by: 2))
        for slot in eventSlots {
            for k in data.slotStart[slot]..<data.slotStart[slot + 1] {
                wo += (data.weight?[k] ?? 1) * (data.offset?[k] ?? 0)
            }
        }
        data.x.withUnsafeBufferPointer { xs in
            wx.withUnsafeMutableBufferPointer { wxOut in
                let job = EventSumJob(x: xs.baseAddress, sums: wxOut.baseAddress)
                ColumnParallel.forEach(columns: p, rows: n) { c in
                    guard let x = job.x, let sums = job.sums else { return }
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

    /// The buffers of the column-parallel event sums (each column written by one call only).
    private struct EventSumJob: @unchecked Sendable {
        let x: UnsafePointer<Double>?
        let sums: UnsafeMutablePointer<Double>?
    }

    /// Per-slot sums `S0 = Σ w e^η` (into `s0`, 2 per block) and `S1 = Σ w e^η x` (into `s1`, p per slot) at
    /// the current linear predictor. Four interleaved partial sums per column keep consecutive rows of the
    /// same slot from waiting on each other.
    func slotSums(_ blocks: CoxTimeBlocks, s0: inout [Double], s1: inout [Double]) {
        let n = self.n, p = self.p
        let ns = 2 * blocks.count
        var partial = [Double](repeating: 0, count: 4 * ns)
        blocks.slot.withUnsafeBufferPointer { slot in
        risk.withUnsafeBufferPointer { rk in
        x.storage.withUnsafeBufferPointer { xs in
        partial.withUnsafeMutableBufferPointer { acc in
        s0.withUnsafeMutableBufferPointer { s0 in
        s1.withUnsafeMutableBufferPointer { s1 in
            func reduce(into target: (Int, Double) -> Void) {
                for k in 0..<ns {
                    target(k, acc[k] + acc[ns + k] + acc[2 * ns + k] + acc[3 * ns + k])
                    acc[k] = 0; acc[ns + k] = 0; acc[2 * ns + k] = 0; acc[3 * ns + k] = 0
                }
            }
            let n4 = n & ~3
            var i = 0
            while i < n4 {
                acc[Int(slot[i])] += rk[i]
                acc[ns + Int(slot[i + 1])] += rk[i + 1]
                acc[2 * ns + Int(slot[i + 2])] += rk[i + 2]
                acc[3 * ns + Int(slot[i + 3])] += rk[i + 3]
                i += 4
            }
            while i < n { acc[Int(slot[i])] += rk[i]; i += 1 }
            reduce { s0[$0] = $1 }
            for c in 0..<p {
                let col = xs.baseAddress! + c * n
                i = 0
                while i < n4 {
                    acc[Int(slot[i])] += rk[i] * col[i]
                    acc[ns + Int(slot[i + 1])] += rk[i + 1] * col[i + 1]
                    acc[2 * ns + Int(slot[i + 2])] += rk[i + 2] * col[i + 2]
                    acc[3 * ns + Int(slot[i + 3])] += rk[i + 3] * col[i + 3]
                    i += 4
                }
                while i < n { acc[Int(slot[i])] += rk[i] * col[i]; i += 1 }
                reduce { s1[$0 * p + c] = $1 }
            }
        }}}}}}
    }
}
