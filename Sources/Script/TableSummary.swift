import Frames

/// R's `summary(data.frame)`: per column the six-number summary (numbers), counts per level
/// (factors; the 6 most frequent and "(Other)" beyond 7 levels), Mode/FALSE/TRUE counts (logicals),
/// or Length/Class/Mode (text), laid out and printed as R prints it.
struct TableSummary: ScriptObject {
    /// Per column: the centred header and the cells ("Min.   : 1.500  ").
    var columns: [(header: String, cells: [String])]

    init(_ t: Table) {
        columns = t.columns.map { TableSummary.summarize($0) }
    }

    static func summarize(_ c: Column) -> (header: String, cells: [String]) {
        var labels: [String] = []
        var values: [String] = []
        var naValue: String? = nil
        switch c.values {
        case .double, .integer:
            let xs = (c.doubles ?? []).filter { !$0.isNaN }.sorted()
            labels = ["Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max."]
            let stats: [Double?] = xs.isEmpty ? [nil, nil, nil, nil, nil, nil]
                : [xs[0], quantile7(xs, 0.25), quantile7(xs, 0.5), xs.reduce(0, +) / Double(xs.count), quantile7(xs, 0.75), xs[xs.count - 1]]
            let f = Printer(width: 80).formatDoubles(stats, digits: 4)
            let w = f.map(\.count).max() ?? 0
            values = f.map { padLeft($0, w) }
            if c.missingCount > 0 { naValue = String(c.missingCount) }
        case .boolean(let b):
            var f = 0, tr = 0
            for i in b.indices where !c.missing[i] { if b[i] { tr += 1 } else { f += 1 } }
            labels = ["Mode"]; values = ["logical"]
            if f > 0 { labels.append("FALSE"); values.append(String(f)) }
            if tr > 0 { labels.append("TRUE"); values.append(String(tr)) }
            if c.missingCount > 0 { labels.append("NA's"); values.append(String(c.missingCount)) }
            let w = values.map(\.count).max() ?? 0
            values = values.map { padRight($0, w) }
        case .string:
            labels = ["Length", "Class", "Mode"]
            values = [String(c.count), "character", "character"]
            let w = values.map(\.count).max() ?? 0
            values = values.map { padRight($0, w) }
        case .factor(let fac):
            var counts = [Int](repeating: 0, count: fac.levels.count)
            for (i, code) in fac.codes.enumerated() where !c.missing[i] && code >= 0 && Int(code) < counts.count { counts[Int(code)] += 1 }
            var pairs = Array(zip(fac.levels, counts))
            if pairs.count > 7 {
                let order = pairs.indices.sorted { pairs[$0].1 != pairs[$1].1 ? pairs[$0].1 > pairs[$1].1 : $0 < $1 }
                let kept = order.prefix(6).map { pairs[$0] }
                let other = order.dropFirst(6).reduce(0) { $0 + pairs[$1].1 }
                pairs = kept + [("(Other)", other)]
            }
            labels = pairs.map(\.0); values = pairs.map { String($0.1) }
            if c.missingCount > 0 { labels.append("NA's"); values.append(String(c.missingCount)) }
            let w = values.map(\.count).max() ?? 0
            values = values.map { padLeft($0, w) }
        }
        if let na = naValue { labels.append("NA's"); values.append(na) }
        let lw = labels.map(\.count).max() ?? 0
        let cells = zip(labels, values).map { padRight($0, lw) + ":" + $1 + "  " }
        let pad = Swift.max(0, Int((Double(lw) - Double(c.name.count) / 2).rounded(.down)))
        return (String(repeating: " ", count: pad) + c.name, cells)
    }

    var className: String { "table" }

    func printed(width: Int) -> String {
        let rows = columns.map(\.cells.count).max() ?? 0
        let widths = columns.map { col in Swift.max(col.header.count, col.cells.map(\.count).max() ?? 0) }
        var blocks: [[Int]] = [[]]
        var used = 0
        for j in columns.indices {
            if used + 1 + widths[j] > width && !(blocks.last?.isEmpty ?? true) { blocks.append([]); used = 0 }
            blocks[blocks.count - 1].append(j)
            used += 1 + widths[j]
        }
        var out = ""
        for block in blocks {
            out += block.map { " " + padRight(columns[$0].header, widths[$0]) }.joined() + "\n"
            for i in 0..<rows {
                out += block.map { j in " " + padRight(i < columns[j].cells.count ? columns[j].cells[i] : "", widths[j]) }.joined() + "\n"
            }
        }
        return out
    }

    func field(_ name: String) -> Value? { nil }
    var fieldNames: [String] { [] }
}
