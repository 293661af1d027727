internal import CRmath

/// The few R distribution functions the GLM needs, straight from R's standalone math library so that
/// p-values, quantiles and log-likelihoods agree with R to the last digits.
/// (Switch to the `Distributions` module's API once it offers these.)
enum Rmath {
    /// `pnorm(x, lower.tail)`.
    static func pnorm(_ x: Double, lower: Bool = true) -> Double { pnorm5(x, 0, 1, lower ? 1 : 0, 0) }
    /// `qnorm(p)`.
    static func qnorm(_ p: Double) -> Double { qnorm5(p, 0, 1, 1, 0) }
    /// `pt(x, df, lower.tail)`.
    static func pt(_ x: Double, df: Double, lower: Bool = true) -> Double { CRmath.pt(x, df, lower ? 1 : 0, 0) }
    /// `qt(p, df)`.
    static func qt(_ p: Double, df: Double) -> Double { CRmath.qt(p, df, 1, 0) }
    /// `dbinom(x, size, prob, log = TRUE)`.
    static func logDbinom(_ x: Double, size: Double, prob: Double) -> Double { CRmath.dbinom(x, size, prob, 1) }
    /// `dpois(x, lambda, log = TRUE)`.
    static func logDpois(_ x: Double, lambda: Double) -> Double { CRmath.dpois(x, lambda, 1) }
}
