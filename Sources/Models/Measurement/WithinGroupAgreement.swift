/// Within-group agreement of one group: r_wg for one item, or r_wg(j) for J items.
public struct GroupAgreement: Sendable, Equatable, Codable {
    /// Group label.
    public let group: String
    /// Members used (with all values present).
    public let n: Int
    /// The agreement index, or `nil` for a group with a single member (R gives `NA`).
    public let value: Double?
}

/// r_wg and r_wg(j) against a uniform ("rectangular") null distribution for `A` response options, with the
/// conventions of multilevel's `rwg` and `rwg.j` (James, Demaree & Wolf 1984; Bliese 2000):
///
/// - expected null variance `σ²_EU = (A² - 1) / 12`;
/// - `r_wg = 1 - s² / σ²_EU` with the group's variance `s²` (divisor n - 1);
/// - `r_wg(j) = J (1 - s̄² / σ²_EU) / (J (1 - s̄² / σ²_EU) + s̄² / σ²_EU)` with `s̄²` the mean item variance;
/// - truncation: a variance above `σ²_EU` is set to `σ²_EU`, so both indices lie in [0, 1];
/// - groups with one member get no value (`NA` in R); r_wg(j) uses members with all J items (listwise),
///   r_wg the members with a value.
public struct WithinGroupAgreement: Sendable, Equatable, Codable {
    /// Variables (one for r_wg, J for r_wg(j)).
    public let variables: [String]
    /// Expected variance under the uniform null, `(A² - 1) / 12`.
    public let nullVariance: Double
    /// Agreement per group, in the order of `Grouping.labels` (groups without any complete row are absent,
    /// as in R).
    public let groups: [GroupAgreement]
    /// Rows left out for a missing value or group.
    public let excludedRows: Int

    /// The null variance `(A² - 1) / 12` for `A` response options.
    public static func uniformNullVariance(options a: Int) throws -> Double {
        guard a >= 2 else { throw MeasurementError.invalidOptionCount(a) }
        return Double(a * a - 1) / 12
    }

    /// r_wg (one variable) or r_wg(j) (several) of `columns` grouped by `grouping`.
    /// - Parameters:
    ///   - names: variable names, one per column.
    ///   - columns: values per variable (`NaN` = missing).
    ///   - grouping: group membership.
    ///   - nullVariance: `σ²_EU`, e.g. `uniformNullVariance(options: 5)` = 2.
    public init(names: [String], columns: [[Double]], grouping: Grouping, nullVariance: Double) throws {
        guard !columns.isEmpty, names.count == columns.count else {
            throw MeasurementError.invalid("agreement needs at least one variable and one name per variable")
        }
        guard nullVariance > 0, nullVariance.isFinite else {
            throw MeasurementError.invalid("the null variance must be positive, got \(nullVariance)")
        }
        for (j, c) in columns.enumerated() where c.count != grouping.rowCount {
            throw MeasurementError.lengthMismatch(name: names[j], expected: grouping.rowCount, found: c.count)
        }
        let rows = grouping.rowCount, g = grouping.groupCount, J = columns.count
        var complete = [Bool](repeating: true, count: rows)
        var excluded = 0
        for i in 0..<rows {
            if grouping.index[i] < 0 || columns.contains(where: { $0[i].isNaN }) { complete[i] = false; excluded += 1 }
        }
        let count = grouping.sizes { complete[$0] }
        // Group means, then variances, per variable.
        var meanVariance = [Double](repeating: 0, count: g)
        for c in columns {
            var sum = [Double](repeating: 0, count: g)
            for i in 0..<rows where complete[i] { sum[grouping.index[i]] += c[i] }
            var ss = [Double](repeating: 0, count: g)
            for i in 0..<rows where complete[i] {
                let k = grouping.index[i]
                let d = c[i] - sum[k] / Double(count[k])
                ss[k] += d * d
            }
            for k in 0..<g where count[k] > 1 { meanVariance[k] += ss[k] / Double(count[k] - 1) / Double(J) }
        }
        var out: [GroupAgreement] = []
        for k in 0..<g where count[k] > 0 {
            guard count[k] > 1 else { out.append(GroupAgreement(group: grouping.labels[k], n: 1, value: nil)); continue }
            let ratio = Swift.min(meanVariance[k], nullVariance) / nullVariance
            let value: Double
            if J == 1 {
                value = 1 - ratio
            } else {
                let jd = Double(J)
                value = jd * (1 - ratio) / (jd * (1 - ratio) + ratio)
            }
            out.append(GroupAgreement(group: grouping.labels[k], n: count[k], value: value))
        }
        self.variables = names
        self.nullVariance = nullVariance
        self.groups = out
        self.excludedRows = excluded
    }

    /// Values of groups that have one.
    public var values: [Double] { groups.compactMap(\.value) }
    /// Mean over groups with a value (R: `mean(x, na.rm = TRUE)`).
    public var mean: Double { let v = values; return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
    /// Median over groups with a value.
    public var median: Double { Models.median(values) }
    /// Groups with a single member (no value).
    public var singletonGroups: [String] { groups.filter { $0.value == nil }.map(\.group) }
}
