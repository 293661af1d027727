/// A failure reported by a factorization or solve, with the LAPACK routine and what went wrong.
public enum LinalgError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix is not positive definite: the leading minor of order `pivot` (one-based, as
    /// LAPACK counts) is not positive.
    case notPositiveDefinite(routine: String, pivot: Int)
    /// The matrix is singular: the diagonal element `index` (one-based) of the factor is zero.
    case singular(routine: String, index: Int)
    /// An eigen-decomposition or SVD did not converge (`count` off-diagonal elements remained).
    case noConvergence(routine: String, count: Int)
    /// The dimensions of the operands do not agree.
    case dimensionMismatch(String)
    /// LAPACK rejected argument `argument` (one-based): a programming error inside Truant.
    case illegalArgument(routine: String, argument: Int)

    /// A sentence for people.
    public var description: String {
        switch self {
        case let .notPositiveDefinite(routine, pivot):
            return "\(routine): matrix is not positive definite (leading minor of order \(pivot) is not positive)"
        case let .singular(routine, index):
            return "\(routine): matrix is singular (zero pivot at position \(index))"
        case let .noConvergence(routine, count):
            return "\(routine): failed to converge (\(count) elements did not converge)"
        case let .dimensionMismatch(what):
            return "dimension mismatch: \(what)"
        case let .illegalArgument(routine, argument):
            return "\(routine): illegal value in argument \(argument) (internal error)"
        }
    }
}
