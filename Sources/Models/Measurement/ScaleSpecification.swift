/// One item of a scale: its column name and whether it is reverse-keyed.
public struct ScaleItem: Sendable, Equatable, Hashable, Codable {
    /// The item's column name.
    public var name: String
    /// `true` when the item is reverse-keyed: its response `x` is scored as `low + high - x`.
    public var reversed: Bool

    /// Creates an item.
    public init(_ name: String, reversed: Bool = false) {
        self.name = name
        self.reversed = reversed
    }
}

/// How a scale score combines the (keyed) item responses of one respondent.
public enum ScaleScoring: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// The mean of the valid items (psych's default, `rowMeans(x, na.rm = TRUE)`).
    case mean
    /// The sum of the valid items (psych's `cumulative = TRUE`, `rowSums(x, na.rm = TRUE)`); with missing
    /// responses this is lower than a complete respondent's sum, so prefer `proratedSum` or `mean` then.
    case sum
    /// The mean of the valid items times the number of items: a sum on the full scale's metric.
    case proratedSum = "prorated_sum"
}

/// What defines a scale: its items (some reverse-keyed), the response range, the minimum number of
/// valid items for a score, and the scoring rule. A specification is cheap and printable; pass it to
/// `ScaleReport(responses:specification:)` to analyse data.
///
/// ```swift
/// let spec = try ScaleSpecification(parsing: "A1,A2,-A3", range: 1...6, minimumValid: 2)
/// ```
public struct ScaleSpecification: Sendable, Equatable, Codable {
    /// The items in order.
    public var items: [ScaleItem]
    /// The declared response range (lowest and highest possible response), used to check responses and to
    /// reverse items. When `nil`, reversal uses the lowest and highest response observed over all items
    /// (psych's rule) and no range check is made.
    public var range: ClosedRange<Double>?
    /// A respondent gets a score only with at least this many valid items (default 1, psych's rule).
    public var minimumValid: Int
    /// How the valid items are combined into a score.
    public var scoring: ScaleScoring

    /// Creates a specification; throws for fewer than two items, a duplicate item, a bad range or minimum.
    public init(items: [ScaleItem], range: ClosedRange<Double>? = nil, minimumValid: Int = 1,
                scoring: ScaleScoring = .mean) throws {
        guard items.count >= 2 else { throw MeasurementError.tooFewItems(count: items.count, minimum: 2) }
        var seen = Set<String>()
        for it in items where !seen.insert(it.name).inserted { throw MeasurementError.duplicateItem(it.name) }
        if let r = range, !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw MeasurementError.invalidRange(low: r.lowerBound, high: r.upperBound)
        }
        guard minimumValid >= 1 && minimumValid <= items.count else {
            throw MeasurementError.invalidMinimumValid(minimum: minimumValid, itemCount: items.count)
        }
        self.items = items
        self.range = range
        self.minimumValid = minimumValid
        self.scoring = scoring
    }

    /// Parses an item list such as `"A1,A2,-A3"`: comma-separated names, a leading `-` marks a reverse-keyed
    /// item; spaces around names are ignored.
    public init(parsing list: String, range: ClosedRange<Double>? = nil, minimumValid: Int = 1,
                scoring: ScaleScoring = .mean) throws {
        var items: [ScaleItem] = []
        for (k, raw) in list.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            var s = raw.trimmingCharacters(in: " \t")
            var reversed = false
            if s.hasPrefix("-") { reversed = true; s = String(s.dropFirst()).trimmingCharacters(in: " \t") }
            guard !s.isEmpty else {
                throw MeasurementError.invalid("item list '\(list)': item \(k + 1) is empty; write names separated by commas, e.g. A1,A2,-A3")
            }
            items.append(ScaleItem(s, reversed: reversed))
        }
        try self.init(items: items, range: range, minimumValid: minimumValid, scoring: scoring)
    }

    /// Item names in order.
    public var itemNames: [String] { items.map(\.name) }

    /// The item list in the `A1,A2,-A3` notation.
    public var itemList: String { items.map { ($0.reversed ? "-" : "") + $0.name }.joined(separator: ",") }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}
