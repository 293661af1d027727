/// A numeric matrix with row and column names (confint, vcov), printed as R prints a matrix:
/// each column formatted on its own with 7 significant digits.
struct MatrixObject: ScriptObject {
    var rowNames: [String]
    var columnNames: [String]
    /// Values column by column.
    var columns: [[Double?]]

    var className: String { "matrix" }

    func printed(width: Int) -> String {
        let p = Printer(width: width)
        let cells = columns.map { p.formatDoubles($0, digits: 7) }
        let rw = rowNames.map(\.count).max() ?? 0
        let widths = columnNames.indices.map { j in Swift.max(columnNames[j].count, cells[j].map(\.count).max() ?? 0) }
        var out = String(repeating: " ", count: rw) + columnNames.indices.map { " " + padLeft(columnNames[$0], widths[$0]) }.joined() + "\n"
        for i in rowNames.indices {
            out += padRight(rowNames[i], rw) + columnNames.indices.map { " " + padLeft(cells[$0][i], widths[$0]) }.joined() + "\n"
        }
        return out
    }

    func field(_ name: String) -> Value? {
        guard let j = columnNames.firstIndex(of: name) else { return nil }
        return .vector(Vector(.double(columns[j]), names: rowNames))
    }

    var fieldNames: [String] { columnNames }

    /// The matrix with `f` applied to every cell.
    func mapped(_ f: (Double?) -> Double?) -> MatrixObject {
        MatrixObject(rowNames: rowNames, columnNames: columnNames, columns: columns.map { $0.map(f) })
    }
}
