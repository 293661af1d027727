import Foundation
@testable import Linalg
import TestSupport

/// Reading the JSON written by Scripts/reference/linalg.R.
enum LinalgFixture {
    /// The top-level object of `Tests/Fixtures/linalg/<name>`.
    static func load(_ name: String) throws -> [String: Any] {
        guard let object = try Fixtures.json("linalg/" + name) as? [String: Any] else {
            throw FixtureError.malformed(name)
        }
        return object
    }
}

/// A fixture that does not have the expected shape.
enum FixtureError: Error { case malformed(String) }

extension Dictionary where Key == String, Value == Any {
    /// A nested object.
    func object(_ key: String) throws -> [String: Any] {
        guard let o = self[key] as? [String: Any] else { throw FixtureError.malformed(key) }
        return o
    }

    /// A number array (jsonlite expected values) or an array of "%.17g" strings (exact inputs).
    func doubles(_ key: String) throws -> [Double] {
        if let a = self[key] as? [Double] { return a }
        if let a = self[key] as? [NSNumber] { return a.map(\.doubleValue) }
        if let a = self[key] as? [String] {
            return try a.map { s in
                guard let d = Double(s) else { throw FixtureError.malformed("\(key): \(s)") }
                return d
            }
        }
        if let d = self[key] as? Double { return [d] }
        throw FixtureError.malformed(key)
    }

    /// Coefficients written as "%.17g" strings with "NA" for aliased ones.
    func optionalDoubles(_ key: String) throws -> [Double?] {
        guard let a = self[key] as? [String] else { throw FixtureError.malformed(key) }
        return a.map { $0 == "NA" ? nil : Double($0) }
    }

    /// A number.
    func double(_ key: String) throws -> Double {
        guard let d = (self[key] as? NSNumber)?.doubleValue else { throw FixtureError.malformed(key) }
        return d
    }

    /// An integer (or integer array of length 1).
    func int(_ key: String) throws -> Int {
        guard let d = (self[key] as? NSNumber)?.intValue else { throw FixtureError.malformed(key) }
        return d
    }

    /// An integer array.
    func ints(_ key: String) throws -> [Int] {
        if let a = self[key] as? [NSNumber] { return a.map(\.intValue) }
        throw FixtureError.malformed(key)
    }

    /// A matrix stored as {rows, columns, data (column-major)}.
    func matrix(_ key: String) throws -> Matrix {
        let o = try object(key)
        let r = try o.int("rows"), c = try o.int("columns")
        let data = try o.doubles("data")
        guard data.count == r * c else { throw FixtureError.malformed(key) }
        return Matrix(rows: r, columns: c, columnMajor: data)
    }
}

/// Largest element-wise relative difference between two matrices of equal shape.
func maxRelativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
    guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
    return maxRelativeDifference(a.storage, b.storage)
}

/// Largest absolute difference, scaled by the largest absolute element of `b`.
func maxScaledDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    let scale = b.map(abs).max() ?? 1
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / Swift.max(scale, .leastNormalMagnitude) } ?? 0
}

/// The `n` x `n` Hilbert matrix `H_ij = 1 / (i + j - 1)` (one-based), built as R's `outer` does.
func hilbert(_ n: Int) -> Matrix {
    var h = Matrix(rows: n, columns: n)
    for j in 0..<n { for i in 0..<n { h[i, j] = 1 / Double(i + j + 1) } }
    return h
}
