/// Distributions: densities, CDFs and quantiles (through R's standalone Rmath), Gauss–Hermite rules,
/// and a seeded random number generator.
public enum DistributionsModule {
    /// Module name, for diagnostics.
    public static let name = "Distributions"
}
