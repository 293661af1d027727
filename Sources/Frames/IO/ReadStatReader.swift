internal import CReadStat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How SPSS, Stata and SAS files are turned into a `Table`.
///
/// The defaults follow what a researcher expects from R's haven followed by `as_factor`:
///
/// - **Value labels → factors.** A numeric variable with a value-label set becomes a factor. Its
///   levels are the label texts in the order of their numeric codes; a value that occurs in the data
///   without a label becomes a level of its own, spelled as the number (`"4"`). A label shared by two
///   codes is made unique by appending the code (`"other (9)"`). The file's codes are kept in
///   `Factor.labels` as text (`["1", "2", "9"]`), read back with `Factor.valueCodes`; when the codes
///   are simply 1, 2, …, k, `Factor.labels` is `nil`. Labels of SPSS user-missing codes (e.g. 9 =
///   "refused", declared missing) do not become levels, since those cells are missing; a variable whose
///   only labels are for missing codes (age with 99 = "no answer") stays numeric. The SPSS measure
///   level is not used: factors are unordered. Writers use these codes again, so a labelled
///   variable survives read → write → read unchanged. A string variable with value labels becomes a
///   factor the same way (levels ordered by the string codes).
/// - **Missing values.** System missing, SPSS user-defined missing codes (e.g. 99 declared missing)
///   and Stata/SAS extended missing values (`.a`–`.z`, `._`) are all missing cells.
/// - **Strings** become string columns; an empty string stays an empty string (these formats have no
///   missing string).
/// - **Numbers.** Stata byte/int/long and SAS/Stata integer storage become integer columns; SPSS
///   numbers (always stored as doubles) become integer columns when their print format has no
///   decimals (`F8.0`) and every value is a whole number, else double columns.
/// - **Dates.** Date variables (SPSS `DATE`, `ADATE`, `EDATE`, `SDATE`, `JDATE`, `MOYR`, `QYR`, `WKYR`;
///   Stata `%td`; SAS `DATE`, `MMDDYY`, `DDMMYY`, `YYMMDD`, `E8601DA`, …) become double columns holding
///   **days since 1970-01-01** (R's `Date` numbers); date-times (SPSS `DATETIME`, `YMDHMS`; Stata `%tc`,
///   `%tC`; SAS `DATETIME`, `E8601DT`) become **seconds since 1970-01-01 00:00 UTC** (R's `POSIXct`).
///   Other time formats (durations, Stata `%tm`, `%tq`, …) keep the file's numbers.
/// - **Variable labels** go to `Column.label`.
public struct ForeignReadOptions: Sendable, Equatable {
    /// Turn numeric variables with value labels into factors (default `true`); `false` keeps the codes
    /// as numbers.
    public var valueLabelsAsFactors: Bool
    /// Treat SPSS user-defined missing codes as missing (default `true`); `false` keeps them as values.
    public var userMissingAsMissing: Bool
    /// Convert date and date-time variables to days / seconds since 1970-01-01 (default `true`).
    public var convertDates: Bool
    /// The character encoding of old files that do not record one (e.g. `"WINDOWS-1252"`); `nil` lets
    /// ReadStat use the file's own declaration.
    public var encoding: String?

    /// Options with the defaults described on the type.
    public init(valueLabelsAsFactors: Bool = true, userMissingAsMissing: Bool = true,
                convertDates: Bool = true, encoding: String? = nil) {
        self.valueLabelsAsFactors = valueLabelsAsFactors
        self.userMissingAsMissing = userMissingAsMissing
        self.convertDates = convertDates
        self.encoding = encoding
    }
}

extension Factor {
    /// The numeric code of each level in the file it was read from (or will be written to): the
    /// numbers in `labels` when every entry there is a number, otherwise 1, 2, …, `levels.count`.
    /// See `ForeignReadOptions` for how readers fill `labels`.
    public var valueCodes: [Double] {
        if let labels, labels.count == levels.count {
            let parsed = labels.compactMap { Double($0) }
            if parsed.count == labels.count, parsed.allSatisfy({ $0.isFinite }), Set(parsed).count == parsed.count {
                return parsed
            }
        }
        return (0..<levels.count).map { Double($0 + 1) }
    }
}

extension Table {
    /// Reads an SPSS system file (`.sav`, `.zsav`) or portable file (`.por`); see `ForeignReadOptions`
    /// for how labels, missing codes and dates are mapped.
    ///
    /// Throws `FrameError.unreadable` for a missing or unreadable file, and `FrameError.invalid` naming
    /// the file (and the row and variable reached) for a file that is not SPSS, is damaged or ends early.
    public static func readSPSS(path: String, options: ForeignReadOptions = ForeignReadOptions()) throws -> Table {
        let format = try ForeignFormat.expect(path: path, oneOf: [.spss, .spssPortable], named: "an SPSS file")
        return try ReadStatReading.read(path: path, format: format, options: options)
    }

    /// Reads a Stata `.dta` file (versions 102–119); see `ForeignReadOptions`. Extended missing values
    /// `.a`–`.z` are missing cells.
    public static func readStata(path: String, options: ForeignReadOptions = ForeignReadOptions()) throws -> Table {
        let format = try ForeignFormat.expect(path: path, oneOf: [.stata], named: "a Stata file")
        return try ReadStatReading.read(path: path, format: format, options: options)
    }

    /// Reads a SAS data set (`.sas7bdat`) or SAS transport file (`.xpt`), chosen by the file's first
    /// bytes; see `ForeignReadOptions`. (Value labels live in separate SAS catalog files, which are not read.)
    public static func readSAS(path: String, options: ForeignReadOptions = ForeignReadOptions()) throws -> Table {
        let format = try ForeignFormat.expect(path: path, oneOf: [.sas7bdat, .sasTransport], named: "a SAS file")
        return try ReadStatReading.read(path: path, format: format, options: options)
    }

    /// Reads an SPSS, Stata or SAS file, whichever its extension and first bytes show.
    public static func readStatisticalFile(path: String, options: ForeignReadOptions = ForeignReadOptions()) throws -> Table {
        let format = try ForeignFormat.expect(path: path, oneOf: [.spss, .spssPortable, .stata, .sas7bdat, .sasTransport],
                                              named: "an SPSS, Stata or SAS file")
        return try ReadStatReading.read(path: path, format: format, options: options)
    }
}

extension ForeignFormat {
    /// The detected format of `path` when it is one of `allowed`; otherwise an error saying what it is.
    static func expect(path: String, oneOf allowed: [ForeignFormat], named: String) throws -> ForeignFormat {
        let detected = try detect(path: path)
        if let detected, allowed.contains(detected) { return detected }
        let head = (try? readHead(path: path, count: 512)) ?? []
        throw FrameError.invalid("\(path): not \(named) (\(describe(head, found: detected))); "
            + "check the file, or read it with the reader for what it holds")
    }
}

/// Reading through ReadStat's callback parser.
enum ReadStatReading {
    static func read(path: String, format: ForeignFormat, options: ForeignReadOptions) throws -> Table {
        guard let parser = readstat_parser_init() else {
            throw FrameError.invalid("\(path): out of memory while starting the reader")
        }
        defer { readstat_parser_free(parser) }
        let state = ReadStatCollector(path: path, format: format, options: options)
        installHandlers(parser)
        if let enc = options.encoding { _ = readstat_set_file_character_encoding(parser, enc) }

        let ctx = Unmanaged.passUnretained(state).toOpaque()
        let rc: readstat_error_t = withExtendedLifetime(state) {
            switch format {
            case .spss: return readstat_parse_sav(parser, path, ctx)
            case .spssPortable: return readstat_parse_por(parser, path, ctx)
            case .stata: return readstat_parse_dta(parser, path, ctx)
            case .sas7bdat: return readstat_parse_sas7bdat(parser, path, ctx)
            case .sasTransport: return readstat_parse_xport(parser, path, ctx)
            case .sqlite: return READSTAT_ERROR_PARSE
            }
        }
        if let failure = state.failure { throw failure }
        if rc != READSTAT_OK { throw state.error(for: rc) }
        try checkComplete(path: path, format: format)
        return try state.table()
    }

    /// Truncations ReadStat itself lets pass: an XML-style Stata file (format 117+) must end with
    /// `</stata_dta>`, and a SAS transport file consists of whole 80-byte records. (A transport file
    /// cut exactly at a record boundary cannot be told from a shorter file: it has no row count.)
    static func checkComplete(path: String, format: ForeignFormat) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FrameError.unreadable(file: path, reason: posixErrorReason(errno)) }
        defer { close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        switch format {
        case .stata:
            let head = try ForeignFormat.readHead(path: path, count: 11)
            guard head == Array("<stata_dta>".utf8) else { return }
            let tag = Array("</stata_dta>".utf8)
            var tail = [UInt8](repeating: 0, count: tag.count)
            let n = size >= tag.count ? tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, tag.count, off_t(size - tag.count)) } : 0
            if n != tag.count || tail != tag {
                throw FrameError.invalid("\(path): the file ends early (the closing </stata_dta> tag is missing, so value labels may be lost); copy or export the Stata file again")
            }
        case .sasTransport:
            if size % 80 != 0 {
                throw FrameError.invalid("\(path): the file ends early (\(size) bytes is not a whole number of 80-byte transport records); copy or export the SAS transport file again")
            }
        default:
            return
        }
    }

    private static func installHandlers(_ parser: UnsafeMutablePointer<readstat_parser_t>) {
        _ = readstat_set_metadata_handler(parser) { metadata, ctx in
            guard let ctx, let metadata else { return Int32(READSTAT_HANDLER_OK) }
            let state = Unmanaged<ReadStatCollector>.fromOpaque(ctx).takeUnretainedValue()
            state.expectedRows = Int(readstat_get_row_count(metadata))
            return Int32(READSTAT_HANDLER_OK)
        }
        _ = readstat_set_variable_handler(parser) { index, variable, valLabels, ctx in
            guard let ctx, let variable else { return Int32(READSTAT_HANDLER_OK) }
            let state = Unmanaged<ReadStatCollector>.fromOpaque(ctx).takeUnretainedValue()
            let set = valLabels.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
            state.addVariable(index: Int(index), variable: variable, labelSet: set)
            return Int32(READSTAT_HANDLER_OK)
        }
        _ = readstat_set_value_label_handler(parser) { setName, value, label, ctx in
            guard let ctx, let setName, let label else { return Int32(READSTAT_HANDLER_OK) }
            let state = Unmanaged<ReadStatCollector>.fromOpaque(ctx).takeUnretainedValue()
            state.addValueLabel(set: String(cString: setName), value: value, label: String(cString: label))
            return Int32(READSTAT_HANDLER_OK)
        }
        _ = readstat_set_value_handler(parser) { obs, variable, value, ctx in
            guard let ctx, let variable else { return Int32(READSTAT_HANDLER_OK) }
            let state = Unmanaged<ReadStatCollector>.fromOpaque(ctx).takeUnretainedValue()
            return state.addValue(row: Int(obs), variable: variable, value: value)
                ? Int32(READSTAT_HANDLER_OK) : Int32(READSTAT_HANDLER_ABORT)
        }
        _ = readstat_set_error_handler(parser) { message, ctx in
            guard let ctx, let message else { return }
            let state = Unmanaged<ReadStatCollector>.fromOpaque(ctx).takeUnretainedValue()
            state.messages.append(String(cString: message).readStatTrimmed())
        }
    }
}

/// One variable's metadata and values as they arrive from ReadStat.
final class ReadStatVariable {
    let name: String
    let label: String?
    let format: String
    let isString: Bool
    let isIntegerStorage: Bool
    let decimals: Int
    let labelSet: String?
    /// SPSS user-defined missing values and ranges (closed intervals) of a numeric variable.
    var missingRanges: [(lo: Double, hi: Double)] = []
    var numbers: [Double] = []
    var strings: [String] = []
    var missing: [Bool] = []

    init(name: String, label: String?, format: String, isString: Bool, isIntegerStorage: Bool, decimals: Int, labelSet: String?) {
        self.name = name
        self.label = label
        self.format = format
        self.isString = isString
        self.isIntegerStorage = isIntegerStorage
        self.decimals = decimals
        self.labelSet = labelSet
    }

    var count: Int { missing.count }
}

/// A value-label set: numeric codes or string codes to label texts.
struct ReadStatLabelSet {
    var numeric: [Double: String] = [:]
    var text: [String: String] = [:]
}

/// The state shared with ReadStat's C callbacks through the context pointer.
final class ReadStatCollector {
    let path: String
    let format: ForeignFormat
    let options: ForeignReadOptions
    var expectedRows = -1
    var variables: [ReadStatVariable] = []
    /// ReadStat variable index → position in `variables` (-1 for variables not collected).
    var slot: [Int] = []
    var labelSets: [String: ReadStatLabelSet] = [:]
    var messages: [String] = []
    var lastRow = -1
    var lastVariable: String?
    var failure: FrameError?

    init(path: String, format: ForeignFormat, options: ForeignReadOptions) {
        self.path = path
        self.format = format
        self.options = options
    }

    func addVariable(index: Int, variable: UnsafeMutablePointer<readstat_variable_t>, labelSet: String?) {
        let name = readstat_variable_get_name(variable).map { String(cString: $0) } ?? "V\(index + 1)"
        let label = readstat_variable_get_label(variable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let format = readstat_variable_get_format(variable).map { String(cString: $0) } ?? ""
        let type = readstat_variable_get_type(variable)
        let isString = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
        let isInt = type == READSTAT_TYPE_INT8 || type == READSTAT_TYPE_INT16 || type == READSTAT_TYPE_INT32
        let v = ReadStatVariable(name: name, label: label, format: format, isString: isString, isIntegerStorage: isInt,
                                 decimals: Int(variable.pointee.decimals), labelSet: labelSet)
        if !isString {
            for r in 0..<readstat_variable_get_missing_ranges_count(variable) {
                let lo = ReadStatCollector.number(readstat_variable_get_missing_range_lo(variable, r))
                let hi = ReadStatCollector.number(readstat_variable_get_missing_range_hi(variable, r))
                if !lo.isNaN && !hi.isNaN { v.missingRanges.append((lo, hi)) }
            }
        }
        if expectedRows > 0 {
            v.missing.reserveCapacity(expectedRows)
            if isString { v.strings.reserveCapacity(expectedRows) } else { v.numbers.reserveCapacity(expectedRows) }
        }
        let k = Int(readstat_variable_get_index(variable))
        if k >= 0 {
            if slot.count <= k { slot.append(contentsOf: [Int](repeating: -1, count: k + 1 - slot.count)) }
            slot[k] = variables.count
        }
        variables.append(v)
    }

    func addValueLabel(set: String, value: readstat_value_t, label: String) {
        var entry = labelSets[set] ?? ReadStatLabelSet()
        if readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING {
            if let s = readstat_string_value(value) { entry.text[String(cString: s)] = label }
        } else if readstat_value_is_tagged_missing(value) == 0 && readstat_value_is_system_missing(value) == 0 {
            let x = ReadStatCollector.number(value)
            if x.isFinite { entry.numeric[x] = label }
        }
        labelSets[set] = entry
    }

    /// Appends one cell; returns `false` to abort the parse (after recording `failure`).
    func addValue(row: Int, variable: UnsafeMutablePointer<readstat_variable_t>, value: readstat_value_t) -> Bool {
        let index = Int(readstat_variable_get_index(variable))
        guard index >= 0 && index < slot.count, slot[index] >= 0 else { return true }
        let v = variables[slot[index]]
        lastRow = row
        lastVariable = v.name
        guard row >= v.count else {
            failure = FrameError.invalid("\(path): row \(row + 1), variable '\(v.name)': the file gives this cell twice; the file is damaged, export it again")
            return false
        }
        while v.count < row { appendMissing(v) }   // cells the file skipped
        let isMissing: Bool
        if options.userMissingAsMissing {
            isMissing = readstat_value_is_missing(value, variable) != 0
        } else {
            isMissing = readstat_value_is_system_missing(value) != 0 || readstat_value_is_tagged_missing(value) != 0
        }
        if v.isString {
            let text = readstat_string_value(value).map { String(cString: $0) } ?? ""
            v.strings.append(isMissing ? "" : text)
        } else {
            let x = ReadStatCollector.number(value)
            v.numbers.append(isMissing ? .nan : x)
        }
        v.missing.append(isMissing)
        return true
    }

    private func appendMissing(_ v: ReadStatVariable) {
        if v.isString { v.strings.append("") } else { v.numbers.append(.nan) }
        v.missing.append(true)
    }

    static func number(_ value: readstat_value_t) -> Double {
        switch readstat_value_type(value) {
        case READSTAT_TYPE_INT8: return Double(readstat_int8_value(value))
        case READSTAT_TYPE_INT16: return Double(readstat_int16_value(value))
        case READSTAT_TYPE_INT32: return Double(readstat_int32_value(value))
        case READSTAT_TYPE_FLOAT: return Double(readstat_float_value(value))
        case READSTAT_TYPE_DOUBLE: return readstat_double_value(value)
        default: return .nan
        }
    }

    /// A message for a failed parse, naming the file, the ReadStat reason and where it stopped.
    func error(for rc: readstat_error_t) -> FrameError {
        let reason = readstat_error_message(rc).map { String(cString: $0) } ?? "error \(rc.rawValue)"
        let detail = messages.isEmpty ? reason : reason + ": " + messages.suffix(2).joined(separator: "; ")
        let place: String
        if lastRow >= 0, let name = lastVariable {
            let of = expectedRows > 0 ? " of the \(expectedRows) the header announces" : ""
            if expectedRows > 0 && lastRow + 1 >= expectedRows && name == variables.last?.name {
                place = " after the last row (in the value labels or what follows the data)"
            } else {
                place = " after row \(lastRow + 1)\(of), variable '\(name)'"
            }
        } else if !variables.isEmpty {
            place = " in the data, before the first row"
        } else {
            place = " in the file header"
        }
        switch rc {
        case READSTAT_ERROR_OPEN:
            return FrameError.unreadable(file: path, reason: "ReadStat could not open it (\(detail))")
        case READSTAT_ERROR_READ, READSTAT_ERROR_SEEK, READSTAT_ERROR_ROW_COUNT_MISMATCH:
            return FrameError.invalid("\(path): the file ends early or is damaged\(place) (\(detail)); copy or export the \(format.displayName) file again")
        case READSTAT_ERROR_UNSUPPORTED_COMPRESSION, READSTAT_ERROR_UNSUPPORTED_CHARSET, READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
            return FrameError.invalid("\(path): this \(format.displayName) file uses a feature the reader does not support (\(detail)); save it again in a plain, uncompressed format" + (rc == READSTAT_ERROR_UNSUPPORTED_CHARSET ? " or pass the file's encoding" : ""))
        case READSTAT_ERROR_CONVERT, READSTAT_ERROR_CONVERT_BAD_STRING, READSTAT_ERROR_CONVERT_LONG_STRING, READSTAT_ERROR_CONVERT_SHORT_STRING:
            return FrameError.invalid("\(path): text\(place) is not valid in the file's character encoding (\(detail)); pass the right encoding (e.g. WINDOWS-1252)")
        default:
            return FrameError.invalid("\(path): cannot read this \(format.displayName) file; it is damaged or not what its extension says\(place) (\(detail))")
        }
    }

    /// The collected columns as a table.
    func table() throws -> Table {
        let rows = max(expectedRows, variables.map(\.count).max() ?? 0)
        var columns: [Column] = []
        columns.reserveCapacity(variables.count)
        for v in variables {
            while v.count < rows { appendMissing(v) }
            columns.append(column(v))
        }
        return try Table(columns: columns, source: path)
    }

    private func column(_ v: ReadStatVariable) -> Column {
        let set = v.labelSet.flatMap { labelSets[$0] }
        if v.isString {
            if options.valueLabelsAsFactors, let set, !set.text.isEmpty {
                return Column(name: v.name, values: .factor(stringFactor(v, set.text)), missing: v.missing, label: v.label)
            }
            return Column(name: v.name, values: .string(v.strings), missing: v.missing, label: v.label)
        }
        if options.valueLabelsAsFactors, let set {
            // Labels of user-missing codes ("refused" = 9) name missing cells, not levels: an empty level
            // would make a model's design matrix rank-deficient. A variable whose only labels are for
            // missing codes (age with 99 = "no answer") stays numeric.
            let labels = set.numeric.filter { code, _ in
                !options.userMissingAsMissing || !v.missingRanges.contains { code >= $0.lo && code <= $0.hi }
            }
            if !labels.isEmpty {
                return Column(name: v.name, values: .factor(numericFactor(v, labels)), missing: v.missing, label: v.label)
            }
        }
        if options.convertDates, let kind = DateKind.of(format: v.format, in: format) {
            let converted = v.numbers.map { kind.toUnix($0) }
            return Column(name: v.name, values: .double(converted), missing: v.missing, label: v.label)
        }
        if v.isIntegerStorage || (format == .spss || format == .spssPortable) && spssWholeNumberFormat(v) && allWhole(v) {
            let ints = v.numbers.enumerated().map { v.missing[$0.offset] ? 0 : Int($0.element) }
            return Column(name: v.name, values: .integer(ints), missing: v.missing, label: v.label)
        }
        return Column(name: v.name, values: .double(v.numbers), missing: v.missing, label: v.label)
    }

    private func spssWholeNumberFormat(_ v: ReadStatVariable) -> Bool {
        let f = v.format.uppercased()
        guard f.hasPrefix("F") || f.hasPrefix("N") else { return false }
        if let dot = f.firstIndex(of: ".") { return Int(f[f.index(after: dot)...]) == 0 }
        return v.decimals == 0
    }

    private func allWhole(_ v: ReadStatVariable) -> Bool {
        for (i, x) in v.numbers.enumerated() where !v.missing[i] {
            if !x.isFinite || x != x.rounded() || abs(x) > 9.007199254740992e15 { return false }
        }
        return true
    }

    private func numericFactor(_ v: ReadStatVariable, _ labels: [Double: String]) -> Factor {
        var codes = Set(labels.keys)
        for (i, x) in v.numbers.enumerated() where !v.missing[i] && x.isFinite { codes.insert(x) }
        let sorted = codes.sorted()
        let texts = uniqueLevels(sorted.map { (labels[$0], formatDouble($0)) })
        var index: [Double: Int32] = [:]
        for (k, c) in sorted.enumerated() { index[c] = Int32(k) }
        let factorCodes = v.numbers.enumerated().map { v.missing[$0.offset] ? Int32(-1) : (index[$0.element] ?? -1) }
        let simple = sorted.enumerated().allSatisfy { $0.element == Double($0.offset + 1) }
        return Factor(codes: factorCodes, levels: texts, labels: simple ? nil : sorted.map(formatDouble))
    }

    private func stringFactor(_ v: ReadStatVariable, _ labels: [String: String]) -> Factor {
        var codes = Set(labels.keys)
        for (i, s) in v.strings.enumerated() where !v.missing[i] { codes.insert(s) }
        let sorted = codes.sorted()
        let texts = uniqueLevels(sorted.map { (labels[$0], $0) })
        var index: [String: Int32] = [:]
        for (k, c) in sorted.enumerated() { index[c] = Int32(k) }
        let factorCodes = v.strings.enumerated().map { v.missing[$0.offset] ? Int32(-1) : (index[$0.element] ?? -1) }
        return Factor(codes: factorCodes, levels: texts, labels: sorted)
    }

    /// Level texts (label, else the code's text), made unique by appending the code in parentheses.
    private func uniqueLevels(_ items: [(label: String?, code: String)]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for item in items {
            var text = item.label ?? item.code
            if seen.contains(text) { text = "\(text) (\(item.code))" }
            var k = 2
            let base = text
            while seen.contains(text) { text = "\(base) #\(k)"; k += 1 }
            seen.insert(text)
            out.append(text)
        }
        return out
    }
}

/// Date and date-time print formats and their conversion to Unix-epoch numbers.
enum DateKind {
    case spssDate, spssDateTime, days1960, stataMilliseconds1960, seconds1960

    /// Seconds between 1582-10-14 (SPSS's origin) and 1970-01-01.
    static let spssOffsetSeconds = 12_219_379_200.0
    /// Days between 1960-01-01 (Stata's and SAS's origin) and 1970-01-01.
    static let days1960to1970 = 3653.0

    func toUnix(_ x: Double) -> Double {
        switch self {
        case .spssDate: return (x - DateKind.spssOffsetSeconds) / 86_400
        case .spssDateTime: return x - DateKind.spssOffsetSeconds
        case .days1960: return x - DateKind.days1960to1970
        case .stataMilliseconds1960: return x / 1000 - DateKind.days1960to1970 * 86_400
        case .seconds1960: return x - DateKind.days1960to1970 * 86_400
        }
    }

    static func of(format: String, in file: ForeignFormat) -> DateKind? {
        let f = format.uppercased()
        switch file {
        case .spss, .spssPortable:
            let name = String(f.prefix { $0.isLetter })
            if ["DATE", "ADATE", "EDATE", "SDATE", "JDATE", "MOYR", "QYR", "WKYR"].contains(name) { return .spssDate }
            if ["DATETIME", "YMDHMS"].contains(name) { return .spssDateTime }
            return nil
        case .stata:
            let body = f.droppingLeading("%").droppingLeading("-")
            if body.hasPrefix("TD") || body.hasPrefix("D") { return .days1960 }
            if body.hasPrefix("TC") { return .stataMilliseconds1960 }
            return nil
        case .sas7bdat, .sasTransport:
            let name = String(f.prefix { $0.isLetter })
            let dateNames = ["DATE", "MMDDYY", "DDMMYY", "YYMMDD", "YYMMDDN", "MMDDYYN", "DDMMYYN", "WEEKDATE",
                             "WORDDATE", "MONYY", "JULIAN", "MINGUO", "NLDATE", "EURDFDE", "YYMON", "DAY", "WEEKDATX"]
            if f.hasPrefix("E8601DA") || f.hasPrefix("B8601DA") { return .days1960 }
            if f.hasPrefix("E8601DT") || f.hasPrefix("B8601DT") || name == "DATETIME" || name == "NLDATM" || name == "DATEAMPM" {
                return .seconds1960
            }
            if dateNames.contains(name) { return .days1960 }
            return nil
        case .sqlite:
            return nil
        }
    }
}

extension String {
    /// The string without trailing spaces and line ends.
    func readStatTrimmed() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\n" || last == "\r" || last == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// The string without one leading occurrence of `prefix`.
    func droppingLeading(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
