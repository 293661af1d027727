/// Why a distribution, quadrature rule or sampler could not be constructed.
///
/// **Policy on bad input.** Parameters of a distribution (a standard deviation, degrees of freedom, a
/// probability of success, ...) are checked once, when the value is created: the initializers *throw*
/// `DistributionError.invalidParameter` naming the distribution, the parameter, the offending value and
/// what is required, so parameters that come from user input never crash the program. Once created, a
/// distribution is valid, and its functions never throw: like R, they return `NaN` for an argument
/// outside the domain of the function (a probability outside [0, 1] given to `quantile`, a positive
/// log-probability, a `NaN` argument). The free functions such as `twoSidedPValue(t:df:)` take raw
/// parameters and follow R as well: invalid parameters give `NaN`.
public enum DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its allowed range, for example a negative standard deviation.
    case invalidParameter(distribution: String, parameter: String, value: Double, requirement: String)
    /// A numerical routine failed (reported by the linear algebra layer); this indicates a bug.
    case numericalFailure(String)

    /// A sentence for people, saying what is wrong and what is required.
    public var description: String {
        switch self {
        case let .invalidParameter(distribution, parameter, value, requirement):
            return "\(distribution): invalid \(parameter) = \(value); \(parameter) must be \(requirement)"
        case let .numericalFailure(what):
            return "numerical failure: \(what)"
        }
    }
}

/// Checks a parameter and throws a `DistributionError.invalidParameter` naming it when `ok` is false.
@inline(__always)
func require(_ ok: Bool, _ distribution: String, _ parameter: String, _ value: Double,
             _ requirement: String) throws(DistributionError) {
    if !ok {
        throw DistributionError.invalidParameter(distribution: distribution, parameter: parameter,
                                                 value: value, requirement: requirement)
    }
}

/// Converts a Swift flag to the `int` flags Rmath takes.
@inline(__always) func cFlag(_ b: Bool) -> Int32 { b ? 1 : 0 }
