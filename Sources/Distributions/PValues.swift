internal import CRmath

// Convenience functions for model fitters. They take raw parameters and, like R, return NaN for
// invalid ones (df <= 0, NaN input) instead of throwing.

/// The two-sided p-value `2 P(Z > |z|)` of a standard-normal (Wald) statistic `z`.
///
/// Equals R's `2 * pnorm(-abs(z))`; accurate for large |z| (no cancellation). `NaN` for `NaN` input.
public func twoSidedPValue(z: Double) -> Double {
    2 * pnorm5(-Swift.abs(z), 0, 1, 1, 0)
}

/// The two-sided p-value `2 P(T > |t|)` of a t statistic with `df` degrees of freedom (non-integer allowed,
/// `.infinity` gives the normal). Equals R's `2 * pt(-abs(t), df)`; `NaN` if `df <= 0` or an input is `NaN`.
public func twoSidedPValue(t: Double, df: Double) -> Double {
    guard df > 0 else { return .nan }
    return 2 * pt(-Swift.abs(t), df, 1, 0)
}

/// The upper-tail p-value `P(X > statistic)` of a chi-square statistic with `df` degrees of freedom
/// (likelihood-ratio and Wald tests). Equals R's `pchisq(statistic, df, lower.tail = FALSE)`;
/// `NaN` if `df` is not finite and > 0.
public func chiSquaredPValue(_ statistic: Double, df: Double) -> Double {
    guard df.isFinite && df > 0 else { return .nan }
    return pchisq(statistic, df, 0, 0)
}

/// The upper-tail p-value `P(X > statistic)` of an F statistic (`pf(statistic, df1, df2, lower.tail = FALSE)`);
/// `NaN` unless both degrees of freedom are > 0.
public func fPValue(_ statistic: Double, df1: Double, df2: Double) -> Double {
    guard df1 > 0 && df2 > 0 else { return .nan }
    return pf(statistic, df1, df2, 0, 0)
}

/// The standard-normal quantile `Φ⁻¹(p)` (R's `qnorm(p)`), e.g. 1.959963984540054 for p = 0.975;
/// `NaN` for `p` outside [0, 1], ∓∞ at 0 and 1.
public func normalQuantile(_ p: Double) -> Double {
    qnorm5(p, 0, 1, 1, 0)
}

/// The standard-normal CDF `Φ(z)` (R's `pnorm(z)`).
public func normalCDF(_ z: Double) -> Double {
    pnorm5(z, 0, 1, 1, 0)
}

/// The t quantile with `df` degrees of freedom (R's `qt(p, df)`), e.g. for confidence intervals;
/// `NaN` for `p` outside [0, 1] or `df <= 0`.
public func tQuantile(_ p: Double, df: Double) -> Double {
    guard df > 0 else { return .nan }
    return qt(p, df, 1, 0)
}

/// The natural logarithm of the two-sided normal p-value, `log(2 P(Z > |z|))`, finite where the p-value
/// itself underflows (|z| > 38.5). Equals R's `log(2) + pnorm(-abs(z), log.p = TRUE)`.
public func logTwoSidedPValue(z: Double) -> Double {
    Double.log2Constant + pnorm5(-Swift.abs(z), 0, 1, 1, 1)
}

/// The natural logarithm of the two-sided t p-value, `log(2 P(T > |t|))` with `df` degrees of freedom.
/// Equals R's `log(2) + pt(-abs(t), df, log.p = TRUE)`; `NaN` if `df <= 0`.
public func logTwoSidedPValue(t: Double, df: Double) -> Double {
    guard df > 0 else { return .nan }
    return Double.log2Constant + pt(-Swift.abs(t), df, 1, 1)
}

extension Double {
    /// The natural logarithm of 2 (R's `M_LN2`).
    static let log2Constant = 0.693147180559945309417232121458
}
