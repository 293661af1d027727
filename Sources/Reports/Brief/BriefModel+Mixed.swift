import Models

extension BriefModel {
    /// The summary of a mixed-model fit: the fixed effects and their covariance (so predictions are for a
    /// typical school, u = 0), the group counts, and — for the grouping factor `school` (or, when nil, the
    /// first grouping factor with a random intercept) of a logistic model — the random-intercept variance as
    /// `schoolVariation` (nil for other families and links).
    ///
    /// - Parameters:
    ///   - fit: The fitted model.
    ///   - formula: The formula as written.
    ///   - nDropped: Rows dropped for missing values (default: the fit's own count).
    ///   - school: The grouping factor that identifies schools.
    ///   - schoolsLabel: How the methods box names that factor's levels (`"schools"`, `"scholen"`); other
    ///     factors keep their names.
    public init(_ fit: MixedModelFit, formula: String, nDropped: Int? = nil, school: String? = nil, schoolsLabel: String = "schools") {
        let method: String
        switch fit.method {
        case "reml": method = "restricted maximum likelihood (REML)"
        case "ml": method = "maximum likelihood"
        case "agq": method = "maximum likelihood (adaptive Gauss-Hermite quadrature, \(fit.nAGQ) points)"
        case "nagq0": method = "maximum likelihood (fixed effects within PIRLS, nAGQ = 0)"
        default: method = "maximum likelihood (Laplace approximation)"
        }
        var groups: [String: Int] = [:]
        for g in fit.groups { groups[g.group == school ? schoolsLabel : g.group] = g.levels }
        self.init(kind: fit.model, formula: formula, family: fit.family.rawValue, link: fit.link,
                  coefficients: fit.coefficients, covariance: fit.covariance, nObs: fit.nObs, nDropped: nDropped ?? fit.nDropped,
                  groups: groups, schoolVariation: BriefModel.schoolVariation(fit, school: school),
                  method: method, warnings: fit.warnings)
    }

    /// The random-intercept variance of the school grouping factor, with its number of levels — for logistic
    /// models only, since the brief reads it as a median odds ratio and a latent-scale ICC.
    static func schoolVariation(_ fit: MixedModelFit, school: String?) -> SchoolVariation? {
        guard fit.family == .binomial, fit.link == .logit else { return nil }
        let intercepts = fit.randomEffects.filter { $0.term == "(Intercept)" && $0.group != "Residual" }
        guard let vc = school.flatMap({ s in intercepts.first { $0.group == s } }) ?? intercepts.first else { return nil }
        let levels = fit.groups.first { $0.group == vc.group }?.levels ?? 0
        return SchoolVariation(variance: vc.variance, schools: levels)
    }
}

extension SchoolEffect {
    /// The schools' random intercepts (conditional modes with conditional SDs) of a mixed-model fit, for the
    /// grouping factor `school` (or the first term with an intercept); empty when there is none.
    public static func effects(_ fit: MixedModelFit, school: String? = nil) -> [SchoolEffect] {
        let terms = fit.conditionalModes.filter { $0.columnNames.contains("(Intercept)") }
        guard let t = school.flatMap({ s in terms.first { $0.group == s } }) ?? terms.first,
              let column = t.columnNames.firstIndex(of: "(Intercept)") else { return [] }
        let k = t.columnNames.count
        return t.levels.indices.compactMap { level in
            let i = level * k + column
            guard i < t.modes.count, i < t.conditionalSD.count else { return nil }
            return SchoolEffect(school: t.levels[level], mode: t.modes[i], sd: t.conditionalSD[i])
        }
    }
}
