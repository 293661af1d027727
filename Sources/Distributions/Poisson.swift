internal import CRmath

/// The Poisson distribution with mean `lambda`.
///
/// Evaluated by Rmath's `dpois` (Loader's saddle-point algorithm) / `ppois` / `qpois`. The mass is 0 at
/// non-integer points; quantiles are the smallest integer `k` with `P(X <= k) >= p`, returned as `Double`
/// (`.infinity` for p = 1 when λ > 0).
public struct Poisson: DiscreteDistribution, Equatable, Hashable {
    /// The mean λ (finite, >= 0; λ = 0 is the point mass at 0).
    public let lambda: Double

    /// Creates Poisson(`lambda`). Throws `DistributionError.invalidParameter` unless `lambda` is finite and >= 0.
    public init(lambda: Double) throws(DistributionError) {
        try require(lambda.isFinite && lambda >= 0, "Poisson", "lambda", lambda, "finite and >= 0")
        self.lambda = lambda
    }

    /// λ.
    public var mean: Double { lambda }
    /// λ.
    public var variance: Double { lambda }

    /// The probability mass (or its log) at `x` (Rmath `dpois`); 0 (or −∞) at non-integer `x`.
    public func density(_ x: Double, log: Bool) -> Double {
        if x.isFinite && x != x.rounded() { return log ? -.infinity : 0 }   // R warns and returns 0
        return dpois(x, lambda, cFlag(log))
    }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `ppois`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        ppois(x, lambda, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qpois`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qpois(p, lambda, cFlag(lowerTail), cFlag(logP))
    }
}
