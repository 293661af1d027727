/// Problems with the input to a scale, factor-analysis or aggregation computation.
///
/// Each case names the item, variable or group at fault and says what to do. Measurement code
/// never drops data silently: rows it cannot use are counted in the result instead (see
/// `ScaleScores.rowsWithoutScore`, `AgreementReport.excludedRows`); it throws only when the
/// request itself cannot be answered.
public enum MeasurementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A scale needs at least `minimum` items but got `count`.
    case tooFewItems(count: Int, minimum: Int)
    /// The same item was listed twice.
    case duplicateItem(String)
    /// A response lies outside the declared range `low...high`. `row` is the one-based data row (header not counted).
    case responseOutOfRange(item: String, row: Int, value: Double, low: Double, high: Double)
    /// An item has no variance (all valid responses are equal, or fewer than two are valid).
    case noVariance(item: String, validCount: Int)
    /// Two items have no row in which both are answered, so their covariance is undefined.
    case noPairwiseOverlap(item1: String, item2: String)
    /// The response range is unusable (`low >= high` or not finite).
    case invalidRange(low: Double, high: Double)
    /// The minimum number of valid items is outside `1...itemCount`.
    case invalidMinimumValid(minimum: Int, itemCount: Int)
    /// Columns of different lengths were passed together.
    case lengthMismatch(name: String, expected: Int, found: Int)
    /// A factor analysis was asked for `factors` factors of `variables` variables; it needs `1 <= factors < variables`
    /// (and, for maximum likelihood, at most the Ledermann bound).
    case tooManyFactors(factors: Int, variables: Int)
    /// The correlation matrix is not positive definite where a method needs it to be (squared multiple correlations, ML).
    case notPositiveDefinite(String)
    /// An iterative fit did not converge in `iterations` iterations.
    case noConvergence(method: String, iterations: Int)
    /// An aggregation needs at least `minimum` groups with two or more members; only `found` qualify.
    case tooFewGroups(found: Int, minimum: Int)
    /// A variable has no valid value at all.
    case allMissing(variable: String)
    /// A named model term was not found in a coefficient vector.
    case unknownTerm(String, available: [String])
    /// The number of response options for r_wg must be at least 2.
    case invalidOptionCount(Int)
    /// Any other invalid request.
    case invalid(String)

    /// A sentence for people: what is wrong and what to do.
    public var description: String {
        switch self {
        case let .tooFewItems(count, minimum):
            return "a scale needs at least \(minimum) items, got \(count); list more items"
        case let .duplicateItem(name):
            return "item '\(name)' is listed more than once; list each item once (prefix '-' to reverse it)"
        case let .responseOutOfRange(item, row, value, low, high):
            return "item '\(item)', data row \(row): response \(fmt(value)) lies outside the declared range \(fmt(low))..\(fmt(high)); "
                + "fix the value, recode it as missing, or declare the correct range"
        case let .noVariance(item, validCount):
            return validCount < 2
                ? "item '\(item)' has \(validCount) valid response(s), so no variance; drop the item from the scale"
                : "item '\(item)' has no variance (all \(validCount) valid responses are equal); drop the item from the scale"
        case let .noPairwiseOverlap(a, b):
            return "items '\(a)' and '\(b)' are never answered by the same respondent, so their covariance is undefined; drop one of them"
        case let .invalidRange(low, high):
            return "invalid response range \(fmt(low))..\(fmt(high)); give the lowest and highest possible response, e.g. 1,5"
        case let .invalidMinimumValid(minimum, itemCount):
            return "minimum number of valid items \(minimum) must lie between 1 and the number of items (\(itemCount))"
        case let .lengthMismatch(name, expected, found):
            return "'\(name)' has \(found) values, expected \(expected)"
        case let .tooManyFactors(factors, variables):
            return "cannot extract \(factors) factor(s) from \(variables) variables; use fewer factors or more variables"
        case let .notPositiveDefinite(what):
            return "\(what) is not positive definite; check for items that are linear combinations of others"
        case let .noConvergence(method, iterations):
            return "\(method) did not converge in \(iterations) iterations; the solution may be a Heywood case"
        case let .tooFewGroups(found, minimum):
            return "\(found) group(s) with at least two members; at least \(minimum) are needed"
        case let .allMissing(variable):
            return "variable '\(variable)' has no valid values"
        case let .unknownTerm(term, available):
            return "no term '\(term)' among the model's coefficients (" + available.map { "'\($0)'" }.joined(separator: ", ") + ")"
        case let .invalidOptionCount(k):
            return "r_wg needs the number of response options (at least 2), got \(k)"
        case let .invalid(message):
            return message
        }
    }
}

/// Shortest text of a double, integers without a decimal point.
func fmt(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
