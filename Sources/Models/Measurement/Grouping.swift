import Frames

/// Cluster membership (pupils in schools): a group index per row, with group labels in R's order.
///
/// Labels are ordered as R orders the levels of `factor(g)`: numerically when every label is a number,
/// otherwise by their text. Rows with a missing group get index `-1` and are counted in `missingCount`.
public struct Grouping: Sendable, Equatable {
    /// Group labels, in order.
    public let labels: [String]
    /// Group index (into `labels`) per row, `-1` for a missing group.
    public let index: [Int]

    /// Number of rows.
    public var rowCount: Int { index.count }
    /// Number of groups.
    public var groupCount: Int { labels.count }
    /// Rows with a missing group.
    public var missingCount: Int { index.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Groups from labels per row (`nil` marks a missing group).
    public init(labels rowLabels: [String?]) {
        let distinct = Set(rowLabels.compactMap { $0 })
        let numeric = distinct.allSatisfy { Double($0) != nil }
        let ordered = numeric
            ? distinct.sorted { Double($0)! != Double($1)! ? Double($0)! < Double($1)! : $0 < $1 }
            : distinct.sorted()
        var position: [String: Int] = [:]
        for (k, l) in ordered.enumerated() { position[l] = k }
        self.labels = ordered
        self.index = rowLabels.map { $0.flatMap { position[$0] } ?? -1 }
    }

    /// Groups from a table column of any type (its cells as R prints them; missing cells have no group).
    public init(table: Table, column name: String) throws {
        let c = try table.column(name)
        self.init(labels: (0..<c.count).map { c.missing[$0] ? nil : c.text(at: $0) })
    }

    /// Group sizes counting only rows where `valid(row)` holds.
    func sizes(where valid: (Int) -> Bool) -> [Int] {
        var n = [Int](repeating: 0, count: groupCount)
        for (i, g) in index.enumerated() where g >= 0 && valid(i) { n[g] += 1 }
        return n
    }
}
