import Foundation

/// Reads CSV/TSV files into a `Table` (see `CSVOptions` for the rules).
///
/// The file is mapped into memory once and scanned twice, in time linear in its size: the first
/// pass checks the structure (field counts, quotes), infers each column's type and validates
/// declared types; the second parses every cell straight into its typed column.
public enum CSVReader {
    /// Reads the file at `path`.
    public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> Table {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it could not be read" : "no such file"
            throw FrameError.unreadable(file: path, reason: reason)
        }
        var opts = options
        if opts.delimiter == .auto, path.lowercased().hasSuffix(".tsv") { opts.delimiter = .tab }
        return try read(data: data, name: path, options: opts)
    }

    /// Reads CSV text held in memory; `name` is used in messages.
    public static func read(text: String, name: String = "<text>", options: CSVOptions = CSVOptions()) throws -> Table {
        try read(data: Data(text.utf8), name: name, options: options)
    }

    /// Reads CSV bytes; `name` is used in messages.
    public static func read(data: Data, name: String, options: CSVOptions = CSVOptions()) throws -> Table {
        try read(data: data, name: name, options: options, splitMinimum: BodySplit.minimumBytes)
    }

    /// `read(data:name:options:)` with the body size from which the build runs on two halves
    /// (tests lower it to exercise the split on small inputs).
    static func read(data: Data, name: String, options: CSVOptions, splitMinimum: Int) throws -> Table {
        try data.withUnsafeBytes { raw -> Table in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                throw FrameError.emptyFile(file: name)
            }
            return try parse(base, raw.count, name: name, options: options, splitMinimum: splitMinimum)
        }
    }

    static func parse(_ p: UnsafePointer<UInt8>, _ size: Int, name: String, options: CSVOptions,
                      splitMinimum: Int = BodySplit.minimumBytes) throws -> Table {
        if let problem = ConcurrentSteps.firstTextProblem(p, size, minimum: splitMinimum) {
            throw FrameError.notText(file: name, line: TextCheck.line(of: problem.offset, p), reason: problem.reason)
        }
        // Line ends at the very end of the file hold no cells (not even in a one-column file).
        var n = size
        while n > 0 && (p[n - 1] == 0x0A || p[n - 1] == 0x0D) { n -= 1 }
        var start = 0
        if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { start = 3 }
        var firstLine = 1
        while start < n && (p[start] == 0x0A || p[start] == 0x0D) {
            if p[start] == 0x0A { firstLine += 1 }
            start += 1
        }
        if start >= n { throw FrameError.emptyFile(file: name) }

        let delimiter: UInt8
        switch options.delimiter {
        case .character(let c): delimiter = c
        case .auto: delimiter = detectDelimiter(p, start, n)
        }
        let decimal: UInt8
        switch options.decimal {
        case .point: decimal = 0x2E
        case .comma: decimal = 0x2C
        case .auto: decimal = delimiter == 0x3B ? 0x2C : 0x2E
        }
        if decimal == delimiter {
            throw FrameError.invalid("\(name): the decimal mark and the delimiter are both '\(Character(Unicode.Scalar(decimal)))'; set one of them explicitly")
        }

        var scanner = DelimitedScanner(bytes: p, count: n, delimiter: delimiter, file: name, position: start, line: firstLine)

        // Header (or the first record, to count the columns).
        var headerCells = HeaderCollector(bytes: p)
        guard let first = try scanner.record(&headerCells, limit: Int.max, skipBlank: true) else {
            throw FrameError.emptyFile(file: name)
        }
        let ncol = first.fields
        var names: [String]
        if options.header {
            names = headerCells.texts.enumerated().map { $0.element.isEmpty ? "V\($0.offset + 1)" : $0.element }
        } else {
            names = (1...ncol).map { "V\($0)" }
            scanner.position = start
            scanner.line = firstLine
        }
        var seen: [String: Int] = [:]
        for (k, nm) in names.enumerated() {
            if let j = seen[nm] {
                throw FrameError.duplicateColumn(name: nm, source: "\(name):\(first.line), columns \(j + 1) and \(k + 1)")
            }
            seen[nm] = k
        }
        for key in options.columnTypes.keys where seen[key] == nil {
            throw FrameError.unknownColumn(name: key, suggestions: closestNames(to: key, among: names))
        }
        for key in options.factorLevels.keys where seen[key] == nil {
            throw FrameError.unknownColumn(name: key, suggestions: closestNames(to: key, among: names))
        }
        // Columns not selected are passed over (a selected name that is not a column: read all).
        var skip = [Bool](repeating: false, count: ncol)
        if let selection = options.selectedColumns, !selection.isEmpty, selection.allSatisfy({ seen[$0] != nil }) {
            skip = names.map { !selection.contains($0) }
        }

        let na = NATokens(options.naTokens)
        let bodyStart = scanner.position
        let bodyLine = scanner.line
        let skipBlank = ncol > 1

        // Types: declared ones, else inferred from a sample of the first rows.
        var declared = [ColumnType?](repeating: nil, count: ncol)
        for k in 0..<ncol {
            if options.factorLevels[names[k]] != nil { declared[k] = .factor }
            if let t = options.columnTypes[names[k]] { declared[k] = t }
        }
        let ragged = { (line: Int, fields: Int) in
            FrameError.parse(file: name, line: line, column: nil,
                             message: "expected \(ncol) fields (as in the header), found \(fields); check for an unquoted delimiter or a missing field")
        }
        var sample = Classifier(bytes: p, names: names, declared: declared, na: na, decimal: decimal, file: name)
        sample.skip = skip
        var sampleRows = 0
        while sampleRows < sampleSize, let r = try scanner.record(&sample, limit: ncol, skipBlank: skipBlank) {
            if r.fields != ncol { throw ragged(r.line, r.fields) }
            sampleRows += 1
        }
        let sampleBytes = scanner.position - bodyStart
        let restBytes = n - scanner.position
        let estimate = sampleRows == 0 ? 16 : sampleRows + Int(Double(restBytes) / Double(max(sampleBytes, 1)) * Double(sampleRows) * 1.1) + 16
        var types = (0..<ncol).map { declared[$0] ?? sample.inferredType($0) }
        let levelSets = names.map { nm in options.factorLevels[nm].map { Set($0) } }

        // Build: parse every cell into its typed column. A cell that does not fit its column's
        // sampled type marks the column; then a full inference pass fixes the types and the build
        // is repeated (declared types never change: a misfit there is an error).
        // Without quotes in the body, the build runs on two halves of it at once (see `BodySplit`).
        let split = BodySplit.find(p, bodyStart, n, minimum: splitMinimum)
        let isDeclared = declared.map { $0 != nil }
        func makeBuilder(_ types: [ColumnType], _ capacity: Int) -> ColumnBuilder {
            ColumnBuilder(bytes: p, types: types, declared: isDeclared, capacity: capacity,
                          na: na, decimal: decimal, levelSets: levelSets, names: names, file: name, skip: skip)
        }
        func buildAll(_ types: [ColumnType], _ capacities: [Int]) throws -> [ColumnBuilder] {
            if let split {
                return try BodySplit.build(split: split, bodyStart: bodyStart, bodyLine: bodyLine, end: n,
                                           capacities: capacities, ncol: ncol, skipBlank: skipBlank,
                                           scanner: scanner, ragged: ragged) { makeBuilder(types, $0) }
            }
            var builder = makeBuilder(types, capacities[0])
            do {
                try build(&builder, &scanner, from: bodyStart, line: bodyLine, ncol: ncol, skipBlank: skipBlank, ragged: ragged)
            } catch {
                builder.deallocate()
                throw error
            }
            return [builder]
        }
        let firstCapacities = split == nil ? [estimate] : [estimate / 2 + 16, estimate / 2 + 16]
        var builders = try buildAll(types, firstCapacities)
        defer { for b in builders { b.deallocate() } }
        if builders.contains(where: { $0.bumped.contains(true) }) {
            var classifier = Classifier(bytes: p, names: names, declared: declared, na: na, decimal: decimal, file: name)
            classifier.skip = skip
            scanner.position = bodyStart
            scanner.line = bodyLine
            while try scanner.record(&classifier, limit: ncol, skipBlank: skipBlank) != nil {}
            types = (0..<ncol).map { declared[$0] ?? classifier.inferredType($0) }
            let capacities = builders.map { $0.row + 1 }
            for b in builders { b.deallocate() }
            builders = []
            builders = try buildAll(types, capacities)
        }
        let parts = builders
        let columns = try ConcurrentSteps.columns((0..<ncol).filter { !skip[$0] }, of: parts) { k in
            try ColumnBuilder.column(k, of: parts, name: names[k], levels: options.factorLevels[names[k]],
                                     ordered: options.orderedFactors.contains(names[k]), file: name)
        }
        return try Table(columns: columns, source: name)
    }

    /// Rows used to guess column types before the build pass.
    static let sampleSize = 1000

    /// One build pass over the body.
    static func build(_ builder: inout ColumnBuilder, _ scanner: inout DelimitedScanner, from start: Int, line: Int,
                      ncol: Int, skipBlank: Bool, ragged: (Int, Int) -> FrameError) throws {
        scanner.position = start
        scanner.line = line
        builder.row = 0
        while true {
            if builder.row == builder.capacity { builder.grow() }
            guard let r = try scanner.record(&builder, limit: ncol, skipBlank: skipBlank) else { break }
            if r.fields != ncol { throw ragged(r.line, r.fields) }
            builder.row += 1
        }
    }

    /// The most frequent of `,` `;` tab outside quotes on the first line (ties: `,` then `;` then tab).
    static func detectDelimiter(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> UInt8 {
        var comma = 0, semicolon = 0, tab = 0
        var inQuotes = false
        var i = start
        while i < n {
            let c = p[i]
            if c == 0x22 { inQuotes.toggle() }
            else if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if c == 0x2C { comma += 1 } else if c == 0x3B { semicolon += 1 } else if c == 0x09 { tab += 1 }
            }
            i += 1
        }
        if comma >= semicolon && comma >= tab { return 0x2C }
        if semicolon >= tab { return 0x3B }
        return 0x09
    }
}

/// Decodes a cell's text (without enclosing quotes, with `""` turned into `"`).
@inline(__always)
func cellText(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool) -> String {
    if !escaped { return String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(e - s)
    var i = s
    while i < e {
        bytes.append(p[i])
        i += (p[i] == 0x22 && i + 1 < e && p[i + 1] == 0x22) ? 2 : 1
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Collects the texts of the header record.
struct HeaderCollector: CellVisitor {
    let bytes: UnsafePointer<UInt8>
    var texts: [String] = []
    mutating func cell(_ column: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool, line: Int) throws {
        texts.append(cellText(bytes, start, end, escaped: escaped))
    }
}

/// The missing-value tokens, as bytes.
struct NATokens {
    let tokens: [[UInt8]]
    let hasEmpty: Bool
    init(_ strings: [String]) {
        tokens = strings.filter { !$0.isEmpty }.map { Array($0.utf8) }
        hasEmpty = strings.contains("")
    }
    /// `true` when bytes `[s, e)` equal a token.
    @inline(__always)
    func matches(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        let n = e - s
        if n == 0 { return hasEmpty }
        if n > 4 && tokens.isEmpty { return false }
        for t in tokens where t.count == n {
            var same = true
            for k in 0..<n where t[k] != p[s + k] { same = false; break }
            if same { return true }
        }
        return false
    }
}

/// Pass 1: per-column type inference and validation of declared types.
struct Classifier: CellVisitor {
    static let canBool: UInt8 = 1, canInt: UInt8 = 2, canDouble: UInt8 = 4
    let bytes: UnsafePointer<UInt8>
    let names: [String]
    let declared: [ColumnType?]
    let na: NATokens
    let decimal: UInt8
    let file: String
    var flags: [UInt8]
    /// `true` for columns that are not selected (not classified; empty: none skipped).
    var skip: [Bool] = []

    init(bytes: UnsafePointer<UInt8>, names: [String], declared: [ColumnType?], na: NATokens, decimal: UInt8, file: String) {
        self.bytes = bytes
        self.names = names
        self.declared = declared
        self.na = na
        self.decimal = decimal
        self.file = file
        flags = [UInt8](repeating: 7, count: names.count)
    }

    func inferredType(_ k: Int) -> ColumnType {
        let f = flags[k]
        if f & Classifier.canBool != 0 { return .boolean }
        if f & Classifier.canInt != 0 { return .integer }
        if f & Classifier.canDouble != 0 { return .double }
        return .string
    }

    @inline(__always)
    mutating func cell(_ column: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool, line: Int) throws {
        if !skip.isEmpty && skip[column] { return }
        let p = bytes
        if let type = declared[column] {
            if type == .string || type == .factor { return }
            if na.matches(p, start, end) { return }
            var s = start, e = end
            CellParser.trim(p, &s, &e)
            if s == e && na.hasEmpty { return }
            switch type {
            case .double:
                if CellParser.parseDouble(p, start, end, decimal: decimal) != nil { return }
            case .integer:
                switch CellParser.parseInt(p, start, end) {
                case .value: return
                case .overflow:
                    throw FrameError.parse(file: file, line: line, column: names[column],
                                           message: "value '\(cellText(p, start, end, escaped: escaped))' does not fit in a 64-bit integer; declare the column double")
                case .notInteger: break
                }
            case .boolean:
                if CellParser.parseBool(p, start, end) != nil { return }
            default: return
            }
            throw misfit(file: file, line: line, column: names[column], type: type, value: cellText(p, start, end, escaped: escaped))
        }
        let current = flags[column]
        if current == 0 { return }
        if na.matches(p, start, end) { return }
        var s = start, e = end
        CellParser.trim(p, &s, &e)
        if s == e && na.hasEmpty { return }
        var f: UInt8 = 0
        if current & Classifier.canBool != 0, CellParser.parseBool(p, start, end) != nil { f |= Classifier.canBool }
        if current & (Classifier.canInt | Classifier.canDouble) != 0 {
            if current & Classifier.canInt != 0, case .value = CellParser.parseInt(p, start, end) {
                f |= Classifier.canInt | Classifier.canDouble
            } else if CellParser.parseDouble(p, start, end, decimal: decimal) != nil {
                f |= Classifier.canDouble
            }
        }
        flags[column] = current & f
    }
}

/// The error for a cell that does not fit its column's declared type.
func misfit(file: String, line: Int, column: String, type: ColumnType, value: String) -> FrameError {
    let what = type == .boolean ? "TRUE or FALSE" : (type == .integer ? "an integer" : "a number")
    return FrameError.parse(file: file, line: line, column: column,
                            message: "value '\(value)' is not \(what), but the column is declared \(type.rawValue); fix the value, add it to the missing-value tokens, or declare the column string")
}
