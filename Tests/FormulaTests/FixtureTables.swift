import Foundation
import Frames
import TestSupport

/// Loads a data set exported by Scripts/reference/formula.R: `<name>.csv` (R's write.csv, `NA` for
/// missing) plus `<name>.levels.json` with the levels of factor columns in R's order. Columns that
/// parse as numbers become doubles, factor columns become `Factor`s, the rest text. A tiny reader
/// for tests only (the real CSV reader lives in Frames).
enum FixtureTables {
    /// One CSV field.
    struct Cell { var value: String; var quoted: Bool }

    static func load(_ name: String) throws -> Table {
        let text = try String(contentsOfFile: Fixtures.path("formula/\(name).csv"), encoding: .utf8)
        let levels = (try Fixtures.json("formula/\(name).levels.json") as? [String: [String]]) ?? [:]
        let ordered = Set(levels[".ordered"] ?? [])
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = splitCSV(lines.removeFirst()).map(\.value)
        let rows = lines.map(splitCSV)
        var columns: [Column] = []
        for (j, name) in header.enumerated() {
            let cells = rows.map { $0[j] }
            let missing = cells.map { $0.value == "NA" && !$0.quoted }
            if let lv = levels[name] {
                let index = Dictionary(uniqueKeysWithValues: lv.enumerated().map { ($1, Int32($0)) })
                let codes = cells.indices.map { missing[$0] ? Int32(-1) : (index[cells[$0].value] ?? -1) }
                columns.append(Column(name: name, values: .factor(Factor(codes: codes, levels: lv, ordered: ordered.contains(name))), missing: missing))
            } else if cells.indices.allSatisfy({ missing[$0] || (!cells[$0].quoted && Double(cells[$0].value) != nil) }) {
                let v = cells.indices.map { missing[$0] ? Double.nan : Double(cells[$0].value) ?? .nan }
                columns.append(Column(name: name, values: .double(v), missing: missing))
            } else {
                columns.append(Column(name: name, values: .string(cells.map(\.value)), missing: missing))
            }
        }
        return try Table(columns: columns, source: name)
    }

    /// The same data set read by Frames' `CSVReader`, with the factor levels from the levels file.
    static func loadWithReader(_ name: String) throws -> Table {
        var levels = (try Fixtures.json("formula/\(name).levels.json") as? [String: [String]]) ?? [:]
        let ordered = Set(levels.removeValue(forKey: ".ordered") ?? [])
        return try CSVReader.read(path: Fixtures.path("formula/\(name).csv"),
                                  options: CSVOptions(factorLevels: levels, orderedFactors: ordered))
    }

    /// Splits one CSV line (no embedded newlines); reports whether each field was quoted.
    static func splitCSV(_ line: String) -> [Cell] {
        var out: [Cell] = []
        var cur = "", quoted = false, inQuotes = false
        var it = Array(line.replacingOccurrences(of: "\r", with: "")).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let nx = it.next() {
                        if nx == "\"" { cur.append("\"") } else { inQuotes = false; pending = nx }
                    } else { inQuotes = false }
                } else { cur.append(c) }
            } else if c == "\"" {
                inQuotes = true; quoted = true
            } else if c == "," {
                out.append(Cell(value: cur, quoted: quoted)); cur = ""; quoted = false
            } else { cur.append(c) }
        }
        out.append(Cell(value: cur, quoted: quoted))
        return out
    }
}
