/// ICC(1) and ICC(2) of one variable from a one-way ANOVA by group (Bliese 2000; multilevel's
/// `ICC1(aov(x ~ as.factor(g)))` and `ICC2(...)`):
///
/// - `ICC(1) = (MSB - MSW) / (MSB + (k - 1) MSW)`, the share of variance between groups, with `k = N / G`
///   the mean group size (multilevel's choice; unbalanced designs sometimes use an adjusted k instead);
/// - `ICC(2) = (MSB - MSW) / MSB`, the reliability of the group means.
///
/// Both can be negative when groups differ less than chance would make them (`MSB < MSW`); they are
/// reported as computed, with a warning in `AgreementReport`. For ICC(1) from a fitted random-intercept
/// model use `IntraclassCorrelation.fromVarianceComponents(between:within:)`.
public struct IntraclassCorrelation: Sendable, Equatable, Codable {
    /// Variable name.
    public let variable: String
    /// ICC(1).
    public let icc1: Double
    /// ICC(2).
    public let icc2: Double
    /// Mean square between groups.
    public let meanSquareBetween: Double
    /// Mean square within groups.
    public let meanSquareWithin: Double
    /// Degrees of freedom between groups (`G - 1`).
    public let dfBetween: Int
    /// Degrees of freedom within groups (`N - G`).
    public let dfWithin: Int
    /// Observations used (`N`, rows with a value and a group).
    public let n: Int
    /// Groups with at least one observation (`G`).
    public let groupCount: Int
    /// Rows left out because the value (or the group) was missing.
    public let excludedRows: Int

    /// Mean group size `N / G` used in ICC(1).
    public var meanGroupSize: Double { Double(n) / Double(groupCount) }

    /// The one-way ANOVA estimates for `values` (`NaN` = missing) grouped by `grouping`.
    public init(variable: String, values: [Double], grouping: Grouping) throws {
        guard values.count == grouping.rowCount else {
            throw MeasurementError.lengthMismatch(name: variable, expected: grouping.rowCount, found: values.count)
        }
        let g = grouping.groupCount
        var count = [Int](repeating: 0, count: g)
        var sum = [Double](repeating: 0, count: g)
        var excluded = 0
        for (i, x) in values.enumerated() {
            let k = grouping.index[i]
            if k < 0 || x.isNaN { excluded += 1; continue }
            count[k] += 1; sum[k] += x
        }
        let n = count.reduce(0, +)
        guard n > 0 else { throw MeasurementError.allMissing(variable: variable) }
        let groups = count.filter { $0 > 0 }.count
        guard groups >= 2 else { throw MeasurementError.tooFewGroups(found: groups, minimum: 2) }
        guard n > groups else {
            throw MeasurementError.invalid("'\(variable)': every group has a single observation, so there is no within-group variance")
        }
        let means = (0..<g).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : 0 }
        let grand = sum.reduce(0, +) / Double(n)
        var ssw = 0.0
        for (i, x) in values.enumerated() {
            let k = grouping.index[i]
            if k < 0 || x.isNaN { continue }
            ssw += (x - means[k]) * (x - means[k])
        }
        var ssb = 0.0
        for k in 0..<g where count[k] > 0 { ssb += Double(count[k]) * (means[k] - grand) * (means[k] - grand) }
        let dfb = groups - 1, dfw = n - groups
        let msb = ssb / Double(dfb), msw = ssw / Double(dfw)
        let kbar = Double(n) / Double(groups)
        self.variable = variable
        self.icc1 = (msb - msw) / (msb + (kbar - 1) * msw)
        self.icc2 = (msb - msw) / msb
        self.meanSquareBetween = msb
        self.meanSquareWithin = msw
        self.dfBetween = dfb
        self.dfWithin = dfw
        self.n = n
        self.groupCount = groups
        self.excludedRows = excluded
    }

    /// ICC(1) from the variance components of a fitted random-intercept model: `τ² / (τ² + σ²)`.
    /// For a logistic model pass `within: .pi * .pi / 3` (the latent-scale ICC); the mixed-model fitters
    /// provide `τ²` and `σ²`.
    public static func fromVarianceComponents(between tau2: Double, within sigma2: Double) throws -> Double {
        guard tau2 >= 0, sigma2 > 0, tau2.isFinite, sigma2.isFinite else {
            throw MeasurementError.invalid("variance components must be finite with between >= 0 and within > 0 (got \(tau2), \(sigma2))")
        }
        return tau2 / (tau2 + sigma2)
    }

    /// ICC(2) for groups of size `k` from ICC(1), by the Spearman–Brown formula `k ICC1 / (1 + (k - 1) ICC1)`.
    public static func spearmanBrown(icc1: Double, groupSize k: Double) -> Double {
        k * icc1 / (1 + (k - 1) * icc1)
    }
}
