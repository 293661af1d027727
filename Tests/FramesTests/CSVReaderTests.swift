import Foundation
import Testing
import TestSupport
@testable import Frames

/// Reads CSV text with default options.
func csv(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> Table {
    try CSVReader.read(text: text, name: "t.csv", options: options)
}

@Suite("CSV reader: types and inference")
struct CSVInferenceTests {
    @Test("infers boolean, integer, double and string columns; strings stay strings")
    func inference() throws {
        let t = try csv("b,i,d,s,big\nTRUE,1,1.5,x,1\nfalse,-2,3,y,99999999999999999999\n")
        #expect(t.columnNames == ["b", "i", "d", "s", "big"])
        #expect(try t.column("b").values == .boolean([true, false]))
        #expect(try t.column("i").values == .integer([1, -2]))
        #expect(try t.column("d").values == .double([1.5, 3]))
        #expect(try t.column("s").values == .string(["x", "y"]))
        // An integer that overflows Int makes the column double.
        #expect(try t.column("big").values == .double([1, 1e20]))
    }

    @Test("a boolean mixed with numbers is a string column; a column of only NA is boolean")
    func ladder() throws {
        let t = try csv("m,e\nTRUE,NA\n1,\n")
        #expect(try t.column("m").values == .string(["TRUE", "1"]))
        let e = try t.column("e")
        #expect(e.type == .boolean && e.missing == [true, true])
    }

    @Test("missing tokens: empty, NA and '.' by default; configurable")
    func missing() throws {
        let t = try csv("x,s\n1,a\nNA,NA\n.,\n4,b\n")
        let x = try t.column("x")
        #expect(x.values.count == 4 && x.missing == [false, true, true, false])
        #expect(try t.column("s").missing == [false, true, true, false])
        let u = try csv("x\n-99\n3\n", CSVOptions(naTokens: ["-99"]))
        #expect(try u.column("x").missing == [true, false])
        #expect(try u.column("x").values == .integer([0, 3]))
    }

    @Test("a quoted NA or empty string is text in a string column, missing in a numeric one")
    func quotedMissing() throws {
        let t = try csv("s,x\n\"NA\",\"1\"\n\"\",\"NA\"\nb,2\n")
        #expect(try t.column("s").values == .string(["NA", "", "b"]))
        #expect(try t.column("s").missing == [false, false, false])
        #expect(try t.column("x").values == .integer([1, 0, 2]))
        #expect(try t.column("x").missing == [false, true, false])
    }

    @Test("Inf, -Inf and NaN are doubles; spaces around numbers are ignored")
    func specials() throws {
        let t = try csv("x,y\nInf, 2 \n-Inf,3\nNaN,4\n")
        guard case .double(let x) = try t.column("x").values else { Issue.record("x not double"); return }
        #expect(x[0] == .infinity && x[1] == -.infinity && x[2].isNaN)
        #expect(try t.column("x").missing == [false, false, false])
        #expect(try t.column("y").values == .integer([2, 3, 4]))
    }

    @Test("per-column overrides: double, string, factor with given levels, ordered")
    func overrides() throws {
        let opts = CSVOptions(columnTypes: ["i": .double, "code": .string],
                              factorLevels: ["grade": ["low", "mid", "high"]], orderedFactors: ["grade"])
        let t = try csv("i,code,grade\n1,007,mid\n2,010,high\n3,NA,low\n", opts)
        #expect(try t.column("i").values == .double([1, 2, 3]))
        #expect(try t.column("code").values == .string(["007", "010", ""]))
        #expect(try t.column("code").missing == [false, false, true])
        #expect(try t.column("grade").values == .factor(Factor(codes: [1, 2, 0], levels: ["low", "mid", "high"], ordered: true)))
    }

    @Test("factor levels from strings are sorted by code point")
    func codePointLevels() throws {
        let t = try csv("f\nb\nB\né\na\nb\nNA\n", CSVOptions(columnTypes: ["f": .factor]))
        #expect(try t.column("f").values == .factor(Factor(codes: [2, 0, 3, 1, 2, -1], levels: ["B", "a", "b", "é"])))
    }

    @Test("R-style names with dots are kept; empty names become V<k>; no header gives V1...")
    func names() throws {
        let t = try csv("ph.ecog,,wt.loss\n1,2,3\n")
        #expect(t.columnNames == ["ph.ecog", "V2", "wt.loss"])
        let u = try csv("1,2\n3,4\n", CSVOptions(header: false))
        #expect(u.columnNames == ["V1", "V2"])
        #expect(try u.column("V1").values == .integer([1, 3]))
    }
}

@Suite("CSV reader: format")
struct CSVFormatTests {
    @Test("RFC 4180 quoting: delimiters, newlines and doubled quotes inside quotes")
    func quoting() throws {
        let t = try csv("id,text\n1,\"a, b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,plain\n")
        #expect(try t.column("text").values == .string(["a, b", "line1\nline2", "say \"hi\"", "plain"]))
        #expect(try t.column("id").values == .integer([1, 2, 3, 4]))
    }

    @Test("CRLF line ends, a missing final newline, and blank lines")
    func lineEnds() throws {
        let t = try csv("a,b\r\n1,2\r\n\r\n3,4")
        #expect(try t.column("a").values == .integer([1, 3]))
        #expect(try t.column("b").values == .integer([2, 4]))
    }

    @Test("delimiter detected among comma, semicolon and tab")
    func delimiters() throws {
        #expect(try csv("a;b\n1;2\n").columnNames == ["a", "b"])
        #expect(try csv("a\tb\tc\n1\t2\t3\n").columnNames == ["a", "b", "c"])
        #expect(try csv("\"x;y\",b\n1,2\n").columnNames == ["x;y", "b"])
        #expect(try csv("a,b\n1,2\n", CSVOptions(delimiter: .semicolon)).columnNames == ["a,b"])
    }

    @Test("a ';' file uses the decimal comma; explicit decimal overrides")
    func decimalComma() throws {
        let t = try csv("x;y\n1,5;2\n-0,25;3\n")
        #expect(try t.column("x").values == .double([1.5, -0.25]))
        let u = try csv("x;y\n1.5;2\n", CSVOptions(decimal: .point))
        #expect(try u.column("x").values == .double([1.5]))
    }

    @Test("a Flemish export (BOM, ';', decimal comma, CRLF) reads as R's read.csv2 does")
    func flemish() throws {
        // R: read.csv2("Tests/Fixtures/frames/flemish.csv", fileEncoding = "UTF-8-BOM")
        let ref = try #require(try Fixtures.json("frames/reference.json") as? [String: Any])
        let fl = try #require(ref["flemish"] as? [String: Any])
        let t = try Table.read(path: Fixtures.path("frames/flemish.csv"))
        #expect(t.columnNames == fl["names"] as? [String])
        let types = t.columns.map { c -> String in
            switch c.type { case .integer: "integer"; case .double: "numeric"; case .string: "character"; default: "?" }
        }
        #expect(types == fl["classes"] as? [String])
        let rx = (fl["ph_ecog"] as? [Any])?.map { ($0 as? Double) ?? .nan } ?? []
        #expect(maxRelativeDifference(try t.column("ph.ecog").doubles ?? [], rx) == 0)
        let ra = (fl["afwezig"] as? [Any])?.map { ($0 as? Double) ?? .nan } ?? []
        #expect(maxRelativeDifference(try t.column("afwezig").doubles ?? [], ra) == 0)
    }

    @Test("a .tsv file defaults to tab; Table.read rejects other formats clearly")
    func dispatch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frames-tests-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tsv = dir.appendingPathComponent("x.tsv").path
        try Data("a,b\tc\n1\t2\n".utf8).write(to: URL(fileURLWithPath: tsv))
        #expect(try Table.read(path: tsv).columnNames == ["a,b", "c"])
        #expect(throws: FrameError.self) { try Table.read(path: dir.appendingPathComponent("x.sav").path) }
        do {
            _ = try Table.read(path: "pupils.dta")
            Issue.record("expected an error")
        } catch let e as FrameError {
            #expect(e.description.contains("Stata files are not supported yet"))
        }
        do {
            _ = try Table.read(path: dir.appendingPathComponent("absent.csv").path)
            Issue.record("expected an error")
        } catch let e as FrameError {
            #expect(e.description.contains("no such file"))
        }
    }
}

@Suite("CSV reader: long files")
struct CSVLongFileTests {
    @Test("a type change after the sampled rows is found: the column is widened, nothing lost")
    func lateWidening() throws {
        var text = "a,b,c\n"
        for i in 0..<3000 { text += "\(i),NA,\(i % 2 == 0 ? "TRUE" : "FALSE")\n" }
        text += "3000,2.5,maybe\n"
        let t = try csv(text)
        #expect(t.rowCount == 3001)
        #expect(try t.column("a").type == .integer)
        let b = try t.column("b")
        #expect(b.type == .double && b.missingCount == 3000 && b.doubles?[3000] == 2.5)
        let c = try t.column("c")
        #expect(c.type == .string && c.text(at: 3000) == "maybe" && c.text(at: 1) == "FALSE")
    }

    @Test("storage grows past the estimate from the first rows")
    func growth() throws {
        var text = "x,s\n"
        for i in 0..<1000 { text += "\(i),\"\(String(repeating: "long", count: 20))\"\n" }
        for i in 0..<20000 { text += "\(i),s\n" }
        let t = try csv(text)
        #expect(t.rowCount == 21000)
        guard case .integer(let x) = try t.column("x").values else { Issue.record("x not integer"); return }
        #expect(x[20999] == 19999 && x[999] == 999)
    }

    @Test("a declared-type error after the sampled rows still names its line")
    func lateError() {
        var text = "x\n"
        for i in 0..<1500 { text += "\(i)\n" }
        text += "oops\n"
        let m = errorMessage { try csv(text, CSVOptions(columnTypes: ["x": .integer])) }
        #expect(m.hasPrefix("t.csv:1502, column 'x'") && m.contains("'oops'"))
        let r = errorMessage { try csv("a,b\n" + String(repeating: "1,2\n", count: 1500) + "1\n") }
        #expect(r.hasPrefix("t.csv:1502") && r.contains("found 1"))
    }
}

@Suite("CSV reader: edge cases")
struct CSVEdgeTests {
    @Test("a header without rows gives an empty table with the named columns")
    func headerOnly() throws {
        let t = try csv("a,b\n")
        #expect(t.columnNames == ["a", "b"] && t.rowCount == 0)
    }

    @Test("a one-column file keeps blank lines as missing cells")
    func oneColumn() throws {
        let t = try csv("x\n1\n\n3\n\n\n")
        #expect(try t.column("x").values == .integer([1, 0, 3]))
        #expect(try t.column("x").missing == [false, true, false])
    }
}
