/// One Kaplan–Meier curve: a row per distinct exit time of the stratum, as R's `survfit` lists them.
///
/// `stdErr` follows R's `survfit` definition: the standard error of the cumulative hazard
/// `-log S(t)` (Greenwood), not of `S(t)` itself (multiply by `surv` for that).
public struct KaplanMeierStratum: Sendable, Equatable, Codable {
    /// Label, `group=level` (R's strata names) or `all` without groups.
    public var stratum: String
    /// Number of rows (subjects or intervals) in the stratum.
    public var n: Int
    /// Distinct exit times, increasing.
    public var time: [Double]
    /// (Weighted) number at risk just before each time.
    public var nRisk: [Double]
    /// (Weighted) number of events at each time.
    public var nEvent: [Double]
    /// (Weighted) number censored at each time.
    public var nCensor: [Double]
    /// Survival estimate just after each time.
    public var surv: [Double]
    /// Standard error of `-log S(t)` (Greenwood; Inf once `S` reaches 0). With robust (infinitesimal
    /// jackknife) errors — R's choice for non-integer weights — it is, as R 3.5-3 reports it, the
    /// standard error of `S(t)`.
    public var stdErr: [Double]
    /// Lower confidence limit (NaN where undefined, R's `NA`).
    public var confLow: [Double]
    /// Upper confidence limit (NaN where undefined).
    public var confHigh: [Double]
    /// Median survival by R's rule; `nil` when the curve never reaches 0.5.
    public var median: Double?
    /// Lower limit of the median's interval (first time the lower confidence curve is <= 0.5); `nil` if never.
    public var medianLow: Double?
    /// Upper limit of the median's interval (first time the upper confidence curve is <= 0.5); `nil` if never.
    public var medianHigh: Double?

    /// Total (weighted) number of events.
    public var events: Double { nEvent.reduce(0, +) }

    enum CodingKeys: String, CodingKey {
        case stratum, n, time, surv, median
        case nRisk = "n_risk", nEvent = "n_event", nCensor = "n_censor", stdErr = "std_err"
        case confLow = "conf_low", confHigh = "conf_high", medianLow = "median_low", medianHigh = "median_high"
    }
}

/// Kaplan–Meier curves by group (R's `survfit(Surv(...) ~ group)`).
public struct KaplanMeierFit: Sendable, Equatable, Codable {
    /// One curve per group, in level order.
    public var strata: [KaplanMeierStratum]
    /// Interval scale used.
    public var confType: SurvivalConfidenceType
    /// `true` when the errors are the infinitesimal jackknife (robust) ones.
    public var robust: Bool = false
    /// Confidence level (0.95 by default).
    public var confLevel: Double
    /// Rows used.
    public var nObs: Int
    /// Warnings (e.g. no events at all).
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case strata, warnings, robust
        case confType = "conf_type", confLevel = "conf_level", nObs = "n_obs"
    }
}
