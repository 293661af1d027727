internal import CRmath

/// The logistic distribution with location μ and scale s: `P(X <= x) = 1 / (1 + exp(−(x − μ)/s))`.
/// With μ = 0, s = 1 its CDF is the inverse logit and its quantile the logit (R's `plogis`/`qlogis`),
/// computed without overflow or cancellation in the tails.
///
/// Evaluated by Rmath's `dlogis`/`plogis`/`qlogis`.
public struct Logistic: ContinuousDistribution, Equatable, Hashable {
    /// The location μ (finite).
    public let location: Double
    /// The scale s (finite, > 0).
    public let scale: Double

    /// The standard logistic distribution (μ = 0, s = 1).
    public static let standard = Logistic(uncheckedLocation: 0, scale: 1)

    /// Creates Logistic(`location`, `scale`). Throws `DistributionError.invalidParameter` unless `location`
    /// is finite and `scale` is finite and > 0.
    public init(location: Double = 0, scale: Double = 1) throws(DistributionError) {
        try require(location.isFinite, "Logistic", "location", location, "a finite number")
        try require(scale.isFinite && scale > 0, "Logistic", "scale", scale, "finite and > 0")
        self.init(uncheckedLocation: location, scale: scale)
    }

    private init(uncheckedLocation location: Double, scale: Double) {
        self.location = location
        self.scale = scale
    }

    /// μ.
    public var mean: Double { location }
    /// π² s² / 3.
    public var variance: Double { Double.pi * Double.pi * scale * scale / 3 }

    /// The density (or log-density) at `x` (Rmath `dlogis`).
    public func density(_ x: Double, log: Bool) -> Double { dlogis(x, location, scale, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `plogis`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        plogis(x, location, scale, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qlogis`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qlogis(p, location, scale, cFlag(lowerTail), cFlag(logP))
    }
}
