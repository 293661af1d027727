import Foundation
import Models
import TestSupport

/// A numeric CSV fixture as written by `write.csv(..., na = "")` in Scripts/reference/survival.R.
struct SurvivalCSV {
    let names: [String]
    /// Column values; `nil` for R's NA.
    let columns: [[Double?]]

    init(_ file: String) throws {
        let text = try String(contentsOfFile: Fixtures.path("survival/\(file)"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
        var cols = [[Double?]](repeating: [], count: header.count)
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (j, c) in cells.enumerated() where j < header.count {
                cols[j].append(c.isEmpty || c == "NA" ? nil : Double(c))
            }
        }
        names = header
        columns = cols
    }

    /// Column by name (NA kept as nil).
    func optional(_ name: String) -> [Double?] { columns[names.firstIndex(of: name)!] }

    /// Rows where every named column is present (R's complete cases).
    func completeRows(_ vars: [String]) -> [Int] {
        let cols = vars.map(optional)
        return (0..<cols[0].count).filter { i in cols.allSatisfy { $0[i] != nil } }
    }

    /// Column values on `rows`.
    func column(_ name: String, rows: [Int]? = nil) -> [Double] {
        let c = optional(name)
        return (rows ?? Array(c.indices)).map { c[$0] ?? .nan }
    }
}

/// A JSON fixture object with typed accessors; jsonlite writes NA as the string "NA".
struct SurvivalFixture {
    let object: [String: Any]

    init(_ file: String) throws {
        object = try Fixtures.json("survival/\(file)") as! [String: Any]
    }

    func double(_ key: String) -> Double { Self.number(object[key]) }

    func doubles(_ key: String) -> [Double] {
        if let a = object[key] as? [Any] { return a.map(Self.number) }
        return [Self.number(object[key])]
    }

    func strings(_ key: String) -> [String] {
        if let a = object[key] as? [String] { return a }
        if let s = object[key] as? String { return [s] }
        return []
    }

    func sub(_ key: String) -> SurvivalFixture { SurvivalFixture(object: object[key] as! [String: Any]) }

    init(object: [String: Any]) { self.object = object }

    static func number(_ v: Any?) -> Double {
        if let d = v as? Double { return d }
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String, s == "Inf" { return .infinity }
        return .nan   // "NA", null
    }
}

/// Max relative difference treating NaN == NaN and equal infinities as equal.
func survivalMaxRelDiff(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var m = 0.0
    for (x, y) in zip(a, b) {
        if x == y || (x.isNaN && y.isNaN) { continue }
        if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite { return .infinity }
        m = max(m, abs(x - y) / max(abs(y), 1e-300))
    }
    return m
}
