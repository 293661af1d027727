internal import CLapack

/// Central finite differences of an objective (the GLMM deviance in (theta, beta)), as lme4 computes its
/// Hessian for standard errors and convergence checks.
enum NumericalDerivatives {
    static let thetaStep = 1e-4
    static let betaStep = 1e-3
    /// Gradient and Hessian by central differences with per-coordinate `steps`; coordinates at a lower
    /// bound use one-sided (forward) differences.
    static func hessian(of f: ([Double]) -> Double, at x: [Double], steps: [Double], lower: [Double])
        -> (gradient: [Double], hessian: [Double]) {
        let d = x.count
        let f0 = f(x)
        var g = [Double](repeating: 0, count: d)
        var h = [Double](repeating: 0, count: d * d)
        let hs = steps
        // Shift points that sit at a bound inward so central differences stay feasible.
        var c = x
        for i in 0..<d where c[i] - hs[i] < lower[i] { c[i] = lower[i] + hs[i] }
        let fc = c == x ? f0 : f(c)
        var fp = [Double](repeating: 0, count: d), fm = fp
        for i in 0..<d {
            var xp = c, xm = c
            xp[i] += hs[i]; xm[i] -= hs[i]
            fp[i] = f(xp); fm[i] = f(xm)
            g[i] = (fp[i] - fm[i]) / (2 * hs[i])
            h[i + i * d] = (fp[i] - 2 * fc + fm[i]) / (hs[i] * hs[i])
        }
        for i in 0..<d {
            for j in 0..<i {
                var xpp = c, xmm = c
                xpp[i] += hs[i]; xpp[j] += hs[j]
                xmm[i] -= hs[i]; xmm[j] -= hs[j]
                let v = (f(xpp) - fp[i] - fp[j] + 2 * fc - fm[i] - fm[j] + f(xmm)) / (2 * hs[i] * hs[j])
                h[i + j * d] = v; h[j + i * d] = v
            }
        }
        return (g, h)
    }

    /// Inverse of a symmetric positive definite d x d matrix, or nil.
    static func inverseSymmetric(_ a: [Double], dimension d: Int) -> [Double]? {
        var m = a
        let info = m.withUnsafeMutableBufferPointer { p -> Int32 in
            let i1 = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(d), p.baseAddress, Int32(d))
            if i1 != 0 { return i1 }
            return LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(d), p.baseAddress, Int32(d))
        }
        if info != 0 { return nil }
        for j in 0..<d { for i in (j + 1)..<Swift.max(j + 1, d) { m[i + j * d] = m[j + i * d] } }
        return m
    }

    /// max |H^-1 g| (lme4's scaled gradient), or nil when H is not positive definite.
    static func scaledGradientMax(_ g: [Double], _ h: [Double], dimension d: Int) -> Double? {
        guard let inv = inverseSymmetric(h, dimension: d) else { return nil }
        var m = 0.0
        for i in 0..<d {
            var s = 0.0
            for j in 0..<d { s += inv[i + j * d] * g[j] }
            m = Swift.max(m, Swift.abs(s))
        }
        return m
    }
}
