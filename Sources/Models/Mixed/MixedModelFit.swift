import Linalg

/// One variance component: the variance and standard deviation of one random effect
/// (JSON `random_effects`: `{group, term, variance, sd}`).
public struct VarianceComponent: Sendable, Equatable, Codable {
    /// Grouping factor (`school`, `class:school`).
    public var group: String
    /// Random-effect column (`(Intercept)`, `ses`).
    public var term: String
    /// Variance of the random effect (on the link scale for GLMMs).
    public var variance: Double
    /// Standard deviation.
    public var sd: Double
}

/// A correlation between two random effects of the same term (JSON `random_correlations`).
public struct RandomCorrelation: Sendable, Equatable, Codable {
    /// Grouping factor.
    public var group: String
    /// First random-effect column.
    public var term1: String
    /// Second random-effect column.
    public var term2: String
    /// Correlation.
    public var corr: Double
}

/// Conditional modes (BLUPs for LMMs) of one term's random effects with their conditional SDs.
public struct ConditionalModes: Sendable, Equatable, Codable {
    /// Grouping factor.
    public var group: String
    /// Random-effect columns.
    public var columnNames: [String]
    /// Level names of the grouping factor.
    public var levels: [String]
    /// Modes, level-major: `modes[level * k + column]`.
    public var modes: [Double]
    /// Conditional standard deviations, same layout as `modes`.
    public var conditionalSD: [Double]

    /// The mode of `column` for level index `level`.
    public func mode(level: Int, column: Int = 0) -> Double { modes[level * columnNames.count + column] }
    /// The conditional SD of `column` for level index `level`.
    public func sd(level: Int, column: Int = 0) -> Double { conditionalSD[level * columnNames.count + column] }
}

/// Intra-class correlation and (for logistic models) median odds ratio for one grouping factor.
public struct GroupSummary: Sendable, Equatable, Codable {
    /// Grouping factor.
    public var group: String
    /// Number of levels.
    public var levels: Int
    /// ICC of the intercept variance: `var / (sum of intercept variances + residual)`, residual = sigma^2 (LMM),
    /// pi^2/3 (logit), 1 (probit) or pi^2/6 (cloglog) on the latent scale; `nil` where undefined (Poisson).
    public var icc: Double?
    /// Median odds ratio `exp(sqrt(2 var) * qnorm(0.75))` for logit models; `nil` otherwise.
    public var medianOddsRatio: Double?
}

/// What the optimizer did.
public struct OptimizerSummary: Sendable, Equatable, Codable {
    /// "bobyqa" (NLopt LN_BOBYQA in every stage); for a GLMM with one random-effects term (Laplace), "newton" when
    /// the second stage was the gradient-based Newton/BFGS search (its return code is then 1), or "newton+bobyqa"
    /// when that search did not converge and BOBYQA finished from its best point (evaluations of both added).
    public var optimizer: String
    /// Objective evaluations in each stage.
    public var evaluations: [Int]
    /// NLopt return codes in each stage (positive is success; 5 = evaluation limit).
    public var returnCodes: [Int]
    /// Final objective value.
    public var objective: Double
}

/// A fitted linear or generalized linear mixed model: immutable results, `Codable`.
public struct MixedModelFit: Sendable, Codable {
    /// "lmm" or "glmm".
    public var model: String
    /// Family ("gaussian" for LMMs).
    public var family: Family
    /// Link.
    public var link: Link
    /// "reml", "ml", "laplace", "agq" or "nagq0" (fixed effects inside PIRLS, lme4's nAGQ = 0).
    public var method: String
    /// Number of quadrature points (1 = Laplace, 0 = fixed effects inside PIRLS); 0 for LMMs.
    public var nAGQ: Int
    /// Observations used.
    public var nObs: Int
    /// Rows dropped by the model frame for missing values (reported, never silent).
    public var nDropped: Int = 0
    /// Grouping factors and their numbers of levels, in lme4's order.
    public var groups: [GroupSummary]
    /// Fixed effects with SEs, Wald statistics (t for LMMs, z for GLMMs), p-values (NaN for LMMs, as lme4
    /// prints none) and 95% Wald intervals.
    public var coefficients: [Coefficient]
    /// Which statistic `coefficients` carry.
    public var statisticKind: StatisticKind
    /// Covariance matrix of the fixed effects, p x p.
    public var covariance: Matrix
    /// Variance components in lme4's order (`VarCorr`).
    public var randomEffects: [VarianceComponent]
    /// Correlations within vector-valued terms.
    public var randomCorrelations: [RandomCorrelation]
    /// Residual SD (LMMs); `nil` for GLMMs.
    public var residualSD: Double?
    /// Covariance parameters theta (lme4's `getME(fit, "theta")`, same order).
    public var theta: [Double]
    /// Log-likelihood (the REML log-likelihood for REML fits, as lme4's `logLik`).
    public var logLikelihood: Double
    /// -2 log-likelihood at the estimates for ML/GLMM fits; for REML fits the REML criterion.
    public var deviance: Double
    /// REML criterion (REML fits only).
    public var remlCriterion: Double?
    /// Akaike information criterion.
    public var aic: Double
    /// Bayesian information criterion.
    public var bic: Double
    /// Number of estimated parameters.
    public var df: Int
    /// Conditional modes of the random effects with conditional SDs, per term (lme4's order).
    public var conditionalModes: [ConditionalModes]
    /// Fitted values on the response scale, conditional on the random effects.
    public var fitted: [Double]
    /// Linear predictor (conditional), including any offset.
    public var linearPredictor: [Double]
    /// `false` when the optimizer did not report convergence.
    public var converged: Bool
    /// Warnings in words (singular fit naming the term, gradient, evaluation limit), with what to try.
    public var warnings: [String]
    /// The optimizer's record.
    public var optimizer: OptimizerSummary
    /// Fixed-effect column names, for prediction.
    public var fixedNames: [String]
    /// How the fixed-effect SEs were computed: "exact" (LMM), "hessian" (finite-difference Hessian of the
    /// deviance in theta and beta, lme4's default for GLMMs) or "pirls" (information at the conditional modes).
    public var standardErrorMethod: String

    /// Estimated fixed effects.
    public var beta: [Double] { coefficients.map(\.estimate) }
}
