/// A node of a parsed formula: R's model language as a syntax tree.
///
/// Every node keeps the 0-based character position where it starts in the formula text, so
/// later steps (evaluation against a table) can point at it in error messages.
public indirect enum FormulaExpr: Sendable, Equatable, CustomStringConvertible {
    /// A variable name (`age`, `ph.ecog`, or a back-quoted name without the quotes).
    case name(String, at: Int)
    /// A number literal (`0`, `1`, `2.5`).
    case number(Double, at: Int)
    /// A string literal (`"gauss"`).
    case string(String, at: Int)
    /// The dot: all other columns of the data.
    case dot(at: Int)
    /// A function call `f(arg, name = arg)`.
    case call(String, [FormulaArgument], at: Int)
    /// A prefix operator: `-`, `+` or `!`.
    case unary(String, FormulaExpr, at: Int)
    /// An infix operator: `+ - * / ^ : %in% | || & && == != < > <= >=`.
    case binary(String, FormulaExpr, FormulaExpr, at: Int)
    /// An expression in parentheses (kept so the formula prints as written).
    case paren(FormulaExpr, at: Int)

    /// Where the node starts in the formula text (0-based character index).
    public var position: Int {
        switch self {
        case .name(_, let p), .number(_, let p), .string(_, let p), .dot(let p), .call(_, _, let p),
             .unary(_, _, let p), .paren(_, let p):
            return p
        case .binary(_, let l, _, _):
            return l.position
        }
    }

    /// The expression as R's `deparse` prints it (`I(age > 15)`, `a:b`, `x^2`, `a * b`).
    public var description: String { deparse() }

    /// R's canonical text of the expression.
    public func deparse() -> String {
        switch self {
        case .name(let n, _): return rQuotedName(n)
        case .number(let v, _): return formatRNumber(v)
        case .string(let s, _): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .dot: return "."
        case .call(let f, let args, _):
            return rQuotedName(f) + "(" + args.map { a in a.name.map { rQuotedName($0) + " = " } .map { $0 + a.value.deparse() } ?? a.value.deparse() }.joined(separator: ", ") + ")"
        case .unary(let op, let e, _): return op + e.deparse()
        case .binary(let op, let l, let r, _):
            switch op {
            case ":", "^", "/": return l.deparse() + op + r.deparse()
            default: return l.deparse() + " " + op + " " + r.deparse()
            }
        case .paren(let e, _): return "(" + e.deparse() + ")"
        }
    }

    /// The expression with redundant parentheses removed at the top.
    public var unparenthesized: FormulaExpr {
        if case .paren(let e, _) = self { return e.unparenthesized }
        return self
    }
}

/// One argument of a call in a formula: optionally named (`dist = "gauss"`).
public struct FormulaArgument: Sendable, Equatable {
    /// The argument name, or `nil` for a positional argument.
    public var name: String?
    /// The argument value.
    public var value: FormulaExpr

    /// Creates an argument.
    public init(name: String? = nil, value: FormulaExpr) {
        self.name = name
        self.value = value
    }
}

private let reservedWords: Set<String> = ["if", "else", "repeat", "while", "function", "for", "next", "break",
                                          "TRUE", "FALSE", "NULL", "Inf", "NaN", "NA", "NA_integer_", "NA_real_",
                                          "NA_character_", "in"]

/// `true` when `name` is a syntactic R name (needs no back quotes).
func isSyntacticName(_ name: String) -> Bool {
    let cs = Array(name)
    guard let first = cs.first, !reservedWords.contains(name) else { return false }
    if !(first.isLetter || first == ".") { return false }
    if first == ".", cs.count > 1, cs[1].isASCII, cs[1].isNumber { return false }
    return cs.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }
}

/// The name as R prints it: back-quoted when not syntactic.
func rQuotedName(_ name: String) -> String {
    isSyntacticName(name) ? name : "`" + name + "`"
}
