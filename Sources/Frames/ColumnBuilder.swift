/// Pass 2 of `CSVReader`: parses each cell straight into preallocated typed storage.
///
/// Types were fixed (and declared types validated) by pass 1, so every numeric cell here either is
/// missing or parses.
struct ColumnBuilder: CellVisitor {
    let bytes: UnsafePointer<UInt8>
    let types: [ColumnType]
    let rows: Int
    let na: NATokens
    let decimal: UInt8
    var row = 0
    var doubles: [UnsafeMutablePointer<Double>?]
    var integers: [UnsafeMutablePointer<Int>?]
    var booleans: [UnsafeMutablePointer<Bool>?]
    var missing: [UnsafeMutablePointer<Bool>]
    var strings: [[String]]
    /// Given factor levels per column (checked cell by cell, so errors name the line).
    let levelSets: [Set<String>?]
    let names: [String]
    let file: String

    init(bytes: UnsafePointer<UInt8>, types: [ColumnType], rows: Int, na: NATokens, decimal: UInt8,
         levelSets: [Set<String>?], names: [String], file: String) {
        self.levelSets = levelSets
        self.names = names
        self.file = file
        self.bytes = bytes
        self.types = types
        self.rows = rows
        self.na = na
        self.decimal = decimal
        let capacity = max(rows, 1)
        doubles = types.map { $0 == .double ? UnsafeMutablePointer<Double>.allocate(capacity: capacity) : nil }
        integers = types.map { $0 == .integer ? UnsafeMutablePointer<Int>.allocate(capacity: capacity) : nil }
        booleans = types.map { $0 == .boolean ? UnsafeMutablePointer<Bool>.allocate(capacity: capacity) : nil }
        missing = types.map { _ in
            let m = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
            m.initialize(repeating: false, count: capacity)
            return m
        }
        strings = types.map { t in
            var a: [String] = []
            if t == .string || t == .factor { a.reserveCapacity(rows) }
            return a
        }
    }

    func deallocate() {
        for d in doubles { d?.deallocate() }
        for d in integers { d?.deallocate() }
        for d in booleans { d?.deallocate() }
        for m in missing { m.deallocate() }
    }

    @inline(__always)
    mutating func cell(_ column: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool, line: Int) throws {
        let p = bytes
        let r = row
        switch types[column] {
        case .double:
            guard let out = doubles[column] else { return }
            if let v = CellParser.parseDouble(p, start, end, decimal: decimal), !na.matches(p, start, end) {
                out[r] = v
            } else {
                out[r] = .nan; missing[column][r] = true
            }
        case .integer:
            guard let out = integers[column] else { return }
            if case .value(let v) = CellParser.parseInt(p, start, end), !na.matches(p, start, end) {
                out[r] = v
            } else {
                out[r] = 0; missing[column][r] = true
            }
        case .boolean:
            guard let out = booleans[column] else { return }
            if let v = CellParser.parseBool(p, start, end), !na.matches(p, start, end) {
                out[r] = v
            } else {
                out[r] = false; missing[column][r] = true
            }
        case .string, .factor:
            if !quoted && na.matches(p, start, end) {
                strings[column].append("")
                missing[column][r] = true
            } else {
                let text = cellText(p, start, end, escaped: escaped)
                if let set = levelSets[column], !set.contains(text) {
                    throw FrameError.parse(file: file, line: line, column: names[column],
                                           message: "value '\(text)' is not among the given factor levels \(set.sorted()); add it to the levels or fix the value")
                }
                strings[column].append(text)
            }
        }
    }

    /// The finished column `k`.
    func column(_ k: Int, name: String, levels: [String]?, ordered: Bool, file: String) throws -> Column {
        let mask = Array(UnsafeBufferPointer(start: missing[k], count: rows))
        switch types[k] {
        case .double:
            return Column(name: name, values: .double(Array(UnsafeBufferPointer(start: doubles[k], count: rows))), missing: mask)
        case .integer:
            return Column(name: name, values: .integer(Array(UnsafeBufferPointer(start: integers[k], count: rows))), missing: mask)
        case .boolean:
            return Column(name: name, values: .boolean(Array(UnsafeBufferPointer(start: booleans[k], count: rows))), missing: mask)
        case .string:
            return Column(name: name, values: .string(strings[k]), missing: mask)
        case .factor:
            do {
                let f = try Factor(strings: strings[k], missing: mask, levels: levels, ordered: ordered)
                return Column(name: name, values: .factor(f), missing: mask)
            } catch let FactorError.unknownLevel(row, value) {
                throw FrameError.invalid("\(file), column '\(name)': value '\(value)' (data row \(row + 1)) is not among the given levels \(levels ?? [])")
            }
        }
    }
}

/// A value outside a factor's given levels.
enum FactorError: Error {
    case unknownLevel(row: Int, value: String)
}

extension Factor {
    /// A factor from strings: levels sorted by Unicode code point unless `levels` gives them; missing
    /// cells get code `-1`. Throws when a value is not among the given levels.
    init(strings: [String], missing: [Bool], levels given: [String]?, ordered: Bool) throws {
        var index: [String: Int32] = [:]
        var levels: [String]
        if let given {
            levels = given
            for (k, l) in given.enumerated() { index[l] = Int32(k) }
        } else {
            var distinct = Set<String>()
            for (i, s) in strings.enumerated() where !missing[i] { distinct.insert(s) }
            levels = distinct.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (k, l) in levels.enumerated() { index[l] = Int32(k) }
        }
        var codes = [Int32](repeating: -1, count: strings.count)
        for i in strings.indices where !missing[i] {
            guard let c = index[strings[i]] else { throw FactorError.unknownLevel(row: i, value: strings[i]) }
            codes[i] = c
        }
        self.init(codes: codes, levels: levels, ordered: ordered)
    }

    /// Public form: a factor from string values (`nil` = missing), levels sorted by code point unless given.
    public init(values: [String?], levels: [String]? = nil, ordered: Bool = false) throws {
        let missing = values.map { $0 == nil }
        do {
            try self.init(strings: values.map { $0 ?? "" }, missing: missing, levels: levels, ordered: ordered)
        } catch let FactorError.unknownLevel(row, value) {
            throw FrameError.invalid("value '\(value)' at position \(row + 1) is not among the given levels")
        }
    }
}
