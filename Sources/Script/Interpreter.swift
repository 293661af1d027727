import Distributions
import Foundation
import Formula
import Frames

/// Why evaluation left the normal path (loops and `return`).
enum ControlFlow: Error {
    case breakLoop
    case nextIteration
    case returnFromFunction
}

/// Evaluates parsed scripts in one session: a global environment over the built-ins, the seeded
/// random-number generator, the printed output and the record of input files (provenance).
///
/// ```swift
/// let session = Interpreter()
/// try session.run(Source(name: "<text>", text: "x <- c(1, 2, 3)\nmean(x)"))
/// // prints "[1] 2"
/// ```
public final class Interpreter {
    /// Where printed output goes (standard output by default).
    public var output: (String) -> Void
    /// Where warnings and messages go (standard error by default).
    public var messages: (String) -> Void
    /// Line width for printing vectors and tables.
    public var width: Int = 80
    /// Directory that relative file paths are resolved against (`nil`: the process's directory).
    public var directory: String?
    /// When set, tables printed at the top level go here instead of to `output` (notebooks show them as HTML).
    public var tableDisplay: ((Table) -> Void)?
    /// Shows a chart's SVG printed at the top level (notebooks embed it); `nil` prints its title line.
    public var chartDisplay: ((String) -> Void)?

    let baseEnvironment: Environment
    let globalEnvironment: Environment
    var builtins: [String: Builtin] = [:]
    var visible = true
    var pendingReturn: Value = .null
    var sourceStack: [Source] = []
    var callDepth = 0
    var callNames: [String] = []
    var warnings: [String] = []
    var rng = Xoshiro256StarStar(seed: 20240601)
    /// The seed given to `set_seed` (or `nil` when none was given).
    public internal(set) var seed: UInt64?
    /// Data files read by the script, in order, with their SHA-256 (for provenance).
    public internal(set) var inputFiles: [(path: String, sha256: String)] = []
    /// Files written by the script.
    public internal(set) var outputFiles: [String] = []
    /// The Truant version recorded in documents the session writes (briefs); set by the CLI.
    public var version: String = "unknown"

    /// Deepest nesting of function calls before an "infinite recursion" error.
    static let maximumCallDepth = 200

    /// Creates a session with the built-ins.
    public init(output: @escaping (String) -> Void = { print($0, terminator: "") },
                messages: @escaping (String) -> Void = { writeStandardError($0) }) {
        self.output = output
        self.messages = messages
        baseEnvironment = Environment(parent: nil)
        globalEnvironment = Environment(parent: baseEnvironment)
        registerBuiltins()
        for (name, b) in builtins { baseEnvironment.assign(name, .builtin(b)) }
        baseEnvironment.assign("T", .vector(.logical(true)))
        baseEnvironment.assign("F", .vector(.logical(false)))
        baseEnvironment.assign("pi", .vector(.double(Double.pi)))
        baseEnvironment.assign("LETTERS", .vector(Vector(.character((65...90).map { String(Character(Unicode.Scalar($0)!)) }))))
        baseEnvironment.assign("letters", .vector(Vector(.character((97...122).map { String(Character(Unicode.Scalar($0)!)) }))))
    }

    var currentSource: Source { sourceStack.last ?? Source(name: "<unknown>", text: "") }

    // MARK: - Running

    /// Parses and runs `source`, printing the value of each top-level expression that is visible
    /// (as R does: assignments are silent). Stops at the first error and throws it.
    public func run(_ source: Source) throws {
        let program = try Parser.parse(source)
        try run(program, source: source)
    }

    /// Runs already parsed top-level expressions from `source`.
    public func run(_ program: [Expr], source: Source) throws {
        sourceStack = [source]
        defer { sourceStack = [] }
        for e in program {
            visible = true
            warnings = []
            callDepth = 0
            callNames = []
            let v: Value
            do {
                v = try eval(e, globalEnvironment)
            } catch let flow as ControlFlow {
                switch flow {
                case .breakLoop: throw fail(.syntax, "'break' outside a loop", at: e, hint: "use break inside for, while or repeat")
                case .nextIteration: throw fail(.syntax, "'next' outside a loop", at: e, hint: "use next inside for, while or repeat")
                case .returnFromFunction: v = pendingReturn
                }
            }
            if visible {
                if case .table(let t) = v, let display = tableDisplay { display(t) }
                else if case .object(let c as ChartObject) = v, let display = chartDisplay { display(c.svg) }
                else { output(format(v)) }
            }
            flushWarnings()
        }
    }

    /// Evaluates `text` and returns the value of its last expression (nothing is printed but
    /// what the code prints itself).
    public func evaluate(_ text: String, name: String = "<text>") throws -> Value {
        let source = Source(name: name, text: text)
        let program = try Parser.parse(source)
        sourceStack = [source]
        defer { sourceStack = [] }
        var last: Value = .null
        for e in program { last = try eval(e, globalEnvironment) }
        return last
    }

    func flushWarnings() {
        guard !warnings.isEmpty else { return }
        if warnings.count == 1 {
            messages("Warning message:\n\(warnings[0])\n")
        } else {
            messages("Warning messages:\n" + warnings.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: "\n") + "\n")
        }
        warnings = []
    }

    func warn(_ message: String) {
        let context = callNames.last.map { "In \($0)(): " } ?? ""
        warnings.append(context + message)
    }

    // MARK: - Errors

    func fail(_ kind: ScriptError.Kind, _ message: String, at e: Expr, hint: String = "") -> ScriptError {
        ScriptError(kind, message, hint: hint, source: currentSource, offset: e.at, context: nil)
    }

    func fail(_ kind: ScriptError.Kind, _ message: String, offset: Int, hint: String = "") -> ScriptError {
        ScriptError(kind, message, hint: hint, source: currentSource, offset: offset)
    }

    /// Every name a script can use at this point: variables and functions.
    func knownNames(_ env: Environment) -> [String] {
        env.visibleNames
    }

    // MARK: - Evaluation

    /// Evaluates one pass of a loop body: `false` when the body breaks out of the loop (`next` just ends the
    /// pass; `return` goes on up to the function).
    func loopPass(_ body: Expr, _ env: Environment) throws -> Bool {
        do {
            _ = try eval(body, env)
        } catch let flow as ControlFlow {
            switch flow {
            case .breakLoop: return false
            case .nextIteration: return true
            case .returnFromFunction: throw flow
            }
        }
        return true
    }

    func eval(_ e: Expr, _ env: Environment) throws -> Value {
        switch e.node {
        case .null: visible = true; return .null
        case .logical(let b): visible = true; return .vector(.logical(b))
        case .number(let x): visible = true; return .vector(Vector(.double([x])))
        case .integer(let i): visible = true; return .vector(Vector(.integer([i])))
        case .string(let s): visible = true; return .vector(Vector(.character([s])))
        case .name(let n):
            visible = true
            return try lookup(n, env, at: e)
        case .formula(let text, let start):
            visible = true
            do {
                return .formula(FormulaValue(formula: try Formula(text), source: currentSource, offset: start))
            } catch let fe as FormulaError {
                throw fail(.syntax, "in the formula: " + fe.message, offset: start + fe.position, hint: didYouMean(fe.suggestions))
            }
        case .function(let params, let body):
            visible = true
            return .closure(Closure(parameters: params, body: body, environment: env, source: currentSource))
        case .block(let body):
            var last: Value = .null
            visible = true
            for s in body { last = try eval(s, env) }
            return last
        case .ifElse(let c, let a, let b):
            let cond = try eval(c, env)
            if try truth(cond, at: c, what: "if") {
                return try eval(a, env)
            } else if let b {
                return try eval(b, env)
            }
            visible = false
            return .null
        case .forLoop(let name, let seqExpr, let body):
            let seq = try eval(seqExpr, env)
            let items: [Value]
            switch seq {
            case .null: items = []
            case .vector(let v):
                if case .factor = v.storage {
                    items = v.strings.map { .vector(Vector(.character([$0]))) }
                } else {
                    items = (0..<v.count).map { .vector(v.taking([$0]).withoutNames) }
                }
            case .list(let l): items = l.values
            case .table(let t): items = t.columns.map { .vector(Vector(column: $0)) }
            default:
                throw fail(.type, "cannot loop over a \(seq.className)", at: seqExpr, hint: "loop over a vector or list, e.g. for (i in 1:10)")
            }
            for item in items {
                env.assign(name, item)
                guard try loopPass(body, env) else { break }
            }
            visible = false
            return .null
        case .whileLoop(let c, let body):
            while try truth(try eval(c, env), at: c, what: "while") {
                guard try loopPass(body, env) else { break }
            }
            visible = false
            return .null
        case .repeatLoop(let body):
            while try loopPass(body, env) {}
            visible = false
            return .null
        case .breakLoop: throw ControlFlow.breakLoop
        case .nextIteration: throw ControlFlow.nextIteration
        case .assign(let target, let valueExpr, let superAssign):
            let value = try eval(valueExpr, env)
            if case .closure(let c) = value, c.name == nil, case .name(let n) = target.node { c.name = n }
            try assign(target, value, env, superAssign: superAssign)
            visible = false
            return value
        case .unary(let op, let x):
            let v = try eval(x, env)
            let r = try unaryOperator(op, v, at: e)
            visible = true
            return r
        case .binary(let op, let l, let r):
            if op == "&&" || op == "||" {
                let a = try scalarLogical(try eval(l, env), at: l, op: op)
                if op == "&&" && a == false { visible = true; return .vector(.logical(false)) }
                if op == "||" && a == true { visible = true; return .vector(.logical(true)) }
                let b = try scalarLogical(try eval(r, env), at: r, op: op)
                visible = true
                if op == "&&" { return .vector(.logical(a == nil ? (b == false ? false : nil) : b)) }
                return .vector(.logical(a == nil ? (b == true ? true : nil) : b))
            }
            let a = try eval(l, env)
            let b = try eval(r, env)
            let v = try binaryOperator(op, a, b, at: e)
            visible = true
            return v
        case .dollar(let target, let name):
            let v = try eval(target, env)
            visible = true
            return try dollar(v, name, at: e)
        case .index(let target, let args, let double):
            let v = try eval(target, env)
            var idx: [Value?] = []
            var named: [String: Value] = [:]
            for a in args {
                if let n = a.name {
                    guard let ve = a.value else { continue }
                    named[n] = try eval(ve, env)
                    continue
                }
                idx.append(try a.value.map { try eval($0, env) })
            }
            visible = true
            return try index(v, idx, double: double, named: named, at: e)
        case .call(let f, let args):
            return try call(f, args, env, at: e)
        }
    }

    /// The value of a name, or an "unknown name" error with the closest known names.
    func lookup(_ name: String, _ env: Environment, at e: Expr) throws -> Value {
        var scope: Environment? = env
        while let s = scope {
            if s.missingParameters.contains(name) {
                throw fail(.arguments, "argument '\(name)' is missing, with no default", at: e,
                           hint: "pass a value for '\(name)' when calling the function")
            }
            if let v = s.local(name) { return v }
            scope = s.parent
        }
        let suggestions = nearestNames(to: name, among: knownNames(env).filter { $0 != "T" && $0 != "F" })
        var hint = didYouMean(suggestions)
        if hint.isEmpty { hint = "define it first (\(name) <- ...), or check the spelling" }
        throw fail(.unknownName, "unknown name '\(name)'", at: e, hint: hint)
    }

    /// A length-one, non-missing logical condition.
    func truth(_ v: Value, at e: Expr, what: String) throws -> Bool {
        guard case .vector(let vec) = v, let ls = vec.logicals else {
            throw fail(.type, "the condition of '\(what)' is a \(v.className), not TRUE or FALSE", at: e,
                       hint: "write a comparison, e.g. if (x > 0)")
        }
        guard !ls.isEmpty else {
            throw fail(.type, "the condition of '\(what)' has length zero", at: e, hint: "check that the vector is not empty")
        }
        if ls.count > 1 {
            throw fail(.type, "the condition of '\(what)' has \(ls.count) values, not one", at: e,
                       hint: "use any(...) or all(...) to combine them, or ifelse() for element-wise choices")
        }
        guard let b = ls[0] else {
            throw fail(.type, "the condition of '\(what)' is NA (missing)", at: e, hint: "test for missing values with is.na() first")
        }
        return b
    }

    func scalarLogical(_ v: Value, at e: Expr, op: String) throws -> Bool? {
        guard case .vector(let vec) = v, let ls = vec.logicals, ls.count == 1 else {
            throw fail(.type, "'\(op)' needs a single TRUE or FALSE on each side, got a \(v.className) of length \(v.length)", at: e,
                       hint: "use & or | for element-wise comparisons of vectors")
        }
        return ls[0]
    }
}

extension Vector {
    /// The same vector without names.
    var withoutNames: Vector { Vector(storage, names: nil) }
}

/// Writes `text` to standard error.
public func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

extension Interpreter {
    /// Makes the script's command-line arguments available as the character vector `args`.
    public func define(arguments: [String]) {
        globalEnvironment.assign("args", .vector(Vector(.character(arguments))))
    }

    /// Prints warnings collected before an error stopped the run.
    public func flushPendingWarnings() { flushWarnings() }
}
