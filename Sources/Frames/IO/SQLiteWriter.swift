internal import CSQLite

/// SQLite's `SQLITE_TRANSIENT` (a C macro Swift cannot import): SQLite copies bound text at once.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Table {
    /// Writes the table into the SQLite database at `path` (created when absent) as a new table `table`,
    /// in one transaction.
    ///
    /// Declared column types: double → `REAL`, integer → `INTEGER`, boolean → `BOOLEAN` (0/1),
    /// string → `TEXT`, factor → `TEXT` (the level names; read back as a string column). Missing cells
    /// are NULL. Refuses to replace an existing table unless `replace` is `true`; on any error the
    /// database is left as it was. Throws `FrameError.invalid` naming the file (and row and column).
    public func writeSQLite(path: String, table name: String, replace: Bool = false) throws {
        guard !columns.isEmpty else {
            throw FrameError.invalid("\(path): a table without columns cannot be written to SQLite")
        }
        guard !name.isEmpty else { throw FrameError.invalid("\(path): give a table name to write to") }
        let db = try SQLiteConnection(path: path, writable: true)
        try db.execute("BEGIN IMMEDIATE", doing: "start writing")
        do {
            try SQLiteWriting.write(self, db: db, name: name, replace: replace)
            try db.execute("COMMIT", doing: "finish writing table '\(name)'")
        } catch {
            _ = try? db.execute("ROLLBACK", doing: "undo")
            throw error
        }
    }
}

enum SQLiteWriting {
    static func declaredType(_ type: ColumnType) -> String {
        switch type {
        case .double: return "REAL"
        case .integer: return "INTEGER"
        case .boolean: return "BOOLEAN"
        case .string, .factor: return "TEXT"
        }
    }

    static func write(_ table: Table, db: SQLiteConnection, name: String, replace: Bool) throws {
        if let existing = try db.existingTable(name) {
            guard replace else {
                throw FrameError.invalid("\(db.path): a table '\(existing)' already exists; pass replace (--force) to replace it, or choose another name")
            }
            try db.execute("DROP TABLE \(sqlIdentifier(existing))", doing: "replace table '\(existing)'")
        }
        let definition = table.columns.map { "\(sqlIdentifier($0.name)) \(declaredType($0.type))" }.joined(separator: ", ")
        try db.execute("CREATE TABLE \(sqlIdentifier(name)) (\(definition))", doing: "create table '\(name)'")
        let placeholders = [String](repeating: "?", count: table.columnCount).joined(separator: ", ")
        let stmt = try db.prepare("INSERT INTO \(sqlIdentifier(name)) VALUES (\(placeholders))", doing: "write table '\(name)'")
        defer { sqlite3_finalize(stmt) }
        for row in 0..<table.rowCount {
            for (k, column) in table.columns.enumerated() {
                let p = Int32(k + 1)
                var rc = SQLITE_OK
                if column.missing[row] {
                    rc = sqlite3_bind_null(stmt, p)
                } else {
                    switch column.values {
                    case .double(let v): rc = v[row].isNaN ? sqlite3_bind_null(stmt, p) : sqlite3_bind_double(stmt, p, v[row])
                    case .integer(let v): rc = sqlite3_bind_int64(stmt, p, Int64(v[row]))
                    case .boolean(let v): rc = sqlite3_bind_int64(stmt, p, v[row] ? 1 : 0)
                    case .string(let v): rc = bindText(stmt, p, v[row])
                    case .factor(let f):
                        let c = Int(f.codes[row])
                        guard c >= 0 && c < f.levels.count else {
                            throw FrameError.invalid("\(db.path): row \(row + 1), column '\(column.name)': factor code \(c) has no level; the factor is inconsistent")
                        }
                        rc = bindText(stmt, p, f.levels[c])
                    }
                }
                if rc != SQLITE_OK {
                    throw FrameError.invalid("\(db.path): row \(row + 1), column '\(column.name)': \(db.message)")
                }
            }
            let rc = sqlite3_step(stmt)
            if rc != SQLITE_DONE {
                throw FrameError.invalid("\(db.path): row \(row + 1) of table '\(name)': cannot write it (\(db.message))")
            }
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
    }

    private static func bindText(_ stmt: OpaquePointer, _ p: Int32, _ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { u -> Int32 in
            guard let base = u.baseAddress, u.count > 0 else { return sqlite3_bind_text(stmt, p, "", 0, sqliteTransient) }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: u.count) {
                sqlite3_bind_text(stmt, p, $0, Int32(u.count), sqliteTransient)
            }
        }
    }
}
