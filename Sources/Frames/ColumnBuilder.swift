/// The build pass of `CSVReader`: parses each cell straight into typed storage (grown as needed).
///
/// A cell that does not fit its column's type marks the column in `bumped` (its type came from a
/// sample and must be widened), or throws when the type was declared.
struct ColumnBuilder: CellVisitor {
    let bytes: UnsafePointer<UInt8>
    let types: [ColumnType]
    let declared: [Bool]
    let na: NATokens
    let decimal: UInt8
    /// Whether some missing-value token parses as a double / integer / boolean (then a parsed cell
    /// must still be checked against the tokens).
    let naLooksDouble: Bool, naLooksInteger: Bool, naLooksBoolean: Bool
    var row = 0
    private(set) var capacity: Int
    var doubles: [UnsafeMutablePointer<Double>?]
    var integers: [UnsafeMutablePointer<Int>?]
    var booleans: [UnsafeMutablePointer<Bool>?]
    var missing: [UnsafeMutablePointer<Bool>]
    var strings: [[String]]
    var bumped: [Bool]
    /// Given factor levels per column (checked cell by cell, so errors name the line).
    let levelSets: [Set<String>?]
    let names: [String]
    let file: String
    /// `true` for columns that are not selected: their cells are passed over.
    let skip: [Bool]

    init(bytes: UnsafePointer<UInt8>, types: [ColumnType], declared: [Bool], capacity: Int, na: NATokens, decimal: UInt8,
         levelSets: [Set<String>?], names: [String], file: String, skip: [Bool]) {
        self.skip = skip
        self.levelSets = levelSets
        self.names = names
        self.file = file
        self.bytes = bytes
        self.types = types
        self.declared = declared
        self.na = na
        self.decimal = decimal
        let cap = max(capacity, 1)
        self.capacity = cap
        var d = false, i = false, b = false
        for t in na.tokens {
            t.withUnsafeBufferPointer { tb in
                guard let base = tb.baseAddress else { return }
                if CellParser.parseDouble(base, 0, tb.count, decimal: decimal) != nil { d = true }
                if case .value = CellParser.parseInt(base, 0, tb.count) { i = true }
                if CellParser.parseBool(base, 0, tb.count) != nil { b = true }
            }
        }
        naLooksDouble = d; naLooksInteger = i; naLooksBoolean = b
        doubles = types.map { $0 == .double ? UnsafeMutablePointer<Double>.allocate(capacity: cap) : nil }
        integers = types.map { $0 == .integer ? UnsafeMutablePointer<Int>.allocate(capacity: cap) : nil }
        booleans = types.map { $0 == .boolean ? UnsafeMutablePointer<Bool>.allocate(capacity: cap) : nil }
        missing = types.map { _ in
            let m = UnsafeMutablePointer<Bool>.allocate(capacity: cap)
            m.initialize(repeating: false, count: cap)
            return m
        }
        strings = types.map { t in
            var a: [String] = []
            if t == .string || t == .factor { a.reserveCapacity(cap) }
            return a
        }
        bumped = [Bool](repeating: false, count: types.count)
    }

    func deallocate() {
        for d in doubles { d?.deallocate() }
        for d in integers { d?.deallocate() }
        for d in booleans { d?.deallocate() }
        for m in missing { m.deallocate() }
    }

    /// Moves `count` initialized elements into a buffer of `newCapacity`.
    private static func regrow<T>(_ old: UnsafeMutablePointer<T>, _ count: Int, _ newCapacity: Int) -> UnsafeMutablePointer<T> {
        let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: old, count: count)
        old.deallocate()
        return fresh
    }

    /// Grows every buffer by half (rows so far are kept).
    mutating func grow() {
        let newCapacity = capacity + capacity / 2 + 16
        for k in types.indices {
            if let d = doubles[k] { doubles[k] = Self.regrow(d, row, newCapacity) }
            if let d = integers[k] { integers[k] = Self.regrow(d, row, newCapacity) }
            if let d = booleans[k] { booleans[k] = Self.regrow(d, row, newCapacity) }
            missing[k] = Self.regrow(missing[k], row, newCapacity)
            (missing[k] + row).initialize(repeating: false, count: newCapacity - row)
        }
        capacity = newCapacity
    }

    /// Handles a cell that is not missing and does not parse as its column's type.
    @inline(never)
    mutating func misfitCell(_ column: Int, _ start: Int, _ end: Int, escaped: Bool, line: Int) throws {
        if declared[column] {
            throw misfit(file: file, line: line, column: names[column], type: types[column],
                         value: cellText(bytes, start, end, escaped: escaped))
        }
        bumped[column] = true
    }

    /// `true` when the (unparseable) cell counts as missing: a token, or blank.
    @inline(__always)
    func isMissing(_ start: Int, _ end: Int) -> Bool {
        if na.matches(bytes, start, end) { return true }
        var s = start, e = end
        CellParser.trim(bytes, &s, &e)
        return s == e && na.hasEmpty
    }

    @inline(__always)
    mutating func cell(_ column: Int, _ start: Int, _ end: Int, quoted: Bool, escaped: Bool, line: Int) throws {
        if skip[column] { return }
        let p = bytes
        let r = row
        switch types[column] {
        case .double:
            guard let out = doubles[column] else { return }
            if let v = CellParser.parseDouble(p, start, end, decimal: decimal), !(naLooksDouble && na.matches(p, start, end)) {
                out[r] = v
            } else {
                out[r] = .nan; missing[column][r] = true
                if !isMissing(start, end) { try misfitCell(column, start, end, escaped: escaped, line: line) }
            }
        case .integer:
            guard let out = integers[column] else { return }
            if case .value(let v) = CellParser.parseInt(p, start, end), !(naLooksInteger && na.matches(p, start, end)) {
                out[r] = v
            } else {
                out[r] = 0; missing[column][r] = true
                if !isMissing(start, end) {
                    if declared[column], case .overflow = CellParser.parseInt(p, start, end) {
                        throw FrameError.parse(file: file, line: line, column: names[column],
                                               message: "value '\(cellText(p, start, end, escaped: escaped))' does not fit in a 64-bit integer; declare the column double")
                    }
                    try misfitCell(column, start, end, escaped: escaped, line: line)
                }
            }
        case .boolean:
            guard let out = booleans[column] else { return }
            if let v = CellParser.parseBool(p, start, end), !(naLooksBoolean && na.matches(p, start, end)) {
                out[r] = v
            } else {
                out[r] = false; missing[column][r] = true
                if !isMissing(start, end) { try misfitCell(column, start, end, escaped: escaped, line: line) }
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

    /// The rows of `buffers` (one per part, `counts[i]` rows each) as one array.
    private static func joined<T>(_ buffers: [UnsafeMutablePointer<T>?], _ counts: [Int]) -> [T] {
        let total = counts.reduce(0, +)
        return [T](unsafeUninitializedCapacity: total) { out, initialized in
            var offset = 0
            if let base = out.baseAddress {
                for (buffer, count) in zip(buffers, counts) {
                    if let buffer { (base + offset).initialize(from: buffer, count: count) }
                    offset += count
                }
            }
            initialized = offset
        }
    }

    /// The finished column `k`.
    func column(_ k: Int, name: String, levels: [String]?, ordered: Bool, file: String) throws -> Column {
        try Self.column(k, of: [self], name: name, levels: levels, ordered: ordered, file: file)
    }

    /// Column `k` of consecutive chunks of the body, each built by its own builder (same types).
    static func column(_ k: Int, of parts: [ColumnBuilder], name: String, levels: [String]?, ordered: Bool, file: String) throws -> Column {
        let counts = parts.map(\.row)
        let mask = joined(parts.map { Optional($0.missing[k]) }, counts)
        guard let type = parts.first?.types[k] else { return Column(name: name, values: .double([])) }
        switch type {
        case .double:
            return Column(name: name, values: .double(joined(parts.map { $0.doubles[k] }, counts)), missing: mask)
        case .integer:
            return Column(name: name, values: .integer(joined(parts.map { $0.integers[k] }, counts)), missing: mask)
        case .boolean:
            return Column(name: name, values: .boolean(joined(parts.map { $0.booleans[k] }, counts)), missing: mask)
        case .string:
            return Column(name: name, values: .string(joinedStrings(k, parts)), missing: mask)
        case .factor:
            do {
                let f = try Factor(strings: joinedStrings(k, parts), missing: mask, levels: levels, ordered: ordered)
                return Column(name: name, values: .factor(f), missing: mask)
            } catch let FactorError.unknownLevel(row, value) {
                throw FrameError.invalid("\(file), column '\(name)': value '\(value)' (data row \(row + 1)) is not among the given levels \(levels ?? [])")
            }
        }
    }
}

extension ColumnBuilder {
    /// The strings of column `k` over all parts.
    static func joinedStrings(_ k: Int, _ parts: [ColumnBuilder]) -> [String] {
        if parts.count == 1 { return parts[0].strings[k] }
        var out: [String] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.strings[k].count })
        for part in parts { out.append(contentsOf: part.strings[k]) }
        return out
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
