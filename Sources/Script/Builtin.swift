import Formula
import Frames
import Models

/// A function of the library, callable from scripts, with its documentation for `help()`.
public struct Builtin {
    /// The name scripts call it by.
    public let name: String
    /// Parameter names in order (R's argument names); `...` takes any further arguments.
    public let parameters: [String]
    /// Parameters passed unevaluated (evaluated by the function, e.g. inside a table); may hold `...`.
    let quoted: Set<String>
    /// One line: how to call it.
    public let usage: String
    /// What it does, its arguments and what it returns.
    public let doc: String
    /// The group it is listed under in `help()`.
    public let topic: String
    let body: (inout CallContext) throws -> Value
}

/// One argument that went to `...`.
struct DotArgument {
    var name: String?
    var value: Value?
    var expr: Expr?
    var at: Int
}

/// The arguments of one built-in call, matched to parameters, with helpers that check their types.
struct CallContext {
    let interpreter: Interpreter
    let environment: Environment
    let call: Expr
    let function: String
    var values: [String: Value] = [:]
    var expressions: [String: Expr] = [:]
    var positions: [String: Int] = [:]
    /// The argument expressions as written (for labels such as the data name in a model's call).
    var written: [String: Expr] = [:]
    var dots: [DotArgument] = []

    init(interpreter: Interpreter, environment: Environment, call: Expr, function: String) {
        self.interpreter = interpreter
        self.environment = environment
        self.call = call
        self.function = function
    }

    /// An error pointing at argument `name` (or at the call).
    func fail(_ message: String, argument name: String? = nil, hint: String = "", kind: ScriptError.Kind = .type) -> ScriptError {
        let offset = name.flatMap { positions[$0] } ?? call.at
        return interpreter.fail(kind, message, offset: offset, hint: hint)
    }

    /// `true` when argument `name` was given.
    func has(_ name: String) -> Bool { values[name] != nil || expressions[name] != nil }

    /// The value of argument `name`, or an error saying it is required.
    func value(_ name: String) throws -> Value {
        guard let v = values[name] else {
            throw fail("\(function)() needs the argument '\(name)'", hint: "see help(\(function))", kind: .arguments)
        }
        return v
    }

    func table(_ name: String) throws -> Table {
        let v = try value(name)
        guard case .table(let t) = v else {
            throw fail("'\(name)' must be a data table, not a \(v.className)", argument: name,
                       hint: "read one with read_csv(path) or build one with data_frame(...)")
        }
        return t
    }

    func vector(_ name: String) throws -> Vector {
        let v = try value(name)
        switch v {
        case .vector(let x): return x
        case .null: return Vector(.logical([]))
        default:
            throw fail("'\(name)' must be a vector, not a \(v.className)", argument: name)
        }
    }

    func doubles(_ name: String) throws -> [Double?] {
        let v = try vector(name)
        guard let d = v.doubles else {
            throw fail("'\(name)' must be numeric, not \(v.typeName)", argument: name,
                       hint: v.typeName == "character" ? "convert with as.numeric()" : "")
        }
        return d
    }

    func string(_ name: String, default d: String? = nil) throws -> String {
        guard let v = values[name] else {
            if let d { return d }
            throw fail("\(function)() needs the argument '\(name)'", hint: "see help(\(function))", kind: .arguments)
        }
        guard case .vector(let x) = v, x.count == 1, case .character(let s) = x.storage, let s0 = s[0] else {
            throw fail("'\(name)' must be one string in quotes, not \(describe(v))", argument: name)
        }
        return s0
    }

    func strings(_ name: String) throws -> [String] {
        let v = try value(name)
        guard case .vector(let x) = v, case .character = x.storage else {
            throw fail("'\(name)' must be text (strings in quotes), not \(describe(v))", argument: name)
        }
        return x.strings.map { $0 ?? "NA" }
    }

    func double(_ name: String, default d: Double? = nil) throws -> Double {
        guard let v = values[name] else {
            if let d { return d }
            throw fail("\(function)() needs the argument '\(name)'", hint: "see help(\(function))", kind: .arguments)
        }
        guard case .vector(let x) = v, x.count == 1, let ds = x.doubles, let d0 = ds[0] else {
            throw fail("'\(name)' must be one number, not \(describe(v))", argument: name)
        }
        return d0
    }

    func int(_ name: String, default d: Int? = nil) throws -> Int {
        let x = try double(name, default: d.map(Double.init))
        guard x == x.rounded(), Swift.abs(x) < 1e15 else {
            throw fail("'\(name)' must be a whole number, not \(numberText(x))", argument: name)
        }
        return Int(x)
    }

    func bool(_ name: String, default d: Bool? = nil) throws -> Bool {
        guard let v = values[name] else {
            if let d { return d }
            throw fail("\(function)() needs the argument '\(name)'", hint: "see help(\(function))", kind: .arguments)
        }
        guard case .vector(let x) = v, x.count == 1, let l = x.logicals, let b = l[0] else {
            throw fail("'\(name)' must be TRUE or FALSE, not \(describe(v))", argument: name)
        }
        return b
    }

    func formula(_ name: String) throws -> FormulaValue {
        let v = try value(name)
        if case .formula(let f) = v { return f }
        if case .vector(let x) = v, x.count == 1, case .character(let s) = x.storage, let text = s[0] {
            do {
                return FormulaValue(formula: try Formula(text), source: nil, offset: 0)
            } catch let e as FormulaError {
                throw fail("the formula string is not valid: \(e.message)", argument: name, hint: e.description)
            }
        }
        throw fail("'\(name)' must be a formula such as y ~ x, not \(describe(v))", argument: name)
    }
}

/// "a numeric vector of length 3", "the string \"a\"", "a data.frame" — for messages.
func describe(_ v: Value) -> String {
    switch v {
    case .vector(let x):
        if x.count == 1 {
            if case .character(let s) = x.storage { return s[0].map { "the string \"\($0)\"" } ?? "NA" }
            return "\(v.className) \(x.strings[0] ?? "NA")"
        }
        return "a \(x.typeName) vector of length \(x.count)"
    case .null: return "NULL"
    default: return "a \(v.className)"
    }
}

extension Interpreter {
    /// A library error as a script error at the call; formula errors point into the formula's text.
    func libraryError(_ error: Error, context: CallContext) -> ScriptError {
        if let fe = error as? FormulaError {
            // Find the formula argument the error belongs to.
            for v in context.values.values {
                if case .formula(let f) = v, let src = f.source, f.formula.text == fe.formula {
                    return ScriptError(.runtime, "in the formula: " + fe.message, hint: didYouMean(fe.suggestions),
                                       source: src, offset: f.offset + fe.position)
                }
            }
            return fail(.runtime, fe.description, at: context.call)
        }
        if let fe = error as? FrameError {
            if case let .unknownColumn(name, suggestions) = fe {
                return fail(.runtime, "unknown column '\(name)'", at: context.call, hint: didYouMean(suggestions))
            }
            return fail(.runtime, fe.description, at: context.call)
        }
        return fail(.runtime, String(describing: error), at: context.call)
    }
}
