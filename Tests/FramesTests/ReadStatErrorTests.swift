import Foundation
import Testing
import TestSupport
@testable import Frames

@Suite("ReadStat reader: bad input")
struct ReadStatErrorTests {
    @Test("A missing file")
    func missingFile() {
        let message = DataIO.message { try Table.readSPSS(path: "/nonexistent-truant/pupils.sav") }
        #expect(message == "/nonexistent-truant/pupils.sav: cannot read the file (no such file); check the path and permissions")
    }

    @Test("A folder instead of a file")
    func folder() throws {
        let dir = try DataIO.temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir + "/data.dta", withIntermediateDirectories: false)
        let message = DataIO.message { try Table.readStata(path: dir + "/data.dta") }
        #expect(message == "\(dir)/data.dta: cannot read the file (it is a directory, not a file); check the path and permissions")
    }

    @Test("Unreadable files (permission denied; root bypasses file modes, so the errno mapping is checked)")
    func permission() throws {
        #expect(posixErrorReason(EACCES) == "permission denied")
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/locked.sav"
        try FileManager.default.copyItem(atPath: DataIO.fixture("pupils.sav"), toPath: path)
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        if geteuid() != 0 {
            let message = DataIO.message { try Table.readSPSS(path: path) }
            #expect(message == "\(path): cannot read the file (permission denied); check the path and permissions")
        }
    }

    @Test("A CSV file with a .sav extension")
    func csvNamedSav() {
        let path = DataIO.fixture("not_really.sav")
        let message = DataIO.message { try Table.readSPSS(path: path) }
        #expect(message == "\(path): not an SPSS file (it starts like a CSV text file); check the file, or give it the extension of what it holds")
    }

    @Test("A Stata file given to the SPSS reader, and an SPSS file renamed .dta")
    func wrongReader() throws {
        let dta = DataIO.fixture("pupils.dta")
        #expect(DataIO.message { try Table.readSPSS(path: dta) }
                == "\(dta): not an SPSS file (it is a Stata file); check the file, or read it with the reader for what it holds")
        let dir = try DataIO.temporaryFolder()
        try FileManager.default.copyItem(atPath: DataIO.fixture("pupils.sav"), toPath: dir + "/renamed.dta")
        #expect(DataIO.message { try Table.readStata(path: dir + "/renamed.dta") }
                == "\(dir)/renamed.dta: not a Stata file (it is an SPSS file); check the file, or give it the extension of what it holds")
    }

    /// The message for `fixture` cut to its first `keep` bytes (or all but the last `-keep`).
    static func truncated(_ fixture: String, keep: Int) throws -> (path: String, message: String) {
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/cut-" + fixture
        let bytes = try Data(contentsOf: URL(fileURLWithPath: DataIO.fixture(fixture)))
        try bytes.prefix(keep > 0 ? keep : bytes.count + keep).write(to: URL(fileURLWithPath: path))
        return (path, DataIO.message { try Table.readStatisticalFile(path: path) })
    }

    @Test("A truncated .sav: in the header, and in the data (row and variable named)")
    func truncatedSPSS() throws {
        let (p1, m1) = try Self.truncated("pupils.sav", keep: 400)
        #expect(m1 == "\(p1): the file ends early or is damaged in the file header (Unable to read from file); copy or export the SPSS file again")
        let (p2, m2) = try Self.truncated("pupils.sav", keep: 1772)
        #expect(m2 == "\(p2): the file ends early or is damaged after row 11 of the 12 the header announces, variable 'birth' (File did not contain the expected number of rows); copy or export the SPSS file again")
    }

    @Test("A truncated .dta: in the data, in the value labels, and only the closing tag missing")
    func truncatedStata() throws {
        let (p1, m1) = try Self.truncated("pupils.dta", keep: 5170)
        #expect(m1 == "\(p1): the file ends early or is damaged in the data, before the first row (Unable to read from file); copy or export the Stata file again")
        let (p2, m2) = try Self.truncated("pupils.dta", keep: -400)
        #expect(m2 == "\(p2): the file ends early or is damaged after the last row (in the value labels or what follows the data) (Unable to read from file); copy or export the Stata file again")
        let (p3, m3) = try Self.truncated("pupils.dta", keep: -5)
        #expect(m3 == "\(p3): the file ends early (the closing </stata_dta> tag is missing, so value labels may be lost); copy or export the Stata file again")
    }

    @Test("A truncated .xpt (no row count in the header): the size must be whole 80-byte records")
    func truncatedTransport() throws {
        let (p, m) = try Self.truncated("pupils.xpt", keep: 1774)
        #expect(m == "\(p): the file ends early (1774 bytes is not a whole number of 80-byte transport records); copy or export the SAS transport file again")
    }

    @Test("An empty .sav")
    func empty() throws {
        let dir = try DataIO.temporaryFolder()
        let path = dir + "/empty.sav"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect(DataIO.message { try Table.readSPSS(path: path) }
                == "\(path): not an SPSS file (the file is empty); check the file, or give it the extension of what it holds")
    }
}

@Suite("ForeignFormat: extension and magic bytes")
struct ReadStatFormatDetectionTests {
    @Test("The fixtures are recognised")
    func fixtures() throws {
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils.sav")) == .spss)
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils.dta")) == .stata)
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils.xpt")) == .sasTransport)
        #expect(try ForeignFormat.detect(path: DataIO.fixture("pupils.sas7bdat")) == .sas7bdat)
    }

    @Test("Content decides when the extension says nothing; CSV is not a foreign format")
    func byContent() throws {
        let dir = try DataIO.temporaryFolder()
        try FileManager.default.copyItem(atPath: DataIO.fixture("pupils.dta"), toPath: dir + "/pupils.bin")
        #expect(try ForeignFormat.detect(path: dir + "/pupils.bin") == .stata)
        try "a,b\n1,2\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        #expect(try ForeignFormat.detect(path: dir + "/x.csv") == nil)
    }

    @Test("Magic numbers")
    func magic() {
        #expect(ForeignFormat.sniff(Array("$FL3....".utf8)) == .spss)
        #expect(ForeignFormat.sniff(Array("SQLite format 3\u{0}".utf8)) == .sqlite)
        #expect(ForeignFormat.sniff(Array("<stata_dta><header>".utf8)) == .stata)
        #expect(ForeignFormat.sniff([114, 2, 1, 0]) == .stata)   // Stata 8 (format 114), little endian
        let sas: [UInt8] = [UInt8](repeating: 0, count: 12) + [0xC2, 0xEA, 0x81, 0x60, 0xB3, 0x14, 0x11, 0xCF, 0xBD, 0x92,
                                                               0x08, 0x00, 0x09, 0xC7, 0x31, 0x8C, 0x18, 0x1F, 0x10, 0x11]
        #expect(ForeignFormat.sniff(sas) == .sas7bdat)
        #expect(ForeignFormat.sniff(Array("id,school\n".utf8)) == nil)
    }

    @Test("What other files look like, for messages")
    func descriptions() {
        #expect(ForeignFormat.describe([0x50, 0x4B, 0x03, 0x04, 0], found: nil) == "it is a ZIP archive, e.g. an Excel .xlsx workbook")
        #expect(ForeignFormat.describe(Array("a\tb\n".utf8), found: nil) == "it starts like a tab-separated text file")
        #expect(ForeignFormat.describe(Array("<!DOCTYPE html>".utf8), found: nil) == "it starts like an HTML page")
        #expect(ForeignFormat.describe([0, 1, 2, 200], found: nil) == "its first bytes match no known data format")
    }
}
