import Frames

/// Aggregation diagnostics for pupil ratings of their school: ICC(1) and ICC(2) per variable, r_wg(j)
/// over the variables taken as one scale (r_wg for a single variable), pupils per school, and a flag for
/// schools below a minimum size. An immutable value; see `IntraclassCorrelation` and
/// `WithinGroupAgreement` for the definitions (multilevel 2.7's `ICC1`, `ICC2`, `rwg`, `rwg.j`).
public struct AgreementReport: Sendable, Equatable {
    /// Name of the grouping variable.
    public let groupVariable: String
    /// ICC(1) and ICC(2) per variable (each with its own missing values left out).
    public let intraclass: [IntraclassCorrelation]
    /// ICC(1) per variable from a random-intercept model `y ~ 1 + (1 | group)` (REML), in the order of
    /// `intraclass`; `nil` where that model could not be fitted (the reason is in `warnings`).
    public let modelIntraclass: [ModelBasedICC?]
    /// r_wg(j) over all variables (listwise complete rows), or r_wg for one variable.
    public let agreement: WithinGroupAgreement
    /// Pupils per group with at least one of the variables present, in group order.
    public let groupSizes: [GroupSize]
    /// The size below which a group is flagged.
    public let minimumGroupSize: Int
    /// Groups with fewer than `minimumGroupSize` pupils (their means and agreement are unreliable; briefs
    /// suppress them).
    public let smallGroups: [String]
    /// Rows without a group (left out everywhere).
    public let rowsWithoutGroup: Int
    /// Things to tell the reader (single-member groups, negative ICCs, excluded rows).
    public let warnings: [String]

    /// Number of groups with at least one pupil.
    public var groupCount: Int { groupSizes.count }

    /// Computes the report for `variables` of `table` grouped by `group`.
    /// - Parameters:
    ///   - options: number of response options `A` for the uniform null (`σ²_EU = (A² - 1)/12`).
    ///   - minimumGroupSize: groups smaller than this are flagged (default 10, the small-cell threshold of
    ///     the project's reporting rules).
    public init(table: Table, variables: [String], group: String, options: Int,
                minimumGroupSize: Int = 10) throws {
        let grouping = try Grouping(table: table, column: group)
        var columns: [[Double]] = []
        for v in variables {
            let c = try table.column(v)
            guard let d = c.doubles else {
                throw MeasurementError.invalid("variable '\(v)' is a \(c.type.rawValue) column; agreement needs numeric ratings")
            }
            columns.append(d)
        }
        try self.init(names: variables, columns: columns, grouping: grouping, groupVariable: group,
                      options: options, minimumGroupSize: minimumGroupSize)
    }

    /// Computes the report from columns and a grouping.
    public init(names: [String], columns: [[Double]], grouping: Grouping, groupVariable: String,
                options: Int, minimumGroupSize: Int = 10) throws {
        guard !names.isEmpty else { throw MeasurementError.invalid("list at least one variable") }
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { throw MeasurementError.duplicateItem(n) }
        let iccs = try zip(names, columns).map { try IntraclassCorrelation(variable: $0, values: $1, grouping: grouping) }
        let agreement = try WithinGroupAgreement(names: names, columns: columns, grouping: grouping,
                                                 nullVariance: try WithinGroupAgreement.uniformNullVariance(options: options))
        let sizes = grouping.sizes { i in columns.contains { !$0[i].isNaN } }
        var groupSizes: [GroupSize] = []
        for k in 0..<grouping.groupCount where sizes[k] > 0 { groupSizes.append(GroupSize(group: grouping.labels[k], n: sizes[k])) }
        var warnings: [String] = []
        var modelICCs: [ModelBasedICC?] = []
        for (name, column) in zip(names, columns) {
            do {
                let m = try ModelBasedICC(variable: name, values: column, grouping: grouping)
                if m.singular { warnings.append("'\(name)': the random-intercept model puts the school variance at zero (singular fit)") }
                modelICCs.append(m)
            } catch {
                warnings.append("'\(name)': no model-based ICC(1): \(error)")
                modelICCs.append(nil)
            }
        }
        let missingGroup = grouping.missingCount
        if missingGroup > 0 { warnings.append("\(missingGroup) row(s) have no value for '\(groupVariable)' and were left out") }
        for icc in iccs where icc.excludedRows > missingGroup {
            warnings.append("'\(icc.variable)': \(icc.excludedRows - missingGroup) row(s) with a missing value left out of ICC")
        }
        for icc in iccs where icc.icc1 < 0 {
            warnings.append("'\(icc.variable)': ICC(1) is negative (groups differ less than expected by chance)")
        }
        if agreement.excludedRows > missingGroup {
            warnings.append("r_wg(j): \(agreement.excludedRows - missingGroup) row(s) with a missing value on some variable left out (listwise)")
        }
        let singles = agreement.singletonGroups
        if !singles.isEmpty {
            warnings.append("\(singles.count) group(s) with a single member have no r_wg(j): " + singles.prefix(10).joined(separator: ", ")
                + (singles.count > 10 ? ", ..." : ""))
        }
        let small = groupSizes.filter { $0.n < minimumGroupSize }.map(\.group)
        if !small.isEmpty {
            warnings.append("\(small.count) group(s) have fewer than \(minimumGroupSize) members")
        }
        self.groupVariable = groupVariable
        self.intraclass = iccs
        self.modelIntraclass = modelICCs
        self.agreement = agreement
        self.groupSizes = groupSizes
        self.minimumGroupSize = minimumGroupSize
        self.smallGroups = small
        self.rowsWithoutGroup = missingGroup
        self.warnings = warnings
    }
}

/// The number of members of one group.
public struct GroupSize: Sendable, Equatable, Codable {
    /// Group label.
    public let group: String
    /// Members.
    public let n: Int
}
