internal import CLapack

/// Bound-constrained quasi-Newton minimization for a smooth objective with an analytic gradient (the Laplace
/// deviance in (theta, beta)): the Hessian starts as forward differences of the gradient, then Newton steps with
/// a projected backtracking line search, and BFGS updates of the Hessian between steps. Coordinates at their
/// lower bound whose gradient points outward are held fixed for the step (active set).
///
/// From a good start (the nAGQ = 0 fit) this needs the d + 1 gradient evaluations of the first Hessian and a
/// handful of steps, against hundreds of deviance evaluations for a derivative-free search.
struct GradientMinimizer {
    /// Lower bounds (`-infinity` for unbounded coordinates); no upper bounds.
    var lower: [Double]
    /// Forward-difference step per coordinate for the Hessian.
    var hessianSteps: [Double]
    /// Converged when the next Newton step is at most this in every coordinate.
    var xtol: [Double]
    /// Maximum objective-and-gradient evaluations.
    var maxEvaluations: Int = 10_000
    /// Maximum Newton steps.
    var maxIterations: Int = 100
    /// An approximation of the Hessian (d x d, column-major) to start from: then only the first
    /// `differencedColumns` columns (and rows) are replaced by differences of the gradient.
    var initialHessian: [Double]? = nil
    /// See `initialHessian`.
    var differencedColumns: Int = 0

    /// How the run ended.
    struct Outcome {
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var evaluations: Int
        var iterations: Int
        var converged: Bool
        /// Why it stopped without converging (empty when converged).
        var reason: String
    }

    /// Minimizes `objective`, which returns the value and gradient at x (nil for a point that cannot be
    /// evaluated). The objective's last call is not necessarily at the returned x.
    func minimize(start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])?) -> Outcome {
        let d = start.count
        var evaluations = 0
        func eval(_ x: [Double]) -> (value: Double, gradient: [Double])? {
            evaluations += 1
            guard let r = objective(x), r.value.isFinite, r.gradient.allSatisfy(\.isFinite) else { return nil }
            return r
        }
        var x = start
        for i in 0..<d { x[i] = Swift.max(x[i], lower[i]) }
        guard let first = eval(x) else {
            return Outcome(x: x, value: .infinity, gradient: [], evaluations: evaluations, iterations: 0, converged: false,
                           reason: "the objective failed at the start")
        }
        var fx = first.value, gx = first.gradient
        let firstHessian: [Double]?
        if let h0 = initialHessian, h0.count == d * d, differencedColumns < d {
            firstHessian = GradientMinimizer.forwardHessian(at: x, gradient: gx, steps: hessianSteps, columns: differencedColumns,
                                                            approximation: h0, eval)
        } else {
            firstHessian = GradientMinimizer.forwardHessian(at: x, gradient: gx, steps: hessianSteps, eval)
        }
        guard var hess = firstHessian else {
            return Outcome(x: x, value: fx, gradient: gx, evaluations: evaluations, iterations: 0, converged: false,
                           reason: "the objective failed near the start")
        }
        var iterations = 0
        while iterations < maxIterations {
            let free = (0..<d).map { !(x[$0] <= lower[$0] && gx[$0] > 0) }
            // An indefinite approximation (the approximate block can be off by more than a nearly singular direction's
            // curvature): difference all columns here.
            if differencedColumns > 0, !GradientMinimizer.isPositiveDefinite(hess, d),
               let fresh = GradientMinimizer.forwardHessian(at: x, gradient: gx, steps: hessianSteps, eval) {
                hess = fresh
            }
            guard let dir = GradientMinimizer.newtonDirection(hess, gx, free: free) else {
                return Outcome(x: x, value: fx, gradient: gx, evaluations: evaluations, iterations: iterations,
                               converged: false, reason: "no descent direction")
            }
            var small = true
            for i in 0..<d {
                // A step that only pushes a coordinate at its bound further out is no step.
                let target = Swift.max(x[i] + dir[i], lower[i])
                if Swift.abs(target - x[i]) > xtol[i] { small = false }
            }
            if small {
                return Outcome(x: x, value: fx, gradient: gx, evaluations: evaluations, iterations: iterations,
                               converged: true, reason: "")
            }
            iterations += 1
            var alpha = 1.0
            var accepted: (x: [Double], value: Double, gradient: [Double])? = nil
            // Within the finite-difference steps of the optimum the Newton step is reliable while deviance differences
            // sink into rounding noise: a full step there only has to stay within that noise.
            var local = true
            for i in 0..<d where Swift.abs(dir[i]) > hessianSteps[i] { local = false }
            let noise = 1e-12 * Swift.max(1, Swift.abs(fx))
            for _ in 0..<40 {
                if evaluations >= maxEvaluations { break }
                var xt = x
                for i in 0..<d { xt[i] = Swift.max(x[i] + alpha * dir[i], lower[i]) }
                var slope = 0.0
                for i in 0..<d { slope += gx[i] * (xt[i] - x[i]) }
                if let r = eval(xt), r.value <= fx + 1e-4 * Swift.min(slope, 0) || (local && alpha == 1 && r.value <= fx + noise) {
                    accepted = (xt, r.value, r.gradient)
                    break
                }
                alpha /= 2
            }
            guard let step = accepted else {
                var predicted = 0.0
                for i in 0..<d { predicted -= gx[i] * dir[i] }
                return Outcome(x: x, value: fx, gradient: gx, evaluations: evaluations, iterations: iterations,
                               converged: predicted <= noise,
                               reason: predicted <= noise ? "" : (evaluations >= maxEvaluations
                                   ? "evaluation limit reached" : "the line search found no decrease"))
            }
            // BFGS update with s = x+ - x, y = g+ - g when the curvature condition holds.
            var s = [Double](repeating: 0, count: d), yv = s
            for i in 0..<d { s[i] = step.x[i] - x[i]; yv[i] = step.gradient[i] - gx[i] }
            // Gradient differences over steps much shorter than the finite-difference steps are mostly rounding noise.
            var informative = false
            for i in 0..<d where Swift.abs(s[i]) >= 0.1 * hessianSteps[i] { informative = true }
            if informative { GradientMinimizer.bfgsUpdate(&hess, s: s, y: yv) }
            x = step.x; fx = step.value; gx = step.gradient
        }
        return Outcome(x: x, value: fx, gradient: gx, evaluations: evaluations, iterations: iterations, converged: false,
                       reason: "iteration limit reached")
    }

    /// Symmetrized forward-difference Hessian from gradients at x + h_j e_j.
    static func forwardHessian(at x: [Double], gradient g0: [Double], steps: [Double],
                               _ eval: ([Double]) -> (value: Double, gradient: [Double])?) -> [Double]? {
        let d = x.count
        var h = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var xp = x
            xp[j] += steps[j]
            guard let r = eval(xp) else { return nil }
            for i in 0..<d { h[i + j * d] = (r.gradient[i] - g0[i]) / steps[j] }
        }
        symmetrize(&h, d)
        return h
    }

    /// The approximation `h0` with its first `columns` columns and rows replaced by forward differences of the
    /// gradient (`columns` evaluations).
    static func forwardHessian(at x: [Double], gradient g0: [Double], steps: [Double], columns: Int, approximation h0: [Double],
                               _ eval: ([Double]) -> (value: Double, gradient: [Double])?) -> [Double]? {
        let d = x.count
        var h = h0
        for j in 0..<columns {
            var xp = x
            xp[j] += steps[j]
            guard let r = eval(xp) else { return nil }
            for i in 0..<d {
                let v = (r.gradient[i] - g0[i]) / steps[j]
                if i < columns { h[i + j * d] = v } else { h[i + j * d] = v; h[j + i * d] = v }
            }
        }
        for j in 0..<columns { for i in 0..<j {
            let v = 0.5 * (h[i + j * d] + h[j + i * d])
            h[i + j * d] = v; h[j + i * d] = v
        } }
        return h
    }

    /// Central-difference Hessian of the gradient (2d evaluations); coordinates closer than their step to the lower
    /// bound use a forward difference.
    static func centralHessian(at x: [Double], gradient g0: [Double], steps: [Double], lower: [Double],
                               _ eval: ([Double]) -> [Double]?) -> [Double]? {
        let d = x.count
        var h = [Double](repeating: 0, count: d * d)
        for j in 0..<d {
            var xp = x
            xp[j] += steps[j]
            guard let gp = eval(xp) else { return nil }
            if x[j] - steps[j] >= lower[j] {
                var xm = x
                xm[j] -= steps[j]
                guard let gm = eval(xm) else { return nil }
                for i in 0..<d { h[i + j * d] = (gp[i] - gm[i]) / (2 * steps[j]) }
            } else {
                for i in 0..<d { h[i + j * d] = (gp[i] - g0[i]) / steps[j] }
            }
        }
        symmetrize(&h, d)
        return h
    }

    static func symmetrize(_ h: inout [Double], _ d: Int) {
        for j in 0..<d { for i in 0..<j {
            let v = 0.5 * (h[i + j * d] + h[j + i * d])
            h[i + j * d] = v; h[j + i * d] = v
        } }
    }

    /// Solves H_FF d_F = -g_F over the free coordinates (d = 0 elsewhere); when H_FF is not positive definite, with
    /// |eigenvalues| of H_FF floored at 1e-6 of the largest.
    static func newtonDirection(_ hess: [Double], _ g: [Double], free: [Bool]) -> [Double]? {
        let d = g.count
        let idx = (0..<d).filter { free[$0] }
        let f = idx.count
        var dir = [Double](repeating: 0, count: d)
        if f == 0 { return dir }
        var a = [Double](repeating: 0, count: f * f)
        var b = [Double](repeating: 0, count: f)
        for (cj, j) in idx.enumerated() {
            b[cj] = -g[j]
            for (ci, i) in idx.enumerated() { a[ci + cj * f] = hess[i + j * d] }
        }
        var chol = a, sol = b
        let info = chol.withUnsafeMutableBufferPointer { ap in
            sol.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(f), 1, ap.baseAddress, Int32(f),
                              bp.baseAddress, Int32(f))
            }
        }
        if info == 0 && sol.allSatisfy(\.isFinite) {
            for (ci, i) in idx.enumerated() { dir[i] = sol[ci] }
            return dir
        }
        // Not positive definite (negative curvature, e.g. a variance far below its optimum): flip the negative
        // eigenvalues and floor the small ones, which keeps a descent direction on the curvature's own scale.
        var ev = [Double](repeating: 0, count: f)
        let einfo = a.withUnsafeMutableBufferPointer { ap in
            ev.withUnsafeMutableBufferPointer { wp in
                LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")), Int32(f), ap.baseAddress,
                              Int32(f), wp.baseAddress)
            }
        }
        guard einfo == 0 else { return nil }
        let top = ev.map(Swift.abs).max() ?? 0
        guard top > 0, top.isFinite else { return nil }
        for k in 0..<f {
            let lam = Swift.max(Swift.abs(ev[k]), 1e-6 * top)
            var c = 0.0
            for r in 0..<f { c += a[r + k * f] * b[r] }
            c /= lam
            for r in 0..<f { sol[r] = (k == 0 ? 0 : sol[r]) + c * a[r + k * f] }
        }
        for (ci, i) in idx.enumerated() { dir[i] = sol[ci] }
        return dir.allSatisfy(\.isFinite) ? dir : nil
    }

    static func isPositiveDefinite(_ h: [Double], _ d: Int) -> Bool {
        var a = h
        let info = a.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(d), $0.baseAddress, Int32(d))
        }
        return info == 0
    }

    /// BFGS update of the Hessian approximation; skipped when s'y is not safely positive.
    static func bfgsUpdate(_ h: inout [Double], s: [Double], y: [Double]) {
        let d = s.count
        var sy = 0.0, ss = 0.0, yy = 0.0
        for i in 0..<d { sy += s[i] * y[i]; ss += s[i] * s[i]; yy += y[i] * y[i] }
        guard sy > 1e-10 * (ss * yy).squareRoot(), sy.isFinite else { return }
        var hs = [Double](repeating: 0, count: d)
        for j in 0..<d { for i in 0..<d { hs[i] += h[i + j * d] * s[j] } }
        var shs = 0.0
        for i in 0..<d { shs += s[i] * hs[i] }
        guard shs > 0 else { return }
        for j in 0..<d { for i in 0..<d { h[i + j * d] += y[i] * y[j] / sy - hs[i] * hs[j] / shs } }
    }
}
