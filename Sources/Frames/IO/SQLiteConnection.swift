internal import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open SQLite database (closed on deinit), with the error wording shared by reader and writer.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String

    /// Opens `path`. Read-only opening needs an existing file; writing creates it when absent. Both
    /// check the first bytes so a CSV or SPSS file given as a database gets a plain message.
    init(path: String, writable: Bool) throws {
        self.path = path
        let exists = access(path, F_OK) == 0
        if exists || !writable {
            let head = try ForeignFormat.readHead(path: path, count: 100)
            let found = ForeignFormat.sniff(head)
            if !head.isEmpty && found != .sqlite {
                throw FrameError.invalid("\(path): not an SQLite database (\(ForeignFormat.describe(head, found: found))); check the path")
            }
        }
        var db: OpaquePointer?
        let flags = writable ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(rc)"
            if let db { sqlite3_close_v2(db) }
            throw FrameError.invalid("\(path): cannot open the database (\(message)); check the path and permissions")
        }
        handle = db
        _ = sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// SQLite's message for the last failure on this connection.
    var message: String { String(cString: sqlite3_errmsg(handle)) }

    /// An error for a failed call, in SQLite's words, with what the caller was doing.
    func failure(_ rc: Int32, doing: String) -> FrameError {
        if rc & 0xFF == SQLITE_NOTADB {
            return FrameError.invalid("\(path): not an SQLite database (\(message)); check the path")
        }
        if rc & 0xFF == SQLITE_READONLY || rc & 0xFF == SQLITE_CANTOPEN || rc & 0xFF == SQLITE_PERM {
            return FrameError.invalid("\(path): cannot \(doing) (\(message)); check the file's and folder's permissions")
        }
        return FrameError.invalid("\(path): cannot \(doing) (\(message))")
    }

    /// Prepares one statement; the caller finalizes it.
    func prepare(_ sql: String, doing: String) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            if let stmt { sqlite3_finalize(stmt) }
            throw failure(rc, doing: doing)
        }
        return stmt
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String, doing: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        if rc != SQLITE_OK { throw failure(rc, doing: doing) }
    }

    /// Names of the tables and views, in name order (SQLite's internal `sqlite_%` tables left out).
    func tableNames() throws -> [String] {
        let stmt = try prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
                               doing: "list the tables")
        defer { sqlite3_finalize(stmt) }
        var names: [String] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw failure(rc, doing: "list the tables") }
            if let p = sqlite3_column_text(stmt, 0) { names.append(String(cString: p)) }
        }
        return names
    }

    /// The stored spelling of the table or view called `name` (SQLite compares names case-insensitively).
    func existingTable(_ name: String) throws -> String? {
        try tableNames().first { $0.lowercased() == name.lowercased() }
    }

    /// "no table 'x'; the database holds 'a', 'b'" (or "holds no tables"), for messages.
    func noSuchTable(_ name: String) -> FrameError {
        let names = (try? tableNames()) ?? []
        let held = names.isEmpty ? "the database holds no tables" : "the database holds " + names.map { "'\($0)'" }.joined(separator: ", ")
        let close = closestNames(to: name, among: names)
        let hint = close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: ", ") + "?"
        return FrameError.invalid("\(path): no table '\(name)'; \(held)\(hint)")
    }
}

/// `name` as an SQL identifier: in double quotes, inner quotes doubled.
func sqlIdentifier(_ name: String) -> String {
    "\"" + name.sqlReplacingAll("\"", with: "\"\"") + "\""
}

extension String {
    /// The string with every `target` replaced by `replacement` (no Foundation needed).
    func sqlReplacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
