/// A univariate probability distribution evaluated through R's standalone math library (Rmath).
///
/// Conforming types implement three primitives with R's flags — `density(_:log:)`,
/// `cdf(_:lowerTail:logP:)` and `quantile(_:lowerTail:logP:)` — and get the named conveniences
/// (`logDensity`, `survival`, `logCDF`, `logSurvival`, `quantile(ofUpperTail:)`, `quantile(ofLogP:lowerTail:)`)
/// from a protocol extension. Computing upper tails and logarithms inside Rmath, rather than as
/// `1 - cdf(x)` or `log(cdf(x))` afterwards, keeps full relative accuracy far into the tails.
///
/// Arguments outside the domain of a function give `NaN` (as in R); see `DistributionError` for the policy
/// on parameters.
public protocol UnivariateDistribution: Sendable {
    /// The density (continuous) or probability mass (discrete) at `x`, or its natural logarithm when `log` is true.
    func density(_ x: Double, log: Bool) -> Double
    /// `P(X <= x)` when `lowerTail` is true, `P(X > x)` otherwise; the natural logarithm of it when `logP` is true.
    func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double
    /// The quantile function: the `x` with `P(X <= x) = p` (lower tail) or `P(X > x) = p` (upper tail),
    /// where `p` is given on the log scale when `logP` is true. For discrete distributions, the smallest
    /// such `x` with `P(X <= x) >= p` (lower tail). `NaN` for `p` outside [0, 1] (or a positive log-probability).
    func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double
    /// The expectation `E[X]` (`.infinity` or `NaN` where it does not exist).
    var mean: Double { get }
    /// The variance `Var[X]` (`.infinity` or `NaN` where it does not exist).
    var variance: Double { get }
}

extension UnivariateDistribution {
    /// The density (or probability mass) at `x`.
    @inlinable public func density(_ x: Double) -> Double { density(x, log: false) }
    /// The natural logarithm of the density (or probability mass) at `x`, accurate where the density underflows.
    @inlinable public func logDensity(_ x: Double) -> Double { density(x, log: true) }
    /// The cumulative distribution function `P(X <= x)`.
    @inlinable public func cdf(_ x: Double) -> Double { cdf(x, lowerTail: true, logP: false) }
    /// The survival function (upper tail) `P(X > x)`, computed directly (not as `1 - cdf(x)`).
    @inlinable public func survival(_ x: Double) -> Double { cdf(x, lowerTail: false, logP: false) }
    /// `log P(X <= x)`, accurate far into the lower tail.
    @inlinable public func logCDF(_ x: Double) -> Double { cdf(x, lowerTail: true, logP: true) }
    /// `log P(X > x)`, accurate far into the upper tail.
    @inlinable public func logSurvival(_ x: Double) -> Double { cdf(x, lowerTail: false, logP: true) }
    /// The quantile for lower-tail probability `p` in [0, 1] (`NaN` outside).
    @inlinable public func quantile(_ p: Double) -> Double { quantile(p, lowerTail: true, logP: false) }
    /// The quantile for upper-tail probability `q`: the `x` with `P(X > x) = q`. Use this rather than
    /// `quantile(1 - q)` for small `q`, which `1 - q` would round away.
    @inlinable public func quantile(ofUpperTail q: Double) -> Double { quantile(q, lowerTail: false, logP: false) }
    /// The quantile for a probability given as its natural logarithm `logP` (<= 0), of the lower tail
    /// by default or of the upper tail when `lowerTail` is false; reaches probabilities such as `exp(-1000)`.
    @inlinable public func quantile(ofLogP logP: Double, lowerTail: Bool = true) -> Double {
        quantile(logP, lowerTail: lowerTail, logP: true)
    }
    /// The standard deviation, `sqrt(variance)`.
    @inlinable public var standardDeviation: Double { variance.squareRoot() }
}

/// A distribution of a real-valued random variable with a density.
public protocol ContinuousDistribution: UnivariateDistribution {}

/// A distribution on the integers; `density` is the probability mass, which is 0 at non-integer points.
public protocol DiscreteDistribution: UnivariateDistribution {}

extension DiscreteDistribution {
    /// The probability `P(X = k)`.
    @inlinable public func probability(_ k: Int) -> Double { density(Double(k), log: false) }
    /// The natural logarithm of `P(X = k)`, accurate where the probability underflows.
    @inlinable public func logProbability(_ k: Int) -> Double { density(Double(k), log: true) }
}
