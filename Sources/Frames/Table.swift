/// A data table: equally long, uniquely named columns (R's data.frame).
///
/// Tables are values: transforms return new tables. Column lookup by name is O(1).
public struct Table: Sendable, Equatable {
    /// The columns in order.
    public private(set) var columns: [Column]
    /// Where the data came from (a path, `sqlite:...`, or a description), for messages and provenance.
    public var source: String?
    private var index: [String: Int]

    /// Creates a table; throws `FrameError.duplicateColumn` or `.lengthMismatch`.
    public init(columns: [Column], source: String? = nil) throws {
        var index: [String: Int] = [:]
        for (k, c) in columns.enumerated() {
            if index[c.name] != nil { throw FrameError.duplicateColumn(name: c.name, source: source) }
            index[c.name] = k
        }
        if let n = columns.first?.count, let bad = columns.first(where: { $0.count != n }) {
            throw FrameError.lengthMismatch(column: bad.name, expected: n, found: bad.count)
        }
        self.columns = columns
        self.index = index
        self.source = source
    }

    /// An empty table.
    public init() {
        self.columns = []
        self.index = [:]
        self.source = nil
    }

    /// Number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }
    /// Number of columns.
    public var columnCount: Int { columns.count }
    /// Column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, or `nil`.
    public subscript(name: String) -> Column? {
        guard let k = index[name] else { return nil }
        return columns[k]
    }

    /// The column called `name`, or a `FrameError.unknownColumn` that suggests the closest names.
    public func column(_ name: String) throws -> Column {
        guard let k = index[name] else {
            throw FrameError.unknownColumn(name: name, suggestions: closestNames(to: name, among: columnNames))
        }
        return columns[k]
    }

    /// `true` when a column called `name` exists.
    public func has(_ name: String) -> Bool { index[name] != nil }

    /// Adds a column at the end, or replaces the column of the same name in place.
    public mutating func setColumn(_ column: Column) throws {
        if !columns.isEmpty && column.count != rowCount {
            throw FrameError.lengthMismatch(column: column.name, expected: rowCount, found: column.count)
        }
        if let k = index[column.name] {
            columns[k] = column
        } else {
            index[column.name] = columns.count
            columns.append(column)
        }
    }

    /// Removes the column called `name` (no-op when absent).
    public mutating func removeColumn(_ name: String) {
        guard let k = index[name] else { return }
        columns.remove(at: k)
        index = [:]
        for (j, c) in columns.enumerated() { index[c.name] = j }
    }
}

/// Up to three names closest to `name` by edit distance (case-insensitive), for "did you mean" hints.
public func closestNames(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
    let target = Array(name.lowercased())
    let scored = candidates.map { c -> (String, Int) in (c, editDistance(target, Array(c.lowercased()))) }
    let cutoff = max(2, target.count / 2)
    return scored.filter { $0.1 <= cutoff }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        .prefix(limit).map(\.0)
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
