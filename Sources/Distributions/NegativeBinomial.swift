internal import CRmath

/// The negative binomial distribution of counts, in the mean parameterization used for overdispersed
/// count regression (R's `dnbinom(x, size = θ, mu = μ)`, glmmTMB's `nbinom2`, MASS's `glm.nb`):
/// mean μ, variance μ + μ²/θ. `size` θ need not be an integer.
///
/// Evaluated by Rmath's `dnbinom_mu`/`pnbinom_mu`/`qnbinom_mu`. The mass is 0 at non-integer points;
/// quantiles are the smallest integer `k` with `P(X <= k) >= p`, returned as `Double`.
public struct NegativeBinomial: DiscreteDistribution, Equatable, Hashable {
    /// The dispersion (size) θ (finite, > 0); larger θ means less overdispersion.
    public let size: Double
    /// The mean μ (finite, >= 0).
    public let mu: Double

    /// Creates NB(size θ, mean μ). Throws `DistributionError.invalidParameter` unless `size` is finite and > 0
    /// and `mu` is finite and >= 0.
    public init(size: Double, mu: Double) throws(DistributionError) {
        try require(size.isFinite && size > 0, "NegativeBinomial", "size", size, "finite and > 0")
        try require(mu.isFinite && mu >= 0, "NegativeBinomial", "mu", mu, "finite and >= 0")
        self.size = size
        self.mu = mu
    }

    /// Creates NB(size θ, success probability p) — the number of failures before the θ-th success —
    /// so μ = θ(1 − p)/p. Throws unless `size` is finite and > 0 and `0 < probability <= 1`.
    public init(size: Double, probability: Double) throws(DistributionError) {
        try require(probability > 0 && probability <= 1, "NegativeBinomial", "probability", probability, "in (0, 1]")
        try require(size.isFinite && size > 0, "NegativeBinomial", "size", size, "finite and > 0")
        try self.init(size: size, mu: size * (1 - probability) / probability)
    }

    /// The success probability θ / (θ + μ).
    public var probability: Double { size / (size + mu) }
    /// μ.
    public var mean: Double { mu }
    /// μ + μ²/θ.
    public var variance: Double { mu + mu * mu / size }

    /// The probability mass (or its log) at `x` (Rmath `dnbinom_mu`); 0 (or −∞) at non-integer `x`.
    public func density(_ x: Double, log: Bool) -> Double {
        if x.isFinite && x != x.rounded() { return log ? -.infinity : 0 }   // R warns and returns 0
        return dnbinom_mu(x, size, mu, cFlag(log))
    }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pnbinom_mu`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pnbinom_mu(x, size, mu, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qnbinom_mu`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qnbinom_mu(p, size, mu, cFlag(lowerTail), cFlag(logP))
    }
}
