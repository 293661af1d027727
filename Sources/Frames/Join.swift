/// What a left join matched, so that nothing is lost silently.
public struct JoinReport: Sendable, Equatable {
    /// Rows of the left table whose key found a row in the right table.
    public var matchedRows: Int
    /// Rows of the left table whose key found no row (their new cells are missing), including rows
    /// with a missing key.
    public var unmatchedRows: Int
    /// The distinct unmatched keys, as text, sorted (`NA` for a missing key).
    public var unmatchedKeys: [String]
    /// Rows of the right table that no left row used.
    public var unusedRightRows: Int
}

extension Table {
    /// Joins `right` (e.g. a school-level table) onto this table (e.g. pupils) by the key columns `on`:
    /// every left row is kept once, in order, with the right table's other columns appended; a left
    /// row whose key is not in `right` gets missing cells there and is counted in the report.
    ///
    /// Keys compare by their text (`Column.text(at:)`), so an integer key `12` matches a string `"12"`.
    /// The right table must have at most one row per key (else an error names the key). Right columns
    /// whose names exist on the left get `suffix` appended.
    public func leftJoin(_ right: Table, on keys: [String], suffix: String = ".y") throws -> (table: Table, report: JoinReport) {
        guard !keys.isEmpty else { throw FrameError.invalid("a join needs at least one key column") }
        let leftKeys = try keys.map { try column($0) }
        let rightKeys = try keys.map { name -> Column in
            do { return try right.column(name) } catch FrameError.unknownColumn(_, let s) {
                throw FrameError.invalid("the key column '\(name)' is not in the table being joined\(s.isEmpty ? "" : " (did you mean \(s.map { "'\($0)'" }.joined(separator: ", "))?)")")
            }
        }
        func key(_ cols: [Column], _ i: Int) -> String? {
            var parts: [String] = []
            for c in cols {
                if c.missing[i] { return nil }
                parts.append(c.text(at: i))
            }
            return parts.joined(separator: "\u{1F}")
        }
        var lookup: [String: Int] = [:]
        for j in 0..<right.rowCount {
            guard let k = key(rightKeys, j) else { continue }
            if let previous = lookup[k] {
                throw FrameError.invalid("\(right.source ?? "the joined table"): key \(k.replacingOccurrences(of: "\u{1F}", with: ", ")) occurs more than once (rows \(previous + 1) and \(j + 1)); a joined table needs one row per key")
            }
            lookup[k] = j
        }
        var index = [Int](repeating: -1, count: rowCount)
        var used = [Bool](repeating: false, count: right.rowCount)
        var unmatched = Set<String>()
        var matched = 0
        for i in 0..<rowCount {
            guard let k = key(leftKeys, i) else { unmatched.insert("NA"); continue }
            if let j = lookup[k] {
                index[i] = j; used[j] = true; matched += 1
            } else {
                unmatched.insert(k.replacingOccurrences(of: "\u{1F}", with: ", "))
            }
        }
        var out = self
        let keySet = Set(keys)
        for c in right.columns where !keySet.contains(c.name) {
            var taken = c.taking(index)
            if out.has(taken.name) { taken.name += suffix }
            try out.setColumn(taken)
        }
        let report = JoinReport(matchedRows: matched, unmatchedRows: rowCount - matched,
                                unmatchedKeys: unmatched.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                                unusedRightRows: used.filter { !$0 }.count)
        return (out, report)
    }
}
