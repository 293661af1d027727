/// Row and column selection, derived columns. Every transform returns a new table.
extension Table {
    /// The named columns, in the order given; throws `unknownColumn` for a name not in the table.
    public func select(_ names: [String]) throws -> Table {
        try Table(columns: names.map { try column($0) }, source: source)
    }

    /// The rows at `indices` (in that order; `-1` gives a row of missing cells).
    public func rows(_ indices: [Int]) throws -> Table {
        for i in indices where i < -1 || i >= rowCount {
            throw FrameError.invalid("row index \(i) is outside 0..<\(rowCount)")
        }
        return try Table(columns: columns.map { $0.taking(indices) }, source: source)
    }

    /// The rows where `keep[i]` is `true`.
    public func filter(mask keep: [Bool]) throws -> Table {
        guard keep.count == rowCount else {
            throw FrameError.lengthMismatch(column: "<filter mask>", expected: rowCount, found: keep.count)
        }
        return try rows(keep.indices.filter { keep[$0] })
    }

    /// The rows for which `predicate(row)` is `true`.
    public func filter(_ predicate: (Int) throws -> Bool) throws -> Table {
        var keep: [Int] = []
        for i in 0..<rowCount where try predicate(i) { keep.append(i) }
        return try rows(keep)
    }

    /// A copy with a double column `name` computed per row (`nil` = missing); replaces a column of
    /// the same name in place, otherwise appends.
    public func deriving(_ name: String, _ value: (Int) throws -> Double?) throws -> Table {
        var v = [Double](repeating: .nan, count: rowCount)
        var m = [Bool](repeating: false, count: rowCount)
        for i in 0..<rowCount {
            if let x = try value(i) { v[i] = x } else { m[i] = true }
        }
        return try with(Column(name: name, values: .double(v), missing: m))
    }

    /// A copy with `column` set (replaced in place or appended).
    public func with(_ column: Column) throws -> Table {
        var t = self
        try t.setColumn(column)
        return t
    }

    /// The value of numeric column `column` at `row` as a double, or `nil` when missing or not numeric.
    public func double(_ column: String, _ row: Int) throws -> Double? {
        let c = try self.column(column)
        if c.missing[row] { return nil }
        switch c.values {
        case .double(let v): return v[row]
        case .integer(let v): return Double(v[row])
        case .boolean(let v): return v[row] ? 1 : 0
        default: throw FrameError.invalid("column '\(column)' is \(c.type.rawValue), not numeric")
        }
    }
}
