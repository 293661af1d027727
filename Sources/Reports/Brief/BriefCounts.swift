import Foundation
import Frames

/// The counts a brief's privacy guard works on: pupils and pupils with the (0/1) outcome, per school and
/// per cell of a two-way table. Shared by `truant brief` and the language's `brief()`.
public enum BriefCounts {
    /// The 0/1 outcome on the left of `formula` as a column of `table` (`nil` where missing).
    /// - Throws: `BriefError.invalid` when the column is absent or not numeric.
    public static func outcome(formula: String, table: Table) throws -> [Double?] {
        let lhs = formula.split(separator: "~", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let column = table[lhs], let values = column.doubles else {
            throw BriefError.invalid("the privacy counts need the outcome '\(lhs)' as a 0/1 column of the data")
        }
        return values.enumerated().map { column.missing[$0.offset] ? nil : $0.element }
    }

    /// Pupils and events per school (schools in sorted order of their labels).
    public static func schools(_ table: Table, school: String, outcome: [Double?]) throws -> [SchoolCount] {
        guard let column = table[school] else {
            throw BriefError.invalid("the data have no column '\(school)' (the spec's school)")
        }
        var by: [String: (pupils: Int, events: Int)] = [:]
        for i in 0..<min(table.rowCount, outcome.count) where !column.missing[i] {
            guard let y = outcome[i] else { continue }
            let key = column.text(at: i)
            by[key, default: (0, 0)].pupils += 1
            by[key, default: (0, 0)].events += y > 0 ? 1 : 0
        }
        return by.keys.sorted().map { SchoolCount(id: $0, pupils: by[$0]?.pupils ?? 0, events: by[$0]?.events ?? 0) }
    }

    /// The two-way count table of the spec's `table` request, with its caption and row heading.
    public static func table(_ data: Table, request t: BriefRequest.TableRequest, outcome: [Double?],
                             outcomePhrase: String, language: BriefLanguage) throws
        -> (caption: String, rowHeading: String, table: CountTable) {
        guard let r = data[t.rows], let c = data[t.columns] else {
            throw BriefError.invalid("the data have no column '\(data[t.rows] == nil ? t.rows : t.columns)' (the spec's table)")
        }
        var rowLevels: [String] = [], colLevels: [String] = []
        var cells: [String: [String: CountCell]] = [:]
        for i in 0..<min(data.rowCount, outcome.count) where !r.missing[i] && !c.missing[i] {
            guard let y = outcome[i] else { continue }
            let a = r.text(at: i), b = c.text(at: i)
            if !rowLevels.contains(a) { rowLevels.append(a) }
            if !colLevels.contains(b) { colLevels.append(b) }
            var cell = cells[a, default: [:]][b, default: CountCell(pupils: 0, events: 0)]
            cell.pupils += 1
            cell.events += y > 0 ? 1 : 0
            cells[a, default: [:]][b] = cell
        }
        rowLevels.sort(); colLevels.sort()
        let grid = rowLevels.map { a in colLevels.map { b in cells[a]?[b] ?? CountCell(pupils: 0, events: 0) } }
        let caption = language == .english ? "Pupils who \(outcomePhrase) / pupils, by \(t.rows) and \(t.columns)"
                                           : "Leerlingen met de uitkomst / leerlingen, per \(t.rows) en \(t.columns)"
        return (caption, t.rows, try CountTable(rows: rowLevels, columns: colLevels, cells: grid))
    }

    /// A spec decoding error in words: what is missing or wrong, and where.
    public static func describe(_ e: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case .keyNotFound(let key, let ctx): return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        case .dataCorrupted(let ctx): return ctx.debugDescription + (ctx.codingPath.isEmpty ? "" : " at " + path(ctx.codingPath))
        @unknown default: return "\(e)"
        }
    }
}
