internal import CLapack
import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// The exact gradient of the Laplace deviance in (theta, beta) for a model with one random-effects term.
///
/// The deviance is D = Σ d_i(η_i) + ||û||² + Σ_g log det M_g with M_g = I + Λ' (Σ_{i in g} w_i z_i z_i') Λ,
/// w_i the IRLS weights (lme4's convention), η_i = o_i + x_i'β + z_i'Λ û_g and û the conditional modes.
/// Writing s_i = ∂d_i/∂η, s''_i = ∂²d_i/∂η², w'_i = ∂w_i/∂η, h_i = z_i' Λ M_g⁻¹ Λ' z_i, the mode condition
/// F_g = Λ' Σ s_i z_i + 2 u_g = 0 gives (implicit function theorem) ∂û_g = -H_g⁻¹ ∂F_g with
/// H_g = Λ' (Σ s''_i z_i z_i') Λ + 2I; the penalized deviance is stationary in u (envelope theorem), so only
/// the log-determinant reacts to û through a_g = Λ' Σ w'_i h_i z_i. Hence
///
///     ∂D/∂β   = Σ_i (s_i + w'_i h_i - s''_i z_i' v_g) x_i,          v_g = Λ H_g⁻¹ a_g,
///
/// and for θ_j, the (r, c) entry of Λ, with t_g = Σ s_i z_i, S_g = Σ s''_i z_i z_i', c_g = Σ w'_i h_i z_i,
/// A_g = Σ w_i z_i z_i' and y_g = H_g⁻¹ a_g,
///
///     ∂D/∂θ_j = Σ_g t_g[r] u_g[c] + 2 (M_g⁻¹ Λ' A_g)[c, r] + c_g[r] u_g[c] - y_g[c] t_g[r] - u_g[c] (S_g v_g)[r].
///
/// One pass over the data after PIRLS, plus X'r by dgemv. Non-canonical links (probit, cloglog) included:
/// s'' is then the observed, not the expected, information.
extension GLMMEngine {
    /// `true` when `laplaceGradient()` applies: one random-effects term and a link with known second derivative.
    var hasLaplaceGradient: Bool {
        structure.terms.count == 1 && [.logit, .probit, .cloglog, .log].contains(link)
            && (family == .binomial || family == .poisson)
    }

    /// d²μ/dη² given η, μ and dμ/dη (with the links' clamps: zero where dμ/dη is clamped).
    @inline(__always)
    func muEta2(eta: Double, mu: Double, muEta d: Double) -> Double {
        switch link {
        case .logit: return d * (1 - 2 * mu)
        case .probit: return d <= Double.ulpOfOne ? 0 : -eta * d
        case .cloglog: return d <= Double.ulpOfOne ? 0 : d * (1 - exp(Swift.min(eta, 700)))
        case .log: return d <= Double.ulpOfOne ? 0 : d
        case .identity: return 0
        }
    }

    /// Per observation at η: s = ∂d/∂η, s2 = ∂²d/∂η², the IRLS weight w and its derivative w1 = ∂w/∂η.
    @inline(__always)
    func observationDerivatives(eta ei: Double, y yi: Double, priorWeight pwi: Double, logit: Bool)
        -> (s: Double, s2: Double, w: Double, w1: Double) {
        if logit {
            let t = Swift.min(Swift.max(ei, -30), 30)
            let mi = 1 / (1 + exp(-t))
            let v = mi * (1 - mi)
            let clamped = ei > 30 || ei < -30
            let w = clamped ? pwi * Double.ulpOfOne * Double.ulpOfOne / v : pwi * v
            return (-2 * pwi * (yi - mi), 2 * pwi * v, w, clamped ? 0 : w * (1 - 2 * mi))
        }
        let mi = link.inverse(ei)
        let d = link.muEta(ei)
        let d2 = muEta2(eta: ei, mu: mi, muEta: d)
        let v = family.variance(mi)
        guard v > 0 else { return (0, 0, 0, 0) }
        let v1 = family == .binomial ? 1 - 2 * mi : 1
        let res = yi - mi
        let s = -2 * pwi * res * d / v
        let s2 = 2 * pwi * (d * d / v - res * (d2 / v - d * d * v1 / (v * v)))
        let w = pwi * d * d / v
        let w1 = pwi * (2 * d * d2 / v - d * d * d * v1 / (v * v))
        return (s, s2, w, w1)
    }

    /// The gradient of the Laplace deviance in (theta, beta), at the state `pirlsU()` leaves (u at the modes,
    /// eta at u, `sysU.l11` holding chol(M_g)). Returns nil when a k x k block is singular.
    func laplaceGradient() -> [Double]? {
        let term = structure.terms[0]
        let k = term.k, kk = k * k, m = term.m
        let work = single
        let lam = sysU.lambdas[0]
        let l11 = sysU.l11.p
        let Minv = work.mInv.p, P = work.proj.p
        // Per level: M_g^-1 and P_g = Λ M_g^-1 Λ'.
        var col = [Double](repeating: 0, count: k)
        var tmp = [Double](repeating: 0, count: kk)
        for g in 0..<m {
            for j in 0..<k {
                for a in 0..<k { col[a] = a == j ? 1 : 0 }
                SmallDense.choleskySolve(l11 + g * kk, k, &col)
                for a in 0..<k { Minv[g * kk + a + j * k] = col[a] }
            }
            // tmp = Λ Minv; P = tmp Λ'.
            for j in 0..<k { for a in 0..<k {
                var s = 0.0
                for c in 0...a { s += lam[a + c * k] * Minv[g * kk + c + j * k] }
                tmp[a + j * k] = s
            } }
            for j in 0..<k { for a in 0..<k {
                var s = 0.0
                for c in 0...j { s += tmp[a + c * k] * lam[j + c * k] }
                P[g * kk + a + j * k] = s
            } }
        }
        // Pass A: per-observation derivatives, per-level sums.
        work.sumT.zero(); work.sumS.zero(); work.sumC.zero(); work.sumA.zero()
        let T = work.sumT.p, S = work.sumS.p, C = work.sumC.p, A = work.sumA.p
        let r1 = work.r1.p, s2w = work.s2.p
        let e = eta.p, yy = y.p, pwt = pw.p
        let logit = family == .binomial && link == .logit
        let n = self.n
        term.codes.withUnsafeBufferPointer { cb in
            term.z.withUnsafeBufferPointer { zb in
                let z = zb.baseAddress!
                if k == 1 {
                    for i in 0..<n {
                        let g = Int(cb[i])
                        let zi = z[i]
                        let d = observationDerivatives(eta: e[i], y: yy[i], priorWeight: pwt[i], logit: logit)
                        let h = zi * P[g] * zi
                        let wh = d.w1 * h
                        T[g] += d.s * zi
                        S[g] += d.s2 * zi * zi
                        C[g] += wh * zi
                        A[g] += d.w * zi * zi
                        r1[i] = d.s + wh
                        s2w[i] = d.s2
                    }
                } else {
                    for i in 0..<n {
                        let g = Int(cb[i])
                        let d = observationDerivatives(eta: e[i], y: yy[i], priorWeight: pwt[i], logit: logit)
                        var h = 0.0
                        for b in 0..<k {
                            var s = 0.0
                            for a in 0..<k { s += P[g * kk + a + b * k] * z[i + a * n] }
                            h += s * z[i + b * n]
                        }
                        let wh = d.w1 * h
                        for a in 0..<k {
                            let za = z[i + a * n]
                            T[g * k + a] += d.s * za
                            C[g * k + a] += wh * za
                            for b in 0..<k {
                                let zab = za * z[i + b * n]
                                S[g * kk + a + b * k] += d.s2 * zab
                                A[g * kk + a + b * k] += d.w * zab
                            }
                        }
                        r1[i] = d.s + wh
                        s2w[i] = d.s2
                    }
                }
            }
        }
        // Per level: a = Λ'c, H = Λ'SΛ + 2I, y = H^-1 a, v = Λ y; the theta gradient.
        let positions = term.thetaPositions
        var gTheta = [Double](repeating: 0, count: positions.count)
        var a = [Double](repeating: 0, count: k), yv = a, sv = a
        var h = [Double](repeating: 0, count: kk)
        var mla = [Double](repeating: 0, count: kk)
        let V = work.vel.p
        var ok = true
        u.withUnsafeBufferPointer { up in
            for g in 0..<m {
                for r in 0..<k {
                    var s = 0.0
                    for c in r..<k { s += lam[c + r * k] * C[g * k + c] }
                    a[r] = s
                }
                SmallDense.congruence(lower: lam, S + g * kk, k, into: &h)
                for r in 0..<k { h[r + r * k] += 2 }
                yv = a
                if !SmallDense.solveSymmetric(&h, k, &yv) { ok = false; return }
                for r in 0..<k {
                    var s = 0.0
                    for c in 0...r { s += lam[r + c * k] * yv[c] }
                    V[g * k + r] = s
                }
                for r in 0..<k {
                    var s = 0.0
                    for c in 0..<k { s += S[g * kk + r + c * k] * V[g * k + c] }
                    sv[r] = s
                }
                // mla = Minv Λ' A (k x k).
                for j in 0..<k { for r in 0..<k {
                    // (Λ' A)[c, j] = Σ_{d >= c} lam[d, c] A[d, j]
                    var s = 0.0
                    for c in 0..<k {
                        var la = 0.0
                        for d in c..<k { la += lam[d + c * k] * A[g * kk + d + j * k] }
                        s += Minv[g * kk + r + c * k] * la
                    }
                    mla[r + j * k] = s
                } }
                for (j, (r, c)) in positions.enumerated() {
                    let ug = up[g * k + c]
                    gTheta[j] += T[g * k + r] * ug + 2 * mla[c + r * k] + C[g * k + r] * ug
                        - yv[c] * T[g * k + r] - ug * sv[r]
                }
            }
        }
        if !ok { return nil }
        // Pass B: r_i = s_i + w'_i h_i - s''_i z_i' v_g; then X'r.
        term.codes.withUnsafeBufferPointer { cb in
            term.z.withUnsafeBufferPointer { zb in
                let z = zb.baseAddress!
                for i in 0..<n {
                    let g = Int(cb[i])
                    var zv = 0.0
                    for a in 0..<k { zv += z[i + a * n] * V[g * k + a] }
                    r1[i] -= s2w[i] * zv
                }
            }
        }
        var gBeta = [Double](repeating: 0, count: p)
        if p > 0 && n > 0 {
            gBeta.withUnsafeMutableBufferPointer { gb in
                cblas_dgemv(CblasColMajor, CblasTrans, Int32(n), Int32(p), 1.0, cols.p, Int32(n), r1, 1, 0.0, gb.baseAddress, 1)
            }
        }
        return gTheta + gBeta
    }
}

extension SmallDense {
    /// Solves a x = b in place for a small k x k matrix (Gaussian elimination with partial pivoting; `a` is
    /// overwritten). Returns `false` when `a` is singular.
    static func solveSymmetric(_ a: inout [Double], _ k: Int, _ b: inout [Double]) -> Bool {
        for j in 0..<k {
            var piv = j
            for i in (j + 1)..<Swift.max(j + 1, k) where Swift.abs(a[i + j * k]) > Swift.abs(a[piv + j * k]) { piv = i }
            guard a[piv + j * k] != 0, a[piv + j * k].isFinite else { return false }
            if piv != j {
                for c in 0..<k { a.swapAt(j + c * k, piv + c * k) }
                b.swapAt(j, piv)
            }
            for i in (j + 1)..<Swift.max(j + 1, k) {
                let f = a[i + j * k] / a[j + j * k]
                for c in j..<k { a[i + c * k] -= f * a[j + c * k] }
                b[i] -= f * b[j]
            }
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = b[i]
            for c in (i + 1)..<Swift.max(i + 1, k) { s -= a[i + c * k] * b[c] }
            b[i] = s / a[i + i * k]
        }
        return true
    }
}
