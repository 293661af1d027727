import Linalg

/// A fitted generalized linear model: an immutable value with everything R's `glm` object and
/// `summary.glm` report. Presenters read it; nothing refits.
public struct GLMFit: Sendable, Codable {
    /// The specification that was fitted.
    public var model: GLM
    /// The formula as written (when the fit came from one).
    public var formula: String?
    /// The response as written (`use`, `cbind(ncases, ncontrols)`).
    public var responseName: String
    /// Names of all model-matrix columns, aliased ones included.
    public var columnNames: [String]
    /// Estimates per column; `NaN` (R's `NA`) for aliased columns.
    public var estimates: [Double]
    /// `true` for columns dropped because they are linear combinations of earlier ones.
    public var aliased: [Bool]
    /// Covariance of the estimates (p x p, dispersion included); rows and columns of aliased terms are `NaN`.
    public var covariance: Matrix
    /// The dispersion used for the covariance: Pearson chi-square / residual df (Gaussian), 1 otherwise.
    public var dispersion: Double
    /// Coefficient table (one row per column; aliased rows are all `NaN` but for the term).
    public var coefficients: [Coefficient]
    /// `t` for the Gaussian family (dispersion estimated), `z` otherwise.
    public var statisticKind: StatisticKind
    /// Level of the Wald intervals in `coefficients` (0.95).
    public var confidenceLevel: Double
    /// Residual deviance.
    public var deviance: Double
    /// Null deviance (intercept-only model, with the offset when there is one, as R's `glm` computes it).
    public var nullDeviance: Double
    /// Log-likelihood (R's `logLik.glm`: `df - aic / 2`).
    public var logLikelihood: Double
    /// Number of estimated parameters behind `logLikelihood` (rank, plus one for the Gaussian scale).
    public var logLikelihoodDF: Int
    /// Akaike information criterion.
    public var aic: Double
    /// Bayesian information criterion (`log(nObs)` per parameter).
    public var bic: Double
    /// Residual degrees of freedom (rows with positive weight minus rank).
    public var dfResidual: Int
    /// Null-model degrees of freedom.
    public var dfNull: Int
    /// Rank of the model matrix.
    public var rank: Int
    /// Number of rows used.
    public var nObs: Int
    /// Rows dropped for missing values before the fit.
    public var nDropped: Int
    /// IRLS iterations (R's "Number of Fisher Scoring iterations").
    public var iterations: Int
    /// `true` when the relative deviance change fell below `epsilon` within `maxIterations`.
    public var converged: Bool
    /// `true` when IRLS had to halve a step (R's `boundary`).
    public var boundary: Bool
    /// Everything a careful reader must know: non-convergence, separation, aliased terms, step halving.
    public var warnings: [String]
    /// Response on the fitting scale (proportions for binomial).
    public var response: [Double]
    /// Prior weights as IRLS used them (trials x case weights for binomial counts).
    public var priorWeights: [Double]
    /// Working weights of the last iteration (R's `fit$weights`).
    public var workingWeights: [Double]
    /// Fitted means `mu`.
    public var fittedValues: [Double]
    /// Linear predictor `eta` (offset included).
    public var linearPredictor: [Double]
    /// The offset, when there was one.
    public var offset: [Double]?

    /// Standard errors (`NaN` for aliased terms).
    public var standardErrors: [Double] { coefficients.map(\.stdError) }

    /// The family.
    public var family: Family { model.family }
    /// The link.
    public var link: Link { model.link }

    /// Number of aliased (not estimable) columns.
    public var aliasedCount: Int { aliased.filter { $0 }.count }
}

/// The residual types of R's `residuals.glm`.
public enum GLMResidualKind: String, Sendable, CaseIterable, Codable {
    /// `sign(y - mu) * sqrt(d_i)`.
    case deviance
    /// `(y - mu) * sqrt(w) / sqrt(V(mu))`.
    case pearson
    /// `(y - mu) / mu.eta(eta)`.
    case working
    /// `y - mu`.
    case response
}

extension GLMFit {
    /// Residuals of the given kind, one per row used (as R's `residuals(fit, type)`).
    public func residuals(_ kind: GLMResidualKind = .deviance) -> [Double] {
        let n = response.count
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let y = response[i], mu = fittedValues[i]
            switch kind {
            case .response: r[i] = y - mu
            case .working: r[i] = (y - mu) / link.muEta(linearPredictor[i])
            case .pearson: r[i] = (y - mu) * priorWeights[i].squareRoot() / family.variance(mu).squareRoot()
            case .deviance:
                let d = Swift.max(family.unitDeviance(y: y, mu: mu, weight: priorWeights[i]), 0)
                r[i] = (y > mu ? 1 : (y < mu ? -1 : 0)) * d.squareRoot()
                if y == mu { r[i] = 0 }
            }
        }
        return r
    }

    /// Pearson chi-square statistic `sum(pearson residuals^2)`.
    public var pearsonChiSquare: Double { residuals(.pearson).reduce(0) { $0 + $1 * $1 } }
}
