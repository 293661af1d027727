internal import CRmath

/// The beta distribution on [0, 1] with shape parameters `alpha` (R's `shape1`) and `beta` (R's `shape2`).
///
/// Density `x^(α-1) (1-x)^(β-1) / B(α, β)`. Evaluated by Rmath's `dbeta`/`pbeta` (TOMS 708)/`qbeta`.
public struct Beta: ContinuousDistribution, Equatable, Hashable {
    /// The first shape α (finite, > 0).
    public let alpha: Double
    /// The second shape β (finite, > 0).
    public let beta: Double

    /// Creates Beta(`alpha`, `beta`). Throws `DistributionError.invalidParameter` unless both are finite and > 0.
    public init(alpha: Double, beta: Double) throws(DistributionError) {
        try require(alpha.isFinite && alpha > 0, "Beta", "alpha", alpha, "finite and > 0")
        try require(beta.isFinite && beta > 0, "Beta", "beta", beta, "finite and > 0")
        self.alpha = alpha
        self.beta = beta
    }

    /// α / (α + β).
    public var mean: Double { alpha / (alpha + beta) }
    /// α β / ((α + β)² (α + β + 1)).
    public var variance: Double {
        let s = alpha + beta
        return alpha * beta / (s * s * (s + 1))
    }

    /// The density (or log-density) at `x` (Rmath `dbeta`).
    public func density(_ x: Double, log: Bool) -> Double { dbeta(x, alpha, beta, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pbeta`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pbeta(x, alpha, beta, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qbeta`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qbeta(p, alpha, beta, cFlag(lowerTail), cFlag(logP))
    }
}
