import Foundation

/// The scale on which pointwise confidence intervals for a survival curve are built (R's `conf.type`).
public enum SurvivalConfidenceType: String, Sendable, Codable, CaseIterable {
    /// `exp(log S ± z se)`, upper end capped at 1 (R's default).
    case log
    /// `exp(-exp(log(-log S) ∓ z se / log S))`.
    case logLog = "log-log"
    /// `S ± z se S`, clipped to [0, 1].
    case plain
    /// No intervals.
    case none

    /// The interval at survival `s` whose cumulative-hazard standard error is `se`
    /// (R's `survfit_confint` with `logse = TRUE`). Undefined ends are NaN (R's `NA`).
    public func interval(survival s: Double, stdErr se: Double, z: Double) -> (low: Double, high: Double) {
        switch self {
        case .none:
            return (.nan, .nan)
        case .plain:
            let half = se * s * z
            return (Swift.max(s - half, 0), Swift.min(s + half, 1))
        case .log:
            guard s > 0 else { return (.nan, .nan) }
            let l = Foundation.log(s)
            return (exp(l - z * se), Swift.min(exp(l + z * se), 1))
        case .logLog:
            guard s > 0 && s < 1 else { return (.nan, .nan) }
            let l = Foundation.log(s)
            let half = z * se / l
            let ll = Foundation.log(-l)
            return (exp(-exp(ll - half)), exp(-exp(ll + half)))
        }
    }
}
