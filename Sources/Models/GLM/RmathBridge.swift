import Distributions

/// The few distribution functions the GLM needs, from the `Distributions` module (R's Rmath), so that
/// p-values, quantiles and log-likelihoods agree with R to the last digits.
enum Rmath {
    /// `2 * pnorm(-|z|)`.
    static func twoSidedZ(_ z: Double) -> Double { twoSidedPValue(z: z) }
    /// `2 * pt(-|t|, df)`.
    static func twoSidedT(_ t: Double, df: Double) -> Double { twoSidedPValue(t: t, df: df) }
    /// `qnorm(p)`.
    static func qnorm(_ p: Double) -> Double { normalQuantile(p) }
    /// `qt(p, df)`.
    static func qt(_ p: Double, df: Double) -> Double { tQuantile(p, df: df) }
    /// `dbinom(x, size, prob, log = TRUE)`; `NaN` for invalid parameters.
    static func logDbinom(_ x: Double, size: Double, prob: Double) -> Double {
        guard size.isFinite, size >= 0, size < Double(Int.max),
              let d = try? Binomial(size: Int(size), probability: prob) else { return .nan }
        return d.density(x, log: true)
    }
    /// `dpois(x, lambda, log = TRUE)`; `NaN` for invalid parameters.
    static func logDpois(_ x: Double, lambda: Double) -> Double {
        guard let d = try? Poisson(lambda: lambda) else { return .nan }
        return d.density(x, log: true)
    }
}
