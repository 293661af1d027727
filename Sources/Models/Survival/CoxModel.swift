import Linalg

/// A test statistic with its degrees of freedom and upper-tail chi-square p-value.
public struct ChiSquareTest: Sendable, Equatable, Codable {
    /// The statistic.
    public var statistic: Double
    /// Degrees of freedom.
    public var df: Double
    /// `P(chi2_df > statistic)`.
    public var pValue: Double

    enum CodingKeys: String, CodingKey { case statistic, df, pValue = "p_value" }

    /// Creates a test result, computing the p-value.
    public init(statistic: Double, df: Double) {
        self.statistic = statistic
        self.df = df
        self.pValue = df > 0 ? SurvivalProbability.chiSquareUpper(statistic, df: df) : .nan
    }
}

/// A hazard ratio `exp(beta)` with its Wald interval.
public struct HazardRatio: Sendable, Equatable, Codable {
    /// Term name.
    public var term: String
    /// `exp(estimate)`.
    public var ratio: Double
    /// Lower limit.
    public var confLow: Double
    /// Upper limit.
    public var confHigh: Double

    enum CodingKeys: String, CodingKey { case term, ratio, confLow = "conf_low", confHigh = "conf_high" }
}

/// A fitted Cox proportional hazards model (R's `coxph`), as an immutable value.
///
/// `coefficients` follow DESIGN.md's JSON contract (estimate = log hazard ratio; `std_error` is the
/// robust one when `robust` is true, as R prints it); `loglik` is the log partial likelihood at the
/// estimate (R's `fit$loglik[2]`) and `loglikNull` at beta = 0 (`fit$loglik[1]`).
public struct CoxModel: Sendable, Equatable, Codable {
    /// Coefficient table (log hazard ratios).
    public var coefficients: [Coefficient]
    /// Hazard ratios with intervals.
    public var hazardRatios: [HazardRatio]
    /// Model-based (naive) standard errors; equal to the table's when not robust.
    public var naiveStdErrors: [Double]
    /// Variance of the estimates (robust when `robust`), p x p.
    public var variance: Matrix
    /// Model-based variance (inverse information), p x p.
    public var naiveVariance: Matrix
    /// `true` when the table uses the sandwich variance.
    public var robust: Bool
    /// Number of clusters of the robust variance (rows when no cluster was given).
    public var clusters: Int?
    /// Log partial likelihood at the estimate.
    public var loglik: Double
    /// Log partial likelihood at beta = 0.
    public var loglikNull: Double
    /// Likelihood-ratio test of all coefficients.
    public var likelihoodRatioTest: ChiSquareTest
    /// Wald test of all coefficients (with the table's variance).
    public var waldTest: ChiSquareTest
    /// Score (log-rank) test at beta = 0.
    public var scoreTest: ChiSquareTest
    /// Robust score test (R's `rscore`), when robust.
    public var robustScoreTest: ChiSquareTest?
    /// Tie handling.
    public var ties: CoxTies
    /// Rows used.
    public var nObs: Int
    /// Rows dropped before fitting (missing values), from the model frame.
    public var nDropped: Int
    /// (Unweighted) number of events.
    public var nEvents: Int
    /// Newton–Raphson iterations.
    public var iterations: Int
    /// `false` if the iteration limit was reached.
    public var converged: Bool
    /// Weighted means used to centre the covariates.
    public var means: [Double]
    /// Strata names when stratified (`strata(x)`), otherwise empty.
    public var strata: [String]
    /// Warnings (non-convergence, infinite or aliased coefficients, constant covariates).
    public var warnings: [String]
    /// Confidence level of the intervals.
    public var confLevel: Double
    /// Shared frailty, when the model has one.
    public var frailty: FrailtySummary?
    /// Harrell's concordance of the risk scores (not computed for frailty fits).
    public var concordance: Concordance? = nil

    enum CodingKeys: String, CodingKey {
        case coefficients, variance, robust, clusters, loglik, ties, iterations, converged, means, strata, warnings, frailty, concordance
        case hazardRatios = "hazard_ratios", naiveStdErrors = "naive_std_errors", naiveVariance = "naive_variance"
        case loglikNull = "loglik_null", likelihoodRatioTest = "lr_test", waldTest = "wald_test", scoreTest = "score_test"
        case robustScoreTest = "robust_score_test", nObs = "n_obs", nDropped = "n_dropped", nEvents = "n_events"
        case confLevel = "conf_level"
    }

    /// Coefficient estimates (log hazard ratios).
    public var estimates: [Double] { coefficients.map(\.estimate) }
    /// Standard errors of the table.
    public var stdErrors: [Double] { coefficients.map(\.stdError) }
    /// Term names.
    public var terms: [String] { coefficients.map(\.term) }
}

/// The frailty part of a Cox model, in the JSON contract's vocabulary.
public struct FrailtySummary: Sendable, Equatable, Codable {
    /// Grouping variable.
    public var group: String
    /// `gamma` or `gaussian`.
    public var distribution: String
    /// Estimated frailty variance (theta): the variance of the final inner fit, at which the coefficients,
    /// standard errors and log-likelihoods were computed (the last row of R's `fit$history[[1]]$history`).
    public var variance: Double
    /// Number of groups.
    public var groups: Int
    /// Integrated (marginal) log-likelihood reported by the variance search, when available.
    public var integratedLoglik: Double?
    /// Effective degrees of freedom of the penalized fit.
    public var df: Double?
    /// The variance the outer search proposed after its last fit, which R prints as "Variance of random
    /// effect" (`fit$history[[1]]$theta`). It equals `variance` to the search's tolerance when the search
    /// converged; when it ran out of outer iterations (R's `outer.max`, 10; a warning says so) it is the
    /// search's next guess, at which no fit was made.
    public var nextVariance: Double? = nil
    /// Whether the outer search met its tolerance (R's `fit$history[[1]]$done`).
    public var searchConverged: Bool? = nil

    enum CodingKeys: String, CodingKey {
        case group, distribution, variance, groups, df
        case integratedLoglik = "integrated_loglik"
        case nextVariance = "next_variance", searchConverged = "search_converged"
    }
}
