import Distributions

/// Normal and chi-square tail probabilities for the survival tests and intervals, through the
/// `Distributions` module (R's Rmath), so p-values and quantiles agree with R's.
enum SurvivalProbability {
    /// Two-sided normal p-value for a z statistic (R's `2 * pnorm(-abs(z))`).
    static func normalTwoSided(_ z: Double) -> Double { twoSidedPValue(z: z) }

    /// Standard normal quantile (R's `qnorm(p)`).
    static func normalQuantile(_ p: Double) -> Double { Distributions.normalQuantile(p) }

    /// Upper tail of the chi-square distribution (R's `pchisq(x, df, lower.tail = FALSE)`).
    static func chiSquareUpper(_ x: Double, df: Double) -> Double {
        if x.isNaN { return .nan }
        return chiSquaredPValue(x, df: df)
    }
}
