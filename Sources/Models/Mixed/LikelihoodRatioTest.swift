internal import CRmath

/// A likelihood-ratio test between two nested mixed models (lme4's `anova(m0, m1)`).
public struct LikelihoodRatioTest: Sendable, Equatable, Codable {
    /// `2 (logLik(larger) - logLik(smaller))`.
    public var statistic: Double
    /// Difference in the number of parameters.
    public var df: Int
    /// Upper chi-square tail probability (conservative when a variance is tested on its boundary).
    public var pValue: Double

    /// Compares `smaller` (fewer parameters) with `larger`. REML fits are compared only when their fixed effects
    /// agree (otherwise refit with ML, as lme4's `anova` does); both fits must use the same observations.
    public init(_ smaller: MixedModelFit, _ larger: MixedModelFit) throws {
        guard smaller.nObs == larger.nObs else {
            throw MixedModelError.unsupported("models were fitted to different numbers of observations (\(smaller.nObs) and \(larger.nObs))")
        }
        guard larger.df > smaller.df else {
            throw MixedModelError.unsupported("the second model must have more parameters than the first (\(larger.df) vs \(smaller.df))")
        }
        if smaller.method == "reml" || larger.method == "reml" {
            guard smaller.fixedNames == larger.fixedNames, smaller.method == larger.method else {
                throw MixedModelError.unsupported("REML likelihoods of models with different fixed effects are not comparable; refit both by ML (reml: false)")
            }
        }
        guard smaller.model == larger.model, smaller.family == larger.family, smaller.nAGQ == larger.nAGQ else {
            throw MixedModelError.unsupported("models differ in family or approximation and cannot be compared")
        }
        statistic = Swift.max(0, 2 * (larger.logLikelihood - smaller.logLikelihood))
        df = larger.df - smaller.df
        pValue = pchisq(statistic, Double(df), 0, 0)
    }
}
