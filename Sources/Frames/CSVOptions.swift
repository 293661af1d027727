/// How to read (and write) a delimited text file.
///
/// Decisions, documented once here:
/// * **Delimiter**: `.auto` picks, among `,` `;` and tab, the one occurring most often outside quotes in
///   the first line (ties prefer `,`, then `;`, then tab); a `.tsv` file defaults to tab.
/// * **Decimal mark**: `.auto` means `,` when the delimiter is `;` (the export of Flemish and Dutch
///   spreadsheets, R's `read.csv2`) and `.` otherwise.
/// * **Type inference** per column, over every non-missing cell: boolean (`TRUE`/`FALSE`/`true`/`false`)
///   → integer (fits in `Int`; an integer that overflows becomes a double) → double (decimal or
///   scientific notation, `Inf`, `-Inf`, `NaN`) → string. A column with no non-missing cell is boolean
///   (as in R). Leading and trailing spaces are ignored when a cell is read as a number or boolean.
/// * **Strings stay strings** in the table and become factors when a model frame is built (as R ≥ 4.0
///   does), unless `columnTypes` asks for `.factor`. Factor levels are sorted by Unicode code point
///   unless `factorLevels` gives them.
/// * **Missing values**: an unquoted cell equal to one of `naTokens` is missing. A quoted cell is
///   missing only in a non-string column (`"NA"` and `""` stay text in a string column, so strings
///   written by `CSVWriter` read back identically).
/// * **Blank lines** are skipped in a file with more than one column (they hold no cells); in a
///   one-column file a blank line is an empty cell, hence missing (except blank lines at the very end
///   of the file, which are ignored).
public struct CSVOptions: Sendable, Equatable {
    /// The field separator.
    public enum Delimiter: Sendable, Equatable {
        /// Detect among `,` `;` and tab from the first line.
        case auto
        /// Use this byte (e.g. `","`).
        case character(UInt8)

        /// A comma.
        public static let comma = Delimiter.character(UInt8(ascii: ","))
        /// A semicolon.
        public static let semicolon = Delimiter.character(UInt8(ascii: ";"))
        /// A tab.
        public static let tab = Delimiter.character(UInt8(ascii: "\t"))
    }

    /// The decimal mark in numbers.
    public enum Decimal: Sendable, Equatable {
        /// `,` when the delimiter is `;`, else `.`.
        case auto
        /// A point: `1.5`.
        case point
        /// A comma: `1,5`.
        case comma
    }

    /// The field separator (default `.auto`).
    public var delimiter: Delimiter
    /// The decimal mark (default `.auto`).
    public var decimal: Decimal
    /// Cell texts meaning "missing" (default: empty, `NA`, `.`).
    public var naTokens: [String]
    /// Per-column type overrides by column name; inference is skipped for these columns.
    public var columnTypes: [String: ColumnType]
    /// Level orders for factor columns (implies `.factor` for the column); a cell not among the
    /// levels is an error.
    public var factorLevels: [String: [String]]
    /// Factor columns to mark as ordered (R's `ordered`).
    public var orderedFactors: Set<String>
    /// `true` when the first line holds column names (default); otherwise columns are `V1`, `V2`, ...
    public var header: Bool
    /// When set, only these columns are parsed and kept in the table (in file order); the others are
    /// only checked for their field count. A name that is not a column makes the reader ignore the
    /// selection and read every column, so that the caller's own "unknown column" message can list
    /// all of them. Columns named in `columnTypes` or `factorLevels` must still exist. `nil` (default):
    /// every column.
    public var selectedColumns: Set<String>? = nil

    /// Creates options; every argument has R's `read.csv` default except the documented decisions above.
    public init(delimiter: Delimiter = .auto, decimal: Decimal = .auto, naTokens: [String] = ["", "NA", "."],
                columnTypes: [String: ColumnType] = [:], factorLevels: [String: [String]] = [:],
                orderedFactors: Set<String> = [], header: Bool = true) {
        self.delimiter = delimiter
        self.decimal = decimal
        self.naTokens = naTokens
        self.columnTypes = columnTypes
        self.factorLevels = factorLevels
        self.orderedFactors = orderedFactors
        self.header = header
    }
}
