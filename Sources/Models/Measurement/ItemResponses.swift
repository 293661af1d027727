import Frames
import Linalg

/// Item responses of `rowCount` respondents to named items: a column-major matrix with `NaN` at
/// missing responses (one column per item, in the order of `names`).
///
/// ```swift
/// let r = try ItemResponses(table: pupils, items: ["A1", "A2", "A3"])
/// ```
public struct ItemResponses: Sendable, Equatable {
    /// Item names, one per column.
    public let names: [String]
    /// Responses, `rowCount` x `names.count`, `NaN` where missing.
    public let values: Matrix

    /// Number of respondents (rows).
    public var rowCount: Int { values.rows }
    /// Number of items (columns).
    public var itemCount: Int { values.columns }

    /// Responses from equally long columns (`NaN` marks a missing response).
    public init(names: [String], columns: [[Double]]) throws {
        guard names.count == columns.count else {
            throw MeasurementError.invalid("\(names.count) item names for \(columns.count) columns")
        }
        var seen = Set<String>()
        for n in names where !seen.insert(n).inserted { throw MeasurementError.duplicateItem(n) }
        let n = columns.first?.count ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(n * columns.count)
        for (k, c) in columns.enumerated() {
            guard c.count == n else { throw MeasurementError.lengthMismatch(name: names[k], expected: n, found: c.count) }
            storage.append(contentsOf: c)
        }
        self.names = names
        self.values = Matrix(rows: n, columns: columns.count, columnMajor: storage)
    }

    /// Responses from numeric columns of a table (missing cells become `NaN`). Throws the table's
    /// `FrameError.unknownColumn` (with suggestions) for a missing column, and `MeasurementError.invalid`
    /// for a column that is not numeric.
    public init(table: Table, items: [String]) throws {
        var cols: [[Double]] = []
        for name in items {
            let c = try table.column(name)
            guard let d = c.doubles else {
                throw MeasurementError.invalid("item '\(name)' is a \(c.type.rawValue) column; items must be numeric responses")
            }
            cols.append(d)
        }
        try self.init(names: items, columns: cols)
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] { values.column(j) }

    /// The responses to the items at `indices`, in that order.
    public func selecting(_ indices: [Int]) throws -> ItemResponses {
        try ItemResponses(names: indices.map { names[$0] }, columns: indices.map { values.column($0) })
    }
}
