/// One key of a sort: a column and a direction.
public struct SortKey: Sendable, Equatable {
    /// The column name.
    public var column: String
    /// `true` for largest first.
    public var descending: Bool
    /// Creates a sort key (ascending by default).
    public init(_ column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }
}

extension Table {
    /// The rows sorted by `keys` (first key first), stably: rows equal on every key keep their order.
    /// Missing cells sort last in either direction; strings compare by code point, factors by level
    /// order, booleans `FALSE` before `TRUE`. `NaN` sorts after every number but before missing.
    public func sorted(by keys: [SortKey]) throws -> Table {
        let cols = try keys.map { try column($0.column) }
        var order = Array(0..<rowCount)
        order.sort { a, b in
            for (c, key) in zip(cols, keys) {
                let r = Table.compare(c, a, b)
                if r != 0 {
                    let bothPresent = !c.missing[a] && !c.missing[b]
                    return (key.descending && bothPresent) ? r > 0 : r < 0
                }
            }
            return a < b
        }
        return try rows(order)
    }

    /// -1, 0, 1 comparing rows `a` and `b` of `c` (missing last).
    static func compare(_ c: Column, _ a: Int, _ b: Int) -> Int {
        let ma = c.missing[a], mb = c.missing[b]
        if ma || mb { return ma == mb ? 0 : (ma ? 1 : -1) }
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch c.values {
        case .double(let v):
            let x = v[a], y = v[b]
            if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
            return cmp(x, y)
        case .integer(let v): return cmp(v[a], v[b])
        case .boolean(let v): return cmp(v[a] ? 1 : 0, v[b] ? 1 : 0)
        case .string(let v):
            if v[a] == v[b] { return 0 }
            return v[a].utf8.lexicographicallyPrecedes(v[b].utf8) ? -1 : 1
        case .factor(let f): return cmp(f.codes[a], f.codes[b])
        }
    }
}
