import Formula
import Linalg

/// The response of a GLM on the rows used.
public enum GLMResponse: Sendable, Equatable {
    /// One value per row: a number (Gaussian), a count (Poisson), or a 0/1 outcome or a proportion
    /// (binomial; proportions need the number of trials as prior weights, as in R).
    case values([Double])
    /// `cbind(successes, failures)`: binomial counts per row.
    case counts(successes: [Double], failures: [Double])

    /// Number of rows.
    public var count: Int {
        switch self {
        case .values(let v): return v.count
        case .counts(let s, _): return s.count
        }
    }
}

/// Everything a GLM fit reads: the model matrix, the response, and optional prior weights and offset.
///
/// Usually built from a `ModelFrame` (`GLMData(frame:)`); tests and scripts can build it by hand.
public struct GLMData: Sendable, Equatable {
    /// The model matrix `X` (n x p), column-major.
    public var x: Matrix
    /// Column names as R writes them (`(Intercept)`, `trackTSO`).
    public var columnNames: [String]
    /// The response.
    public var response: GLMResponse
    /// Prior (case) weights, `nil` for all ones.
    public var weights: [Double]?
    /// Offset on the linear-predictor scale, `nil` for none.
    public var offset: [Double]?
    /// `true` when `X` has an intercept column (decides the null model, as R's `glm` does).
    public var hasIntercept: Bool
    /// The response as written in the formula (`use`, `cbind(ncases, ncontrols)`).
    public var responseName: String
    /// The formula as written, for output.
    public var formula: String?
    /// Rows dropped for missing values before the fit (reported, not used).
    public var nDropped: Int

    /// Creates the data of a fit. `hasIntercept` defaults to whether a column is named `(Intercept)`.
    public init(x: Matrix, columnNames: [String], response: GLMResponse, weights: [Double]? = nil,
                offset: [Double]? = nil, hasIntercept: Bool? = nil, responseName: String = "y",
                formula: String? = nil, nDropped: Int = 0) {
        self.x = x
        self.columnNames = columnNames
        self.response = response
        self.weights = weights
        self.offset = offset
        self.hasIntercept = hasIntercept ?? columnNames.contains("(Intercept)")
        self.responseName = responseName
        self.formula = formula
        self.nDropped = nDropped
    }

    /// The GLM view of a model frame. Throws `GLMError.randomEffectsTerm` when the formula has
    /// `( ... | g)` terms and `GLMError.survivalResponse` for a `Surv(...)` response.
    public init(frame: ModelFrame, formula: String? = nil) throws {
        if let term = frame.randomTerms.first {
            throw GLMError.randomEffectsTerm(group: term.grouping.name)
        }
        if frame.frailty != nil || frame.strata != nil || frame.cluster != nil {
            throw GLMError.survivalResponse
        }
        let response: GLMResponse
        let name: String
        switch frame.response {
        case let .vector(n, values):
            response = .values(values); name = n
        case let .binomial(n, successes, failures):
            response = .counts(successes: successes, failures: failures); name = n
        case .survival:
            throw GLMError.survivalResponse
        }
        self.init(x: frame.fixed.matrix, columnNames: frame.fixed.columnNames, response: response,
                  weights: frame.weights, offset: frame.offset, hasIntercept: frame.fixed.hasIntercept,
                  responseName: name, formula: formula, nDropped: frame.nDropped)
    }
}
