import Foundation
import Testing
import TestSupport
@testable import Frames

/// The message of the `FrameError` thrown by `body`, or a recorded issue.
func errorMessage(_ body: () throws -> Table) -> String {
    do {
        _ = try body()
        Issue.record("expected an error")
        return ""
    } catch let e as FrameError {
        return e.description
    } catch {
        Issue.record("unexpected error \(error)")
        return ""
    }
}

@Suite("CSV reader: bad input")
struct CSVErrorTests {
    @Test("a ragged row names the file, line, and expected vs found fields")
    func ragged() {
        let m = errorMessage { try csv("a,b,c\n1,2,3\n4,5\n") }
        #expect(m.hasPrefix("t.csv:3"))
        #expect(m.contains("expected 3 fields") && m.contains("found 2"))
        let extra = errorMessage { try csv("a,b\n1,2\n3,4,5\n") }
        #expect(extra.hasPrefix("t.csv:3") && extra.contains("found 3"))
    }

    @Test("a non-numeric value in a declared numeric column names line, column and value")
    func declaredNumeric() {
        let m = errorMessage { try csv("id,score\n1,5\n2,five\n", CSVOptions(columnTypes: ["score": .double])) }
        #expect(m.hasPrefix("t.csv:3, column 'score'"))
        #expect(m.contains("'five'") && m.contains("declared double"))
        let i = errorMessage { try csv("n\n1\n2.5\n", CSVOptions(columnTypes: ["n": .integer])) }
        #expect(i.hasPrefix("t.csv:3, column 'n'") && i.contains("'2.5' is not an integer"))
    }

    @Test("an unterminated quote names the line it opened on")
    func unterminated() {
        let m = errorMessage { try csv("a,b\n1,2\n3,\"open\n4,5\n6,7\n") }
        #expect(m.hasPrefix("t.csv:3"))
        #expect(m.contains("never closed"))
    }

    @Test("text after a closing quote is an error, not silently merged")
    func afterQuote() {
        let m = errorMessage { try csv("a,b\n\"x\"y,2\n") }
        #expect(m.hasPrefix("t.csv:2") && m.contains("after a closing quote"))
    }

    @Test("an empty file (or only a BOM and blank lines) says so")
    func empty() {
        #expect(errorMessage { try csv("") } .contains("the file is empty"))
        #expect(errorMessage { try CSVReader.read(data: Data([0xEF, 0xBB, 0xBF, 0x0A, 0x0A]), name: "e.csv") } .hasPrefix("e.csv: the file is empty"))
    }

    @Test("a binary file (NUL bytes) and invalid UTF-8 are reported as not text, with the line")
    func notText() {
        let bin = errorMessage { try Table.read(path: Fixtures.path("frames/binary.csv")) }
        #expect(bin.contains("binary.csv:3: not a text file") && bin.contains("NUL byte"))
        let latin = errorMessage { try Table.read(path: Fixtures.path("frames/latin1.csv")) }
        #expect(latin.contains("latin1.csv:2: not a text file") && latin.contains("invalid UTF-8 byte 0xE8"))
    }

    @Test("duplicate column names say which and where")
    func duplicates() {
        let m = errorMessage { try csv("id,x,y,x\n1,2,3,4\n") }
        #expect(m == "t.csv:1, columns 2 and 4: duplicate column name 'x'; rename one of the columns so each name is unique")
    }

    @Test("a factor value outside the given levels is an error naming line and column")
    func factorLevel() {
        let m = errorMessage { try csv("g\nlow\nmedium\n", CSVOptions(factorLevels: ["g": ["low", "high"]])) }
        #expect(m.hasPrefix("t.csv:3, column 'g'") && m.contains("'medium'"))
    }

    @Test("an override for a column that does not exist suggests names")
    func unknownOverride() {
        #expect(throws: FrameError.unknownColumn(name: "scor", suggestions: ["score"])) {
            try csv("score\n1\n", CSVOptions(columnTypes: ["scor": .double]))
        }
    }
}
