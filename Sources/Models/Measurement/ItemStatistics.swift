/// Statistics of one item within its scale (psych's `item.stats` and `alpha.drop`, one row).
public struct ItemStatistics: Sendable, Equatable, Codable {
    /// Item name.
    public let item: String
    /// `true` when the item is reverse-keyed (statistics below are of the keyed item).
    public let reversed: Bool
    /// Number of valid responses (psych's `n`).
    public let validCount: Int
    /// Number of missing responses.
    public let missingCount: Int
    /// Mean of the keyed item.
    public let mean: Double
    /// Standard deviation of the keyed item (divisor n - 1).
    public let sd: Double
    /// Correlation of the item with the scale score, which includes the item (psych's `raw.r`);
    /// pairwise-complete rows of item and score.
    public let itemTotalCorrelation: Double
    /// Item–total correlation from the correlation matrix, as if items were standardized (psych's `std.r`).
    public let standardizedItemTotalCorrelation: Double
    /// Item–total correlation corrected for item overlap and reliability (psych's `r.cor`).
    public let correctedItemTotalCorrelation: Double
    /// Item–rest correlation: the item against the sum of the other items, from the pairwise covariance
    /// matrix (psych's `r.drop`: `(Σ_j C_ij - C_ii) / sqrt(C_ii * Σ C_{-i,-i})`).
    public let itemRestCorrelation: Double
    /// Cronbach's alpha of the scale without this item (`NaN` for a two-item scale).
    public let alphaIfDeleted: Double
    /// Standardized alpha without this item (`NaN` for a two-item scale).
    public let standardizedAlphaIfDeleted: Double
    /// Guttman's lambda 6 without this item (`NaN` for a two-item scale).
    public let lambda6IfDeleted: Double
    /// Mean inter-item correlation without this item (`NaN` for a two-item scale).
    public let averageCorrelationIfDeleted: Double
}
