/// Named coefficients of a linear predictor, in a fixed order, with R term names
/// (`(Intercept)`, `trackBSO`, `bonding_cwc:climate_c`).
public struct Coefficients: Sendable, Equatable {
    /// Term names in order.
    public private(set) var names: [String]
    /// Values, parallel to `names`.
    public private(set) var values: [Double]

    /// Creates coefficients from (term, value) pairs.
    public init(_ pairs: KeyValuePairs<String, Double>) {
        names = pairs.map(\.key)
        values = pairs.map(\.value)
    }

    /// Creates coefficients from parallel arrays (equal lengths).
    public init(names: [String], values: [Double]) {
        precondition(names.count == values.count, "Coefficients: names and values differ in length")
        self.names = names
        self.values = values
    }

    /// The value of `term`, or 0 when the predictor has no such term.
    public subscript(term: String) -> Double {
        get { names.firstIndex(of: term).map { values[$0] } ?? 0 }
        set {
            if let k = names.firstIndex(of: term) { values[k] = newValue } else { names.append(term); values.append(newValue) }
        }
    }
}
