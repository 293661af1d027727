/// A per-column description: type, counts, and numeric statistics or level counts.
public struct ColumnSummary: Sendable, Equatable {
    /// The column name.
    public var name: String
    /// The column type.
    public var type: ColumnType
    /// Number of non-missing cells.
    public var n: Int
    /// Number of missing cells.
    public var missing: Int
    /// Mean of the non-missing values (numeric columns; booleans as 0/1).
    public var mean: Double?
    /// Sample standard deviation (n - 1); `nil` when fewer than two values.
    public var sd: Double?
    /// Smallest value.
    public var min: Double?
    /// Largest value.
    public var max: Double?
    /// For string and factor columns: each level (factor order, or strings by code point) and its count.
    public var levels: [(level: String, count: Int)]?

    /// Equal when every field is equal (levels compared by name and count).
    public static func == (a: ColumnSummary, b: ColumnSummary) -> Bool {
        a.name == b.name && a.type == b.type && a.n == b.n && a.missing == b.missing && a.mean == b.mean
            && a.sd == b.sd && a.min == b.min && a.max == b.max
            && a.levels?.map(\.level) == b.levels?.map(\.level) && a.levels?.map(\.count) == b.levels?.map(\.count)
    }
}

extension Column {
    /// This column's summary (two-pass mean and SD; `NaN` values are skipped as in R's `na.rm`).
    public func summary() -> ColumnSummary {
        let nMissing = missingCount
        var s = ColumnSummary(name: name, type: type, n: count - nMissing, missing: nMissing)
        func moments(_ value: (Int) -> Double) {
            var n = 0, sum = 0.0, lo = Double.infinity, hi = -Double.infinity
            for i in 0..<count where !missing[i] {
                let v = value(i)
                if v.isNaN { continue }
                n += 1; sum += v; lo = Swift.min(lo, v); hi = Swift.max(hi, v)
            }
            if n > 0 {
                let mean = sum / Double(n)
                s.mean = mean; s.min = lo; s.max = hi
                if n > 1 {
                    var ss = 0.0
                    for i in 0..<count where !missing[i] {
                        let v = value(i)
                        if !v.isNaN { ss += (v - mean) * (v - mean) }
                    }
                    s.sd = (ss / Double(n - 1)).squareRoot()
                }
            }
        }
        if isNumeric {
            switch values {
            case .double(let x): x.withUnsafeBufferPointer { b in moments { b[$0] } }
            case .integer(let x): x.withUnsafeBufferPointer { b in moments { Double(b[$0]) } }
            case .boolean(let x): x.withUnsafeBufferPointer { b in moments { b[$0] ? 1 : 0 } }
            default: break
            }
        } else {
            switch values {
            case .factor(let f):
                var counts = [Int](repeating: 0, count: f.levels.count)
                for c in f.codes where c >= 0 && Int(c) < counts.count { counts[Int(c)] += 1 }
                s.levels = zip(f.levels, counts).map { ($0, $1) }
            case .string(let v):
                var counts: [String: Int] = [:]
                for (i, x) in v.enumerated() where !missing[i] { counts[x, default: 0] += 1 }
                s.levels = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, counts[$0] ?? 0) }
            default: break
            }
        }
        return s
    }
}

extension Table {
    /// Summaries of every column, in order.
    public func describe() -> [ColumnSummary] { columns.map { $0.summary() } }
}
