import Foundation
import Testing
import TestSupport

/// Runs the built `truant` binary with `arguments`, feeding `input` to its standard input (a pipe).
struct PipedRun {
    var status: Int32
    var stdout: String
    var stderr: String

    init(_ arguments: [String], input: String = "", directory: URL = Fixtures.root) throws {
        let process = Process()
        process.executableURL = Fixtures.root.appendingPathComponent(".build/debug/truant")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        env["HOME"] = FileManager.default.temporaryDirectory.path
        process.environment = env
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: o, as: UTF8.self)
        stderr = String(decoding: e, as: UTF8.self)
    }
}

/// A temporary file with `text`; removed by the caller.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("truant-\(UUID().uuidString)\(suffix)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("truant run and truant repl")
struct ScriptCommandTests {
    @Test("truant run prints the visible results and exits 0; twice gives identical bytes")
    func runScript() throws {
        let script = try temporaryFile("""
        d <- read_csv("Tests/Fixtures/glm/contraception_logit.csv")
        set_seed(1)
        fit <- glm(use ~ age + urban, family = binomial, data = d)
        round(coef(fit), 4)
        nrow(d)
        """, suffix: ".truant")
        defer { try? FileManager.default.removeItem(atPath: script) }
        let first = try PipedRun(["run", script])
        #expect(first.status == 0, "\(first.stderr)")
        // R: round(coef(glm(use ~ age + urban, family = binomial, data = d)), 4)
        #expect(first.stdout == "(Intercept)         age      urbanY \n    -0.6566      0.0074      0.7225 \n[1] 1934\n")
        let second = try PipedRun(["run", script])
        #expect(second.stdout == first.stdout)
    }

    @Test("truant run exits 1 with the error, its place and a caret on standard error")
    func runError() throws {
        let script = try temporaryFile("x <- 1\ny <- mean(xx)\nprint(\"not reached\")\n", suffix: ".truant")
        defer { try? FileManager.default.removeItem(atPath: script) }
        let r = try PipedRun(["run", script])
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "Error in \(script):2:11: unknown name 'xx'\n  2 | y <- mean(xx)\n    |           ^\nhint: did you mean 'x'?\n")
    }

    @Test("truant run exits 2 for a syntax error and for a missing script")
    func runBadInput() throws {
        let script = try temporaryFile("x <- (1 + \n", suffix: ".truant")
        defer { try? FileManager.default.removeItem(atPath: script) }
        #expect(try PipedRun(["run", script]).status == 2)
        let missing = try PipedRun(["run", "/no/such/script.truant"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /no/such/script.truant"))
    }

    @Test("truant run --provenance writes the version, hashes of the script and inputs, and the seed")
    func provenance() throws {
        let script = try temporaryFile("set_seed(7)\nd <- read_csv(\"Tests/Fixtures/glm/contraception_logit.csv\")\n", suffix: ".truant")
        let record = FileManager.default.temporaryDirectory.appendingPathComponent("prov-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: script); try? FileManager.default.removeItem(atPath: record) }
        let r = try PipedRun(["run", "--provenance", record, script])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: record))) as? [String: Any])
        #expect(json["truant_version"] as? String != nil)
        #expect(json["seed"] as? Int == 7)
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(inputs.first?["path"] as? String == "Tests/Fixtures/glm/contraception_logit.csv")
        #expect((inputs.first?["sha256"] as? String)?.count == 64)
    }

    @Test("truant repl reads a pipe: multi-line input continues while brackets are open; errors do not stop it")
    func replThroughPipe() throws {
        let input = """
        x <- c(1, 2,
          3, 4)
        mean(x)
        f <- function(a) {
          a * 2
        }
        f(x)
        nosuch + 1
        "still running"
        q()
        1 + 1
        """
        let r = try PipedRun(["repl"], input: input + "\n")
        #expect(r.stdout == "[1] 2.5\n[1] 2 4 6 8\n[1] \"still running\"\n")
        #expect(r.stderr.contains("Error in <repl>:1:1: unknown name 'nosuch'"))
        #expect(r.status == 1)
    }

    @Test("truant repl with a clean pipe exits 0")
    func replClean() throws {
        let r = try PipedRun(["repl"], input: "d <- data_frame(a = 1:3)\nd$a * 10\n")
        #expect(r.status == 0)
        #expect(r.stdout == "[1] 10 20 30\n")
    }
}

@Suite("truant render")
struct RenderCommandTests {
    @Test("render writes the page; --check passes on an unchanged notebook and fails (exit 1) when an output changes")
    func renderAndCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("truant-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Fixtures.path("glm/contraception_logit.csv"), toPath: folder.appendingPathComponent("c.csv").path)
        let notebook = folder.appendingPathComponent("nb.md").path
        try Data("# Check\n\n```truant\nd <- read_csv(\"c.csv\")\nnrow(d)\n```\n".utf8).write(to: URL(fileURLWithPath: notebook))
        let first = try PipedRun(["render", notebook])
        #expect(first.status == 0, "\(first.stderr)")
        let html = try String(contentsOfFile: folder.appendingPathComponent("nb.html").path, encoding: .utf8)
        #expect(html.contains("<pre class=\"output\">[1] 1934\n</pre>"))
        #expect(html.contains("<li><code>c.csv</code> SHA-256 <code>"))
        #expect(try PipedRun(["render", notebook]).status == 2)            // exists, no --force
        #expect(try PipedRun(["render", notebook, "--check"]).status == 0)
        // Change the data: the check must fail and say where.
        try Data("use,age\nY,1\n".utf8).write(to: folder.appendingPathComponent("c.csv"))
        let changed = try PipedRun(["render", notebook, "--check"])
        #expect(changed.status == 1)
        #expect(changed.stderr.contains("check failed: the output differs from"))
        #expect(changed.stderr.contains("was: <pre class=\"output\">[1] 1934"))
        #expect(try PipedRun(["render", notebook, "--force"]).status == 0)
    }

    @Test("a failing cell exits 1 and names the notebook line")
    func failingCell() throws {
        let notebook = try temporaryFile("# T\n\n```truant\nundefined_thing\n```\n", suffix: ".md")
        defer { try? FileManager.default.removeItem(atPath: notebook) }
        let r = try PipedRun(["render", notebook])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":4:1: unknown name 'undefined_thing'"))
    }
}
