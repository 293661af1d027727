internal import CReadStat
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Table {
    /// Writes the table as an SPSS system file (`.sav`, uncompressed), atomically (through a temporary
    /// file in the same folder); refuses to replace an existing file unless `overwrite` is `true`.
    ///
    /// Column mapping: double → numeric `F8.2`; integer → numeric `Fw.0` (read back as integer);
    /// boolean → numeric 0/1 `F1.0` (read back as integer); string → string of the longest value's byte
    /// width; factor → numeric codes with a value-label set whose labels are the levels (codes from
    /// `Factor.valueCodes`, so a factor read from a file keeps its codes; ordered factors get the
    /// ordinal measure but read back unordered). Date columns read from a file (doubles of days since
    /// 1970) are written as plain numbers. Variable labels are written; missing numeric cells become system missing and
    /// missing strings become empty strings (SPSS has no missing string). Throws `FrameError.invalid`
    /// naming the column (and row) for names SPSS does not accept (or that differ only in case),
    /// variable labels over 256 bytes, value labels over 120 bytes, infinite values, integers beyond
    /// 2^53, and strings longer than 32767 bytes.
    public func writeSPSS(to path: String, overwrite: Bool = false) throws {
        try ReadStatWriting.write(self, to: path, format: .spss, overwrite: overwrite)
    }

    /// Writes the table as a Stata 14+ `.dta` file (format 118, UTF-8), atomically; refuses to replace
    /// an existing file unless `overwrite` is `true`.
    ///
    /// Column mapping: double → `double`; integer → `long` when every value fits Stata's long range
    /// (else `double`, read back as double); boolean → `byte` 0/1 (read back as integer); string →
    /// `str#` of the longest value's byte width (at most 2045 bytes); factor → `long` codes with a value
    /// label named like the variable (codes from `Factor.valueCodes` when they are whole numbers in the
    /// long range, else 1…k; `ordered` is not stored). Date columns are written as plain numbers.
    /// Missing numeric cells become `.`; missing strings become `""`. Throws
    /// `FrameError.invalid` naming the column (and row) for names Stata does not accept (letters, digits
    /// and `_`, at most 32 characters), infinite values and over-long strings.
    public func writeStata(to path: String, overwrite: Bool = false) throws {
        try ReadStatWriting.write(self, to: path, format: .stata, overwrite: overwrite)
    }
}

/// How one column is stored in the file.
struct ReadStatColumnPlan {
    enum Storage { case double, int32, int8, string(width: Int) }
    var storage: Storage
    var format: String
    var numbers: [Double] = []
    var strings: [String] = []
    var missing: [Bool]
    /// Value labels (code, label) for factors.
    var valueLabels: [(Double, String)] = []
    var measure: readstat_measure_t
}

/// Receives the bytes ReadStat produces and writes them to a file descriptor.
final class ReadStatSink {
    let fd: Int32
    var failed: Int32 = 0
    var messages: [String] = []
    init(fd: Int32) { self.fd = fd }
}

enum ReadStatWriting {
    static func write(_ table: Table, to path: String, format: ForeignFormat, overwrite: Bool) throws {
        if !overwrite && access(path, F_OK) == 0 {
            throw FrameError.invalid("\(path): the file exists; pass overwrite (--force) to replace it")
        }
        let plans = try table.columns.map { try plan($0, format: format, path: path) }
        var seen: [String: String] = [:]
        for c in table.columns {
            try checkName(c.name, format: format, path: path)
            if format == .spss {
                if let other = seen[c.name.uppercased()] {
                    throw FrameError.invalid("\(path): columns '\(other)' and '\(c.name)' differ only in case, which SPSS names do not distinguish; rename one of them")
                }
                seen[c.name.uppercased()] = c.name
                if let label = c.label, label.utf8.count > 256 {
                    throw FrameError.invalid("\(path): column '\(c.name)': the variable label has \(label.utf8.count) bytes; SPSS keeps at most 256; shorten it")
                }
            }
        }

        let temp = temporaryPath(for: path)
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 {
            throw FrameError.invalid("\(path): cannot write the file (\(posixErrorReason(errno))); check the folder and its permissions")
        }
        var closed = false
        var done = false
        defer {
            if !closed { close(fd) }
            if !done { unlink(temp) }
        }
        let sink = ReadStatSink(fd: fd)
        try withExtendedLifetime(sink) {
            try emit(table, plans: plans, format: format, sink: sink, path: path)
        }
        if fsync(fd) != 0 && errno != EINVAL {
            throw FrameError.invalid("\(path): cannot write the file (\(posixErrorReason(errno)))")
        }
        close(fd)
        closed = true
        if rename(temp, path) != 0 {
            throw FrameError.invalid("\(path): cannot write the file (\(posixErrorReason(errno))); check the folder and its permissions")
        }
        done = true
    }

    private static func emit(_ table: Table, plans: [ReadStatColumnPlan], format: ForeignFormat, sink: ReadStatSink, path: String) throws {
        guard let writer = readstat_writer_init() else { throw FrameError.invalid("\(path): out of memory while writing") }
        defer { readstat_writer_free(writer) }
        _ = readstat_set_data_writer(writer) { data, len, ctx in
            guard let ctx, let data else { return -1 }
            let sink = Unmanaged<ReadStatSink>.fromOpaque(ctx).takeUnretainedValue()
            var written = 0
            while written < len {
                let n = posixWrite(sink.fd, data + written, len - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    sink.failed = errno
                    return -1
                }
                written += n
            }
            return len
        }
        _ = readstat_writer_set_error_handler(writer) { message, ctx in
            guard let ctx, let message else { return }
            Unmanaged<ReadStatSink>.fromOpaque(ctx).takeUnretainedValue().messages.append(String(cString: message).readStatTrimmed())
        }
        if let epoch = getenv("SOURCE_DATE_EPOCH").flatMap({ Int(String(cString: $0)) }) {
            _ = readstat_writer_set_file_timestamp(writer, time_t(epoch))
        }
        if format == .stata { _ = readstat_writer_set_file_format_version(writer, 118) }

        var variables: [UnsafeMutablePointer<readstat_variable_t>] = []
        for (column, plan) in zip(table.columns, plans) {
            let type: readstat_type_t
            var width = 0
            switch plan.storage {
            case .double: type = READSTAT_TYPE_DOUBLE
            case .int32: type = READSTAT_TYPE_INT32
            case .int8: type = READSTAT_TYPE_INT8
            case .string(let w): type = READSTAT_TYPE_STRING; width = w
            }
            guard let v = readstat_add_variable(writer, column.name, type, width) else {
                throw FrameError.invalid("\(path): column '\(column.name)': could not add the variable")
            }
            if let label = column.label, !label.isEmpty { readstat_variable_set_label(v, label) }
            if !plan.format.isEmpty { readstat_variable_set_format(v, plan.format) }
            if format == .spss { readstat_variable_set_measure(v, plan.measure) }
            if !plan.valueLabels.isEmpty {
                let setName = format == .stata ? column.name : "labels\(variables.count)"
                guard let set = readstat_add_label_set(writer, format == .stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, setName) else {
                    throw FrameError.invalid("\(path): column '\(column.name)': could not add the value labels")
                }
                for (code, label) in plan.valueLabels {
                    if format == .stata { readstat_label_int32_value(set, Int32(code), label) } else { readstat_label_double_value(set, code, label) }
                }
                readstat_variable_set_label_set(v, set)
            }
            variables.append(v)
        }

        let ctx = Unmanaged.passUnretained(sink).toOpaque()
        let rows = table.rowCount
        var rc = format == .stata ? readstat_begin_writing_dta(writer, ctx, rows) : readstat_begin_writing_sav(writer, ctx, rows)
        if rc != READSTAT_OK {
            for (k, v) in variables.enumerated() {
                let vrc = readstat_validate_variable(writer, v)
                if vrc != READSTAT_OK { throw failure(vrc, sink, path, row: nil, column: table.columns[k].name) }
            }
            throw failure(rc, sink, path, row: nil, column: nil)
        }
        for row in 0..<rows {
            rc = readstat_begin_row(writer)
            if rc != READSTAT_OK { throw failure(rc, sink, path, row: row, column: nil) }
            for (k, plan) in plans.enumerated() {
                let v = variables[k]
                switch plan.storage {
                case .string:
                    rc = readstat_insert_string_value(writer, v, plan.missing[row] ? "" : plan.strings[row])
                case .double, .int32, .int8:
                    if plan.missing[row] || plan.numbers[row].isNaN {
                        rc = readstat_insert_missing_value(writer, v)
                    } else if case .int32 = plan.storage {
                        rc = readstat_insert_int32_value(writer, v, Int32(plan.numbers[row]))
                    } else if case .int8 = plan.storage {
                        rc = readstat_insert_int8_value(writer, v, Int8(plan.numbers[row]))
                    } else {
                        rc = readstat_insert_double_value(writer, v, plan.numbers[row])
                    }
                }
                if rc != READSTAT_OK { throw failure(rc, sink, path, row: row, column: table.columns[k].name) }
            }
            rc = readstat_end_row(writer)
            if rc != READSTAT_OK { throw failure(rc, sink, path, row: row, column: nil) }
        }
        rc = readstat_end_writing(writer)
        if rc != READSTAT_OK { throw failure(rc, sink, path, row: nil, column: nil) }
    }

    private static func failure(_ rc: readstat_error_t, _ sink: ReadStatSink, _ path: String, row: Int?, column: String?) -> FrameError {
        if sink.failed != 0 {
            return FrameError.invalid("\(path): cannot write the file (\(posixErrorReason(sink.failed))); check the free space and permissions")
        }
        let reason = readstat_error_message(rc).map { String(cString: $0) } ?? "error \(rc.rawValue)"
        let detail = sink.messages.isEmpty ? reason : reason + ": " + sink.messages.suffix(2).joined(separator: "; ")
        var place = ""
        if let row { place += "row \(row + 1), " }
        if let column { place += "column '\(column)': " }
        return FrameError.invalid("\(path): \(place)cannot write this value (\(detail))")
    }

    /// A temporary file next to `path` (same folder, so the final rename is atomic).
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(dir).\(name).tmp-\(getpid())"
    }

    /// Checks a column name against the format's rules, with a message that says what to do.
    static func checkName(_ name: String, format: ForeignFormat, path: String) throws {
        let bytes = Array(name.utf8)
        func isASCIILetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        let fail = { (why: String) in
            FrameError.invalid("\(path): column '\(name)': \(why); rename the column before writing a \(format.displayName) file")
        }
        guard let first = bytes.first else { throw fail("an empty name is not allowed") }
        if format == .stata {
            if name.count > 32 || bytes.count > 128 { throw fail("Stata names have at most 32 characters") }
            if !(first >= 0x80 || isASCIILetter(first) || first == 95) { throw fail("Stata names start with a letter or _") }
            if !bytes.allSatisfy({ $0 >= 0x80 || isASCIILetter($0) || isDigit($0) || $0 == 95 }) {
                throw fail("Stata names hold only letters, digits and _")
            }
            let reserved: Set<String> = ["_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
                                         "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with"]
            if reserved.contains(name) { throw fail("'\(name)' is a reserved word in Stata") }
        } else {
            if bytes.count > 64 { throw fail("SPSS names have at most 64 bytes") }
            if !(first >= 0x80 || isASCIILetter(first) || first == 64) { throw fail("SPSS names start with a letter or @") }
            if !bytes.allSatisfy({ $0 >= 0x80 || isASCIILetter($0) || isDigit($0) || [46, 95, 36, 35, 64].contains($0) }) {
                throw fail("SPSS names hold only letters, digits and . _ $ # @")
            }
            if bytes.last == 46 { throw fail("SPSS names do not end with a period") }
            let reserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
            if reserved.contains(name.uppercased()) { throw fail("'\(name)' is a reserved word in SPSS") }
        }
    }

    /// How `column` is stored; throws for values the format cannot hold.
    static func plan(_ column: Column, format: ForeignFormat, path: String) throws -> ReadStatColumnPlan {
        let n = column.count
        let missing = column.missing
        let stata = format == .stata
        func bad(_ row: Int, _ why: String) -> FrameError {
            FrameError.invalid("\(path): row \(row + 1), column '\(column.name)': \(why)")
        }
        switch column.values {
        case .double(let v):
            for i in 0..<n where !missing[i] && v[i].isInfinite {
                throw bad(i, "\(format.displayName) files cannot hold an infinite value; make it missing or a large finite number")
            }
            return ReadStatColumnPlan(storage: .double, format: stata ? "" : "F8.2", numbers: v, missing: missing,
                                      measure: READSTAT_MEASURE_SCALE)
        case .integer(let v):
            var fitsLong = true
            var digits = 1
            for i in 0..<n where !missing[i] {
                let x = v[i]
                if x.magnitude > 9_007_199_254_740_992 {
                    throw bad(i, "the integer \(x) is beyond 2^53, which \(format.displayName) stores only approximately; store it as a string")
                }
                if x < -2_147_483_647 || x > 2_147_483_620 { fitsLong = false }
                digits = max(digits, String(x).count)
            }
            let storage: ReadStatColumnPlan.Storage = stata ? (fitsLong ? .int32 : .double) : .double
            return ReadStatColumnPlan(storage: storage, format: stata ? "" : "F\(min(40, max(1, digits))).0",
                                      numbers: v.map { Double($0) }, missing: missing, measure: READSTAT_MEASURE_SCALE)
        case .boolean(let v):
            return ReadStatColumnPlan(storage: stata ? .int8 : .double, format: stata ? "" : "F1.0",
                                      numbers: v.map { $0 ? 1 : 0 }, missing: missing, measure: READSTAT_MEASURE_NOMINAL)
        case .string(let v):
            let limit = stata ? 2045 : 32767
            var width = 1
            for i in 0..<n where !missing[i] {
                let w = v[i].utf8.count
                if w > limit {
                    throw bad(i, "a text of \(w) bytes; \(format.displayName) strings hold at most \(limit) bytes; shorten it")
                }
                width = max(width, w)
            }
            return ReadStatColumnPlan(storage: .string(width: width), format: "", strings: v, missing: missing,
                                      measure: READSTAT_MEASURE_NOMINAL)
        case .factor(let f):
            var codes = f.valueCodes
            if stata && !codes.allSatisfy({ $0 == $0.rounded() && $0 >= -2_147_483_647 && $0 <= 2_147_483_620 }) {
                codes = (0..<f.levels.count).map { Double($0 + 1) }
            }
            let limit = stata ? 32000 : 120
            for (k, level) in f.levels.enumerated() where level.utf8.count > limit {
                throw FrameError.invalid("\(path): column '\(column.name)': level \(k + 1) has \(level.utf8.count) bytes; \(format.displayName) value labels hold at most \(limit); shorten the level names")
            }
            var numbers = [Double](repeating: .nan, count: n)
            for i in 0..<n where !missing[i] {
                let c = Int(f.codes[i])
                guard c >= 0 && c < codes.count else {
                    throw bad(i, "factor code \(c) has no level; the factor is inconsistent")
                }
                numbers[i] = codes[c]
            }
            let digits = codes.map { formatDouble($0).count }.max() ?? 1
            return ReadStatColumnPlan(storage: stata ? .int32 : .double, format: stata ? "" : "F\(min(40, max(1, digits))).0",
                                      numbers: numbers, missing: missing,
                                      valueLabels: Array(zip(codes, f.levels)),
                                      measure: f.ordered ? READSTAT_MEASURE_ORDINAL : READSTAT_MEASURE_NOMINAL)
        }
    }
}

/// `write(2)`, named apart from the `write` methods above.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}
