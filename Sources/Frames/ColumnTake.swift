extension Column {
    /// A column of the rows at `indices` in order; an index of `-1` gives a missing cell. Indices must
    /// lie in `-1..<count` (`Table.rows(_:)` checks them and throws).
    public func taking(_ indices: [Int]) -> Column {
        var mask = [Bool](repeating: true, count: indices.count)
        for (j, i) in indices.enumerated() where i >= 0 { mask[j] = missing[i] }
        func pick<T>(_ v: [T], _ filler: T) -> [T] { indices.map { $0 >= 0 ? v[$0] : filler } }
        let values: ColumnValues
        switch self.values {
        case .double(let v): values = .double(pick(v, .nan))
        case .integer(let v): values = .integer(pick(v, 0))
        case .boolean(let v): values = .boolean(pick(v, false))
        case .string(let v): values = .string(pick(v, ""))
        case .factor(let f):
            values = .factor(Factor(codes: pick(f.codes, -1), levels: f.levels, ordered: f.ordered, labels: f.labels))
        }
        return Column(name: name, values: values, missing: mask, label: label)
    }

    /// The same column under another name.
    public func renamed(_ newName: String) -> Column {
        var c = self
        c.name = newName
        return c
    }
}
