internal import CRmath

/// Fisher's F distribution with `df1` (numerator) and `df2` (denominator) degrees of freedom.
///
/// Evaluated by Rmath's `df`/`pf`/`qf`. Either degrees of freedom may be `+infinity` (R's limits).
public struct FDistribution: ContinuousDistribution, Equatable, Hashable {
    /// Numerator degrees of freedom d₁ (> 0).
    public let df1: Double
    /// Denominator degrees of freedom d₂ (> 0).
    public let df2: Double

    /// Creates F(`df1`, `df2`). Throws `DistributionError.invalidParameter` unless both are > 0 (`.infinity` allowed).
    public init(df1: Double, df2: Double) throws(DistributionError) {
        try require(df1 > 0, "FDistribution", "df1", df1, "> 0")
        try require(df2 > 0, "FDistribution", "df2", df2, "> 0")
        self.df1 = df1
        self.df2 = df2
    }

    /// d₂ / (d₂ − 2) for d₂ > 2, otherwise `.infinity`.
    public var mean: Double {
        if df2.isInfinite { return 1 }
        return df2 > 2 ? df2 / (df2 - 2) : .infinity
    }

    /// 2 d₂² (d₁ + d₂ − 2) / (d₁ (d₂ − 2)² (d₂ − 4)) for d₂ > 4, `.infinity` for 2 < d₂ <= 4, `NaN` otherwise.
    public var variance: Double {
        if df2.isInfinite { return df1.isInfinite ? 0 : 2 / df1 }
        if df2 > 4 {
            if df1.isInfinite { return 2 * df2 * df2 / ((df2 - 2) * (df2 - 2) * (df2 - 4)) }
            return 2 * df2 * df2 * (df1 + df2 - 2) / (df1 * (df2 - 2) * (df2 - 2) * (df2 - 4))
        }
        return df2 > 2 ? .infinity : .nan
    }

    /// The density (or log-density) at `x` (Rmath `df`).
    public func density(_ x: Double, log: Bool) -> Double { CRmath.df(x, df1, df2, cFlag(log)) }

    /// The lower- or upper-tail probability at `x`, optionally on the log scale (Rmath `pf`).
    public func cdf(_ x: Double, lowerTail: Bool, logP: Bool) -> Double {
        pf(x, df1, df2, cFlag(lowerTail), cFlag(logP))
    }

    /// The quantile for the (log-)probability `p` of the lower or upper tail (Rmath `qf`).
    public func quantile(_ p: Double, lowerTail: Bool, logP: Bool) -> Double {
        qf(p, df1, df2, cFlag(lowerTail), cFlag(logP))
    }
}
