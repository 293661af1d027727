import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite("ReadStat writer: .sav and .dta round trips")
struct ReadStatWriterTests {
    /// A table with every column type, labels, missing cells and a factor with its own codes.
    static func mixedTable() throws -> Table {
        try Table(columns: [
            Column(name: "pupil", values: .integer([101, 102, 103, -4, 2_000_000_000]), label: "Pupil id"),
            Column(name: "score", values: .double([1.5, -0.25, .nan, 1e-300, 123456.789]), missing: [false, false, true, false, false]),
            Column(name: "repeat", values: .boolean([true, false, false, true, false]), missing: [false, false, true, false, false]),
            Column(name: "town", values: .string(["Gent", "Liège", "", "Mechelen", "Sint-Truiden"]), label: "Town of the school"),
            Column(name: "track", values: .factor(Factor(codes: [0, 2, 1, -1, 2], levels: ["ASO", "TSO", "BSO"], labels: ["1", "5", "9"])),
                   missing: [false, false, false, true, false], label: "Track"),
            Column(name: "sex", values: .factor(Factor(codes: [1, 0, 0, 1, 1], levels: ["girl", "boy"]))),
        ])
    }

    /// What the mixed table reads back as: booleans come back as 0/1 integers.
    static func mixedExpected() throws -> [Column] {
        var cols = try mixedTable().columns
        cols[2] = Column(name: "repeat", values: .integer([1, 0, 0, 1, 0]), missing: [false, false, true, false, false])
        return cols
    }

    @Test("SPSS: write -> read gives the same columns (booleans as 0/1 integers)")
    func spssRoundTrip() throws {
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/mixed.sav"
        try Self.mixedTable().writeSPSS(to: path)
        let back = try Table.readSPSS(path: path)
        #expect(DataIO.difference(back.columns, try Self.mixedExpected()) == nil)
        guard case .factor(let f) = try back.column("track").values else { Issue.record("track"); return }
        #expect(f.labels == ["1", "5", "9"])   // the file's codes survive
        #expect(f.valueCodes == [1, 5, 9])
        // And the same file read with codes kept shows the numbers written.
        let codes = try Table.readSPSS(path: path, options: ForeignReadOptions(valueLabelsAsFactors: false))
        #expect(try codes.column("track").doubles?.map { $0.isNaN ? -1 : $0 } == [1, 9, 5, -1, 9])
        #expect(try codes.column("sex").doubles == [2, 1, 1, 2, 2])
    }

    @Test("Stata: write -> read gives the same columns (booleans as 0/1 integers)")
    func stataRoundTrip() throws {
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/mixed.dta"
        try Self.mixedTable().writeStata(to: path)
        let back = try Table.readStata(path: path)
        #expect(DataIO.difference(back.columns, try Self.mixedExpected()) == nil)
    }

    @Test("The pyreadstat fixtures survive read -> write -> read in both formats")
    func fixtureRoundTrips() throws {
        let dir = try DataIO.temporaryFolder()
        for fixture in ["pupils.sav", "pupils.dta"] {
            let original = try Table.readStatisticalFile(path: DataIO.fixture(fixture))
            try original.writeSPSS(to: dir + "/\(fixture).sav")
            try original.writeStata(to: dir + "/\(fixture).dta")
            #expect(DataIO.difference(try Table.readSPSS(path: dir + "/\(fixture).sav").columns, original.columns) == nil, "\(fixture) -> .sav")
            #expect(DataIO.difference(try Table.readStata(path: dir + "/\(fixture).dta").columns, original.columns) == nil, "\(fixture) -> .dta")
        }
    }

    @Test("Integers beyond Stata's long range are written as doubles")
    func stataWideIntegers() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "n", values: .integer([1, 3_000_000_000]))])
        try t.writeStata(to: dir + "/wide.dta")
        #expect(try Table.readStata(path: dir + "/wide.dta").column("n").values == .double([1, 3_000_000_000]))
    }

    @Test("Missing strings are written as empty strings (neither format has a missing string)")
    func missingStrings() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "s", values: .string(["a", "zz"]), missing: [false, true])])
        try t.writeSPSS(to: dir + "/s.sav")
        let back = try Table.readSPSS(path: dir + "/s.sav").column("s")
        #expect(back.values == .string(["a", ""]))
        #expect(back.missingCount == 0)
    }

    @Test("An existing file is replaced only with overwrite: true")
    func overwrite() throws {
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/t.sav"
        let t = try Table(columns: [Column(name: "x", values: .double([1, 2]))])
        try t.writeSPSS(to: path)
        let message = DataIO.message { try t.writeSPSS(to: path) }
        #expect(message == "\(path): the file exists; pass overwrite (--force) to replace it")
        let u = try Table(columns: [Column(name: "x", values: .double([3]))])
        try u.writeSPSS(to: path, overwrite: true)
        #expect(try Table.readSPSS(path: path).column("x").values == .double([3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["t.sav"])   // no temporary left behind
    }
}

@Suite("ReadStat writer: values and names the formats cannot hold")
struct ReadStatWriterErrorTests {
    @Test("Stata names: letters, digits and _ only")
    func stataName() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "ph.ecog", values: .double([1]))])
        let message = DataIO.message { try t.writeStata(to: dir + "/x.dta") }
        #expect(message == "\(dir)/x.dta: column 'ph.ecog': Stata names hold only letters, digits and _; rename the column before writing a Stata file")
        try t.writeSPSS(to: dir + "/x.sav")   // SPSS allows the period
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.dta"))
    }

    @Test("Names with non-ASCII letters are kept in both formats; Stata's 32-character limit counts characters")
    func unicodeNames() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "leeftijd_ä", values: .double([1])), Column(name: "élève", values: .integer([2]))])
        try t.writeSPSS(to: dir + "/u.sav")
        try t.writeStata(to: dir + "/u.dta")
        #expect(try Table.readSPSS(path: dir + "/u.sav").columnNames == ["leeftijd_ä", "élève"])
        #expect(try Table.readStata(path: dir + "/u.dta").columnNames == ["leeftijd_ä", "élève"])
        let long = try Table(columns: [Column(name: String(repeating: "é", count: 33), values: .double([1]))])
        #expect(DataIO.message { try long.writeStata(to: dir + "/l.dta") }.contains("Stata names have at most 32 characters"))
    }

    @Test("SPSS names start with a letter; reserved words are refused")
    func spssName() throws {
        let dir = try DataIO.temporaryFolder()
        let a = try Table(columns: [Column(name: "2x", values: .double([1]))])
        #expect(DataIO.message { try a.writeSPSS(to: dir + "/a.sav") }.contains("column '2x': SPSS names start with a letter or @"))
        let b = try Table(columns: [Column(name: "with", values: .double([1]))])
        #expect(DataIO.message { try b.writeSPSS(to: dir + "/b.sav") }.contains("'with' is a reserved word in SPSS"))
    }

    @Test("SPSS: names differing only in case, over-long variable labels")
    func spssNamesAndLabels() throws {
        let dir = try DataIO.temporaryFolder()
        let a = try Table(columns: [Column(name: "Aa", values: .double([1])), Column(name: "aA", values: .double([1]))])
        #expect(DataIO.message { try a.writeSPSS(to: dir + "/a.sav") }
                == "\(dir)/a.sav: columns 'Aa' and 'aA' differ only in case, which SPSS names do not distinguish; rename one of them")
        try a.writeStata(to: dir + "/a.dta")   // Stata names are case-sensitive
        let b = try Table(columns: [Column(name: "x", values: .double([1]), label: String(repeating: "l", count: 300))])
        #expect(DataIO.message { try b.writeSPSS(to: dir + "/b.sav") }
                == "\(dir)/b.sav: column 'x': the variable label has 300 bytes; SPSS keeps at most 256; shorten it")
    }

    @Test("Infinite values name the row and column")
    func infinity() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "x", values: .double([1, -.infinity]))])
        let message = DataIO.message { try t.writeStata(to: dir + "/x.dta") }
        #expect(message == "\(dir)/x.dta: row 2, column 'x': Stata files cannot hold an infinite value; make it missing or a large finite number")
    }

    @Test("Stata strings longer than 2045 bytes are refused with row and column")
    func longString() throws {
        let dir = try DataIO.temporaryFolder()
        let t = try Table(columns: [Column(name: "note", values: .string(["short", String(repeating: "é", count: 1100)]))])
        let message = DataIO.message { try t.writeStata(to: dir + "/x.dta") }
        #expect(message.hasPrefix("\(dir)/x.dta: row 2, column 'note': a text of 2200 bytes"))
        try t.writeSPSS(to: dir + "/x.sav")   // SPSS long strings hold it
        #expect(try Table.readSPSS(path: dir + "/x.sav").column("note").values == t.columns[0].values)
    }

    @Test("A folder that does not exist")
    func noFolder() throws {
        let t = try Table(columns: [Column(name: "x", values: .double([1]))])
        let message = DataIO.message { try t.writeSPSS(to: "/nonexistent-truant/x.sav") }
        #expect(message == "/nonexistent-truant/x.sav: cannot write the file (no such file); check the folder and its permissions")
    }
}
