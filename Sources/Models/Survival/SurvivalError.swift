/// A problem with survival input or a survival fit, phrased for the person at the terminal.
///
/// Row numbers are 1-based positions in the data handed to the fitter (the model frame's rows);
/// each message says what was found and what to do about it.
public enum SurvivalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two inputs that must be equally long are not.
    case lengthMismatch(what: String, expected: Int, found: Int)
    /// There are no rows at all.
    case noObservations
    /// A time is NaN or infinite.
    case nonFiniteTime(column: String, row: Int)
    /// A time is negative.
    case negativeTime(column: String, row: Int, value: Double)
    /// A counting-process interval `(start, stop]` is empty or reversed.
    case stopNotAfterStart(row: Int, start: Double, stop: Double)
    /// The event column holds a value that is not 0/1, 1/2 (2 = event) or TRUE/FALSE.
    case invalidStatus(row: Int, value: Double)
    /// A multi-state code is outside `0...states`.
    case invalidStateCode(row: Int, value: Int, states: Int)
    /// A case weight is negative or not finite.
    case invalidWeight(row: Int, value: Double)
    /// Every observation is censored: there is nothing to estimate.
    case noEvents
    /// A covariate value is NaN or infinite.
    case nonFiniteCovariate(column: String, row: Int)
    /// The information matrix cannot be inverted even after dropping nothing (e.g. all covariates constant).
    case singularInformation(String)
    /// A multi-state analysis was asked for with a two-state (0/1) event, or the reverse.
    case wrongEventKind(String)
    /// An option has a value the method cannot use.
    case invalidOption(String)

    /// A sentence for people.
    public var description: String {
        switch self {
        case let .lengthMismatch(what, expected, found):
            return "\(what) has \(found) values but the data have \(expected) rows; give one value per row"
        case .noObservations:
            return "no observations: the data are empty (or every row was dropped for missing values)"
        case let .nonFiniteTime(column, row):
            return "row \(row): \(column) time is missing or infinite; remove the row or fill in the time"
        case let .negativeTime(column, row, value):
            return "row \(row): \(column) time \(value) is negative; survival times must be >= 0 (check the time origin)"
        case let .stopNotAfterStart(row, start, stop):
            return "row \(row): stop time \(stop) is not after start time \(start); each interval (start, stop] must have stop > start"
        case let .invalidStatus(row, value):
            return "row \(row): event value \(value) is not valid; use 0/1 (1 = event), 1/2 (2 = event) or TRUE/FALSE"
        case let .invalidStateCode(row, value, states):
            return "row \(row): state code \(value) is outside 0...\(states) (0 = censored)"
        case let .invalidWeight(row, value):
            return "row \(row): case weight \(value) is not allowed; weights must be finite and >= 0"
        case .noEvents:
            return "all observations are censored (no events): survival cannot be estimated; check the event coding"
        case let .nonFiniteCovariate(column, row):
            return "row \(row): covariate \(column) is missing or infinite"
        case let .singularInformation(what):
            return "the information matrix is singular: \(what)"
        case let .wrongEventKind(what):
            return what
        case let .invalidOption(what):
            return what
        }
    }
}
