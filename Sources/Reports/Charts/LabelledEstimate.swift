/// A labelled point estimate with its interval, on the scale a chart shows (e.g. odds ratios): a forest
/// plot's row or a caterpillar plot's school.
public struct LabelledEstimate: Sendable, Equatable {
    /// The label (a term in plain words, or a school's name — shown only when a chart is told to).
    public var label: String
    /// Point estimate.
    public var estimate: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double

    /// Creates an estimate with its interval.
    public init(label: String, estimate: Double, low: Double, high: Double) {
        self.label = label
        self.estimate = estimate
        self.low = low
        self.high = high
    }
}

/// One row of a forest plot: a labelled estimate with its interval ("Vocational track (vs general)").
public typealias ForestRow = LabelledEstimate

/// One group's (school's) effect with its interval, e.g. an empirical-Bayes prediction as an odds ratio.
public typealias GroupEffect = LabelledEstimate
