/// Errors from building, reading or transforming tables. Each names where (file, line, column)
/// and what to do.
public enum FrameError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two columns share a name.
    case duplicateColumn(name: String, source: String?)
    /// A column's length differs from the table's.
    case lengthMismatch(column: String, expected: Int, found: Int)
    /// No column of that name; `suggestions` are the closest existing names.
    case unknownColumn(name: String, suggestions: [String])
    /// A problem in an input file at a 1-based line (and column name or field number, if known).
    case parse(file: String, line: Int, column: String?, message: String)
    /// Any other invalid request.
    case invalid(String)

    /// A sentence for people, with the place and a hint.
    public var description: String {
        switch self {
        case let .duplicateColumn(name, source):
            return "\(source.map { "\($0): " } ?? "")duplicate column name '\(name)'; rename one of the columns so each name is unique"
        case let .lengthMismatch(column, expected, found):
            return "column '\(column)' has \(found) rows, expected \(expected)"
        case let .unknownColumn(name, suggestions):
            let hint = suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            return "unknown column '\(name)'\(hint)"
        case let .parse(file, line, column, message):
            return "\(file):\(line)\(column.map { ", column '\($0)'" } ?? ""): \(message)"
        case let .invalid(message):
            return message
        }
    }
}
