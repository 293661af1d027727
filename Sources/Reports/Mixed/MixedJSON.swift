import Models

/// What a mixed-model fit does not carry itself but its reports name: the formula and the rows dropped.
public struct MixedFitContext: Sendable, Equatable {
    /// The formula as given.
    public var formula: String?
    /// Rows dropped for missing values; `nil` reports the fit's own count (`MixedModelFit.nDropped`).
    public var nDropped: Int?
    /// The data source for the summary's `Data:` line.
    public var dataName: String?
    /// Scaled residuals for the summary's five-number line (`MixedModelFit.scaledResiduals`), if known.
    public var scaledResiduals: [Double]?

    /// Creates a context.
    public init(formula: String? = nil, nDropped: Int? = nil, dataName: String? = nil, scaledResiduals: [Double]? = nil) {
        self.scaledResiduals = scaledResiduals
        self.formula = formula
        self.nDropped = nDropped
        self.dataName = dataName
    }
}

extension VarianceComponent {
    /// `{group, term, variance, sd}`.
    public var json: JSONValue {
        .object([("group", .string(group)), ("term", .string(term)), ("variance", .number(variance)), ("sd", .number(sd))])
    }
}

extension RandomCorrelation {
    /// `{group, term1, term2, corr}`.
    public var json: JSONValue {
        .object([("group", .string(group)), ("term1", .string(term1)), ("term2", .string(term2)), ("corr", .number(corr))])
    }
}

extension MixedModelFit {
    /// The rows dropped: the context's count if given, else the fit's.
    func dropped(_ context: MixedFitContext) -> Int { context.nDropped ?? nDropped }

    /// The ICC (or median odds ratio) per grouping factor as JSON: `null` when no factor has one, the number
    /// itself when the model has one grouping factor, else an object keyed by grouping factor (`null` entries
    /// where undefined).
    static func perGroup(_ groups: [GroupSummary], _ value: (GroupSummary) -> Double?) -> JSONValue {
        if groups.allSatisfy({ value($0) == nil }) { return .null }
        if groups.count == 1 { return .number(value(groups[0])) }
        return .object(groups.map { ($0.group, .number(value($0))) })
    }

    /// The fit as one JSON object following DESIGN.md's contract, keys in the contract's order:
    /// `model, formula, family, link, method, nagq, n_obs, n_dropped, groups, converged, warnings, loglik,
    /// deviance, aic, bic, df, coefficients, random_effects, random_correlations, residual_sd, icc,
    /// median_odds_ratio, frailty`, followed by mixed-model extras: `reml_criterion, df_residual, statistic,
    /// theta, optimizer {name, evaluations, return_codes, objective}, standard_errors`.
    ///
    /// `method` is `reml`, `ml`, `laplace`, `agq` or `nagq0`; `nagq` is the number of quadrature points for a
    /// GLMM (`null` for an LMM). `groups` maps each grouping factor to its number of levels. `icc` and
    /// `median_odds_ratio` are a number for one grouping factor, an object keyed by factor for several.
    /// `deviance` is lme4's `deviance()`: -2 log-likelihood for ML and GLMM fits, `null` for REML fits
    /// (whose criterion is in `reml_criterion`).
    public func json(_ context: MixedFitContext = MixedFitContext()) -> JSONValue {
        .object([
            ("model", .string(model)),
            ("formula", context.formula.map { .string($0) } ?? .null),
            ("family", .string(family.rawValue)),
            ("link", .string(link.rawValue)),
            ("method", .string(method)),
            ("nagq", model == "glmm" ? .integer(nAGQ) : .null),
            ("n_obs", .integer(nObs)),
            ("n_dropped", .integer(dropped(context))),
            ("groups", .object(groups.map { ($0.group, .integer($0.levels)) })),
            ("converged", .bool(converged)),
            ("warnings", .array(warnings.map { .string($0) })),
            ("loglik", .number(logLikelihood)),
            ("deviance", remlCriterion == nil ? .number(deviance) : .null),
            ("aic", .number(aic)),
            ("bic", .number(bic)),
            ("df", .integer(df)),
            ("coefficients", .array(coefficients.map(\.json))),
            ("random_effects", .array(randomEffects.map(\.json))),
            ("random_correlations", .array(randomCorrelations.map(\.json))),
            ("residual_sd", .number(residualSD)),
            ("icc", Self.perGroup(groups, \.icc)),
            ("median_odds_ratio", Self.perGroup(groups, \.medianOddsRatio)),
            ("frailty", .null),
            ("reml_criterion", .number(remlCriterion)),
            ("df_residual", .integer(nObs - df)),
            ("statistic", .string(statisticKind.rawValue)),
            ("theta", .array(theta.map { .number($0) })),
            ("optimizer", .object([("name", .string(optimizer.optimizer)),
                                   ("evaluations", .array(optimizer.evaluations.map { .integer($0) })),
                                   ("return_codes", .array(optimizer.returnCodes.map { .integer($0) })),
                                   ("objective", .number(optimizer.objective))])),
            ("standard_errors", .string(standardErrorMethod)),
        ])
    }
}
