import Distributions
import Linalg

/// The contextual effect of a pupil-level variable: the between-school effect minus the within-school
/// effect, `β_between - β_within`, from a model with the school mean and the within-centered variable
/// (Enders & Tofighi 2007; Raudenbush & Bryk 2002, ch. 5). Its standard error comes from the fitted model's
/// covariance matrix: `sqrt(V_bb + V_ww - 2 V_bw)`.
///
/// (In a model with the grand-mean-centered variable instead, the school-mean coefficient itself is the
/// contextual effect, with the same value and standard error.)
public struct ContextualEffect: Sendable, Equatable, Codable {
    /// Term of the school-mean (between) effect.
    public let betweenTerm: String
    /// Term of the within-centered (within) effect.
    public let withinTerm: String
    /// `β_between - β_within`.
    public let estimate: Double
    /// Its standard error.
    public let stdError: Double
    /// Wald statistic `estimate / stdError`.
    public let statistic: Double
    /// Two-sided p-value from the standard normal.
    public let pValue: Double

    /// The contextual effect from a coefficient vector, its covariance matrix and the two term names.
    /// - Parameters:
    ///   - terms: coefficient names, in the order of `estimates` and of `covariance`'s rows and columns.
    ///   - estimates: the coefficients.
    ///   - covariance: their covariance matrix (`vcov`).
    ///   - between: name of the school-mean term.
    ///   - within: name of the within-centered term.
    public init(terms: [String], estimates: [Double], covariance: Matrix, between: String, within: String) throws {
        guard terms.count == estimates.count, covariance.rows == terms.count, covariance.columns == terms.count else {
            throw MeasurementError.invalid("\(terms.count) terms, \(estimates.count) estimates and a "
                + "\(covariance.rows)x\(covariance.columns) covariance matrix do not match")
        }
        guard let b = terms.firstIndex(of: between) else { throw MeasurementError.unknownTerm(between, available: terms) }
        guard let w = terms.firstIndex(of: within) else { throw MeasurementError.unknownTerm(within, available: terms) }
        guard b != w else { throw MeasurementError.invalid("the between and within terms must differ") }
        let variance = covariance[b, b] + covariance[w, w] - 2 * covariance[b, w]
        guard variance >= 0, variance.isFinite else {
            throw MeasurementError.invalid("the covariance matrix gives a negative variance for '\(between)' - '\(within)'")
        }
        betweenTerm = between
        withinTerm = within
        estimate = estimates[b] - estimates[w]
        stdError = variance.squareRoot()
        statistic = estimate / stdError
        pValue = twoSidedPValue(z: statistic)
    }
}

extension ContextualEffect {
    /// The contextual effect from a fitted model's coefficient table (any model reporting `Coefficient`
    /// rows) and its covariance matrix, in the order of `coefficients`.
    public init(coefficients: [Coefficient], covariance: Matrix, between: String, within: String) throws {
        try self.init(terms: coefficients.map(\.term), estimates: coefficients.map(\.estimate), covariance: covariance,
                      between: between, within: within)
    }
}
