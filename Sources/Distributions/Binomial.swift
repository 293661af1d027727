internal import CRmath

/// The binomial distribution: the number of successes in `size` independent trials with success
/// probability `probability`.
///
/// Evaluated by Rmath's `dbinom` (Loader's saddle-point algorithm) / `pbinom` / `qbinom`. The mass is 0 at
/// non-integer points; quantiles are the smallest integer `k` with `P(X <= k) >= p`, returned as `Double`.
public struct Binomial: DiscreteDistribution, Equatable, Hashable {
    /// The number of trials n (>= 0).
    public let size: Int
    /// The success probability p in [0, 1].
    public let probability: Double

    /// Creates Binomial(`size`, `probability`). Throws `DistributionError.invalidParameter` unless
    /// `size >= 0` and `0 <= probability <= 1`.
    public init(size: Int, probability: Double) throws(DistributionError) {
        try require(size >= 0, "Binomial", "size", Double(size), ">= 0")
        try require(probability >= 0 && probability <= 1, "Binomial", "probability", probability, "in [0, 1]")
        self.size = size
        self.probability = probability
    }

    /// n p.
    public var mean: Double { Double(size) * probability }
    /// n p (1 − p).
    public var variance: Double { Double(size) * probability * (1 - probability) }

    /// The probability mass (or its log) at `x` (Rmath `dbinom`); 0 (or −∞) at non-integer `x`.
    public func density(_ x: Double, log: Bool) -> Double {
        if x.isFinite && x != x.rounded() { return log ? -.infinity : 0 }   // R warns and returns 0
        return dbinom(x, Double(size), probability, cFlag(log))
    }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pbinom`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pbinom(x, Double(size), probability, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qbinom`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qbinom(p, Double(size), probability, cFlag(lowerTail), cFlag(logP))
    }
}
