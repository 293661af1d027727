import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite("SQLite: reading and writing tables")
struct SQLiteTests {
    static func sample() throws -> Table {
        try Table(columns: [
            Column(name: "pupil", values: .integer([1, 2, 3, 9_007_199_254_740_993]), missing: [false, false, true, false]),
            Column(name: "score", values: .double([1.5, -0.1, .nan, 1e300]), missing: [false, false, true, false]),
            Column(name: "repeat", values: .boolean([true, false, true, false]), missing: [false, false, false, true]),
            Column(name: "town", values: .string(["Gent", "Liège", "", "it's \"quoted\""]), missing: [false, false, false, true]),
            Column(name: "track", values: .factor(Factor(codes: [2, 0, -1, 1], levels: ["ASO", "TSO", "BSO"])), missing: [false, false, true, false]),
            Column(name: "odd name", values: .double([0, 0, 0, 0])),
        ])
    }

    @Test("Write -> read a table: same columns, factors come back as strings")
    func roundTrip() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/study.sqlite"
        let t = try Self.sample()
        try t.writeSQLite(path: db, table: "pupils")
        let back = try Table.readSQLite(path: db, table: "pupils")
        var expected = t.columns
        expected[4] = Column(name: "track", values: .string(["BSO", "ASO", "", "TSO"]), missing: [false, false, true, false])
        #expect(DataIO.difference(back.columns, expected) == nil)
        #expect(back.source == "sqlite:\(db)?table=pupils")
        #expect(try Table.sqliteTableNames(path: db) == ["pupils"])
    }

    @Test("Read a query; the sqlite: source form with percent-encoding")
    func query() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/study.db"
        try Self.sample().writeSQLite(path: db, table: "pupils")
        let q = try Table.readSQLite(path: db, query: "SELECT pupil, score * 2 AS twice FROM pupils WHERE score > 0 ORDER BY pupil")
        #expect(q.columnNames == ["pupil", "twice"])
        #expect(q.columns[0].values == .integer([1, 9_007_199_254_740_993]))
        #expect(q.columns[1].values == .double([3, 2e300]))
        let s = try Table.readSQLite(source: "sqlite:\(db)?query=SELECT%20count(*)%20AS%20n%20FROM%20pupils")
        #expect(s.columns[0].values == .integer([4]))
        let byName = try Table.readSQLite(source: "sqlite:\(db)?table=PUPILS")   // SQLite names ignore case
        #expect(byName.rowCount == 4)
    }

    @Test("Mixed storage classes: int + real -> double, anything with text -> string, NULL -> missing")
    func mixedAffinity() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/m.db"
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "one")
        let a = try Table.readSQLite(path: db, query: "SELECT 1 AS v UNION ALL SELECT 2.5 UNION ALL SELECT NULL")
        #expect(a.columns[0].doubles.map { Array($0.prefix(2)) } == [1, 2.5])
        #expect(a.columns[0].type == .double)
        #expect(a.columns[0].missing == [false, false, true])
        let b = try Table.readSQLite(path: db, query: "SELECT 1 AS v UNION ALL SELECT 'x' UNION ALL SELECT 2.5")
        #expect(b.columns[0].values == .string(["1", "x", "2.5"]))
        let c = try Table.readSQLite(path: db, query: "SELECT NULL AS v UNION ALL SELECT 3")
        #expect(c.columns[0].values == .integer([0, 3]))
        #expect(c.columns[0].missing == [true, false])
    }

    @Test("Empty results keep the declared types")
    func emptyResult() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/e.db"
        try Self.sample().writeSQLite(path: db, table: "pupils")
        let e = try Table.readSQLite(path: db, query: "SELECT * FROM pupils WHERE 0")
        #expect(e.rowCount == 0)
        #expect(e.columns.map(\.type) == [.integer, .double, .boolean, .string, .string, .double])
    }

    @Test("An existing table is replaced only with replace: true")
    func replace() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/r.db"
        let t = try Table(columns: [Column(name: "x", values: .integer([1, 2]))])
        try t.writeSQLite(path: db, table: "t")
        #expect(DataIO.message { try t.writeSQLite(path: db, table: "T") }
                == "\(db): a table 't' already exists; pass replace (--force) to replace it, or choose another name")
        #expect(try Table.readSQLite(path: db, table: "t").columns[0].values == .integer([1, 2]))
        let u = try Table(columns: [Column(name: "y", values: .string(["a"]))])
        try u.writeSQLite(path: db, table: "t", replace: true)
        #expect(try Table.readSQLite(path: db, table: "t").columns == u.columns)
    }

    @Test("A failing write leaves the database as it was (one transaction)")
    func rollback() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/tx.db"
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "keep")
        // Two columns that SQLite considers the same name: CREATE TABLE fails inside the transaction.
        let bad = try Table(columns: [Column(name: "a", values: .integer([1])), Column(name: "A", values: .integer([2]))])
        let message = DataIO.message { try bad.writeSQLite(path: db, table: "keep", replace: true) }
        #expect(message == "\(db): cannot create table 'keep' (duplicate column name: A)")
        #expect(try Table.readSQLite(path: db, table: "keep").columns[0].values == .integer([1]))
    }
}

@Suite("SQLite: bad input")
struct SQLiteErrorTests {
    @Test("No such table lists the tables there are")
    func noSuchTable() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/s.db"
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "pupils")
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "schools")
        #expect(DataIO.message { try Table.readSQLite(path: db, table: "pupil") }
                == "\(db): no table 'pupil'; the database holds 'pupils', 'schools'; did you mean 'pupils'?")
        #expect(DataIO.message { try Table.readSQLite(path: db, query: "SELECT * FROM classes") }
                == "\(db): no table 'classes'; the database holds 'pupils', 'schools'")
    }

    @Test("An empty file is an empty database")
    func emptyFile() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/empty.db"
        _ = FileManager.default.createFile(atPath: db, contents: Data())
        #expect(DataIO.message { try Table.readSQLite(path: db, table: "pupils") }
                == "\(db): no table 'pupils'; the database holds no tables")
        try Table(columns: [Column(name: "x", values: .integer([7]))]).writeSQLite(path: db, table: "pupils")
        #expect(try Table.readSQLite(path: db, table: "pupils").columns[0].values == .integer([7]))
    }

    @Test("SQL syntax errors carry SQLite's message and the query")
    func syntax() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/s.db"
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "pupils")
        #expect(DataIO.message { try Table.readSQLite(path: db, query: "SELEC * FROM pupils") }
                == "\(db): SQL error in the query (near \"SELEC\": syntax error): SELEC * FROM pupils")
        #expect(DataIO.message { try Table.readSQLite(path: db, query: "SELECT x, x FROM pupils") }
                == "\(db): the query returns two columns named 'x'; give one another name with AS")
    }

    @Test("Not a database: an SPSS file, a CSV file, a damaged header")
    func notADatabase() throws {
        let sav = DataIO.fixture("pupils.sav")
        #expect(DataIO.message { try Table.readSQLite(path: sav, table: "t") }
                == "\(sav): not an SQLite database (it is an SPSS file); check the path")
        let csv = DataIO.fixture("not_really.sav")
        #expect(DataIO.message { try Table.readSQLite(path: csv, table: "t") }
                == "\(csv): not an SQLite database (it starts like a CSV text file); check the path")
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "x", values: .integer([1]))])
        #expect(DataIO.message { try t.writeSQLite(path: csv, table: "t") }
                == "\(csv): not an SQLite database (it starts like a CSV text file); check the path")
        // Right magic, garbage after it.
        let broken = dir + "/broken.db"
        try Data(Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0xAB, count: 4000)).write(to: URL(fileURLWithPath: broken))
        let message = DataIO.message { try Table.readSQLite(path: broken, table: "t") }
        #expect(message == "\(broken): not an SQLite database (file is not a database); check the path")
    }

    @Test("A missing file is not created by reading")
    func missingFile() throws {
        let dir = try DataIO.temporaryFolder()
        #expect(DataIO.message { try Table.readSQLite(path: dir + "/none.db", table: "t") }
                == "\(dir)/none.db: cannot read the file (no such file); check the path and permissions")
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.db"))
    }

    @Test("BLOBs are refused with row and column")
    func blob() throws {
        let dir = try DataIO.temporaryFolder()
        let db = dir + "/b.db"
        try Table(columns: [Column(name: "x", values: .integer([1]))]).writeSQLite(path: db, table: "t")
        #expect(DataIO.message { try Table.readSQLite(path: db, query: "SELECT 1 AS a, x'00ff' AS b") }
                == "\(db): row 1, column 'b' of the query holds binary data (a BLOB), which a table cannot hold; select it as hex(b) or CAST(b AS TEXT)")
    }

    @Test("sqlite: sources that are not well formed")
    func badSource() {
        #expect(DataIO.message { try Table.readSQLite(source: "sqlite:x.db") }
                == "'sqlite:x.db': no table or query given; write an SQLite source as sqlite:PATH?table=NAME or sqlite:PATH?query=SELECT...")
        #expect(DataIO.message { try Table.readSQLite(source: "sqlite:x.db?name=t") }
                == "'sqlite:x.db?name=t': expected table= or query= after '?'; write an SQLite source as sqlite:PATH?table=NAME or sqlite:PATH?query=SELECT...")
        #expect(throws: FrameError.self) { try SQLiteSource(parsing: "x.db?table=t") }
        #expect((try? SQLiteSource(parsing: "sqlite:/a/b.db?table=my%20pupils")) == SQLiteSource(path: "/a/b.db", selection: .table("my pupils")))
    }
}
