import Foundation
import Linalg
internal import CLapack

/// Workspaces of `CoxRiskSets.evaluateByRowBlocks`, allocated once per fit.
struct CoxRowBlockWorkspace {
    /// Per-slot S0 and S1 and the risk-set pass over the blocks.
    var backward: CoxBlockBackwardPass
    /// Rows of scaled covariates `sqrt(w e^η H) x` for one chunk, and the p x p cross-product.
    var chunk: Matrix
    var cross: Matrix
    /// Per-chunk row scales `sqrt(w e^η H)`.
    var scale: [Double]

    /// Rows per BLAS chunk: the per-slot pass's (a few hundred KB, stays in cache).
    static let chunkRows = CoxSlotData.chunkRows

    init(blocks: CoxTimeBlocks, p: Int, eventWX: [Double], eventWOffset: Double) {
        backward = CoxBlockBackwardPass(blocks: blocks, p: p, eventWX: eventWX, eventWOffset: eventWOffset)
        scale = [Double](repeating: 0, count: Self.chunkRows)
        chunk = Matrix(rows: Self.chunkRows, columns: p)
        cross = Matrix(rows: p, columns: p)
    }
}

extension CoxRiskSets {
    /// The log partial likelihood, score and information of right-censored data grouped in time blocks
    /// (`blocks`), equal to `evaluate` but organised for many ties; used instead of `evaluateByBlocks` when
    /// the data have too many slots for per-slot second moments (`CoxSlotData.pays`). Sets `eta` and `risk`.
    ///
    /// 1. Per slot sums `S0 = Σ w e^η` and `S1 = Σ w e^η x` in one pass over the rows (O(n p)).
    /// 2. The risk-set pass over the blocks (`CoxBlockBackwardPass`): log-likelihood, score, hazards and the
    ///    outer-product part of the information.
    /// 3. The second-moment part of the information, `Σ_t Σ_k w̄ S2_k/D_k`, is `Σ_i w_i e^{η_i} H_i x_i x_i'`
    ///    with `H_i` the hazard row i collected over the event times it was at risk: one symmetric rank-n
    ///    update `Z'Z` with `Z_i = sqrt(w_i e^{η_i} H_i) x_i`, by BLAS dsyrk on chunks of rows (O(n p²)).
    mutating func evaluateByRowBlocks(_ beta: [Double], u: inout [Double], imat: inout Matrix) -> Double {
        guard let blocks else { return .nan }
        setLinearPredictor(beta)
        let n = self.n, p = self.p
        var work = rowBlockWork ?? makeRowBlockWorkspace(blocks)
        rowBlockWork = nil
        defer { rowBlockWork = work }
        // 1. Slot sums; 2. the risk-set pass over the blocks.
        slotSums(blocks, s0: &work.backward.s0, s1: &work.backward.s1)
        let loglik = work.backward.run(blocks, beta: beta, efron: ties == .efron, u: &u, imat: &imat)
        // 3. Σ_i w_i e^{η_i} H_i x_i x_i' by dsyrk on chunks of scaled rows.
        let rowsPer = CoxRowBlockWorkspace.chunkRows
        var first = true
        var start = 0
        while start < n {
            let m = Swift.min(rowsPer, n - start)
            blocks.slot.withUnsafeBufferPointer { slot in
            risk.withUnsafeBufferPointer { rk in
            x.storage.withUnsafeBufferPointer { xs in
            work.scale.withUnsafeMutableBufferPointer { sc in
            work.chunk.storage.withUnsafeMutableBufferPointer { z in
                for r in 0..<m {
                    let i = start + r
                    sc[r] = (rk[i] * work.backward.slotHazard(Int(slot[i]))).squareRoot()
                }
                for c in 0..<p {
                    let src = xs.baseAddress! + (c * n + start)
                    let dst = z.baseAddress! + c * m
                    for r in 0..<m { dst[r] = sc[r] * src[r] }
                }
            }}}}}
            // The first m rows of the chunk, column-major with leading dimension m.
            if p > 0 {
                work.chunk.storage.withUnsafeBufferPointer { z in
                    work.cross.storage.withUnsafeMutableBufferPointer { c in
                        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(p), Int32(m), 1.0, z.baseAddress, Int32(m),
                                    first ? 0.0 : 1.0, c.baseAddress, Int32(p))
                    }
                }
            }
            first = false
            start += m
        }
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
        let weights = self.weights   // read once: made on first use when none were given
        let offset = self.offset   // read once: made on first use when none were given
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

extension CoxRiskSets {
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
