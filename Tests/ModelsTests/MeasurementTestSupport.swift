import Foundation
import TestSupport

/// A numeric CSV fixture written by Scripts/reference/measurement.R (`write.csv(..., na = "NA")`):
/// a header of quoted names, then numbers or `NA`.
struct NumericCSV: Sendable {
    let names: [String]
    let columns: [[Double]]

    init(_ relative: String) throws {
        let text = try String(contentsOfFile: Fixtures.path(relative), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst()
        names = header.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
        var cols = [[Double]](repeating: [], count: names.count)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            for (j, f) in fields.enumerated() { cols[j].append(f == "NA" ? .nan : Double(f)!) }
        }
        columns = cols
    }

    func column(_ name: String) -> [Double] { columns[names.firstIndex(of: name)!] }
}

/// A JSON object from Tests/Fixtures/measurement.
struct JSONFixture: @unchecked Sendable {   // immutable after init
    let object: [String: Any]
    init(_ relative: String) throws { object = try Fixtures.json(relative) as! [String: Any] }
    init(object: [String: Any]) { self.object = object }

    subscript(_ key: String) -> JSONFixture { JSONFixture(object: object[key] as! [String: Any]) }
    func double(_ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }
    func doubles(_ key: String) -> [Double] { (object[key] as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    func strings(_ key: String) -> [String] { object[key] as! [String] }
    func array(_ key: String) -> [JSONFixture] { (object[key] as! [[String: Any]]).map(JSONFixture.init(object:)) }
}

/// Largest difference between `a` and `b` after flipping `a` to `b`'s sign (factor loadings are defined up to sign).
func maxDifferenceUpToSign(_ a: [Double], _ b: [Double]) -> Double {
    let dot = zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 }
    let s: Double = dot < 0 ? -1 : 1
    return zip(a, b).reduce(0.0) { Swift.max($0, Swift.abs(s * $1.0 - $1.1)) }
}

/// Largest absolute difference (NaN-aware: two NaNs are equal).
func maxAbsoluteDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var m = 0.0
    for (x, y) in zip(a, b) {
        if x.isNaN && y.isNaN { continue }
        if x.isNaN || y.isNaN { return .infinity }
        m = Swift.max(m, Swift.abs(x - y))
    }
    return m
}
