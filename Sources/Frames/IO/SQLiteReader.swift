internal import CSQLite

extension Table {
    /// Reads the whole table (or view) `table` of the SQLite database at `path`.
    ///
    /// Columns are typed by the values they hold: INTEGER → integer, REAL → double, TEXT → string,
    /// NULL → missing. A column mixing integers and reals becomes double; a column holding any text
    /// becomes string (numbers then keep their text). A column declared `BOOLEAN` holding only 0 and 1
    /// becomes boolean. A column of only NULLs takes its type from the declaration (INT → integer,
    /// TEXT/CHAR/CLOB → string, BOOL → boolean, else double). BLOB values are refused (select them as
    /// `hex(x)`). Throws `FrameError.invalid` for a missing table (listing the tables there are), a
    /// file that is not a database, and `FrameError.unreadable` for a missing file.
    public static func readSQLite(path: String, table: String) throws -> Table {
        let db = try SQLiteConnection(path: path, writable: false)
        guard let stored = try db.existingTable(table) else { throw db.noSuchTable(table) }
        var result = try SQLiteReading.read(db, sql: "SELECT * FROM \(sqlIdentifier(stored))", what: "table '\(stored)'")
        result.source = "sqlite:\(path)?table=\(stored)"
        return result
    }

    /// Reads the result of an SQL `query` on the SQLite database at `path`; columns are typed as in
    /// `readSQLite(path:table:)`. SQL errors carry SQLite's own message (e.g. `near "SELEC": syntax error`);
    /// a missing table in the query lists the tables there are.
    public static func readSQLite(path: String, query: String) throws -> Table {
        let db = try SQLiteConnection(path: path, writable: false)
        var result = try SQLiteReading.read(db, sql: query, what: "query")
        result.source = "sqlite:\(path)?query=\(query)"
        return result
    }

    /// Reads an SQLite source written as on the command line: `sqlite:PATH?table=NAME` or
    /// `sqlite:PATH?query=SQL` (the value may be percent-encoded, e.g. `%20` for a space).
    public static func readSQLite(source: String) throws -> Table {
        let spec = try SQLiteSource(parsing: source)
        switch spec.selection {
        case .table(let name): return try readSQLite(path: spec.path, table: name)
        case .query(let sql): return try readSQLite(path: spec.path, query: sql)
        }
    }

    /// The names of the tables and views in the SQLite database at `path`, in name order.
    public static func sqliteTableNames(path: String) throws -> [String] {
        try SQLiteConnection(path: path, writable: false).tableNames()
    }
}

/// A parsed `sqlite:PATH?table=NAME` or `sqlite:PATH?query=SQL` data source.
public struct SQLiteSource: Sendable, Equatable {
    /// What to read from the database.
    public enum Selection: Sendable, Equatable {
        /// A whole table or view.
        case table(String)
        /// The rows of an SQL query.
        case query(String)
    }

    /// The database file.
    public var path: String
    /// The table or query.
    public var selection: Selection

    /// A source from its parts.
    public init(path: String, selection: Selection) {
        self.path = path
        self.selection = selection
    }

    /// Parses `sqlite:PATH?table=NAME` or `sqlite:PATH?query=SQL`; throws `FrameError.invalid` with the
    /// expected form otherwise.
    public init(parsing source: String) throws {
        let usage = "write an SQLite source as sqlite:PATH?table=NAME or sqlite:PATH?query=SELECT..."
        guard source.hasPrefix("sqlite:") else { throw FrameError.invalid("'\(source)': not an SQLite source; \(usage)") }
        let rest = source.dropFirst("sqlite:".count)
        guard let q = rest.firstIndex(of: "?") else {
            throw FrameError.invalid("'\(source)': no table or query given; \(usage)")
        }
        let path = String(rest[..<q])
        let parameter = rest[rest.index(after: q)...]
        guard !path.isEmpty else { throw FrameError.invalid("'\(source)': no database path; \(usage)") }
        self.path = path
        if parameter.hasPrefix("table=") {
            let name = SQLiteSource.percentDecoded(String(parameter.dropFirst(6)))
            guard !name.isEmpty else { throw FrameError.invalid("'\(source)': empty table name; \(usage)") }
            selection = .table(name)
        } else if parameter.hasPrefix("query=") {
            let sql = SQLiteSource.percentDecoded(String(parameter.dropFirst(6)))
            guard !sql.isEmpty else { throw FrameError.invalid("'\(source)': empty query; \(usage)") }
            selection = .query(sql)
        } else {
            throw FrameError.invalid("'\(source)': expected table= or query= after '?'; \(usage)")
        }
    }

    /// `%XX` sequences decoded as UTF-8 bytes (invalid sequences are kept as written).
    static func percentDecoded(_ s: String) -> String {
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: return b - 48
            case 65...70: return b - 55
            case 97...102: return b - 87
            default: return nil
            }
        }
        while i < u.count {
            if u[i] == 37, i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One result column being collected, widened as values of new storage classes arrive.
struct SQLiteColumnBuilder {
    enum Kind { case empty, integer, real, text }
    var kind = Kind.empty
    var ints: [Int] = []
    var reals: [Double] = []
    var texts: [String] = []
    var missing: [Bool] = []

    mutating func appendNull() {
        switch kind {
        case .empty: break
        case .integer: ints.append(0)
        case .real: reals.append(.nan)
        case .text: texts.append("")
        }
        missing.append(true)
    }

    mutating func append(_ x: Int) {
        switch kind {
        case .empty:
            kind = .integer
            ints = [Int](repeating: 0, count: missing.count)
            ints.append(x)
        case .integer: ints.append(x)
        case .real: reals.append(Double(x))
        case .text: texts.append(String(x))
        }
        missing.append(false)
    }

    mutating func append(_ x: Double) {
        switch kind {
        case .empty:
            kind = .real
            reals = [Double](repeating: .nan, count: missing.count)
            reals.append(x)
        case .integer:
            kind = .real
            reals = ints.indices.map { missing[$0] ? .nan : Double(ints[$0]) }
            ints = []
            reals.append(x)
        case .real: reals.append(x)
        case .text: texts.append(formatDouble(x))
        }
        missing.append(false)
    }

    mutating func append(_ s: String) {
        switch kind {
        case .empty:
            texts = [String](repeating: "", count: missing.count)
        case .integer:
            texts = ints.indices.map { missing[$0] ? "" : String(ints[$0]) }
            ints = []
        case .real:
            texts = reals.indices.map { missing[$0] ? "" : formatDouble(reals[$0]) }
            reals = []
        case .text: break
        }
        kind = .text
        texts.append(s)
        missing.append(false)
    }

    /// The finished column; `declared` is the column's declared SQL type (may be empty).
    func column(name: String, declared: String) -> Column {
        let d = declared.uppercased()
        switch kind {
        case .integer:
            if d.contains("BOOL"), ints.indices.allSatisfy({ missing[$0] || ints[$0] == 0 || ints[$0] == 1 }) {
                return Column(name: name, values: .boolean(ints.map { $0 == 1 }), missing: missing)
            }
            return Column(name: name, values: .integer(ints), missing: missing)
        case .real: return Column(name: name, values: .double(reals), missing: missing)
        case .text: return Column(name: name, values: .string(texts), missing: missing)
        case .empty:
            let n = missing.count
            if d.contains("BOOL") { return Column(name: name, values: .boolean([Bool](repeating: false, count: n)), missing: missing) }
            if d.contains("INT") { return Column(name: name, values: .integer([Int](repeating: 0, count: n)), missing: missing) }
            if d.contains("TEXT") || d.contains("CHAR") || d.contains("CLOB") {
                return Column(name: name, values: .string([String](repeating: "", count: n)), missing: missing)
            }
            return Column(name: name, values: .double([Double](repeating: .nan, count: n)), missing: missing)
        }
    }
}

enum SQLiteReading {
    static func read(_ db: SQLiteConnection, sql: String, what: String) throws -> Table {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            if let stmt { sqlite3_finalize(stmt) }
            let message = db.message
            if message.hasPrefix("no such table: ") {
                let name = String(message.dropFirst("no such table: ".count))
                throw db.noSuchTable(name)
            }
            if rc & 0xFF == SQLITE_NOTADB { throw db.failure(rc, doing: "read it") }
            throw FrameError.invalid("\(db.path): SQL error in the \(what) (\(message)): \(sql)")
        }
        defer { sqlite3_finalize(stmt) }
        let n = Int(sqlite3_column_count(stmt))
        guard n > 0 else {
            throw FrameError.invalid("\(db.path): the \(what) returns no columns; give a SELECT statement: \(sql)")
        }
        let names = (0..<n).map { k in sqlite3_column_name(stmt, Int32(k)).map { String(cString: $0) } ?? "V\(k + 1)" }
        let declared = (0..<n).map { k in sqlite3_column_decltype(stmt, Int32(k)).map { String(cString: $0) } ?? "" }
        var builders = [SQLiteColumnBuilder](repeating: SQLiteColumnBuilder(), count: n)
        var row = 0
        while true {
            let step = sqlite3_step(stmt)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw FrameError.invalid("\(db.path): row \(row + 1) of the \(what): \(db.message)")
            }
            for k in 0..<n {
                let c = Int32(k)
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_NULL: builders[k].appendNull()
                case SQLITE_INTEGER: builders[k].append(Int(sqlite3_column_int64(stmt, c)))
                case SQLITE_FLOAT: builders[k].append(sqlite3_column_double(stmt, c))
                case SQLITE_TEXT:
                    let bytes = Int(sqlite3_column_bytes(stmt, c))
                    if let p = sqlite3_column_text(stmt, c) {
                        builders[k].append(String(decoding: UnsafeBufferPointer(start: p, count: bytes), as: UTF8.self))
                    } else {
                        builders[k].append("")
                    }
                default:
                    throw FrameError.invalid("\(db.path): row \(row + 1), column '\(names[k])' of the \(what) holds binary data (a BLOB), which a table cannot hold; select it as hex(\(names[k])) or CAST(\(names[k]) AS TEXT)")
                }
            }
            row += 1
        }
        let columns = (0..<n).map { builders[$0].column(name: names[$0], declared: declared[$0]) }
        do {
            return try Table(columns: columns, source: db.path)
        } catch FrameError.duplicateColumn(let name, _) {
            throw FrameError.invalid("\(db.path): the \(what) returns two columns named '\(name)'; give one another name with AS")
        }
    }
}
