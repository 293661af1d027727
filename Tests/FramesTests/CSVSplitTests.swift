import Foundation
import Testing
@testable import Frames

/// Reads `text` sequentially (`split: false`) or with the body built in two halves at once.
private func read(_ text: String, split: Bool, _ options: CSVOptions = CSVOptions()) throws -> Table {
    try CSVReader.read(data: Data(text.utf8), name: "s.csv", options: options, splitMinimum: split ? 2 : Int.max)
}

/// The `FrameError` message of reading `text`, or `nil` when it reads.
private func message(_ text: String, split: Bool, _ options: CSVOptions = CSVOptions()) -> String? {
    do { _ = try read(text, split: split, options); return nil } catch { return "\(error)" }
}

/// Tables compared through their printed form (`NaN` placeholders at missing cells compare equal).
private func same(_ a: Table, _ b: Table) -> Bool { "\(a.columns)" == "\(b.columns)" }

/// A deterministic body of `rows` rows: a double, an integer, a boolean and a text column, with
/// missing cells and the given line end.
private func body(rows: Int, lineEnd: String = "\n") -> String {
    var s = "x,n,b,g" + lineEnd
    for i in 0..<rows {
        let x = i % 7 == 0 ? "NA" : String(Double(i) * 0.37 - 11.5)
        s += "\(x),\(i * 3 - 40),\(i % 2 == 0 ? "TRUE" : "FALSE"),\(["a", "bb", "", "c"][i % 4])" + lineEnd
        if i % 13 == 5 { s += lineEnd }   // blank lines are skipped
    }
    return s
}

@Suite("CSV reader: two halves built at once")
struct CSVSplitTests {
    @Test("the split build gives the same table as the sequential one (LF and CRLF, blank lines, NA)")
    func sameTable() throws {
        for lineEnd in ["\n", "\r\n"] {
            let text = body(rows: 301, lineEnd: lineEnd)
            let sequential = try read(text, split: false)
            let parallel = try read(text, split: true)
            #expect(same(parallel, sequential))
            #expect(parallel.rowCount == 301)
            #expect(parallel.columns.map(\.type) == [.double, .integer, .boolean, .string])
        }
    }

    @Test("a file with a quote anywhere in the body is read sequentially, with the same result")
    func quotesFallBack() throws {
        let text = body(rows: 50) + "\"1.5\",2,TRUE,\"q\"\"r\"\n"
        #expect(BodySplit.find(text, minimum: 2) == nil)
        #expect(same(try read(text, split: true), try read(text, split: false)))
        #expect(BodySplit.find(body(rows: 50), minimum: 2) != nil)
    }

    @Test("a type widened by a cell in the second half (integer to double, to text) is widened as sequentially")
    func widenedLate() throws {
        let text = body(rows: 1200) + "2.5,7.25,maybe,z\n"   // after the 1000-row sample
        let parallel = try read(text, split: true)
        #expect(same(parallel, try read(text, split: false)))
        #expect(parallel.columns.map(\.type) == [.double, .double, .string, .string])
        #expect(parallel["n"]?.doubles?.last == 7.25)
    }

    @Test("an error in the second half names the same line as the sequential read")
    func errorLineInSecondHalf() {
        let text = body(rows: 400) + "1,2,TRUE\n" + "3,4,FALSE,a\n"
        let sequential = message(text, split: false)
        #expect(sequential?.hasPrefix("s.csv:\(400 + 400 / 13 + 3)") == true)   // header + rows + blank lines + 1
        #expect(message(text, split: true) == sequential)
        let declared = CSVOptions(columnTypes: ["n": .integer])
        let bad = body(rows: 400) + "1,many,TRUE,a\n"
        #expect(message(bad, split: true, declared) == message(bad, split: false, declared))
        #expect(message(bad, split: true, declared)?.contains("column 'n'") == true)
    }

    @Test("with errors in both halves, the first one is reported")
    func firstErrorWins() {
        var lines = body(rows: 400).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = "1,2"
        lines[lines.count - 3] = "1,2,3"
        let text = lines.joined(separator: "\n")
        let m = message(text, split: true)
        #expect(m == message(text, split: false))
        #expect(m?.hasPrefix("s.csv:4:") == true)
    }

    @Test("selected columns: only those are parsed and kept, in file order; other cells are not checked")
    func selection() throws {
        var options = CSVOptions()
        options.selectedColumns = ["g", "x"]
        let text = body(rows: 30) + "oops,1,2,q\n"   // 'n' and 'b' are not read, so 'oops' widens only x
        for split in [false, true] {
            let t = try read(text, split: split, options)
            #expect(t.columnNames == ["x", "g"])
            #expect(t["x"]?.type == .string)
            #expect(t.rowCount == 31)
        }
        var numeric = CSVOptions()
        numeric.selectedColumns = ["x"]
        let skipped = try read(body(rows: 30) + "1.5,not-a-number,maybe,q\n", split: false, numeric)
        #expect(skipped.columnNames == ["x"] && skipped["x"]?.type == .double)
        // A ragged row is still an error, whatever is selected.
        #expect(message(body(rows: 5) + "1,2\n", split: false, numeric)?.contains("expected 4 fields") == true)
    }

    @Test("not-text bytes: the text check on two halves reports the same first problem and line")
    func textProblems() {
        let clean = Array(body(rows: 200).utf8)
        var late = clean
        late[late.count - 10] = 0xFF
        var both = late
        both[40] = 0
        var multibyte = Array(body(rows: 10).utf8) + Array("é,1,TRUE,ü\n".utf8) + Array(body(rows: 10).utf8.dropFirst(8))
        multibyte[multibyte.count - 20] = 0xC3
        for bytes in [late, both, multibyte] {
            let read = { (split: Bool) -> String? in
                do { _ = try CSVReader.read(data: Data(bytes), name: "s.csv", options: CSVOptions(), splitMinimum: split ? 2 : Int.max); return nil }
                catch { return "\(error)" }
            }
            #expect(read(true) != nil)
            #expect(read(true) == read(false))
        }
    }

    @Test("a selected name that is not a column: every column is read")
    func unknownSelection() throws {
        var options = CSVOptions()
        options.selectedColumns = ["x", "nope"]
        #expect(try read(body(rows: 10), split: false, options).columnNames == ["x", "n", "b", "g"])
    }
}

extension BodySplit {
    /// `find` on a string (tests).
    static func find(_ text: String, minimum: Int) -> Int? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { find($0, 0, b.count, minimum: minimum) } }
    }
}

@Suite("Delimited scanner: field ends eight bytes at a time")
struct FieldEndTests {
    @Test("the word-at-a-time search finds the same end as a byte loop, for every start and delimiter")
    func sameAsBytes() {
        let text = Array("ab,c\t;\r\n12345678901234567890,;x\t\u{00E9}\u{20AC}zz\ny,,\n\r;;\t".utf8) + Array(repeating: 0x80, count: 9) + [0x2C]
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), 0x80] {
            text.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                for start in 0...b.count {
                    for n in start...b.count {
                        var j = start
                        while j < n && b[j] != delimiter && b[j] != 0x0A && b[j] != 0x0D { j += 1 }
                        let found = DelimitedScanner.fieldEnd(p, start, n, delimiterPattern: UInt64(delimiter) &* 0x0101_0101_0101_0101, delimiter: delimiter)
                        if found != j { Issue.record("start \(start), n \(n), delimiter \(delimiter): \(found) vs \(j)"); return }
                    }
                }
            }
        }
    }
}
