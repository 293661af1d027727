import Formula
import Frames

/// ICC(1) from a random-intercept model `y ~ 1 + (1 | group)` fitted by REML (or ML): the school
/// variance τ² over τ² + σ². This is the model-based counterpart of the one-way ANOVA estimate in
/// `IntraclassCorrelation` (the two agree closely in balanced data; the model-based one is never
/// negative and handles unequal group sizes by likelihood). Matches
/// `lme4::lmer(y ~ 1 + (1 | g))` followed by `VarCorr()`.
///
/// ```swift
/// let icc = try ModelBasedICC(variable: "support", values: support, grouping: schools)
/// icc.icc1          // τ² / (τ² + σ²)
/// ```
public struct ModelBasedICC: Sendable, Equatable, Codable {
    /// The variable's name.
    public let variable: String
    /// Between-group (random-intercept) variance τ².
    public let betweenVariance: Double
    /// Within-group (residual) variance σ².
    public let withinVariance: Double
    /// τ² / (τ² + σ²).
    public let icc1: Double
    /// The estimated grand mean (the model's intercept).
    public let intercept: Double
    /// `true` when fitted by REML (the default), `false` for ML.
    public let reml: Bool
    /// The REML criterion (REML) or deviance (ML) at the optimum.
    public let criterion: Double
    /// Rows used (value and group present).
    public let n: Int
    /// Groups with at least one row used.
    public let groupCount: Int
    /// `true` when τ² is estimated at zero (a singular fit: groups do not differ).
    public let singular: Bool

    /// Fits `values ~ 1 + (1 | group)`; rows with a missing value (`NaN`) or group are left out.
    /// - Throws: `MeasurementError` when fewer than two groups remain or the values do not vary.
    public init(variable: String, values: [Double], grouping: Grouping, reml: Bool = true) throws {
        guard values.count == grouping.rowCount else {
            throw MeasurementError.lengthMismatch(name: variable, expected: grouping.rowCount, found: values.count)
        }
        let used = values.indices.filter { !values[$0].isNaN && grouping.index[$0] >= 0 }
        let groupsUsed = Set(used.map { grouping.index[$0] }).count
        guard groupsUsed >= 2 else {
            throw MeasurementError.invalid("'\(variable)': the model-based ICC needs values in at least two groups (found \(groupsUsed))")
        }
        guard let first = used.first, used.contains(where: { values[$0] != values[first] }) else {
            throw MeasurementError.noVariance(item: variable, validCount: used.count)
        }
        let codes = grouping.index.map { Int32($0) }
        let table = try Table(columns: [
            Column(name: "y", values: .double(values), missing: values.map(\.isNaN)),
            Column(name: "g", values: .factor(Factor(codes: codes, levels: grouping.labels)),
                   missing: grouping.index.map { $0 < 0 }),
        ])
        let frame = try ModelFrame.build(formula: "y ~ 1 + (1 | g)", data: table)
        let fit = try LinearMixedModel(reml: reml).fit(frame)
        guard let tau2 = fit.randomEffects.first?.variance, let sd = fit.residualSD,
              let intercept = fit.coefficients.first?.estimate else {
            throw MeasurementError.invalid("'\(variable)': the random-intercept model gave no variance components")
        }
        let sigma2 = sd * sd
        self.variable = variable
        self.betweenVariance = tau2
        self.withinVariance = sigma2
        self.icc1 = try IntraclassCorrelation.fromVarianceComponents(between: tau2, within: sigma2)
        self.intercept = intercept
        self.reml = reml
        self.criterion = fit.remlCriterion ?? fit.deviance
        self.n = fit.nObs
        self.groupCount = groupsUsed
        self.singular = tau2 == 0
    }
}
