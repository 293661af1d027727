import Foundation
import Linalg

/// Workspaces of `CoxRiskSets.evaluateByRowBlocks`, allocated once per fit.
struct CoxRowBlockWorkspace {
    /// Per slot (censored / events of each block): `Σ w e^η`.
    var s0: [Double]
    /// Per slot: `Σ w e^η x` (p each, slot-major).
    var s1: [Double]
    /// Per block: hazard increment for rows at risk that do not fail there, and for the tied events.
    var hazard: [Double]
    var tiedHazard: [Double]
    /// Per block: cumulative hazard of the earlier event times of its stratum.
    var before: [Double]
    /// Rows of scaled covariates `sqrt(w e^η H) x` for one chunk, and the p x p cross-product.
    var chunk: Matrix
    var cross: Matrix
    /// Running risk-set sums of the backward pass.
    var a: [Double]
    /// Per-chunk row scales `sqrt(w e^η H)`.
    var scale: [Double]
    /// `Σ_events w x` and `Σ_events w offset`: the events' part of the score, and with `β` of the
    /// log-likelihood (`Σ_events w η = Σ w offset + (Σ w x)'β`), fixed for the fit.
    var eventWX: [Double]
    var eventWOffset: Double

    /// Rows per BLAS chunk (a few hundred KB: stays in cache).
    static let chunkRows = 2048

    init(blocks: CoxTimeBlocks, p: Int, eventWX: [Double], eventWOffset: Double) {
        self.eventWX = eventWX
        self.eventWOffset = eventWOffset
        scale = [Double](repeating: 0, count: Self.chunkRows)
        s0 = [Double](repeating: 0, count: 2 * blocks.count)
        s1 = [Double](repeating: 0, count: 2 * blocks.count * p)
        hazard = [Double](repeating: 0, count: blocks.count)
        tiedHazard = hazard
        before = hazard
        chunk = Matrix(rows: Self.chunkRows, columns: p)
        cross = Matrix(rows: p, columns: p)
        a = [Double](repeating: 0, count: p)
    }
}

extension CoxRiskSets {
    /// The log partial likelihood, score and information of right-censored data grouped in time blocks
    /// (`blocks`), equal to `evaluate` but organised for many ties; used instead of `evaluateByBlocks` when
    /// the data have too many slots for per-slot second moments (`CoxSlotData.pays`). Sets `eta` and `risk`.
    ///
    /// 1. Per slot sums `S0 = Σ w e^η` and `S1 = Σ w e^η x` in one pass over the rows (O(n p)).
    /// 2. A backward pass over the blocks of each stratum accumulates the risk set; at an event time with
    ///    `d` events, Efron's `d` sub-steps with denominators `D_k = D + (k/d) D_dead` give the hazard
    ///    `h = Σ_k w̄/D_k` of the rows at risk that do not fail, `h_tied = Σ_k (k/d) w̄/D_k` of the tied
    ///    events, the score term `a h + a_dead h_tied` and the outer-product part of the information,
    ///    `Σ_k w̄ (a + (k/d) a_dead)(a + (k/d) a_dead)'/D_k²`, in closed form from three scalar sums
    ///    (O(d) scalar work and O(p²) per time).
    /// 3. The second-moment part of the information, `Σ_t Σ_k w̄ S2_k/D_k`, is `Σ_i w_i e^{η_i} H_i x_i x_i'`
    ///    with `H_i` the hazard row i collected over the event times it was at risk: one symmetric rank-n
    ///    update `Z'Z` with `Z_i = sqrt(w_i e^{η_i} H_i) x_i`, by BLAS dsyrk on chunks of rows (O(n p²)).
    mutating func evaluateByRowBlocks(_ beta: [Double], u: inout [Double], imat: inout Matrix) -> Double {
        guard let blocks else { return .nan }
        setLinearPredictor(beta)
        let n = self.n, p = self.p
        let nb = blocks.count
        var work = rowBlockWork ?? makeRowBlockWorkspace(blocks)
        rowBlockWork = nil
        defer { rowBlockWork = work }
        // 1. Slot sums, and the events' part of the log-likelihood and score.
        slotSums(blocks, s0: &work.s0, s1: &work.s1)
        var loglik = work.eventWOffset
        for c in 0..<p {
            u[c] = work.eventWX[c]
            loglik += work.eventWX[c] * beta[c]
        }
        let efron = ties == .efron
        // 2. Backward pass per stratum.
        for k in 0..<(p * p) { imat.storage[k] = 0 }
        let nt = blocks.timeCount
        let nStrata = nt > 0 ? nb / nt : 0
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
                        for k in 1...nd {
                            let f = Double(k) / ndd
                            let den = denom + f * dd
                            loglik -= wtave * Foundation.log(den)
                            let g = wtave / den
                            h += g
                            ht += f * g
                            let g2 = g / den
                            q0 += g2
                            q1 += f * g2
                            q2 += f * f * g2
                        }
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
        // 3. Σ_i w_i e^{η_i} H_i x_i x_i' by dsyrk on chunks of scaled rows.
        let rowsPer = CoxRowBlockWorkspace.chunkRows
        var first = true
        var start = 0
        while start < n {
            let m = Swift.min(rowsPer, n - start)
            if m < rowsPer { work.chunk = Matrix(rows: m, columns: p) }
            blocks.slot.withUnsafeBufferPointer { slot in
            risk.withUnsafeBufferPointer { rk in
            x.storage.withUnsafeBufferPointer { xs in
            work.hazard.withUnsafeBufferPointer { hz in
            work.tiedHazard.withUnsafeBufferPointer { th in
            work.before.withUnsafeBufferPointer { before in
            work.scale.withUnsafeMutableBufferPointer { sc in
            work.chunk.storage.withUnsafeMutableBufferPointer { z in
                for r in 0..<m {
                    let i = start + r
                    let s = Int(slot[i])
                    let b = s >> 1
                    let hTotal = before[b] + (s & 1 == 1 ? th[b] : hz[b])
                    sc[r] = (rk[i] * hTotal).squareRoot()
                }
                for c in 0..<p {
                    let src = xs.baseAddress! + (c * n + start)
                    let dst = z.baseAddress! + c * m
                    for r in 0..<m { dst[r] = sc[r] * src[r] }
                }
            }}}}}}}}
            BLAS.syrk(work.chunk, transpose: true, alpha: 1, beta: first ? 0 : 1, into: &work.cross)
            first = false
            start += m
        }
        if work.chunk.rows != rowsPer { work.chunk = Matrix(rows: rowsPer, columns: p) }
        // Combine: the upper triangle of `cross` plus the (negative) lower triangle already in imat.
        for c in 0..<p {
            for d in 0...c {
                let v = (first ? 0 : work.cross[d, c]) + imat.storage[c + d * p]
                imat.storage[c + d * p] = v
                imat.storage[d + c * p] = v
            }
        }
        return loglik
    }
}

extension CoxRiskSets {
    /// The workspace of `evaluateByRowBlocks`, with the events' fixed sums `Σ w x` and `Σ w offset`.
    func makeRowBlockWorkspace(_ blocks: CoxTimeBlocks) -> CoxRowBlockWorkspace {
        var wx = [Double](repeating: 0, count: p)
        var wo = 0.0
        // Event weights (0 for censored rows): branch-free sums below.
        var dw = [Double](repeating: 0, count: n)
        for i in 0..<n { dw[i] = status[i] != 0 ? weights[i] : 0; wo += dw[i] * offset[i] }
        x.storage.withUnsafeBufferPointer { xs in
            dw.withUnsafeBufferPointer { dw in
                for c in 0..<p {
                    let col = xs.baseAddress! + c * n
                    var s = 0.0
                    for i in 0..<n { s += dw[i] * col[i] }
                    wx[c] = s
                }
            }
        }
        return CoxRowBlockWorkspace(blocks: blocks, p: p, eventWX: wx, eventWOffset: wo)
    }
}
