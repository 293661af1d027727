internal import CRmath

/// The (central) chi-square distribution with `df` degrees of freedom (any positive real).
///
/// Evaluated by Rmath's `dchisq`/`pchisq`/`qchisq`.
public struct ChiSquared: ContinuousDistribution, Equatable, Hashable {
    /// The degrees of freedom k (finite, > 0).
    public let df: Double

    /// Creates χ²(`df`). Throws `DistributionError.invalidParameter` unless `df` is finite and > 0.
    public init(df: Double) throws(DistributionError) {
        try require(df.isFinite && df > 0, "ChiSquared", "df", df, "finite and > 0")
        self.df = df
    }

    /// k.
    public var mean: Double { df }
    /// 2k.
    public var variance: Double { 2 * df }

    /// The density (or log-density) at `x` (Rmath `dchisq`).
    public func density(_ x: Double, log: Bool) -> Double { dchisq(x, df, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pchisq`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pchisq(x, df, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qchisq`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qchisq(p, df, cFlag(lowerTail), cFlag(logP))
    }
}
