internal import CRmath

/// The gamma distribution with shape `shape` (k) and scale `scale` (θ); the rate is 1/θ.
///
/// Density `x^(k-1) e^(-x/θ) / (Γ(k) θ^k)` for x >= 0. Evaluated by Rmath's `dgamma`/`pgamma`/`qgamma`.
public struct Gamma: ContinuousDistribution, Equatable, Hashable {
    /// The shape k (finite, > 0).
    public let shape: Double
    /// The scale θ (finite, > 0).
    public let scale: Double

    /// Creates Gamma(shape `shape`, scale `scale`). Throws `DistributionError.invalidParameter` unless both are finite and > 0.
    public init(shape: Double, scale: Double = 1) throws(DistributionError) {
        try require(shape.isFinite && shape > 0, "Gamma", "shape", shape, "finite and > 0")
        try require(scale.isFinite && scale > 0, "Gamma", "scale", scale, "finite and > 0")
        self.shape = shape
        self.scale = scale
    }

    /// Creates Gamma(shape `shape`, rate `rate`), i.e. scale 1/`rate`. Throws unless both are finite and > 0.
    public init(shape: Double, rate: Double) throws(DistributionError) {
        try require(rate.isFinite && rate > 0, "Gamma", "rate", rate, "finite and > 0")
        try self.init(shape: shape, scale: 1 / rate)
    }

    /// The rate 1/θ.
    public var rate: Double { 1 / scale }
    /// k θ.
    public var mean: Double { shape * scale }
    /// k θ².
    public var variance: Double { shape * scale * scale }

    /// The density (or log-density) at `x` (Rmath `dgamma`).
    public func density(_ x: Double, log: Bool) -> Double { dgamma(x, shape, scale, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pgamma`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pgamma(x, shape, scale, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qgamma`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qgamma(p, shape, scale, cFlag(lowerTail), cFlag(logP))
    }
}
