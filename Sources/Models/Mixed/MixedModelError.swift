/// Why a mixed model could not be fitted, in words a researcher can act on.
public enum MixedModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model frame has no `( ... | g)` term.
    case noRandomEffects
    /// The model frame is inconsistent (lengths, codes, non-finite values).
    case badDesign(String)
    /// The response is not valid for the family (e.g. a proportion outside [0, 1], negative counts).
    case badResponse(String)
    /// The fixed-effects matrix is rank deficient (columns are linearly dependent).
    case rankDeficientFixedEffects(String)
    /// The requested option is not available for this model (e.g. nAGQ > 1 with a vector-valued term).
    case unsupported(String)
    /// Penalized iteratively reweighted least squares did not converge.
    case pirlsFailed(String)
    /// A numerical failure inside the factorization.
    case numerical(String)

    /// A sentence for people, with what to try.
    public var description: String {
        switch self {
        case .noRandomEffects:
            return "the formula has no random-effects term such as (1 | school); fit a GLM instead"
        case let .badDesign(s): return "invalid model frame: \(s)"
        case let .badResponse(s): return "invalid response: \(s)"
        case let .rankDeficientFixedEffects(s):
            return "fixed-effects model matrix is rank deficient (\(s)); drop or combine collinear predictors"
        case let .unsupported(s): return s
        case let .pirlsFailed(s):
            return "PIRLS failed to converge (\(s)); try nAGQ = 0 first, rescale predictors, or check for separation"
        case let .numerical(s): return "numerical failure: \(s)"
        }
    }
}
