internal import CLapack
#if canImport(Glibc)
import Glibc
#endif

/// A contiguous `Double` workspace allocated once per fit.
final class Workspace {
    let count: Int
    let p: UnsafeMutablePointer<Double>
    init(_ count: Int) {
        self.count = count
        p = .allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: 0, count: Swift.max(count, 1))
    }
    deinit { p.deallocate() }
    func zero() { p.update(repeating: 0, count: count) }
    subscript(i: Int) -> Double {
        get { p[i] }
        set { p[i] = newValue }
    }
}

/// The blocked Cholesky factorization of the penalized least squares system
///
///     [ Λ'Z'WZΛ + I   Λ'Z'WX ]   [ L    0  ] [ L'  RZX ]
///     [ X'WZΛ         X'WX   ] = [ RZX' RX'] [ 0   RX  ]
///
/// for random-effects terms ordered by decreasing number of levels. The first term's part of `L`
/// (`L11`) is block diagonal with one k1 x k1 block per level, so a single grouping factor (pupils in
/// schools) never creates a dense q x q matrix; the remaining terms ("tail", q2 effects) share a dense
/// lower-triangular block `L22`, and `L21` is stored sparsely: for each level g of the first factor a dense
/// block over only the tail effects that co-occur with g. The "X" columns are whatever the caller supplies:
/// `[X y]` for a linear mixed model (the last row of `RX` then gives the penalized residual sum of squares),
/// `[X z]` for PIRLS with the fixed effects inside, or just the working response `z` for PIRLS over `u`.
///
/// Cost per factorization: O(m1 k1^3 + nnz(L21) k1 + q2^3 + (q1 + q2) p'^2) with all dense work in BLAS/LAPACK;
/// accumulating the cross-products for new weights is O(n (k + p')^2) (one `dsyrk` for X'WX).
final class BlockedSystem {
    let n: Int
    /// Number of "X" columns (fixed effects and/or response).
    let cols: Int
    let terms: [ReTerm]
    let k1: Int, m1: Int, q1: Int
    /// Number of random effects outside the first term.
    let q2: Int
    /// Offset of each term's effects in the tail (index 0 unused).
    let tailOffset: [Int]
    /// For level g of the first term, its rows in L21 are `rowStart[g] ..< rowStart[g + 1]` of `rowIndex` (tail indices).
    let rowStart: [Int]
    let rowIndex: [Int]
    /// For tail index r: its term and component.
    let tailTerm: [Int], tailComp: [Int]
    /// Per tail term t (index 0 unused) and observation i: the position (within its level-g block) of the first row of
    /// (t, level of i).
    let rowPos: [[Int32]]

    // Cross-products that depend on the weights (refilled by `accumulate`).
    let a11: Workspace, a21: Workspace, a22: Workspace, ax1: Workspace, ax2: Workspace, axx: Workspace
    // Factor (refilled by `factor`).
    let l11: Workspace, l21: Workspace, l22: Workspace, rzx1: Workspace, rzx2: Workspace, rx: Workspace
    /// sqrt(w) X scratch for dsyrk.
    let scaled: Workspace
    /// `true` when there are two terms and each level of the first factor lies within one level of the second
    /// (pupils in classes in schools: `(1 | school/class)`). Then `L22` stays block diagonal (k2 x k2 blocks per
    /// level of the second factor) and no dense q2 x q2 matrix is formed.
    let nestedTail: Bool
    /// Per-term k x k relative covariance factor.
    var lambdas: [[Double]]
    /// `true` once `factor(..., computeRX: true)` succeeded.
    private(set) var hasRX = false

    init(terms: [ReTerm], n: Int, cols: Int) {
        self.n = n
        self.cols = cols
        self.terms = terms
        let t0 = terms[0]
        k1 = t0.k; m1 = t0.m; q1 = t0.q
        var off = [0]
        var q2 = 0
        var tTerm: [Int] = [], tComp: [Int] = []
        for (t, term) in terms.enumerated().dropFirst() {
            off.append(q2)
            q2 += term.q
            for _ in 0..<term.m { for c in 0..<term.k { tTerm.append(t); tComp.append(c) } }
        }
        self.q2 = q2
        tailOffset = off
        tailTerm = tTerm
        tailComp = tComp
        // Sparsity of L21: which tail level-blocks co-occur with each level of the first factor.
        var rowStart = [Int](repeating: 0, count: m1 + 1)
        var rowIndex: [Int] = []
        var rowPos: [[Int32]] = [[]]
        if terms.count > 1 {
            // Pairs (g, tail block start) over all observations, sorted and made unique.
            var pairs: [Int] = []
            pairs.reserveCapacity(n * (terms.count - 1))
            let stride = q2 + 1
            for t in 1..<terms.count {
                let term = terms[t]
                for i in 0..<n {
                    pairs.append(Int(t0.codes[i]) * stride + off[t] + Int(term.codes[i]) * term.k)
                }
            }
            pairs.sort()
            var unique: [Int] = []
            unique.reserveCapacity(pairs.count)
            for v in pairs where unique.last != v { unique.append(v) }
            // Expand each block start to its k rows; record the position of each block within its g.
            var blockPos: [Int: Int] = [:]
            var cursor = [Int](repeating: 0, count: m1)
            for v in unique {
                let g = v / stride, r = v % stride
                let kt = terms[tTerm[r]].k
                blockPos[v] = cursor[g]
                cursor[g] += kt
                for c in 0..<kt { rowIndex.append(r + c) }
            }
            for g in 0..<m1 { rowStart[g + 1] = rowStart[g] + cursor[g] }
            for t in 1..<terms.count {
                let term = terms[t]
                var pos = [Int32](repeating: 0, count: n)
                for i in 0..<n {
                    let key = Int(t0.codes[i]) * stride + off[t] + Int(term.codes[i]) * term.k
                    pos[i] = Int32(blockPos[key] ?? 0)
                }
                rowPos.append(pos)
            }
        }
        self.rowStart = rowStart
        self.rowIndex = rowIndex
        self.rowPos = rowPos
        let k2 = terms.count == 2 ? terms[1].k : 0
        let nested = terms.count == 2 && (0..<m1).allSatisfy { rowStart[$0 + 1] - rowStart[$0] <= k2 }
        nestedTail = nested
        let nnz21 = rowIndex.count * k1
        a11 = Workspace(m1 * k1 * k1); l11 = Workspace(m1 * k1 * k1)
        a21 = Workspace(nnz21); l21 = Workspace(nnz21)
        a22 = Workspace(nested ? q2 * k2 : q2 * q2); l22 = Workspace(nested ? q2 * k2 : q2 * q2)
        ax1 = Workspace(q1 * cols); rzx1 = Workspace(q1 * cols)
        ax2 = Workspace(q2 * cols); rzx2 = Workspace(q2 * cols)
        axx = Workspace(cols * cols); rx = Workspace(cols * cols)
        scaled = Workspace(n * cols)
        lambdas = terms.map { [Double](repeating: 0, count: $0.k * $0.k) }
    }

    // MARK: - Cross-products

    /// Fills the weighted cross-products `Z'WZ`, `Z'WX`, `X'WX` for weights `w` (n) and columns `x` (n x cols,
    /// column-major).
    func accumulate(weights w: UnsafePointer<Double>, columns x: UnsafePointer<Double>) {
        a11.zero(); a21.zero(); a22.zero(); ax1.zero(); ax2.zero()
        let t0 = terms[0]
        let T = terms.count
        t0.codes.withUnsafeBufferPointer { c0 in
            t0.z.withUnsafeBufferPointer { z0 in
                // Z1'WZ1 (block diagonal) and Z1'WX.
                if k1 == 1 {
                    // Run-length sums: rows sorted by group accumulate in registers, not through memory.
                    let g0 = n > 0 ? Int(c0[0]) : 0
                    var g = g0, s = 0.0
                    let a = a11.p
                    for i in 0..<n {
                        let gi = Int(c0[i])
                        if gi != g { a[g] += s; s = 0; g = gi }
                        let zi = z0[i]
                        s += w[i] * zi * zi
                    }
                    if n > 0 { a[g] += s }
                    for j in 0..<cols {
                        let xj = x + j * n
                        let dst = ax1.p + j * q1
                        g = g0; s = 0
                        for i in 0..<n {
                            let gi = Int(c0[i])
                            if gi != g { dst[g] += s; s = 0; g = gi }
                            s += w[i] * z0[i] * xj[i]
                        }
                        if n > 0 { dst[g] += s }
                    }
                } else if k1 == 2 {
                    // Run-length sums for two effects per level (rows sorted by group stay in registers).
                    let g0 = n > 0 ? Int(c0[0]) : 0
                    let a = a11.p
                    let z1 = z0.baseAddress! + n
                    var g = g0, s00 = 0.0, s10 = 0.0, s11 = 0.0
                    for i in 0..<n {
                        let gi = Int(c0[i])
                        if gi != g { a[4 * g] += s00; a[4 * g + 1] += s10; a[4 * g + 3] += s11; s00 = 0; s10 = 0; s11 = 0; g = gi }
                        let wa = w[i] * z0[i], zc = z1[i]
                        s00 += wa * z0[i]; s10 += wa * zc; s11 += w[i] * zc * zc
                    }
                    if n > 0 { a[4 * g] += s00; a[4 * g + 1] += s10; a[4 * g + 3] += s11 }
                    for l in 0..<m1 { a[4 * l + 2] = a[4 * l + 1] }
                    for j in 0..<cols {
                        let xj = x + j * n
                        let dst = ax1.p + j * q1
                        g = g0
                        var t0 = 0.0, t1 = 0.0
                        for i in 0..<n {
                            let gi = Int(c0[i])
                            if gi != g { dst[2 * g] += t0; dst[2 * g + 1] += t1; t0 = 0; t1 = 0; g = gi }
                            let v = w[i] * xj[i]
                            t0 += v * z0[i]; t1 += v * z1[i]
                        }
                        if n > 0 { dst[2 * g] += t0; dst[2 * g + 1] += t1 }
                    }
                } else {
                    let kk = k1 * k1
                    for i in 0..<n {
                        let base = Int(c0[i]) * kk
                        let wi = w[i]
                        for b in 0..<k1 {
                            let zb = wi * z0[i + b * n]
                            for a in 0..<k1 { a11.p[base + a + b * k1] += zb * z0[i + a * n] }
                        }
                    }
                    for j in 0..<cols {
                        let xj = x + j * n
                        let dst = ax1.p + j * q1
                        for i in 0..<n {
                            let v = w[i] * xj[i]
                            let base = Int(c0[i]) * k1
                            for a in 0..<k1 { dst[base + a] += v * z0[i + a * n] }
                        }
                    }
                }
                // Tail: Z2'WZ1 (sparse blocks), Z2'WZ2 (dense), Z2'WX.
                if T > 1 {
                    for t in 1..<T {
                        let tt = terms[t]
                        let kt = tt.k
                        let offT = tailOffset[t]
                        tt.codes.withUnsafeBufferPointer { ct in
                            tt.z.withUnsafeBufferPointer { zt in
                                rowPos[t].withUnsafeBufferPointer { pos in
                                    for i in 0..<n {
                                        let g = Int(c0[i])
                                        let r = rowStart[g + 1] - rowStart[g]
                                        let base = rowStart[g] * k1
                                        let p0 = Int(pos[i])
                                        let wi = w[i]
                                        for b in 0..<k1 {
                                            let zb = wi * z0[i + b * n]
                                            for a in 0..<kt { a21.p[base + p0 + a + b * r] += zt[i + a * n] * zb }
                                        }
                                    }
                                    for j in 0..<cols {
                                        let xj = x + j * n
                                        let dst = ax2.p + j * q2
                                        if kt == 1 {
                                            // Run-length sums (rows sorted by group stay in registers).
                                            var cur = n > 0 ? offT + Int(ct[0]) : 0
                                            var sum = 0.0
                                            for i in 0..<n {
                                                let base = offT + Int(ct[i])
                                                if base != cur { dst[cur] += sum; sum = 0; cur = base }
                                                sum += w[i] * xj[i] * zt[i]
                                            }
                                            if n > 0 { dst[cur] += sum }
                                            continue
                                        }
                                        for i in 0..<n {
                                            let v = w[i] * xj[i]
                                            let base = offT + Int(ct[i]) * kt
                                            for a in 0..<kt { dst[base + a] += v * zt[i + a * n] }
                                        }
                                    }
                                }
                                if nestedTail {
                                    // Block diagonal Z2'WZ2: one k2 x k2 block per level.
                                    let kk = kt * kt
                                    for i in 0..<n {
                                        let wi = w[i]
                                        let base = Int(ct[i]) * kk
                                        for b in 0..<kt {
                                            let zb = wi * zt[i + b * n]
                                            for a in 0..<kt { a22.p[base + a + b * kt] += zt[i + a * n] * zb }
                                        }
                                    }
                                    return
                                }
                                for s in 1..<T {
                                    let ts = terms[s]
                                    let ks = ts.k
                                    let offS = tailOffset[s]
                                    ts.codes.withUnsafeBufferPointer { cs in
                                        ts.z.withUnsafeBufferPointer { zs in
                                            for i in 0..<n {
                                                let wi = w[i]
                                                let ra = offT + Int(ct[i]) * kt
                                                let cb = offS + Int(cs[i]) * ks
                                                for b in 0..<ks {
                                                    let zb = wi * zs[i + b * n]
                                                    let col = a22.p + (cb + b) * q2 + ra
                                                    for a in 0..<kt { col[a] += zt[i + a * n] * zb }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // X'WX via dsyrk on sqrt(w) X.
        // sqrt(w) once, in the last column's slot (overwritten last).
        let root = scaled.p + Swift.max(cols - 1, 0) * n
        if cols > 0 { for i in 0..<n { root[i] = w[i].squareRoot() } }
        for j in 0..<cols {
            let xj = x + j * n
            let dst = scaled.p + j * n
            for i in 0..<n { dst[i] = xj[i] * root[i] }
        }
        if cols > 0 && n > 0 {
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(cols), Int32(n), 1.0,
                        scaled.p, Int32(n), 0.0, axx.p, Int32(cols))
        }
    }

    // MARK: - Numeric factorization

    /// Sets the relative covariance factors from theta.
    func setTheta(_ theta: [Double]) {
        for (t, term) in terms.enumerated() { lambdas[t] = term.lambda(theta) }
    }

    /// Factors the system at the current `lambdas`. With `computeRX == false` the fixed-effects block is skipped
    /// (PIRLS over u only needs `L` and `RZX`). Throws when `RX` is not positive definite.
    func factor(computeRX: Bool = true) throws {
        hasRX = false
        let lam1 = lambdas[0]
        // Step 1: L11_g = chol(Λ1' A11_g Λ1 + I).
        if k1 == 1 {
            let l = lam1[0]
            for g in 0..<m1 { l11.p[g] = (l * l * a11.p[g] + 1).squareRoot() }
        } else {
            var tmp = [Double](repeating: 0, count: k1 * k1)
            let kk = k1 * k1
            for g in 0..<m1 {
                let a = a11.p + g * kk
                let dst = l11.p + g * kk
                SmallDense.congruence(lower: lam1, a, k1, into: &tmp)
                for i in 0..<k1 { tmp[i + i * k1] += 1 }
                for i in 0..<kk { dst[i] = tmp[i] }
                guard SmallDense.choleskyLower(dst, k1) else {
                    throw MixedModelError.numerical("Cholesky of a \(k1)x\(k1) random-effects block failed")
                }
            }
        }
        // Step 2: L21_g = (Λ2' A21_g Λ1) L11_g^-T.
        if q2 > 0 {
            for g in 0..<m1 {
                let r = rowStart[g + 1] - rowStart[g]
                if r == 0 { continue }
                let base = rowStart[g] * k1
                let src = a21.p + base, dst = l21.p + base
                for i in 0..<(r * k1) { dst[i] = src[i] }
                // Right-multiply by Λ1 (columns).
                if k1 == 1 {
                    let l = lam1[0]
                    for i in 0..<r { dst[i] *= l }
                } else {
                    SmallDense.rightMultiplyLower(dst, rows: r, ld: r, lam1, k1)
                }
                // Left-multiply row blocks by Λ_t'.
                var rr = 0
                while rr < r {
                    let tidx = rowIndex[rowStart[g] + rr]
                    let t = tailTerm[tidx]
                    let kt = terms[t].k
                    SmallDense.leftMultiplyLowerTransposed(dst + rr, ld: r, cols: k1, lambdas[t], kt)
                    rr += kt
                }
                // Solve against L11_g' from the right: each row x -> L11^-1 x.
                let lg = l11.p + g * k1 * k1
                for row in 0..<r {
                    for c in 0..<k1 {
                        var s = dst[row + c * r]
                        for d in 0..<c { s -= lg[c + d * k1] * dst[row + d * r] }
                        dst[row + c * r] = s / lg[c + c * k1]
                    }
                }
            }
            // Step 3: L22 = chol(Λ2' A22 Λ2 + I - Σ_g L21_g L21_g').
            if nestedTail {
                let k2 = terms[1].k, kk = k2 * k2, m2 = terms[1].m
                var tmp = [Double](repeating: 0, count: kk)
                for l in 0..<m2 {
                    let blk = l22.p + l * kk
                    SmallDense.congruence(lower: lambdas[1], a22.p + l * kk, k2, into: &tmp)
                    for i in 0..<kk { blk[i] = tmp[i] }
                    for i in 0..<k2 { blk[i + i * k2] += 1 }
                }
                for g in 0..<m1 {
                    let r = rowStart[g + 1] - rowStart[g]
                    if r == 0 { continue }
                    let blk = l21.p + rowStart[g] * k1
                    let first = rowIndex[rowStart[g]]
                    let dst = l22.p + (first / k2) * kk
                    for b in 0..<r {
                        for a in b..<r {
                            var sum = 0.0
                            for c in 0..<k1 { sum += blk[a + c * r] * blk[b + c * r] }
                            dst[a + b * k2] -= sum
                        }
                    }
                }
                for l in 0..<m2 {
                    guard SmallDense.choleskyLower(l22.p + l * kk, k2) else {
                        throw MixedModelError.numerical("Cholesky of a \(k2)x\(k2) block of the second random-effects term failed")
                    }
                }
            } else {
            for i in 0..<(q2 * q2) { l22.p[i] = a22.p[i] }
            scaleTailSymmetric(l22.p)
            for g in 0..<m1 {
                let r = rowStart[g + 1] - rowStart[g]
                if r == 0 { continue }
                let blk = l21.p + rowStart[g] * k1
                for b in 0..<r {
                    let cb = rowIndex[rowStart[g] + b]
                    for a in b..<r {
                        let ra = rowIndex[rowStart[g] + a]
                        var s = 0.0
                        for c in 0..<k1 { s += blk[a + c * r] * blk[b + c * r] }
                        // Lower triangle of L22 (ra >= cb because rowIndex is sorted within g).
                        l22.p[ra + cb * q2] -= s
                    }
                }
            }
            for i in 0..<q2 { l22.p[i + i * q2] += 1 }
            let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(q2), l22.p, Int32(q2))
            if info != 0 { throw MixedModelError.numerical("Cholesky of the \(q2)x\(q2) crossed random-effects block failed (info \(info))") }
            }
        }
        // Step 4: RZX1_g = L11_g^-1 Λ1' AX1_g.
        for i in 0..<(q1 * cols) { rzx1.p[i] = ax1.p[i] }
        if k1 == 1 {
            let l = lam1[0]
            for j in 0..<cols {
                let col = rzx1.p + j * q1
                for g in 0..<m1 { col[g] = col[g] * l / l11.p[g] }
            }
        } else {
            for g in 0..<m1 {
                let blk = rzx1.p + g * k1
                SmallDense.leftMultiplyLowerTransposed(blk, ld: q1, cols: cols, lam1, k1)
                let lg = l11.p + g * k1 * k1
                for j in 0..<cols {
                    let v = blk + j * q1
                    for a in 0..<k1 {
                        var s = v[a]
                        for d in 0..<a { s -= lg[a + d * k1] * v[d] }
                        v[a] = s / lg[a + a * k1]
                    }
                }
            }
        }
        // Step 5: RZX2 = L22^-1 (Λ2' AX2 - Σ_g L21_g RZX1_g).
        if q2 > 0 {
            for i in 0..<(q2 * cols) { rzx2.p[i] = ax2.p[i] }
            var rr = 0
            while rr < q2 {
                let t = tailTerm[rr]
                let kt = terms[t].k
                SmallDense.leftMultiplyLowerTransposed(rzx2.p + rr, ld: q2, cols: cols, lambdas[t], kt)
                rr += kt
            }
            for g in 0..<m1 {
                let r = rowStart[g + 1] - rowStart[g]
                if r == 0 { continue }
                let blk = l21.p + rowStart[g] * k1
                for j in 0..<cols {
                    let src = rzx1.p + j * q1 + g * k1
                    let dst = rzx2.p + j * q2
                    for a in 0..<r {
                        var s = 0.0
                        for c in 0..<k1 { s += blk[a + c * r] * src[c] }
                        dst[rowIndex[rowStart[g] + a]] -= s
                    }
                }
            }
            tailSolve(rzx2.p, ld: q2, cols: cols)
        }
        guard computeRX, cols > 0 else { return }
        // Step 6: RX = chol(AXX - RZX1'RZX1 - RZX2'RZX2), upper.
        for i in 0..<(cols * cols) { rx.p[i] = axx.p[i] }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(cols), Int32(q1), -1.0, rzx1.p, Int32(q1), 1.0,
                    rx.p, Int32(cols))
        if q2 > 0 {
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(cols), Int32(q2), -1.0, rzx2.p, Int32(q2), 1.0,
                        rx.p, Int32(cols))
        }
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(cols), rx.p, Int32(cols))
        if info > 0 {
            throw MixedModelError.rankDeficientFixedEffects("pivot \(info) of the fixed-effects block is not positive")
        }
        if info < 0 { throw MixedModelError.numerical("dpotrf argument \(-info)") }
        for j in 0..<cols { for i in (j + 1)..<Swift.max(j + 1, cols) { rx.p[i + j * cols] = 0 } }
        hasRX = true
    }

    /// Λ2' S Λ2 in place for a q2 x q2 matrix `s` (blocks per tail level).
    private func scaleTailSymmetric(_ s: UnsafeMutablePointer<Double>) {
        var cc = 0
        while cc < q2 {
            let t = tailTerm[cc]
            let kt = terms[t].k
            SmallDense.rightMultiplyLower(s + cc * q2, rows: q2, ld: q2, lambdas[t], kt)
            cc += kt
        }
        var rr = 0
        while rr < q2 {
            let t = tailTerm[rr]
            let kt = terms[t].k
            SmallDense.leftMultiplyLowerTransposed(s + rr, ld: q2, cols: q2, lambdas[t], kt)
            rr += kt
        }
    }

    /// Solves L22 X = B in place for B (q2 x cols, leading dimension ld).
    private func tailSolve(_ b: UnsafeMutablePointer<Double>, ld: Int, cols: Int) {
        guard q2 > 0, cols > 0 else { return }
        if nestedTail {
            let k2 = terms[1].k, kk = k2 * k2
            for j in 0..<cols {
                for l in 0..<terms[1].m {
                    let lb = l22.p + l * kk, v = b + j * ld + l * k2
                    for a in 0..<k2 {
                        var s = v[a]
                        for d in 0..<a { s -= lb[a + d * k2] * v[d] }
                        v[a] = s / lb[a + a * k2]
                    }
                }
            }
        } else {
            cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(q2), Int32(cols), 1.0,
                        l22.p, Int32(q2), b, Int32(ld))
        }
    }

    // MARK: - Read-outs

    /// log det(L)^2.
    var logDetL2: Double {
        var s = 0.0
        let kk = k1 * k1
        for g in 0..<m1 { for a in 0..<k1 { s += log(l11.p[g * kk + a + a * k1]) } }
        if nestedTail {
            let k2 = terms[1].k
            for l in 0..<terms[1].m { for a in 0..<k2 { s += log(l22.p[l * k2 * k2 + a + a * k2]) } }
        } else {
            for i in 0..<q2 { s += log(l22.p[i + i * q2]) }
        }
        return 2 * s
    }

    /// log det(RX[0..<p, 0..<p])^2.
    func logDetRX2(p: Int) -> Double {
        var s = 0.0
        for i in 0..<p { s += log(rx.p[i + i * cols]) }
        return 2 * s
    }

    /// Element (i, j) of RX (upper).
    func rxElement(_ i: Int, _ j: Int) -> Double { rx.p[i + j * cols] }

    /// Solves RX[0..<p, 0..<p] beta = RX[0..<p, p] (the last column is the response).
    func solveBeta(p: Int) -> [Double] {
        var beta = (0..<p).map { rx.p[$0 + p * cols] }
        if p > 0 {
            beta.withUnsafeMutableBufferPointer { b in
                cblas_dtrsv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(p), rx.p, Int32(cols),
                            b.baseAddress, 1)
            }
        }
        return beta
    }

    /// Spherical random effects `u` solving L' u = RZX[:, last] - RZX[:, 0..<p] beta; written into `u` (q1 + q2).
    func solveU(beta: [Double], into u: UnsafeMutablePointer<Double>) {
        let p = beta.count
        let last = cols - 1
        for i in 0..<q1 {
            var s = rzx1.p[i + last * q1]
            for j in 0..<p { s -= rzx1.p[i + j * q1] * beta[j] }
            u[i] = s
        }
        let u2 = u + q1
        for i in 0..<q2 {
            var s = rzx2.p[i + last * q2]
            for j in 0..<p { s -= rzx2.p[i + j * q2] * beta[j] }
            u2[i] = s
        }
        if q2 > 0 {
            if nestedTail {
                let k2 = terms[1].k, kk = k2 * k2
                for l in 0..<terms[1].m {
                    let lb = l22.p + l * kk, v = u2 + l * k2
                    var c = k2 - 1
                    while c >= 0 {
                        var s = v[c]
                        for d in (c + 1)..<Swift.max(c + 1, k2) { s -= lb[d + c * k2] * v[d] }
                        v[c] = s / lb[c + c * k2]
                        c -= 1
                    }
                }
            } else {
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(q2), l22.p, Int32(q2), u2, 1)
            }
        }
        let kk = k1 * k1
        for g in 0..<m1 {
            let v = u + g * k1
            let r = rowStart[g + 1] - rowStart[g]
            if r > 0 {
                let blk = l21.p + rowStart[g] * k1
                for c in 0..<k1 {
                    var s = 0.0
                    for a in 0..<r { s += blk[a + c * r] * u2[rowIndex[rowStart[g] + a]] }
                    v[c] -= s
                }
            }
            let lg = l11.p + g * kk
            // Back-substitution with L11_g'.
            var c = k1 - 1
            while c >= 0 {
                var s = v[c]
                for d in (c + 1)..<Swift.max(c + 1, k1) { s -= lg[d + c * k1] * v[d] }
                v[c] = s / lg[c + c * k1]
                c -= 1
            }
        }
    }

    /// Random effects b = Λ u, per term (m x k, level-major: `b[t][level * k + component]`).
    func randomEffects(u: UnsafePointer<Double>) -> [[Double]] {
        var out: [[Double]] = []
        for (t, term) in terms.enumerated() {
            let start = t == 0 ? 0 : q1 + tailOffset[t]
            let lam = lambdas[t]
            var b = [Double](repeating: 0, count: term.q)
            for l in 0..<term.m {
                for a in 0..<term.k {
                    var s = 0.0
                    for c in 0...a { s += lam[a + c * term.k] * u[start + l * term.k + c] }
                    b[l * term.k + a] = s
                }
            }
            out.append(b)
        }
        return out
    }

    /// Adds Z b to `eta` (n) for random effects `b` as returned by `randomEffects`.
    func addZb(_ b: [[Double]], to eta: UnsafeMutablePointer<Double>) {
        for (t, term) in terms.enumerated() {
            let k = term.k
            term.codes.withUnsafeBufferPointer { c in
                term.z.withUnsafeBufferPointer { z in
                    b[t].withUnsafeBufferPointer { bt in
                        if k == 1 {
                            for i in 0..<n { eta[i] += z[i] * bt[Int(c[i])] }
                        } else {
                            for i in 0..<n {
                                let base = Int(c[i]) * k
                                var s = 0.0
                                for a in 0..<k { s += z[i + a * n] * bt[base + a] }
                                eta[i] += s
                            }
                        }
                    }
                }
            }
        }
    }

    /// Conditional covariance blocks of u: for each term and level, the k x k block of (L L')^-1
    /// (column-major), computed from the factor. O(m1 k1^3 + q2^3 + nnz(L21) q2).
    func conditionalCovarianceOfU() -> [[Double]] {
        if nestedTail { return nestedConditionalCovarianceOfU() }
        var out: [[Double]] = []
        // Tail: (L22 L22')^-1 = L22^-T L22^-1 from the explicit inverse of L22.
        var inv22 = [Double](repeating: 0, count: q2 * q2)
        if q2 > 0 {
            for i in 0..<(q2 * q2) { inv22[i] = l22.p[i] }
            inv22.withUnsafeMutableBufferPointer { p in
                _ = LAPACKE_dtrtri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")), Int32(q2),
                                   p.baseAddress, Int32(q2))
                for j in 0..<q2 { for i in 0..<j { p[i + j * q2] = 0 } }
            }
        }
        // First term: block gg of L^-T L^-1 = L11^-T L11^-1 + M' M with M = L22^-1 L21_g L11_g^-1.
        var first = [Double](repeating: 0, count: m1 * k1 * k1)
        let kk = k1 * k1
        var linv = [Double](repeating: 0, count: kk)
        var m = [Double](repeating: 0, count: q2 * k1)
        for g in 0..<m1 {
            // L11_g^-1.
            for i in 0..<kk { linv[i] = 0 }
            let lg = l11.p + g * kk
            for j in 0..<k1 {
                for i in j..<k1 {
                    var s = i == j ? 1.0 : 0.0
                    for d in j..<i { s -= lg[i + d * k1] * linv[d + j * k1] }
                    linv[i + j * k1] = s / lg[i + i * k1]
                }
            }
            for a in 0..<k1 {
                for b in 0..<k1 {
                    var s = 0.0
                    for c in 0..<k1 { s += linv[c + a * k1] * linv[c + b * k1] }
                    first[g * kk + a + b * k1] = s
                }
            }
            let r = rowStart[g + 1] - rowStart[g]
            if r > 0 {
                let blk = l21.p + rowStart[g] * k1
                // W = L21_g L11_g^-1 scattered into q2 x k1, then M = L22^-1 W.
                for i in 0..<(q2 * k1) { m[i] = 0 }
                for c in 0..<k1 {
                    for a in 0..<r {
                        var s = 0.0
                        for d in 0..<k1 { s += blk[a + d * r] * linv[d + c * k1] }
                        m[rowIndex[rowStart[g] + a] + c * q2] = s
                    }
                }
                m.withUnsafeMutableBufferPointer { mp in
                    cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(q2), Int32(k1),
                                1.0, l22.p, Int32(q2), mp.baseAddress, Int32(q2))
                }
                for a in 0..<k1 {
                    for b in 0..<k1 {
                        var s = 0.0
                        for i in 0..<q2 { s += m[i + a * q2] * m[i + b * q2] }
                        first[g * kk + a + b * k1] += s
                    }
                }
            }
        }
        out.append(first)
        for t in 1..<Swift.max(1, terms.count) {
            let term = terms[t]
            let k = term.k
            var blocks = [Double](repeating: 0, count: term.m * k * k)
            for l in 0..<term.m {
                let base = tailOffset[t] + l * k
                for a in 0..<k {
                    for b in 0..<k {
                        var s = 0.0
                        for i in 0..<q2 { s += inv22[i + (base + a) * q2] * inv22[i + (base + b) * q2] }
                        blocks[l * k * k + a + b * k] = s
                    }
                }
            }
            out.append(blocks)
        }
        return out
    }

    /// (RX[0..<p,0..<p]' RX[0..<p,0..<p])^-1, p x p column-major.
    func unscaledCovarianceOfBeta(p: Int) -> [Double] {
        var r = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0...j { r[i + j * p] = rx.p[i + j * cols] } }
        if p > 0 {
            r.withUnsafeMutableBufferPointer { rp in
                _ = LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(p), rp.baseAddress, Int32(p))
            }
            for j in 0..<p { for i in (j + 1)..<Swift.max(j + 1, p) { r[i + j * p] = r[j + i * p] } }
        }
        return r
    }

    /// Inverse of a k x k lower-triangular matrix (column-major).
    private static func lowerInverse(_ lg: UnsafePointer<Double>, _ k: Int) -> [Double] {
        var linv = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            for i in j..<k {
                var s = i == j ? 1.0 : 0.0
                for d in j..<i { s -= lg[i + d * k] * linv[d + j * k] }
                linv[i + j * k] = s / lg[i + i * k]
            }
        }
        return linv
    }

    /// `conditionalCovarianceOfU` when L22 is block diagonal (nested factors): everything stays per level.
    private func nestedConditionalCovarianceOfU() -> [[Double]] {
        let k2 = terms[1].k, kk2 = k2 * k2, m2 = terms[1].m, kk = k1 * k1
        let inv2 = (0..<m2).map { BlockedSystem.lowerInverse(l22.p + $0 * kk2, k2) }
        var first = [Double](repeating: 0, count: m1 * kk)
        for g in 0..<m1 {
            let linv = BlockedSystem.lowerInverse(l11.p + g * kk, k1)
            for a in 0..<k1 { for b in 0..<k1 {
                var s = 0.0
                for c in 0..<k1 { s += linv[c + a * k1] * linv[c + b * k1] }
                first[g * kk + a + b * k1] = s
            } }
            let r = rowStart[g + 1] - rowStart[g]
            if r == 0 { continue }
            let blk = l21.p + rowStart[g] * k1
            let l = rowIndex[rowStart[g]] / k2
            // W = L21_g L11_g^-1 (r x k1, r == k2), M = L_l^-1 W.
            var wm = [Double](repeating: 0, count: k2 * k1)
            for c in 0..<k1 { for a in 0..<r {
                var s = 0.0
                for d in 0..<k1 { s += blk[a + d * r] * linv[d + c * k1] }
                wm[a + c * k2] = s
            } }
            var mm = [Double](repeating: 0, count: k2 * k1)
            for c in 0..<k1 { for a in 0..<k2 {
                var s = 0.0
                for d in 0...a { s += inv2[l][a + d * k2] * wm[d + c * k2] }
                mm[a + c * k2] = s
            } }
            for a in 0..<k1 { for b in 0..<k1 {
                var s = 0.0
                for i in 0..<k2 { s += mm[i + a * k2] * mm[i + b * k2] }
                first[g * kk + a + b * k1] += s
            } }
        }
        var second = [Double](repeating: 0, count: m2 * kk2)
        for l in 0..<m2 {
            for a in 0..<k2 { for b in 0..<k2 {
                var s = 0.0
                for i in 0..<k2 { s += inv2[l][i + a * k2] * inv2[l][i + b * k2] }
                second[l * kk2 + a + b * k2] = s
            } }
        }
        return [first, second]
    }
}
