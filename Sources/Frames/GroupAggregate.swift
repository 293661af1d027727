/// A summary statistic for `Table.aggregate(by:_:)`.
public enum AggregateFunction: String, Sendable, Equatable, CaseIterable {
    /// Rows in the group (missing or not).
    case count
    /// Non-missing cells in the group.
    case nonMissing
    /// Mean of the non-missing cells.
    case mean
    /// Sample standard deviation (n - 1) of the non-missing cells; missing when fewer than two.
    case sd
    /// Smallest non-missing value.
    case min
    /// Largest non-missing value.
    case max
}

/// One output column of a group aggregate: `function` of `column`, named `name`.
public struct Aggregate: Sendable, Equatable {
    /// The input column (ignored for `.count`, where it may be empty).
    public var column: String
    /// The statistic.
    public var function: AggregateFunction
    /// The output name (default `<column>_<function>`, or `n` for a count).
    public var name: String
    /// Creates an aggregate.
    public init(_ column: String, _ function: AggregateFunction, as name: String? = nil) {
        self.column = column
        self.function = function
        self.name = name ?? (function == .count ? "n" : "\(column)_\(function.rawValue)")
    }
}

extension Table {
    /// One row per distinct combination of the `by` columns (sorted by those keys, missing keys as
    /// their own group, last), with the `aggregates`. Missing values are left out of mean, SD, min and
    /// max (R's `na.rm = TRUE`); a group with no non-missing value gets a missing result. Counts are
    /// integers, the rest doubles. Mean and SD use a two-pass computation for accuracy.
    public func aggregate(by keys: [String], _ aggregates: [Aggregate]) throws -> Table {
        let keyCols = try keys.map { try column($0) }
        let valueCols: [Column?] = try aggregates.map { a in
            if a.function == .count { return nil }
            let c = try column(a.column)
            guard c.isNumeric else {
                throw FrameError.invalid("cannot take the \(a.function.rawValue) of column '\(a.column)': it is \(c.type.rawValue), not numeric")
            }
            return c
        }
        // Group rows: first row of each group, in key order.
        var groupOf = [Int](repeating: 0, count: rowCount)
        var firstRows: [Int] = []
        if !keyCols.isEmpty {
            let sortedTable = try select(keys).with(Column(name: "\u{1}row", values: .integer(Array(0..<rowCount))))
                .sorted(by: keys.map { SortKey($0) })
            guard case .integer(let order) = try sortedTable.column("\u{1}row").values else { return Table() }
            var previous = -1
            for i in order {
                if previous < 0 || keyCols.contains(where: { Table.compare($0, i, previous) != 0 }) {
                    firstRows.append(i)
                }
                groupOf[i] = firstRows.count - 1
                previous = i
            }
        } else if rowCount > 0 {
            firstRows = [0]
        }
        let g = firstRows.count
        var out = keyCols.map { $0.taking(firstRows) }
        for (a, vc) in zip(aggregates, valueCols) {
            var count = [Int](repeating: 0, count: g)
            if a.function == .count {
                for i in 0..<rowCount { count[groupOf[i]] += 1 }
                out.append(Column(name: a.name, values: .integer(count)))
                continue
            }
            guard let vc, let x = vc.doubles else { continue }
            var sum = [Double](repeating: 0, count: g)
            var lo = [Double](repeating: .infinity, count: g)
            var hi = [Double](repeating: -.infinity, count: g)
            for i in 0..<rowCount where !vc.missing[i] {
                let k = groupOf[i]
                count[k] += 1; sum[k] += x[i]
                lo[k] = Swift.min(lo[k], x[i]); hi[k] = Swift.max(hi[k], x[i])
            }
            if a.function == .nonMissing {
                out.append(Column(name: a.name, values: .integer(count)))
                continue
            }
            var result = [Double](repeating: .nan, count: g)
            var mask = [Bool](repeating: false, count: g)
            switch a.function {
            case .mean, .sd:
                let mean = (0..<g).map { count[$0] > 0 ? sum[$0] / Double(count[$0]) : .nan }
                if a.function == .mean {
                    for k in 0..<g { if count[k] > 0 { result[k] = mean[k] } else { mask[k] = true } }
                } else {
                    var ss = [Double](repeating: 0, count: g)
                    for i in 0..<rowCount where !vc.missing[i] {
                        let d = x[i] - mean[groupOf[i]]
                        ss[groupOf[i]] += d * d
                    }
                    for k in 0..<g { if count[k] > 1 { result[k] = (ss[k] / Double(count[k] - 1)).squareRoot() } else { mask[k] = true } }
                }
            case .min, .max:
                for k in 0..<g { if count[k] > 0 { result[k] = a.function == .min ? lo[k] : hi[k] } else { mask[k] = true } }
            case .count, .nonMissing:
                break
            }
            out.append(Column(name: a.name, values: .double(result), missing: mask))
        }
        return try Table(columns: out, source: source)
    }
}
