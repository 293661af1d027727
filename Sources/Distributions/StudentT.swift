internal import CRmath

/// Student's t distribution with `df` degrees of freedom (any positive real, including non-integer
/// values such as Satterthwaite or Kenward–Roger degrees of freedom, and `+infinity`, which is the standard normal).
///
/// Evaluated by Rmath's `dt`/`pt`/`qt`.
public struct StudentT: ContinuousDistribution, Equatable, Hashable {
    /// The degrees of freedom ν (> 0, possibly `.infinity`).
    public let df: Double

    /// Creates t(`df`). Throws `DistributionError.invalidParameter` unless `df > 0` (`.infinity` allowed).
    public init(df: Double) throws(DistributionError) {
        try require(df > 0, "StudentT", "df", df, "> 0")
        self.df = df
    }

    /// 0 for ν > 1; `NaN` (undefined) otherwise.
    public var mean: Double { df > 1 ? 0 : .nan }

    /// ν / (ν − 2) for ν > 2, `.infinity` for 1 < ν <= 2, `NaN` (undefined) for ν <= 1.
    public var variance: Double {
        if df.isInfinite { return 1 }
        if df > 2 { return df / (df - 2) }
        return df > 1 ? .infinity : .nan
    }

    /// The density (or log-density) at `x` (Rmath `dt`).
    public func density(_ x: Double, log: Bool) -> Double { dt(x, df, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pt`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pt(x, df, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qt`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qt(p, df, cFlag(lowerTail), cFlag(logP))
    }
}
