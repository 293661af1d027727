/// The values of one column, by type. Missing cells are marked in `Column.missing`, and the
/// value stored at a missing cell is a placeholder (`.nan`, `0`, `false`, `""`, code `-1`).
public enum ColumnValues: Sendable, Equatable, Hashable {
    /// Floating point.
    case double([Double])
    /// Integers.
    case integer([Int])
    /// Booleans (`TRUE`/`FALSE`).
    case boolean([Bool])
    /// Free text.
    case string([String])
    /// A categorical variable: codes index `levels` (zero-based; `-1` at missing cells).
    case factor(Factor)

    /// Number of cells.
    public var count: Int {
        switch self {
        case .double(let v): return v.count
        case .integer(let v): return v.count
        case .boolean(let v): return v.count
        case .string(let v): return v.count
        case .factor(let f): return f.codes.count
        }
    }
}

/// The type of a column, as reported to people and used for per-column overrides.
public enum ColumnType: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case double, integer, boolean, string, factor
}

/// A categorical variable: integer codes into an ordered list of levels.
public struct Factor: Sendable, Equatable, Hashable {
    /// Zero-based level index per row; `-1` marks a missing cell.
    public var codes: [Int32]
    /// Level names in their defined order (the first is the reference level under treatment contrasts).
    public var levels: [String]
    /// `true` for an ordered factor (R's `ordered`).
    public var ordered: Bool
    /// For factors read from SPSS, Stata or SAS files: the file's original numeric codes as text, one per
    /// level in `levels` order (e.g. `["1", "5", "9"]`), so labelled values can be written back with the
    /// same codes; `nil` when the codes are simply 1...k or the factor did not come from such a file.
    /// `levels` holds the value labels (the text people read); see `Factor.valueCodes`.
    public var labels: [String]?

    /// Creates a factor from codes and levels.
    public init(codes: [Int32], levels: [String], ordered: Bool = false, labels: [String]? = nil) {
        self.codes = codes
        self.levels = levels
        self.ordered = ordered
        self.labels = labels
    }
}

/// One named column of a `Table`, with its missing-value mask and optional variable label.
public struct Column: Sendable, Equatable, Hashable {
    /// The column name (R-style names such as `ph.ecog` are allowed).
    public var name: String
    /// The values.
    public var values: ColumnValues
    /// `missing[i]` is `true` when row `i` is missing. Always `values.count` long.
    public var missing: [Bool]
    /// A descriptive variable label (e.g. from an SPSS file), if any.
    public var label: String?

    /// Creates a column; `missing` defaults to no missing cells.
    public init(name: String, values: ColumnValues, missing: [Bool]? = nil, label: String? = nil) {
        self.name = name
        self.values = values
        self.missing = missing ?? [Bool](repeating: false, count: values.count)
        precondition(self.missing.count == values.count, "Column \(name): mask and values differ in length")
        self.label = label
    }

    /// Number of rows.
    public var count: Int { values.count }

    /// The column's type.
    public var type: ColumnType {
        switch values {
        case .double: return .double
        case .integer: return .integer
        case .boolean: return .boolean
        case .string: return .string
        case .factor: return .factor
        }
    }

    /// Number of missing cells.
    public var missingCount: Int {
        missing.withUnsafeBufferPointer { m in
            var count = 0
            for flag in m { count &+= flag ? 1 : 0 }
            return count
        }
    }

    /// `true` when at least one cell is missing (a fast scan of the mask).
    public var hasMissing: Bool {
        missing.withUnsafeBufferPointer { m in
            // Scan the mask bytes in blocks with a branch-free inner loop, which the compiler vectorizes.
            let bytes = UnsafeRawBufferPointer(m)
            var start = 0
            while start < bytes.count {
                let end = Swift.min(start + 4096, bytes.count)
                var any: UInt8 = 0
                for i in start..<end { any |= bytes[i] }
                if any != 0 { return true }
                start = end
            }
            return false
        }
    }

    /// `true` for double, integer and boolean columns (usable as numbers in a model).
    public var isNumeric: Bool {
        switch values {
        case .double, .integer, .boolean: return true
        default: return false
        }
    }

    /// The column as doubles (`NaN` at missing cells), or `nil` for string and factor columns.
    ///
    /// A double column without missing cells is returned as is (no copy); other columns are
    /// converted in one pass over the buffers.
    public var doubles: [Double]? {
        switch values {
        case .double(let v):
            if !hasMissing { return v }
            var out = v
            out.withUnsafeMutableBufferPointer { markMissing(in: $0) }
            return out
        case .integer(let v): return converted(v) { Double($0) }
        case .boolean(let v): return converted(v) { $0 ? 1 : 0 }
        default: return nil
        }
    }

    /// `values` converted to doubles in one pass into a fresh buffer, `NaN` at missing cells.
    private func converted<T>(_ values: [T], _ convert: (T) -> Double) -> [Double] {
        let hasMissing = self.hasMissing
        return values.withUnsafeBufferPointer { src in
            LargeBuffer.doubles(count: src.count) { out in
                for i in 0..<src.count { out[i] = convert(src[i]) }
                if hasMissing { markMissing(in: out) }
            }
        }
    }

    /// Sets the cells of `out` (this column's values as doubles) that are missing to `NaN`.
    private func markMissing(in out: UnsafeMutableBufferPointer<Double>) {
        missing.withUnsafeBufferPointer { m in
            for i in 0..<Swift.min(out.count, m.count) where m[i] { out[i] = .nan }
        }
    }

    /// The text of cell `i` as R would print it (`NA` when missing).
    public func text(at i: Int) -> String {
        if missing[i] { return "NA" }
        switch values {
        case .double(let v): return formatDouble(v[i])
        case .integer(let v): return String(v[i])
        case .boolean(let v): return v[i] ? "TRUE" : "FALSE"
        case .string(let v): return v[i]
        case .factor(let f): return f.levels[Int(f.codes[i])]
        }
    }
}

/// Shortest round-tripping text of a double, with integers printed without a decimal point.
func formatDouble(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
