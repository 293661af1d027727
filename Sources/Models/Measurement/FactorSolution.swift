import Linalg

/// The estimation method of an exploratory factor analysis.
public enum FactorMethod: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Minimum residual (unweighted least squares), psych's `fm = "minres"`: minimizes the sum of
    /// squared off-diagonal residuals of the correlation matrix.
    case minres
    /// Maximum likelihood, psych's `fm = "ml"` (the criterion of R's `factanal`).
    case ml
}

/// The rotation applied to the loadings of a factor solution.
public enum FactorRotation: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Unrotated (principal-axis orientation; psych's `rotate = "none"`).
    case none
    /// Kaiser-normalized varimax (R's `stats::varimax`, which psych's `rotate = "varimax"` calls),
    /// iterated to full convergence; factors are then ordered by their sum of squared loadings.
    case varimax
}

/// An exploratory factor solution: loadings, communalities, uniquenesses and variance explained.
///
/// Signs follow psych: each factor is oriented so that its loadings sum to a positive number.
public struct FactorSolution: Sendable, Equatable {
    /// Variable names (rows of `loadings`).
    public let names: [String]
    /// Estimation method.
    public let method: FactorMethod
    /// Rotation applied.
    public let rotation: FactorRotation
    /// Loadings, variables x factors.
    public let loadings: Matrix
    /// Communalities `h2` (row sums of squared loadings).
    public let communalities: [Double]
    /// Uniquenesses `u2 = 1 - h2`.
    public let uniquenesses: [Double]
    /// Sum of squared loadings per factor (psych's "SS loadings").
    public let sumsOfSquares: [Double]
    /// Iterations of the estimation (principal-axis steps for minres, objective evaluations for ML).
    public let iterations: Int
    /// `true` when a uniqueness reached its lower bound (0.005, as psych): a Heywood case.
    public let heywood: Bool
    /// The minimized criterion: sum of squared off-diagonal residuals (minres) or the ML discrepancy
    /// `log|Σ| - log|R| + tr(RΣ^-1) - p` with `Σ = ΛΛ' + Ψ` (ML).
    public let criterion: Double

    /// Number of factors.
    public var factorCount: Int { loadings.columns }
    /// Proportion of the total (standardized) variance explained per factor (psych's "Proportion Var").
    public var proportionVariance: [Double] { sumsOfSquares.map { $0 / Double(names.count) } }
    /// Cumulative proportion of variance explained.
    public var cumulativeVariance: [Double] {
        var s = 0.0
        return proportionVariance.map { s += $0; return s }
    }

    init(names: [String], method: FactorMethod, rotation: FactorRotation, loadings: Matrix,
         iterations: Int, heywood: Bool, criterion: Double) {
        let p = loadings.rows, k = loadings.columns
        var h2 = [Double](repeating: 0, count: p)
        var ss = [Double](repeating: 0, count: k)
        for j in 0..<k { for i in 0..<p { let l = loadings[i, j]; h2[i] += l * l; ss[j] += l * l } }
        self.names = names
        self.method = method
        self.rotation = rotation
        self.loadings = loadings
        self.communalities = h2
        self.uniquenesses = h2.map { 1 - $0 }
        self.sumsOfSquares = ss
        self.iterations = iterations
        self.heywood = heywood
        self.criterion = criterion
    }
}
