import Linalg

/// McDonald's omega from a one-factor minimum-residual solution of the (keyed) correlation matrix `R`,
/// with loadings `λ` and uniquenesses `u² = 1 - λ²`.
///
/// Three definitions circulate; all three are reported so that nobody has to guess:
/// - `total`: psych's `omega.tot = (ΣR - Σu²) / ΣR`, the share of the observed total-score variance that is
///   common variance. This is what `psych::omega(x, nfactors = 1)$omega.tot` reports (psych's `omegah` with
///   `schmid` reducing to `fa(R, 1, fm = "minres")` for one factor) and the value in the JSON `omega_total`.
/// - `hierarchical`: psych's `omega_h = (Σλ)² / ΣR`; for one factor it differs from `total` only by the
///   misfit of the model.
/// - `modelBased`: `(Σλ)² / ((Σλ)² + Σu²)`, the model-implied reliability (as in most SEM software).
public struct OmegaEstimates: Sendable, Equatable, Codable {
    /// psych's omega total: `(ΣR - Σu²) / ΣR`.
    public let total: Double
    /// psych's omega hierarchical for one factor: `(Σλ)² / ΣR`.
    public let hierarchical: Double
    /// Model-based omega: `(Σλ)² / ((Σλ)² + Σu²)`.
    public let modelBased: Double

    /// Omega from a one-factor solution of `correlation`.
    public init(solution: FactorSolution, correlation r: Linalg.Matrix) {
        let p = r.rows
        var sumR = 0.0
        for j in 0..<p { for i in 0..<p { sumR += r[i, j] } }
        let sumL = (0..<p).reduce(0.0) { $0 + solution.loadings[$1, 0] }
        let sumU = solution.uniquenesses.reduce(0, +)
        total = (sumR - sumU) / sumR
        hierarchical = sumL * sumL / sumR
        modelBased = sumL * sumL / (sumL * sumL + sumU)
    }
}
