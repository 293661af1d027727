import Foundation
import Models

extension ChiSquareTest {
    /// `{"statistic": ..., "df": ..., "p_value": ...}`.
    public var json: JSONValue {
        .object([("statistic", .number(statistic)), ("df", .number(df)), ("p_value", .number(pValue))])
    }
}

extension CoxModel {
    /// Number of estimated (not aliased) coefficients: the `df` of the contract, R's `AIC(fit)` penalty.
    public var estimatedCoefficients: Int { coefficients.filter { $0.estimate.isFinite }.count }

    /// R's `AIC(coxph)`: `-2 loglik + 2 p`; `nil` for a frailty fit (its penalized likelihood has no AIC
    /// comparable with R's).
    public var aic: Double? { frailty == nil ? -2 * loglik + 2 * Double(estimatedCoefficients) : nil }

    /// R's `BIC(coxph)`: `-2 loglik + log(number of events) p`; `nil` for a frailty fit.
    public var bic: Double? {
        frailty == nil ? -2 * loglik + Foundation.log(Double(Swift.max(nEvents, 1))) * Double(estimatedCoefficients) : nil
    }

    /// The fit as one JSON object following DESIGN.md's contract, keys in the contract's order:
    /// `model ("coxph"), formula, family (null), link (null), method ("efron"|"breslow"), nagq (null), n_obs,
    /// n_dropped, groups (frailty or cluster groups by name), converged, warnings, loglik` (the log partial
    /// likelihood at the estimate, R's `fit$loglik[2]`), `deviance (null), aic, bic, df, coefficients` (log
    /// hazard ratios; `std_error` is the robust one when `robust`), `random_effects ([]), random_correlations
    /// ([]), residual_sd, icc, median_odds_ratio (null), frailty` (`{group, distribution, variance}`, then
    /// `groups, df, integrated_loglik`) — followed by Cox extras: `n_events, loglik_null, hazard_ratios,
    /// robust, naive_std_error, clusters, lr_test, wald_test, score_test, robust_score_test, concordance,
    /// strata, iterations, conf_level`.
    public func json(formula: String?) -> JSONValue {
        var groups: [(String, JSONValue)] = []
        if let f = frailty { groups.append((f.group, .integer(f.groups))) }
        let frailtyJSON: JSONValue = frailty.map { f in
            .object([("group", .string(f.group)), ("distribution", .string(f.distribution)), ("variance", .number(f.variance)),
                     ("groups", .integer(f.groups)), ("df", .number(f.df)), ("integrated_loglik", .number(f.integratedLoglik)),
                     ("next_variance", f.nextVariance.map { .number($0) } ?? .null),
                     ("search_converged", f.searchConverged.map { .bool($0) } ?? .null)])
        } ?? .null
        let concordanceJSON: JSONValue = concordance.map { c in
            .object([("concordance", .number(c.value)), ("concordant", .number(c.concordant)), ("discordant", .number(c.discordant)),
                     ("tied_risk", .number(c.tiedX)), ("tied_time", .number(c.tiedY))])
        } ?? .null
        return .object([
            ("model", .string("coxph")),
            ("formula", formula.map { .string($0) } ?? .null),
            ("family", .null),
            ("link", .null),
            ("method", .string(ties.rawValue)),
            ("nagq", .null),
            ("n_obs", .integer(nObs)),
            ("n_dropped", .integer(nDropped)),
            ("groups", .object(groups)),
            ("converged", .bool(converged)),
            ("warnings", .array(warnings.map { .string($0) })),
            ("loglik", .number(loglik)),
            ("deviance", .null),
            ("aic", .number(aic)),
            ("bic", .number(bic)),
            ("df", .integer(estimatedCoefficients)),
            ("coefficients", .array(coefficients.map(\.json))),
            ("random_effects", .array([])),
            ("random_correlations", .array([])),
            ("residual_sd", .null),
            ("icc", .null),
            ("median_odds_ratio", .null),
            ("frailty", frailtyJSON),
            ("n_events", .integer(nEvents)),
            ("loglik_null", .number(loglikNull)),
            ("hazard_ratios", .array(hazardRatios.map { h in
                .object([("term", .string(h.term)), ("estimate", .number(h.ratio)),
                         ("conf_low", .number(h.confLow)), ("conf_high", .number(h.confHigh))])
            })),
            ("robust", .bool(robust)),
            ("naive_std_error", .array(naiveStdErrors.map { .number($0) })),
            ("clusters", clusters.map { .integer($0) } ?? .null),
            ("lr_test", likelihoodRatioTest.json),
            ("wald_test", waldTest.json),
            ("score_test", scoreTest.statistic.isNaN ? .null : scoreTest.json),
            ("robust_score_test", robustScoreTest.map(\.json) ?? .null),
            ("concordance", concordanceJSON),
            ("strata", .array(strata.map { .string($0) })),
            ("iterations", .integer(iterations)),
            ("conf_level", .number(confLevel)),
        ])
    }
}
