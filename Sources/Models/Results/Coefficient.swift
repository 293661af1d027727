/// One row of a coefficient table, in broom's vocabulary (DESIGN.md's JSON contract):
/// `term`, `estimate`, `std_error`, `statistic`, `p_value`, `conf_low`, `conf_high`.
///
/// Every model (GLM, mixed, Cox) reports its fixed effects as an array of these, so that
/// presenters (text, JSON, Markdown, LaTeX, HTML, CSV) are shared.
public struct Coefficient: Sendable, Equatable, Codable {
    /// Term name as R writes it: `(Intercept)`, `trackTSO`, `female:ses`, `I(age^2)`.
    public var term: String
    /// Point estimate (on the link scale; log hazard ratio for Cox).
    public var estimate: Double
    /// Standard error (`NaN` for an aliased term).
    public var stdError: Double
    /// Wald statistic `estimate / stdError` (z or t, see `StatisticKind`).
    public var statistic: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Lower end of the Wald confidence interval.
    public var confLow: Double
    /// Upper end of the Wald confidence interval.
    public var confHigh: Double

    /// Creates a row.
    public init(term: String, estimate: Double, stdError: Double, statistic: Double, pValue: Double,
                confLow: Double, confHigh: Double) {
        self.term = term
        self.estimate = estimate
        self.stdError = stdError
        self.statistic = statistic
        self.pValue = pValue
        self.confLow = confLow
        self.confHigh = confHigh
    }
}

/// Which reference distribution a Wald statistic uses: R prints `z value` or `t value`.
public enum StatisticKind: String, Sendable, Equatable, Codable {
    /// Standard normal (GLMs with known dispersion, GLMMs, Cox).
    case z
    /// Student's t with the residual degrees of freedom (Gaussian GLM / lm).
    case t
}
