/// One estimate with its interval at a category of a chart (a pupil profile, a school year, an item).
public struct IntervalPoint: Sendable, Equatable {
    /// Category on the horizontal axis ("Vocational", "Year 3").
    public var category: String
    /// Series the point belongs to ("Low teacher support"); one colour and marker per series.
    public var series: String
    /// Point estimate.
    public var estimate: Double
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double

    /// Creates a point.
    public init(category: String, series: String = "", estimate: Double, low: Double, high: Double) {
        self.category = category
        self.series = series
        self.estimate = estimate
        self.low = low
        self.high = high
    }
}

/// Categories or series in order of first appearance.
func orderedUnique(_ xs: [String]) -> [String] {
    var seen = Set<String>()
    var out: [String] = []
    for x in xs where seen.insert(x).inserted { out.append(x) }
    return out
}
