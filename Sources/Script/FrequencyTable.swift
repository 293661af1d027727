/// The counts of `table()`: one variable (a named count vector under its name) or two (a cross table
/// with the row variable down and the column variable across), printed as R prints them.
struct FrequencyTable: ScriptObject {
    var labels: [String]
    var levels: [[String]]
    /// Counts, row-major for two variables.
    var counts: [Int]
    /// summary(factor) prints the counts without the header line.
    var bare: Bool = false

    init(variables: [(String, Vector)], useNA: String, bare: Bool = false) {
        self.bare = bare
        labels = variables.map(\.0)
        var lv: [[String]] = []
        var codes: [[Int?]] = []
        for (_, v) in variables {
            var levels: [String]
            let strs = v.strings
            switch v.storage {
            case .factor(_, let l): levels = l
            case .logical: levels = ["FALSE", "TRUE"].filter { s in strs.contains(s) }
            default:
                if let d = v.doubles {
                    levels = Array(Set(d.compactMap { $0 })).sorted().map(numberText)
                } else {
                    levels = Array(Set(strs.compactMap { $0 })).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                }
            }
            let hasNA = strs.contains { $0 == nil }
            if useNA == "always" || (useNA == "ifany" && hasNA) { levels.append("<NA>") }
            var index: [String: Int] = [:]
            for (k, l) in levels.enumerated() { index[l] = k }
            codes.append(strs.map { s in s.map { index[$0] } ?? index["<NA>"] })
            lv.append(levels)
        }
        levels = lv
        let n = codes.first?.count ?? 0
        if lv.count == 1 {
            var c = [Int](repeating: 0, count: lv[0].count)
            for i in 0..<n { if let k = codes[0][i] { c[k] += 1 } }
            counts = c
        } else {
            var c = [Int](repeating: 0, count: lv[0].count * lv[1].count)
            for i in 0..<n { if let a = codes[0][i], let b = codes[1][i] { c[a * lv[1].count + b] += 1 } }
            counts = c
        }
    }

    var className: String { "table" }

    func printed(width: Int) -> String {
        if levels.count == 1 {
            let v = Vector(.integer(counts.map { $0 }), names: levels[0])
            return (bare ? "" : labels[0] + "\n") + Printer(width: width).vector(v)
        }
        let rows = levels[0], cols = levels[1]
        let labelWidth = rows.map(\.count).max() ?? 0
        let rowCells = rows.map { "  " + padRight($0, labelWidth) }
        let rw = Swift.max(labels[0].count, rowCells.map(\.count).max() ?? 0)
        let widths = cols.indices.map { j in Swift.max(cols[j].count, rows.indices.map { String(counts[$0 * cols.count + j]).count }.max() ?? 1) }
        var out = String(repeating: " ", count: rw) + " " + labels[1] + "\n"
        out = String(out.dropFirst())
        out += padRight(labels[0], rw) + cols.indices.map { " " + padLeft(cols[$0], widths[$0]) }.joined() + "\n"
        for (i, _) in rows.enumerated() {
            out += padLeft(rowCells[i], rw) + cols.indices.map { " " + padLeft(String(counts[i * cols.count + $0]), widths[$0]) }.joined() + "\n"
        }
        return out
    }

    func field(_ name: String) -> Value? {
        guard levels.count == 1, let k = levels[0].firstIndex(of: name) else { return nil }
        return .vector(.integer(counts[k]))
    }

    var fieldNames: [String] { levels.count == 1 ? levels[0] : [] }
}
