import Linalg
#if canImport(Glibc)
import Glibc
#endif

/// Workspaces of the single-term fast paths (one random-effects term, k effects per level, such as
/// `(1 | school)` or `(1 + ses | school)`): the per-level sums of one PIRLS pass, and the per-observation and
/// per-level quantities of the Laplace-deviance gradient. Allocated once per fit.
final class SingleTermWork {
    let k: Int, m: Int
    /// Per level: b_g = Λ u_g (k), the sums A_g = Σ w z z' (k x k, full) and B_g = Σ w z (z'b_g + r) (k).
    let lamU: Workspace, accA: Workspace, accB: Workspace
    /// Per level: M_g^-1 (k x k) and P_g = Λ M_g^-1 Λ' (k x k) at the conditional modes.
    let mInv: Workspace, proj: Workspace
    /// Per level gradient sums: t_g = Σ s z, S_g = Σ s'' z z', c_g = Σ w' h z, A_g = Σ w z z'.
    let sumT: Workspace, sumS: Workspace, sumC: Workspace, sumA: Workspace
    /// Per level: v_g = Λ H_g^-1 Λ' c_g.
    let vel: Workspace
    /// Per observation: s + w' h, and s'' (second derivative of the unit deviance in eta).
    let r1: Workspace, s2: Workspace

    init(k: Int, m: Int, n: Int) {
        self.k = k; self.m = m
        lamU = Workspace(m * k); accA = Workspace(m * k * k); accB = Workspace(m * k)
        mInv = Workspace(m * k * k); proj = Workspace(m * k * k)
        sumT = Workspace(m * k); sumS = Workspace(m * k * k); sumC = Workspace(m * k); sumA = Workspace(m * k * k)
        vel = Workspace(m * k)
        r1 = Workspace(n); s2 = Workspace(n)
    }
}

extension GLMMEngine {
    /// `true` for one vector-valued term (k > 1) such as (1 + ses | school): L is block diagonal with one
    /// k x k block per level, so PIRLS decouples by level as in the scalar case.
    var isVectorSingle: Bool { structure.terms.count == 1 && structure.terms[0].k > 1 }

    /// One pass over the rows at `uu` for a single vector term: eta, mu, the deviance (returned) and per-level
    /// A_g = Σ w z z', B_g = Σ w z (z' Λ u_g + r).
    func vectorPass(_ uu: [Double]) -> Double {
        let term = structure.terms[0]
        let k = term.k, kk = k * k
        let work = single
        let lam = sysU.lambdas[0]
        let bl = work.lamU.p, A = work.accA.p, B = work.accB.p
        uu.withUnsafeBufferPointer { up in
            for g in 0..<term.m {
                for a in 0..<k {
                    var s = 0.0
                    for c in 0...a { s += lam[a + c * k] * up[g * k + c] }
                    bl[g * k + a] = s
                }
            }
        }
        work.accA.zero(); work.accB.zero()
        let e = eta.p, mm = mu.p, fe = fixedEta.p, yy = y.p, pwt = pw.p
        var dev = 0.0
        let logit = family == .binomial && link == .logit
        let n = self.n
        term.codes.withUnsafeBufferPointer { c in
            term.z.withUnsafeBufferPointer { zb in
                let z = zb.baseAddress!
                if k == 2 {
                    let z1 = z + n
                    for i in 0..<n {
                        let g = Int(c[i])
                        let za = z[i], zc = z1[i]
                        let lin = za * bl[2 * g] + zc * bl[2 * g + 1]
                        let ei = fe[i] + lin
                        e[i] = ei
                        let (mi, wi, ri, di) = observationTerms(eta: ei, y: yy[i], priorWeight: pwt[i], logit: logit)
                        mm[i] = mi
                        dev += di
                        let zw = lin + ri
                        let wa = wi * za, wc = wi * zc
                        let base = 4 * g
                        A[base] += wa * za
                        A[base + 1] += wa * zc
                        A[base + 3] += wc * zc
                        B[2 * g] += wa * zw
                        B[2 * g + 1] += wc * zw
                    }
                    for g in 0..<term.m { A[4 * g + 2] = A[4 * g + 1] }
                } else {
                    for i in 0..<n {
                        let g = Int(c[i])
                        var lin = 0.0
                        for a in 0..<k { lin += z[i + a * n] * bl[g * k + a] }
                        let ei = fe[i] + lin
                        e[i] = ei
                        let (mi, wi, ri, di) = observationTerms(eta: ei, y: yy[i], priorWeight: pwt[i], logit: logit)
                        mm[i] = mi
                        dev += di
                        let zw = lin + ri
                        for a in 0..<k {
                            let wa = wi * z[i + a * n]
                            B[g * k + a] += wa * zw
                            for b in 0...a { A[g * kk + a + b * k] += wa * z[i + b * n] }
                        }
                    }
                    for g in 0..<term.m { for a in 0..<k { for b in 0..<a { A[g * kk + b + a * k] = A[g * kk + a + b * k] } } }
                }
            }
        }
        return dev
    }

    /// Per level: L_g = chol(Λ' A_g Λ + I) into `sysU.l11`; with `solve`, also u_g = M_g^-1 Λ' B_g into `uNew`.
    /// Returns log det L^2, or nil when a block is not positive definite.
    func vectorFactor(solve: Bool) -> Double? {
        let term = structure.terms[0]
        let k = term.k, kk = k * k
        let work = single
        let lam = sysU.lambdas[0]
        var tmp = [Double](repeating: 0, count: kk)
        var rhs = [Double](repeating: 0, count: k)
        var logDet = 0.0
        let A = work.accA.p, B = work.accB.p, l11 = sysU.l11.p
        for g in 0..<term.m {
            SmallDense.congruence(lower: lam, A + g * kk, k, into: &tmp)
            let dst = l11 + g * kk
            for i in 0..<kk { dst[i] = tmp[i] }
            for i in 0..<k { dst[i + i * k] += 1 }
            guard SmallDense.choleskyLower(dst, k) else { return nil }
            for a in 0..<k { logDet += 2 * log(dst[a + a * k]) }
            if solve {
                // rhs = Λ' B_g, then forward and back substitution with L_g.
                for a in 0..<k {
                    var s = 0.0
                    for c in a..<k { s += lam[c + a * k] * B[g * k + c] }
                    rhs[a] = s
                }
                SmallDense.choleskySolve(dst, k, &rhs)
                for a in 0..<k { uNew[g * k + a] = rhs[a] }
            }
        }
        return logDet
    }

    /// PIRLS over u for one vector term: each iteration is one pass over the data plus m1 k x k solves.
    func pirlsUVector() throws -> Double {
        var failed = false
        let dev = try pirlsFused(pass: { self.vectorPass($0) }, newton: {
            if self.vectorFactor(solve: true) == nil { failed = true; for j in 0..<self.q { self.uNew[j] = self.u[j] } }
        }, logDet: { self.vectorFactor(solve: false) ?? .nan })
        if failed || !dev.isFinite { throw MixedModelError.pirlsFailed("a random-effects block is not positive definite") }
        return dev
    }
}

extension SmallDense {
    /// Solves (L L') x = b in place for a k x k lower Cholesky factor `l`.
    static func choleskySolve(_ l: UnsafePointer<Double>, _ k: Int, _ b: inout [Double]) {
        for i in 0..<k {
            var s = b[i]
            for c in 0..<i { s -= l[i + c * k] * b[c] }
            b[i] = s / l[i + i * k]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            var s = b[i]
            for c in (i + 1)..<Swift.max(i + 1, k) { s -= l[c + i * k] * b[c] }
            b[i] = s / l[i + i * k]
        }
    }
}
