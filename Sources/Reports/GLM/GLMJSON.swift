import Models

extension Coefficient {
    /// The coefficient as a JSON object with DESIGN.md's keys (`term`, `estimate`, `std_error`, `statistic`,
    /// `p_value`, `conf_low`, `conf_high`); non-finite numbers (aliased terms) become `null`.
    public var json: JSONValue {
        .object([("term", .string(term)), ("estimate", .number(estimate)), ("std_error", .number(stdError)),
                 ("statistic", .number(statistic)), ("p_value", .number(pValue)),
                 ("conf_low", .number(confLow)), ("conf_high", .number(confHigh))])
    }
}

extension GLMFit {
    /// The fit as one JSON object following DESIGN.md's contract, keys in the contract's order:
    /// `model, formula, family, link, method, nagq, n_obs, n_dropped, groups, converged, warnings, loglik,
    /// deviance, aic, bic, df, coefficients, random_effects, random_correlations, residual_sd, icc,
    /// median_odds_ratio, frailty` (nulls and empties where a GLM has nothing to say; `residual_sd` is
    /// the square root of the Gaussian dispersion), followed by GLM extras: `null_deviance, df_residual,
    /// df_null, rank, iterations, dispersion, statistic, conf_level`.
    public var json: JSONValue {
        .object([
            ("model", .string("glm")),
            ("formula", formula.map { .string($0) } ?? .null),
            ("family", .string(family.rawValue)),
            ("link", .string(link.rawValue)),
            ("method", .string("irls")),
            ("nagq", .null),
            ("n_obs", .integer(nObs)),
            ("n_dropped", .integer(nDropped)),
            ("groups", .object([])),
            ("converged", .bool(converged)),
            ("warnings", .array(warnings.map { .string($0) })),
            ("loglik", .number(logLikelihood)),
            ("deviance", .number(deviance)),
            ("aic", .number(aic)),
            ("bic", .number(bic)),
            ("df", .integer(logLikelihoodDF)),
            ("coefficients", .array(coefficients.map(\.json))),
            ("random_effects", .array([])),
            ("random_correlations", .array([])),
            ("residual_sd", family.estimatesDispersion ? .number(dispersion.squareRoot()) : .null),
            ("icc", .null),
            ("median_odds_ratio", .null),
            ("frailty", .null),
            ("null_deviance", .number(nullDeviance)),
            ("df_residual", .integer(dfResidual)),
            ("df_null", .integer(dfNull)),
            ("rank", .integer(rank)),
            ("iterations", .integer(iterations)),
            ("dispersion", .number(dispersion)),
            ("statistic", .string(statisticKind.rawValue)),
            ("conf_level", .number(confidenceLevel)),
        ])
    }
}
