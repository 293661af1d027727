internal import CRmath

/// The exponential distribution with rate λ (mean 1/λ), the constant-hazard survival model.
///
/// Evaluated by Rmath's `dexp`/`pexp`/`qexp` (which take the scale 1/λ).
public struct Exponential: ContinuousDistribution, Equatable, Hashable {
    /// The rate λ (finite, > 0).
    public let rate: Double

    /// Creates Exponential(`rate`). Throws `DistributionError.invalidParameter` unless `rate` is finite and > 0.
    public init(rate: Double = 1) throws(DistributionError) {
        try require(rate.isFinite && rate > 0, "Exponential", "rate", rate, "finite and > 0")
        self.rate = rate
    }

    /// 1/λ.
    public var mean: Double { 1 / rate }
    /// 1/λ².
    public var variance: Double { 1 / (rate * rate) }

    /// The density (or log-density) at `x` (Rmath `dexp`).
    public func density(_ x: Double, log: Bool) -> Double { dexp(x, 1 / rate, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pexp`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pexp(x, 1 / rate, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qexp`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qexp(p, 1 / rate, cFlag(lowerTail), cFlag(logP))
    }
}
