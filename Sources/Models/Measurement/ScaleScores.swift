import Linalg

/// Keyed item responses and per-respondent scale scores, with counts of what could not be scored.
///
/// Reverse-keyed items are scored `low + high - x` with the declared range (or the observed one, see
/// `ScaleSpecification.range`). A respondent with fewer than `minimumValid` valid items gets a missing
/// (`NaN`) score; such respondents are counted, never dropped silently.
public struct ScaleScores: Sendable, Equatable {
    /// The specification the scores follow.
    public let specification: ScaleSpecification
    /// The range used to reverse items (declared, or observed over all items).
    public let reversalRange: ClosedRange<Double>
    /// `true` when `reversalRange` was observed in the data rather than declared.
    public let rangeIsObserved: Bool
    /// Keyed responses (reversed items already reversed), `NaN` where missing.
    public let keyed: ItemResponses
    /// Number of valid items per respondent.
    public let validCounts: [Int]
    /// The score per respondent (`NaN` with fewer than `minimumValid` valid items).
    public let scores: [Double]

    /// Number of respondents.
    public var rowCount: Int { scores.count }
    /// Respondents who answered no item at all.
    public var rowsAllMissing: Int { validCounts.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }
    /// Respondents without a score (fewer than `minimumValid` valid items, including those with none).
    public var rowsWithoutScore: Int { validCounts.reduce(0) { $0 + ($1 < specification.minimumValid ? 1 : 0) } }
    /// Respondents with a score that rests on fewer than all items.
    public var rowsPartiallyScored: Int {
        let k = specification.items.count
        return validCounts.reduce(0) { $0 + ($1 >= specification.minimumValid && $1 < k ? 1 : 0) }
    }

    /// Keys and scores `responses` (whose columns must be the specification's items, in order).
    /// Throws `responseOutOfRange` (with the one-based row) for a response outside the declared range.
    public init(responses: ItemResponses, specification: ScaleSpecification) throws {
        let names = specification.itemNames
        guard responses.names == names else {
            throw MeasurementError.invalid("responses hold items \(responses.names) but the scale lists \(names)")
        }
        let n = responses.rowCount, p = responses.itemCount
        let raw = responses.values.storage
        // Range: declared (and checked) or observed.
        var lo = Double.infinity, hi = -Double.infinity
        for j in 0..<p {
            for i in 0..<n {
                let x = raw[i + j * n]
                if x.isNaN { continue }
                if !x.isFinite {
                    throw MeasurementError.invalid("item '\(names[j])', row \(i + 1): response \(x) is not a finite number")
                }
                if let r = specification.range, !r.contains(x) {
                    throw MeasurementError.responseOutOfRange(item: names[j], row: i + 1, value: x,
                                                              low: r.lowerBound, high: r.upperBound)
                }
                lo = Swift.min(lo, x); hi = Swift.max(hi, x)
            }
        }
        let range: ClosedRange<Double>
        if let r = specification.range {
            range = r
        } else if lo <= hi {
            range = lo...hi
        } else {
            range = 0...0   // no valid response at all: nothing to reverse
        }
        var keyed = raw
        let flip = range.lowerBound + range.upperBound
        for (j, item) in specification.items.enumerated() where item.reversed {
            for i in 0..<n where !keyed[i + j * n].isNaN { keyed[i + j * n] = flip - keyed[i + j * n] }
        }
        var counts = [Int](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: n)
        for j in 0..<p {
            for i in 0..<n {
                let x = keyed[i + j * n]
                if !x.isNaN { counts[i] += 1; sums[i] += x }
            }
        }
        var scores = [Double](repeating: .nan, count: n)
        for i in 0..<n where counts[i] >= specification.minimumValid && counts[i] > 0 {
            switch specification.scoring {
            case .mean: scores[i] = sums[i] / Double(counts[i])
            case .sum: scores[i] = sums[i]
            case .proratedSum: scores[i] = sums[i] / Double(counts[i]) * Double(p)
            }
        }
        self.specification = specification
        self.reversalRange = range
        self.rangeIsObserved = specification.range == nil
        self.keyed = try ItemResponses(names: names, columns: (0..<p).map { j in Array(keyed[(j * n)..<((j + 1) * n)]) })
        self.validCounts = counts
        self.scores = scores
    }
}
