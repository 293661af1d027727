import Frames

/// Summary of one variable within one group (a school).
public struct ClusterGroupSummary: Sendable, Equatable, Codable {
    /// Group label.
    public let group: String
    /// Members with a value.
    public let n: Int
    /// Members with a missing value.
    public let missing: Int
    /// Group mean (`NaN` when no member has a value).
    public let mean: Double
    /// Group standard deviation, divisor n - 1 (`NaN` for fewer than two values).
    public let sd: Double
}

/// The within/between decomposition of a pupil-level variable `x` in pupils nested in schools
/// (Enders & Tofighi 2007):
///
/// - school mean `x̄_j` (with SD and count) joined back onto every pupil of school `j`;
/// - centering within cluster (CWC) `x - x̄_j`, the pure within-school part;
/// - centering at the grand mean (CGM) `x - x̄`, where `x̄` is the mean over all pupils with a value.
///
/// Put `cwc` and the school mean in a model to get the within and between effects; put `cgm` and the
/// school mean to get the within and the *contextual* effect (see `ContextualEffect`). Pupils with a
/// missing `x` keep their school's mean but get `NaN` for `cwc` and `cgm`; pupils without a school get `NaN`
/// throughout. Both are counted.
public struct ClusterDecomposition: Sendable, Equatable {
    /// Variable name.
    public let variable: String
    /// Per-group summaries in the grouping's order.
    public let groups: [ClusterGroupSummary]
    /// Mean over all pupils with a value and a group.
    public let grandMean: Double
    /// School mean per pupil.
    public let groupMean: [Double]
    /// School standard deviation per pupil.
    public let groupSD: [Double]
    /// Number of pupils with a value in the pupil's school.
    public let groupCount: [Int]
    /// Centered within cluster: `x - groupMean`.
    public let withinCentered: [Double]
    /// Centered at the grand mean: `x - grandMean`.
    public let grandMeanCentered: [Double]
    /// Mean of the school means, each school with a value counted once (the centre of a school-level predictor).
    public var meanOfGroupMeans: Double {
        let means = groups.filter { $0.n > 0 }.map(\.mean)
        return means.isEmpty ? .nan : means.reduce(0, +) / Double(means.count)
    }
    /// The school mean per pupil centred at `meanOfGroupMeans` (`NaN` without a group).
    public var groupMeanCentered: [Double] {
        let c = meanOfGroupMeans
        return groupMean.map { $0 - c }
    }
    /// Pupils with a missing value (still given their school's mean).
    public let missingValues: Int
    /// Pupils without a group (`NaN` in every derived column).
    public let missingGroups: Int

    /// Decomposes `values` (`NaN` = missing) by `grouping`.
    public init(variable: String, values: [Double], grouping: Grouping) throws {
        guard values.count == grouping.rowCount else {
            throw MeasurementError.lengthMismatch(name: variable, expected: grouping.rowCount, found: values.count)
        }
        let g = grouping.groupCount
        var members = [[Double]](repeating: [], count: g)
        var missingIn = [Int](repeating: 0, count: g)
        var missingValues = 0
        var total = 0.0, used = 0
        for (i, x) in values.enumerated() {
            if x.isNaN { missingValues += 1 }
            let k = grouping.index[i]
            guard k >= 0 else { continue }
            if x.isNaN { missingIn[k] += 1 } else { members[k].append(x); total += x; used += 1 }
        }
        guard used > 0 else { throw MeasurementError.allMissing(variable: variable) }
        let summaries = (0..<g).map { k -> ClusterGroupSummary in
            let (m, s, n) = meanAndSD(members[k])
            return ClusterGroupSummary(group: grouping.labels[k], n: n, missing: missingIn[k], mean: m, sd: s)
        }
        let grand = total / Double(used)
        var gm = [Double](repeating: .nan, count: values.count)
        var gs = gm, cwc = gm, cgm = gm
        var gn = [Int](repeating: 0, count: values.count)
        for (i, x) in values.enumerated() {
            let k = grouping.index[i]
            guard k >= 0 else { continue }
            gm[i] = summaries[k].mean; gs[i] = summaries[k].sd; gn[i] = summaries[k].n
            cwc[i] = x - summaries[k].mean
            cgm[i] = x - grand
        }
        self.variable = variable
        self.groups = summaries
        self.grandMean = grand
        self.groupMean = gm
        self.groupSD = gs
        self.groupCount = gn
        self.withinCentered = cwc
        self.grandMeanCentered = cgm
        self.missingValues = missingValues
        self.missingGroups = grouping.missingCount
    }

    /// Decomposes column `variable` of `table` by column `group`.
    public init(table: Table, variable: String, group: String) throws {
        let c = try table.column(variable)
        guard let d = c.doubles else {
            throw MeasurementError.invalid("variable '\(variable)' is a \(c.type.rawValue) column; centering needs numbers")
        }
        try self.init(variable: variable, values: d, grouping: try Grouping(table: table, column: group))
    }

    /// `table` with the derived columns added (or replaced): `<x>_mean`, `<x>_sd`, `<x>_n`, `<x>_cwc`, `<x>_cgm`,
    /// `<x>_mean_c` (the school mean centred at the mean of the school means).
    public func joined(to table: Table) throws -> Table {
        guard table.rowCount == groupMean.count else {
            throw MeasurementError.lengthMismatch(name: "table", expected: groupMean.count, found: table.rowCount)
        }
        var t = table
        func add(_ suffix: String, _ v: [Double]) throws {
            try t.setColumn(Column(name: "\(variable)_\(suffix)", values: .double(v), missing: v.map(\.isNaN)))
        }
        try add("mean", groupMean)
        try add("sd", groupSD)
        try t.setColumn(Column(name: "\(variable)_n", values: .integer(groupCount)))
        try add("cwc", withinCentered)
        try add("cgm", grandMeanCentered)
        try add("mean_c", groupMeanCentered)
        return t
    }
}
