import Distributions
import Testing
@testable import Script

/// Random inputs never crash the parser or the evaluator: they parse, or fail with a ScriptError
/// that has a place and a message.
@Suite("Robustness: seeded random inputs")
struct FuzzTests {
    static let fragments = ["x", "y", "d", "f", "1", "2", "0", "-", "+", "*", "/", "^", "(", ")", "[", "]", "[[", "]]",
                            "{", "}", ",", ";", "\n", " ", "<-", "=", "==", "!", "&", "|", "~", "|>", "$", "%in%", "%%",
                            "\"a\"", "'b", "`q", "#c", "if", "else", "function", "for", "in", "NULL", "NA", "TRUE", "c(",
                            "list(", "sum(", "mean(", "data_frame(a = 1:3)", "glm(", "subset(", "transform(", "1e", "0x",
                            "\\", ":", "::", "...", "@", "?", "§", "é", "break", "next", "return(", "paste(", "names(",
                            "head(", "table(", "seq(", "rep(", "print(", "length(", "help(", "factor("]

    static func randomProgram(_ g: inout Xoshiro256StarStar) -> String {
        let n = 1 + Int(g.nextOpenUnit() * 24)
        var s = ""
        for _ in 0..<n {
            if g.nextOpenUnit() < 0.05 {
                s.unicodeScalars.append(Unicode.Scalar(UInt8(32 + Int(g.nextOpenUnit() * 95))))
            } else {
                s += fragments[Int(g.nextOpenUnit() * Double(fragments.count))]
            }
        }
        return s
    }

    @Test("5000 random token soups: parsing never crashes; every error has a message and a place in the text")
    func parserNeverCrashes() {
        var g = Xoshiro256StarStar(seed: 7)
        for _ in 0..<5000 {
            let text = FuzzTests.randomProgram(&g)
            let source = Source(name: "fuzz", text: text)
            do {
                _ = try Parser.parse(source)
            } catch let e as ScriptError {
                #expect(!e.message.isEmpty)
                #expect(e.offset >= 0 && e.offset <= source.scalars.count, "\(text)")
                #expect(e.description.contains("^"))
            } catch {
                Issue.record("not a ScriptError: \(error) for \(text)")
            }
        }
    }

    /// A random well-formed expression over the built-ins (so that evaluation, not parsing, is exercised).
    static func randomExpression(_ g: inout Xoshiro256StarStar, _ names: [String], depth: Int = 0) -> String {
        let u = g.nextOpenUnit()
        let atoms = ["1", "2.5", "-1", "0", "NA", "NULL", "TRUE", "\"a\"", "x", "y", "d", "1:3", "c(1, NA, 3)",
                     "c(\"u\", \"v\")", "data_frame(a = 1:3, b = c(\"u\", \"v\", \"u\"))", "list(p = 1, q = \"s\")",
                     "y ~ a + b", "factor(c(\"u\", \"v\", \"u\"))", "d$a", "d[[\"b\"]]", "x[2]"]
        if depth >= 3 || u < 0.35 { return atoms[Int(g.nextOpenUnit() * Double(atoms.count))] }
        if u < 0.55 {
            let ops = ["+", "-", "*", "/", "^", "==", "<", "&", "|", "%in%", "%%", ":", "&&"]
            return "(" + randomExpression(&g, names, depth: depth + 1) + " " + ops[Int(g.nextOpenUnit() * Double(ops.count))] + " " + randomExpression(&g, names, depth: depth + 1) + ")"
        }
        if u < 0.6 { return "if (" + randomExpression(&g, names, depth: depth + 1) + ") " + randomExpression(&g, names, depth: depth + 1) + " else " + randomExpression(&g, names, depth: depth + 1) }
        if u < 0.65 { return randomExpression(&g, names, depth: depth + 1) + "[" + randomExpression(&g, names, depth: depth + 1) + "]" }
        let f = names[Int(g.nextOpenUnit() * Double(names.count))]
        let argc = Int(g.nextOpenUnit() * 4)
        let argNames = ["", "", "x = ", "n = ", "data = ", "by = ", "na.rm = ", "family = "]
        let args = (0..<argc).map { _ in argNames[Int(g.nextOpenUnit() * Double(argNames.count))] + randomExpression(&g, names, depth: depth + 1) }
        return f + "(" + args.joined(separator: ", ") + ")"
    }

    @Test("800 random well-formed programs over the built-ins run or fail with a ScriptError")
    func evaluatorNeverCrashes() {
        var g = Xoshiro256StarStar(seed: 11)
        let names = Interpreter(output: { _ in }, messages: { _ in }).builtinNames.filter { !["write_csv", "help", "read_csv", "read_data"].contains($0) }
        var failures = 0
        var syntax = Set<String>()
        for _ in 0..<800 {
            let text = "x <- \(FuzzTests.randomExpression(&g, names))\ny <- \(FuzzTests.randomExpression(&g, names))\nd <- data_frame(a = 1:3, b = c(\"u\", \"v\", \"u\"))\n\(FuzzTests.randomExpression(&g, names))"
            let session = Interpreter(output: { _ in }, messages: { _ in })
            do {
                try session.run(Source(name: "fuzz", text: text))
            } catch let e as ScriptError {
                failures += 1
                #expect(!e.message.isEmpty || e.kind == .user, "\(text)")
                if e.kind == .syntax && !e.message.contains("outside a loop") { syntax.insert(e.message) }
            } catch {
                Issue.record("not a ScriptError: \(error) for \(text)")
            }
        }
        #expect(failures < 800)
        // Syntax errors of well-formed programs come only from formulas the formula language rejects.
        #expect(syntax.allSatisfy { $0.hasPrefix("in the formula:") }, "\(syntax)")
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(parseError(deep)?.message == "the expression is nested too deeply")
        #expect(parseError(String(repeating: "-", count: 5000) + "1")?.message == "the expression is nested too deeply")
        #expect(parseError("f <- y ~ " + String(repeating: "(", count: 500) + "x" + String(repeating: ")", count: 500))?.message ==
                "the formula is nested too deeply (more than 100 brackets)")
        #expect(try run("x <- " + String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50) + "; x") == "[1] 1\n")
    }
}
