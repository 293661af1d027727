internal import CRmath

/// The Weibull distribution with shape k and scale λ: `P(X > x) = exp(−(x/λ)^k)` for x >= 0
/// (R's parameterization; a survival model with hazard increasing for k > 1, decreasing for k < 1).
///
/// Evaluated by Rmath's `dweibull`/`pweibull`/`qweibull`.
public struct Weibull: ContinuousDistribution, Equatable, Hashable {
    /// The shape k (finite, > 0).
    public let shape: Double
    /// The scale λ (finite, > 0).
    public let scale: Double

    /// Creates Weibull(`shape`, `scale`). Throws `DistributionError.invalidParameter` unless both are finite and > 0.
    public init(shape: Double, scale: Double = 1) throws(DistributionError) {
        try require(shape.isFinite && shape > 0, "Weibull", "shape", shape, "finite and > 0")
        try require(scale.isFinite && scale > 0, "Weibull", "scale", scale, "finite and > 0")
        self.shape = shape
        self.scale = scale
    }

    /// λ Γ(1 + 1/k).
    public var mean: Double { scale * gammafn(1 + 1 / shape) }
    /// λ² (Γ(1 + 2/k) − Γ(1 + 1/k)²).
    public var variance: Double {
        let g1 = gammafn(1 + 1 / shape)
        return scale * scale * (gammafn(1 + 2 / shape) - g1 * g1)
    }

    /// The density (or log-density) at `x` (Rmath `dweibull`).
    public func density(_ x: Double, log: Bool) -> Double { dweibull(x, shape, scale, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pweibull`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pweibull(x, shape, scale, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qweibull`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qweibull(p, shape, scale, cFlag(lowerTail), cFlag(logP))
    }
}
