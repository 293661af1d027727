internal import CRmath

/// The normal (Gaussian) distribution with mean `mean` and standard deviation `sd`.
///
/// Density, CDF and quantile are Rmath's `dnorm`/`pnorm`/`qnorm` (named `dnorm4`/`pnorm5`/`qnorm5` in
/// standalone Rmath); `pnorm` uses Cody's rational approximations and `qnorm` Wichura's AS 241, so tail
/// values such as `Normal.standard.quantile(1e-300)` are accurate to full double precision.
public struct Normal: ContinuousDistribution, Equatable, Hashable {
    /// The mean μ.
    public let mean: Double
    /// The standard deviation σ (> 0).
    public let sd: Double

    /// The standard normal distribution N(0, 1).
    public static let standard = Normal(uncheckedMean: 0, sd: 1)

    /// Creates N(`mean`, `sd`²). Throws `DistributionError.invalidParameter` unless `mean` is finite and
    /// `sd` is finite and positive.
    public init(mean: Double = 0, sd: Double = 1) throws(DistributionError) {
        try require(mean.isFinite, "Normal", "mean", mean, "a finite number")
        try require(sd.isFinite && sd > 0, "Normal", "sd", sd, "finite and > 0")
        self.init(uncheckedMean: mean, sd: sd)
    }

    private init(uncheckedMean mean: Double, sd: Double) {
        self.mean = mean
        self.sd = sd
    }

    /// The variance σ².
    public var variance: Double { sd * sd }

    /// The density (or log-density) at `x` (Rmath `dnorm`).
    public func density(_ x: Double, log: Bool) -> Double { dnorm4(x, mean, sd, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pnorm`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pnorm5(x, mean, sd, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qnorm`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qnorm5(p, mean, sd, cFlag(lowerTail), cFlag(logP))
    }
}
