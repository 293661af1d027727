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
    /// The file holds no data (no bytes, or nothing but a byte-order mark and blank lines).
    case emptyFile(file: String)
    /// The file is not UTF-8 text (a NUL byte or an invalid UTF-8 sequence at `line`).
    case notText(file: String, line: Int, reason: String)
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// The file's format (by extension) is not supported (yet).
    case unsupportedFormat(file: String, format: String, hint: String)

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
        case let .emptyFile(file):
            return "\(file): the file is empty (no header and no rows); check the path or export the data again"
        case let .notText(file, line, reason):
            return "\(file):\(line): not a text file (\(reason)); save the data as CSV in UTF-8 (e.g. Excel: 'CSV UTF-8'), or read .sav/.dta files by their extension"
        case let .unreadable(file, reason):
            return "\(file): cannot read the file (\(reason)); check the path and permissions"
        case let .unsupportedFormat(file, format, hint):
            return "\(file): \(format) files are not supported yet; \(hint)"
        }
    }
}
