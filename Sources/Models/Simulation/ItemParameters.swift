/// One Likert item of a climate scale: a response `1...(thresholds.count + 1)` from the ordered-threshold
/// model `y* = ±loading · θ + sqrt(1 − loading²) · ε`, category = 1 + number of thresholds below `y*`.
public struct ItemParameters: Sendable, Equatable {
    /// Column name in pupils.csv (e.g. `tsup3`).
    public var name: String
    /// Standardised loading on the latent scale score (0 < loading < 1).
    public var loading: Double
    /// `true` for a negatively worded item: its raw answer falls as the latent score rises; scale scores
    /// use `(categories + 1) − answer`.
    public var reversed: Bool
    /// Increasing thresholds on the latent response scale (3 thresholds give a 4-point item).
    public var thresholds: [Double]

    /// Creates an item.
    public init(name: String, loading: Double, reversed: Bool, thresholds: [Double]) {
        self.name = name
        self.loading = loading
        self.reversed = reversed
        self.thresholds = thresholds
    }
}
