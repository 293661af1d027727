import Formula
import Frames

/// A value of the language: what expressions evaluate to and variables hold.
public enum Value {
    /// `NULL`.
    case null
    /// An atomic vector (numbers, text, logicals, factors).
    case vector(Vector)
    /// A list of values with optional names.
    case list(ListValue)
    /// A data table (R's data.frame).
    case table(Table)
    /// A model formula.
    case formula(FormulaValue)
    /// A function written in the language.
    case closure(Closure)
    /// A function of the library.
    case builtin(Builtin)
    /// Anything else from the library: a fitted model, a family, a scale report, a summary.
    case object(any ScriptObject)

    /// R's `class()` of the value.
    public var className: String {
        switch self {
        case .null: return "NULL"
        case .vector(let v):
            switch v.storage {
            case .logical: return "logical"
            case .integer: return "integer"
            case .double: return "numeric"
            case .character: return "character"
            case .factor: return "factor"
            }
        case .list: return "list"
        case .table: return "data.frame"
        case .formula: return "formula"
        case .closure, .builtin: return "function"
        case .object(let o): return o.className
        }
    }

    /// Length as R's `length()`.
    public var length: Int {
        switch self {
        case .null: return 0
        case .vector(let v): return v.count
        case .list(let l): return l.values.count
        case .table(let t): return t.columnCount
        case .formula: return 3
        case .closure, .builtin, .object: return 1
        }
    }

    /// The value as a vector, when it is one.
    public var vector: Vector? {
        if case .vector(let v) = self { return v }
        return nil
    }
}

/// A list: values with optional names (R's `list`).
public struct ListValue {
    /// The elements.
    public var values: [Value]
    /// Element names (same length), if any.
    public var names: [String]?

    /// Creates a list.
    public init(_ values: [Value], names: [String]? = nil) {
        self.values = values
        self.names = names
    }

    /// The element called `name`.
    public func element(_ name: String) -> Value? {
        guard let names, let k = names.firstIndex(of: name) else { return nil }
        return values[k]
    }
}

/// A formula value: the parsed `Formula` and where its text is in the script (for error carets).
public struct FormulaValue {
    /// The parsed formula.
    public var formula: Formula
    /// The source holding the formula text, if it came from a script.
    public var source: Source?
    /// Offset of the formula text in `source`.
    public var offset: Int
}

/// A function written in the language: parameters, body and the environment it was created in.
public final class Closure {
    /// Formal parameters.
    public let parameters: [Parameter]
    /// The body.
    public let body: Expr
    /// The defining environment (lexical scope).
    let environment: Environment
    /// The source of the body (for error positions).
    public let source: Source
    /// The name it was first assigned to, for messages.
    var name: String?

    init(parameters: [Parameter], body: Expr, environment: Environment, source: Source) {
        self.parameters = parameters
        self.body = body
        self.environment = environment
        self.source = source
    }
}

/// A library value the language can print and take fields from with `$`.
public protocol ScriptObject {
    /// R's class name (`glm`, `family`, `scale_report`, ...).
    var className: String { get }
    /// The text printed for the value at the prompt, for a line width.
    func printed(width: Int) -> String
    /// The field called `name` (for `x$name`), if there is one.
    func field(_ name: String) -> Value?
    /// The field names, for completion and `names()`.
    var fieldNames: [String] { get }
}
