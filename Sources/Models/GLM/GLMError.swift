/// Why a GLM could not be fitted: bad input (the user can fix it) or a numerical failure.
public enum GLMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The link does not suit the family.
    case unsupportedLink(family: Family, link: Link)
    /// A control setting is out of range.
    case invalidControl(String)
    /// The design and the response (or weights, offset) have different numbers of rows.
    case dimensionMismatch(String)
    /// No rows to fit.
    case noObservations
    /// The response takes one value only.
    case constantResponse(name: String, value: Double)
    /// The response is not valid for the family; `row` is 1-based among the rows used.
    case invalidResponse(family: Family, row: Int, value: Double, reason: String)
    /// A prior weight is negative or not finite (1-based row).
    case invalidWeight(row: Int, value: Double)
    /// An offset value is not finite (1-based row).
    case invalidOffset(row: Int, value: Double)
    /// A value of the model matrix is not finite (1-based row, column name).
    case invalidDesign(row: Int, column: String, value: Double)
    /// The formula has random-effects terms: a mixed model, not a GLM.
    case randomEffectsTerm(group: String)
    /// The response is `Surv(...)` (or the formula has survival specials): a survival model, not a GLM.
    case survivalResponse
    /// IRLS found no valid starting values (e.g. a log link with non-positive responses).
    case noValidStartingValues(String)
    /// IRLS could not recover from a divergent step.
    case divergence(String)
    /// A linear-algebra failure that should not happen with an estimable design.
    case numerical(String)

    /// A sentence for people: what is wrong and what to do.
    public var description: String {
        switch self {
        case let .unsupportedLink(family, link):
            let allowed = family.allowedLinks.map(\.rawValue).joined(separator: ", ")
            return "the \(link.rawValue) link is not available for the \(family.rawValue) family; use one of: \(allowed)"
        case let .invalidControl(s): return s
        case let .dimensionMismatch(s): return "dimension mismatch: \(s)"
        case .noObservations: return "no observations to fit (all rows were dropped or the data are empty)"
        case let .constantResponse(name, value):
            return "the response \(name) takes one value only (\(formatPlain(value))) in every row used: there is nothing to model"
        case let .invalidResponse(family, row, value, reason):
            return "row \(row): response value \(formatPlain(value)) is not valid for the \(family.rawValue) family: \(reason)"
        case let .invalidWeight(row, value):
            return "row \(row): prior weight \(formatPlain(value)) is not allowed; weights must be finite and non-negative"
        case let .invalidOffset(row, value):
            return "row \(row): offset \(formatPlain(value)) is not finite (log of a zero or negative exposure?)"
        case let .invalidDesign(row, column, value):
            return "row \(row): model-matrix column \(column) is \(formatPlain(value)); covariates must be finite"
        case let .randomEffectsTerm(group):
            return "the formula has a random-effects term ( ... | \(group)): a GLM has fixed effects only. Random-effects terms are fitted by the mixed-model path (`truant fit` infers a mixed model from such terms); remove the term to fit a GLM"
        case .survivalResponse:
            return "the formula describes a survival model (Surv(...), strata(), cluster() or frailty()): a GLM needs a plain response"
        case let .noValidStartingValues(s): return "cannot find valid starting values: \(s)"
        case let .divergence(s): return "the fit diverged: \(s)"
        case let .numerical(s): return "numerical failure: \(s)"
        }
    }
}

/// A number as people write it: integers without a fraction.
func formatPlain(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
