import Frames
import Foundation
import Testing
import TestSupport
@testable import Script

@Suite("Session: completion, continuation, provenance")
struct SessionTests {
    @Test("completion offers variables, functions, columns after $ and model fields")
    func completion() throws {
        let s = Interpreter(output: { _ in }, messages: { _ in })
        _ = try s.evaluate("pupils <- data_frame(age = 1:2, absences = 3:4, school = c(\"a\", \"b\")); pupil_count <- 2")
        #expect(s.completions(for: "mean(pup") == ["pupil_count", "pupils"])
        #expect(s.completions(for: "pupils$a") == ["absences", "age"])
        #expect(s.completions(for: "summ").contains("summary"))
        #expect(s.completions(for: "subset(pupils, sch") == ["school"])
        #expect(s.completions(for: "nosuch$x") == [])
    }

    @Test("input is incomplete while a bracket or string is open or a line ends in an operator")
    func continuation() {
        #expect(Interpreter.isIncomplete("f(1,"))
        #expect(Interpreter.isIncomplete("x <- {"))
        #expect(Interpreter.isIncomplete("s <- \"abc"))
        #expect(Interpreter.isIncomplete("y <- 1 +"))
        #expect(Interpreter.isIncomplete("m <- y ~ x + (1 |"))
        #expect(!Interpreter.isIncomplete("f(1)"))
        #expect(!Interpreter.isIncomplete("f(1))"))   // an error, not more input
    }

    @Test("SHA-256 of known strings (FIPS 180-4 examples)")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) ==
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("provenance records the version, the script's hash, each input file's hash and the seed")
    func provenance() throws {
        let text = "set_seed(2024)\nd <- read_csv(\"\(contraceptionCSV)\")\n"
        let s = Interpreter(output: { _ in }, messages: { _ in })
        try s.run(Source(name: "p.truant", text: text))
        let p = RunProvenance(version: "9.9", script: "p.truant", text: text, session: s)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: contraceptionCSV))
        #expect(p.inputs == [RunProvenance.InputFile(path: contraceptionCSV, sha256: SHA256.hex(bytes))])
        #expect(p.seed == 2024)
        #expect(p.scriptSHA256 == SHA256.hex(Array(text.utf8)))
        #expect(p.json.serialized(pretty: false).contains("\"truant_version\":\"9.9\""))
    }

    @Test("the same script gives byte-identical output on every run")
    func determinism() throws {
        let code = "set_seed(5); x <- rnorm(20); summary(x); d <- data_frame(a = x, g = rep(c(\"p\", \"q\"), 10)); group_summary(d, by = \"g\", m = mean(a))"
        #expect(try run(code) == (try run(code)))
    }
}
