internal import CNLopt

/// Settings and outcome of one derivative-free minimization by NLopt's BOBYQA (Powell's bound-constrained
/// quadratic-model method), the optimizer lme4 (`nloptwrap`) and MixedModels.jl use for theta.
struct BOBYQA {
    /// Lower bounds (`-infinity` for unbounded coordinates).
    var lower: [Double]
    /// Upper bounds (`+infinity` for unbounded coordinates).
    var upper: [Double]
    /// Initial trust-region step per coordinate.
    var initialStep: [Double]
    /// Absolute tolerance on each coordinate (NLopt `xtol_abs`).
    var xtolAbs: Double = 1e-10
    /// Per-coordinate absolute tolerances; overrides `xtolAbs` when set.
    var xtolPerCoordinate: [Double]? = nil
    /// Absolute tolerance on the objective (NLopt `ftol_abs`).
    var ftolAbs: Double = 1e-12
    /// Relative tolerance on the objective (NLopt `ftol_rel`).
    var ftolRel: Double = 1e-15
    /// Maximum number of objective evaluations.
    var maxEvaluations: Int = 100_000

    /// How the run ended.
    struct Outcome {
        var x: [Double]
        var value: Double
        var evaluations: Int
        /// NLopt's return code (positive: success; `NLOPT_MAXEVAL_REACHED` = 5).
        var code: Int
        var hitEvaluationLimit: Bool { code == 5 }
        var failed: Bool { code < 0 }
    }

    /// Minimizes `objective` from `start`. The objective may return `.infinity` to reject a point.
    func minimize(start: [Double], _ objective: @escaping ([Double]) -> Double) -> Outcome {
        let n = start.count
        final class Box {
            let f: ([Double]) -> Double
            var count = 0
            var best = Double.infinity
            var bestX: [Double]
            init(_ f: @escaping ([Double]) -> Double, _ x: [Double]) { self.f = f; bestX = x }
        }
        let box = Box(objective, start)
        if n == 0 {
            let v = objective([])
            return Outcome(x: [], value: v, evaluations: 1, code: 1)
        }
        guard let opt = nlopt_create(NLOPT_LN_BOBYQA, UInt32(n)) else {
            return Outcome(x: start, value: objective(start), evaluations: 1, code: -1)
        }
        defer { nlopt_destroy(opt) }
        var lo = lower, hi = upper, step = initialStep
        nlopt_set_lower_bounds(opt, &lo)
        nlopt_set_upper_bounds(opt, &hi)
        nlopt_set_initial_step(opt, &step)
        var xt = xtolPerCoordinate ?? [Double](repeating: xtolAbs, count: n)
        nlopt_set_xtol_abs(opt, &xt)
        nlopt_set_ftol_abs(opt, ftolAbs)
        nlopt_set_ftol_rel(opt, ftolRel)
        nlopt_set_maxeval(opt, Int32(clamping: maxEvaluations))
        let ctx = Unmanaged.passRetained(box)
        defer { ctx.release() }
        nlopt_set_min_objective(opt, { n, x, _, data in
            let b = Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue()
            let xs = Array(UnsafeBufferPointer(start: x, count: Int(n)))
            b.count += 1
            var v = b.f(xs)
            if !v.isFinite { v = Double.greatestFiniteMagnitude }
            if v < b.best { b.best = v; b.bestX = xs }
            return v
        }, ctx.toOpaque())
        var x = start
        for i in 0..<n { x[i] = Swift.min(Swift.max(x[i], lower[i]), upper[i]) }
        var f = 0.0
        let rc = nlopt_optimize(opt, &x, &f)
        let code = Int(rc.rawValue)
        if code < 0 || !(f <= box.best) { return Outcome(x: box.bestX, value: box.best, evaluations: box.count, code: code) }
        return Outcome(x: x, value: f, evaluations: box.count, code: code)
    }
}
