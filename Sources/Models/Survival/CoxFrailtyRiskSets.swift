import Foundation
import Linalg
internal import CLapack

/// The penalized partial likelihood pieces of a shared-frailty Cox model at `(b, beta)`:
/// log partial likelihood, score for the `q` frailties and `p` coefficients, the diagonal of the
/// frailty block of the information, the `p x q` coefficient–frailty block and the `p x p`
/// coefficient block.
///
/// As R's `coxfit5`/`agfit5` with `sparse` frailty, the frailty–frailty block is kept diagonal (its
/// off-diagonal elements, products of two groups' risk shares, are dropped); the fit's fixed point is
/// unchanged, and the standard errors are those of that approximate information, as R reports them.
/// Cost: O(n p²) for the risk sets plus O(d + q p + p²) per distinct event time with d events.
struct CoxFrailtyPieces {
    var loglik = 0.0
    var scoreFrailty: [Double]
    var scoreBeta: [Double]
    var frailtyDiagonal: [Double]
    /// Cross block, column-major p x q: element (c, j) = Σ V(x_c, 1[group j]).
    var cross: Matrix
    /// Coefficient block p x p (full).
    var info: Matrix

    init(q: Int, p: Int) {
        scoreFrailty = [Double](repeating: 0, count: q)
        scoreBeta = [Double](repeating: 0, count: p)
        frailtyDiagonal = [Double](repeating: 0, count: q)
        cross = Matrix(rows: p, columns: q)
        info = Matrix(rows: p, columns: p)
    }
}

extension CoxRiskSets {
    /// Evaluates the unpenalized partial likelihood pieces with per-row frailty `b[group[i]]`.
    func frailtyPieces(beta: [Double], frailty b: [Double], group: [Int], into out: inout CoxFrailtyPieces) {
        let weights = self.weights   // read once: made on first use when none were given
        let offset = self.offset   // read once: made on first use when none were given
        let byStop = self.byStop   // read once: for grouped times a lazily made array
        let q = b.count
        let p = self.p
        var etaRows = [Double](repeating: 0, count: n)
        if p > 0 { BLAS.gemv(x, beta, into: &etaRows) }
        var riskRows = [Double](repeating: 0, count: n)
        for i in 0..<n {
            etaRows[i] += offset[i] + b[group[i]]
            riskRows[i] = weights[i] * exp(etaRows[i])
        }
        let eta = etaRows, risk = riskRows
        out.loglik = 0
        for j in 0..<q { out.scoreFrailty[j] = 0; out.frailtyDiagonal[j] = 0 }
        for c in 0..<p { out.scoreBeta[c] = 0 }
        for k in out.cross.storage.indices { out.cross.storage[k] = 0 }
        for k in out.info.storage.indices { out.info.storage[k] = 0 }
        // Running sums: S0, per-group S0_j, S1 (p), per-group S1 (p x q), S2 (p x p); "2" = tied events.
        // Scratch buffers, not arrays: the row loop below updates them through a nested function, where
        // arrays would pay a uniqueness and exclusivity check on every update.
        let scratch = FrailtyScratch(q: q, p: p)
        let gS0 = scratch.gS0, gS0d = scratch.gS0d, s1 = scratch.s1, s1d = scratch.s1d
        let gS1 = scratch.gS1, gS1d = scratch.gS1d, s2 = scratch.s2, s2d = scratch.s2d
        let mSum = scratch.mSum, mfSum = scratch.mfSum
        let scoreBeta = scratch.scoreBeta, scoreFrailty = scratch.scoreFrailty
        var loglik = 0.0
        var touched: [Int] = []
        let efron = ties == .efron
        // Right-censored data only add rows to the risk set: S2 and the tied events' S2 are then sums of
        // scaled rows `sqrt(r) x`, gathered in chunks and added by BLAS (dsyrk) instead of row by row.
        let gram = start == nil && p > 0
        let allRows = GramChunk(p: gram ? p : 0), deadRows = GramChunk(p: gram ? p : 0)
        // With the covariates in time order (`covariatesByStop`), row byStop[k] is read at position k.
        let sortedX = gram ? covariatesByStop : nil
        let sorted = sortedX != nil
        let xm = sortedX ?? x.storage
        xm.withUnsafeBufferPointer { xs in
            for range in stratumRanges {
                var denom = 0.0
                for j in 0..<q { gS0[j] = 0 }
                for c in 0..<p { s1[c] = 0 }
                for k in 0..<(p * q) { gS1[k] = 0 }
                for k in 0..<(p * p) { s2[k] = 0 }
                allRows.discard()   // rows of the previous stratum after its last event time
                var startPtr = range.lowerBound
                var k = range.lowerBound
                func add(_ i: Int, _ sign: Double, at position: Int) {
                    let r = sign * risk[i]
                    let g = group[i]
                    denom += r
                    gS0[g] += r
                    if gram {
                        let at = sorted ? position : i
                        allRows.append(xs, row: at, n: n, weight: r, into: s2)
                        for c in 0..<p {
                            let xc = xs[at + c * n]
                            s1[c] += r * xc
                            gS1[c + g * p] += r * xc
                        }
                        return
                    }
                    for c in 0..<p {
                        let xc = xs[i + c * n]
                        s1[c] += r * xc
                        gS1[c + g * p] += r * xc
                        for d in 0...c { s2[c + d * p] += r * xc * xs[i + d * n] }
                    }
                }
                while k < range.upperBound {
                    let t = stop[byStop[k]]
                    if let start = start {
                        while startPtr < range.upperBound && start[byStart[startPtr]] >= t {
                            add(byStart[startPtr], -1, at: byStart[startPtr])
                            startPtr += 1
                        }
                    }
                    var ndead = 0
                    var deadwt = 0.0
                    var denomd = 0.0
                    for c in 0..<p { s1d[c] = 0 }
                    for kk in 0..<(p * p) { s2d[kk] = 0 }
                    for g in touched { gS0d[g] = 0; for c in 0..<p { gS1d[c + g * p] = 0 } }
                    touched.removeAll(keepingCapacity: true)
                    while k < range.upperBound && stop[byStop[k]] == t {
                        let i = byStop[k]
                        let at = sorted ? k : i
                        add(i, 1, at: k)
                        if status[i] != 0 {
                            let r = risk[i]
                            let g = group[i]
                            ndead += 1
                            deadwt += weights[i]
                            denomd += r
                            if gS0d[g] == 0 { touched.append(g) }
                            gS0d[g] += r
                            loglik += weights[i] * eta[i]
                            scoreFrailty[g] += weights[i]
                            if gram { deadRows.append(xs, row: at, n: n, weight: r, into: s2d) }
                            for c in 0..<p {
                                let xc = xs[at + c * n]
                                scoreBeta[c] += weights[i] * xc
                                s1d[c] += r * xc
                                gS1d[c + g * p] += r * xc
                                if !gram { for d in 0...c { s2d[c + d * p] += r * xc * xs[i + d * n] } }
                            }
                        }
                        k += 1
                    }
                    if ndead == 0 { continue }
                    // S2 is read only at event times: rows gathered since are added now.
                    if gram {
                        allRows.flush(into: s2)
                        deadRows.flush(into: s2d)
                    }
                    let nd = Double(ndead)
                    let wtave = deadwt / nd
                    // Sub-step k has fraction f_k of the tied events removed (f = 0 for Breslow). A group's
                    // share (S0_j - f S0d_j)/S0_k is linear in f, and so are the sub-step's S1 and S2, so every
                    // sum over the sub-steps is a combination of A1 = Σ w̄/S0_k, B1 = Σ w̄ f/S0_k,
                    // A2 = Σ w̄/S0_k², B2 = Σ w̄ f/S0_k², C2 = Σ w̄ f²/S0_k²: O(d) scalar work, then O(q p + p²)
                    // per distinct event time. (M_c = Σ w̄ mean_ck/S0_k and F_c = Σ w̄ f mean_ck/S0_k below.)
                    var a1 = 0.0, b1 = 0.0, a2 = 0.0, b2 = 0.0, c2 = 0.0, logSum = 0.0
                    for step in 0..<ndead {
                        let f = efron ? Double(step) / nd : 0
                        let d2 = denom - f * denomd
                        logSum += Foundation.log(d2)
                        let inv = wtave / d2, inv2 = inv / d2
                        a1 += inv; b1 += f * inv
                        a2 += inv2; b2 += f * inv2; c2 += f * f * inv2
                    }
                    loglik -= wtave * logSum
                    for c in 0..<p {
                        mSum[c] = s1[c] * a2 - s1d[c] * b2
                        mfSum[c] = s1[c] * b2 - s1d[c] * c2
                        scoreBeta[c] -= s1[c] * a1 - s1d[c] * b1
                    }
                    out.info.storage.withUnsafeMutableBufferPointer { info in
                        for c in 0..<p {
                            for d in 0...c {
                                let second = s2[c + d * p] * a1 - s2d[c + d * p] * b1
                                let outer = s1[c] * s1[d] * a2 - (s1[c] * s1d[d] + s1d[c] * s1[d]) * b2 + s1d[c] * s1d[d] * c2
                                info[c + d * p] += second - outer
                            }
                        }
                    }
                    for j in 0..<q where gS0[j] != 0 {
                        let sj = gS0[j], sd = gS0d[j]
                        let expected = sj * a1 - sd * b1
                        scoreFrailty[j] -= expected
                        out.frailtyDiagonal[j] += expected - (sj * sj * a2 - 2 * sj * sd * b2 + sd * sd * c2)
                        for c in 0..<p {
                            out.cross[c, j] += gS1[c + j * p] * a1 - gS1d[c + j * p] * b1 - sj * mSum[c] + sd * mfSum[c]
                        }
                    }
                }
            }
        }
        out.loglik = loglik
        for j in 0..<q { out.scoreFrailty[j] = scoreFrailty[j] }
        for c in 0..<p { out.scoreBeta[c] = scoreBeta[c] }
        for c in 0..<p { for d in 0..<c { out.info[d, c] = out.info[c, d] } }
    }
}

/// The running sums of `frailtyPieces`, zeroed, freed with the value.
final class FrailtyScratch {
    let gS0, gS0d, s1, s1d, gS1, gS1d, s2, s2d, mSum, mfSum, scoreBeta, scoreFrailty: UnsafeMutablePointer<Double>
    private var all: [UnsafeMutablePointer<Double>] = []

    init(q: Int, p: Int) {
        func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
            let b = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
            b.initialize(repeating: 0, count: Swift.max(count, 1))
            return b
        }
        gS0 = zeros(q); gS0d = zeros(q); s1 = zeros(p); s1d = zeros(p); gS1 = zeros(p * q); gS1d = zeros(p * q)
        s2 = zeros(p * p); s2d = zeros(p * p); mSum = zeros(p); mfSum = zeros(p); scoreBeta = zeros(p)
        scoreFrailty = zeros(q)
        all = [gS0, gS0d, s1, s1d, gS1, gS1d, s2, s2d, mSum, mfSum, scoreBeta, scoreFrailty]
    }

    deinit { for b in all { b.deallocate() } }
}

/// Rows `sqrt(w) x` gathered for one BLAS update `S += Σ w x x'` (lower triangle of a p x p column-major
/// array), flushed when full and when the sum is needed.
final class GramChunk {
    let p: Int
    /// Row-major rows (capacity x p).
    private let rows: UnsafeMutablePointer<Double>
    private var count = 0
    static let capacity = 512

    init(p: Int) {
        self.p = p
        rows = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, p * Self.capacity))
        rows.initialize(repeating: 0, count: Swift.max(1, p * Self.capacity))
    }

    deinit { rows.deallocate() }

    /// Adds row `row` of the column-major n x p `x` with weight `w >= 0`; flushes into `sum` when full.
    func append(_ x: UnsafeBufferPointer<Double>, row: Int, n: Int, weight w: Double, into sum: UnsafeMutablePointer<Double>) {
        let s = w.squareRoot()
        let base = rows + count * p
        for c in 0..<p { base[c] = s * x[row + c * n] }
        count += 1
        if count == Self.capacity { flush(into: sum) }
    }

    /// Empties the chunk without adding its rows anywhere.
    func discard() { count = 0 }

    /// Adds the gathered rows' cross-product to the lower triangle of `sum` (p x p) and empties the chunk.
    func flush(into sum: UnsafeMutablePointer<Double>) {
        guard count > 0 else { return }
        // Row-major k x p rows = column-major p x k: A A' = Σ rows' outer products.
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(p), Int32(count), 1.0, rows, Int32(p),
                    1.0, sum, Int32(p))
        count = 0
    }
}
