import Formula

/// Parses script text into expressions: R's grammar (operators, precedence and associativity as in R),
/// with formulas taken verbatim and checked by `Formula`, and the pipe `|>` rewritten into a call.
///
/// Line ends end a statement at the top level and inside `{ }`, and are ignored inside `( )` and
/// `[ ]` and after a binary operator, as in R.
public struct Parser {
    private var lexer: Lexer
    private var lookahead: Token?
    /// Open brackets: `(`/`[` ignore line ends, `{` does not.
    private var contexts: [Character] = []
    /// The source being parsed.
    public let source: Source
    /// Current nesting of expressions (bounded so that deeply nested input cannot exhaust the stack).
    private var depth = 0
    /// Deepest nesting of brackets and operators the parser accepts.
    static let maximumDepth = 200

    private mutating func enter(_ at: Int) throws {
        depth += 1
        if depth > Parser.maximumDepth {
            throw error("the expression is nested too deeply", at: at,
                        hint: "split it into several assignments")
        }
    }

    /// Creates a parser over `source`.
    public init(source: Source) {
        self.source = source
        self.lexer = Lexer(source: source)
    }

    /// Parses the whole source into its top-level expressions.
    public static func parse(_ source: Source) throws -> [Expr] {
        var p = Parser(source: source)
        return try p.parseProgram()
    }

    // MARK: - Tokens

    private var newlinesSignificant: Bool { contexts.last.map { $0 == "{" } ?? true }

    private mutating func peek() throws -> Token {
        while true {
            if lookahead == nil { lookahead = try lexer.next() }
            if let t = lookahead, t.kind == .newline, !newlinesSignificant {
                lookahead = nil
                continue
            }
            return lookahead!
        }
    }

    @discardableResult
    private mutating func advance() throws -> Token {
        let t = try peek()
        lookahead = nil
        return t
    }

    private mutating func skipNewlines() throws {
        while try peek().kind == .newline { try advance() }
    }

    private func error(_ message: String, at: Int, hint: String = "", incomplete: Bool = false) -> ScriptError {
        ScriptError(.syntax, message, hint: hint, source: source, offset: at, incomplete: incomplete)
    }

    /// An "unexpected token" error for `t`, with `expected` naming what would have fit.
    private func unexpected(_ t: Token, expected: String, hint: String = "") -> ScriptError {
        if t.kind == .eof {
            return error("the input ended early; expected \(expected)", at: t.start,
                         hint: hint.isEmpty ? "finish the expression or close the open bracket" : hint, incomplete: true)
        }
        let what: String
        switch t.kind {
        case .identifier(let n): what = "name '\(n)'"
        case .number, .integer: what = "number \(t.shown)"
        case .string: what = "string \(t.shown)"
        case .keyword(let k): what = "'\(k)'"
        case .op(let o): what = "'\(o)'"
        case .newline: what = "end of line"
        case .eof: what = "end of input"
        }
        return error("unexpected \(what); expected \(expected)", at: t.start, hint: hint)
    }

    private mutating func expectOp(_ op: String, opened: Token? = nil, what: String) throws -> Token {
        let t = try peek()
        if t.isOp(op) { return try advance() }
        if t.kind == .eof, let opened {
            throw error("'\(opened.shown)' at line \(source.location(opened.start).line), column \(source.location(opened.start).column) is not closed",
                        at: opened.start, hint: "add '\(op)' to close it", incomplete: true)
        }
        throw unexpected(t, expected: what)
    }

    // MARK: - Statements

    /// Parses statements until the end of input.
    public mutating func parseProgram() throws -> [Expr] {
        var out: [Expr] = []
        while true {
            let t = try peek()
            if t.kind == .eof { return out }
            if t.kind == .newline || t.isOp(";") { try advance(); continue }
            out.append(try parseStatement())
            try endOfStatement(closing: nil)
        }
    }

    /// After a statement: a line end, `;`, the end, or (in a block) the closing brace.
    private mutating func endOfStatement(closing: String?) throws {
        let t = try peek()
        if t.kind == .newline || t.isOp(";") || t.kind == .eof { return }
        if let closing, t.isOp(closing) { return }
        if t.isKeyword("else") {
            throw error("unexpected 'else'", at: t.start,
                        hint: "at the top level put 'else' on the same line as the '}' that closes the if branch: } else {")
        }
        throw unexpected(t, expected: "a new line or ';' before the next statement",
                         hint: "two expressions follow each other; put an operator or a comma between them, or start a new line")
    }

    private mutating func parseStatement() throws -> Expr {
        try parseAssignEquals()
    }

    // MARK: - Operators, lowest precedence first

    private mutating func parseAssignEquals() throws -> Expr {
        let lhs = try parseAssign()
        let t = try peek()
        if t.isOp("=") {
            try advance()
            try skipNewlines()
            let rhs = try parseAssignEquals()
            try checkTarget(lhs, op: t)
            return Expr(.assign(lhs, rhs, superAssign: false), start: lhs.start, at: t.start)
        }
        return lhs
    }

    private mutating func parseAssign() throws -> Expr {
        var lhs = try parseTilde()
        let t = try peek()
        if t.isOp("<-") || t.isOp("<<-") {
            try advance()
            try skipNewlines()
            let rhs = try parseAssign()
            try checkTarget(lhs, op: t)
            return Expr(.assign(lhs, rhs, superAssign: t.isOp("<<-")), start: lhs.start, at: t.start)
        }
        while try peek().isOp("->") || peek().isOp("->>") {
            let op = try advance()
            try skipNewlines()
            let target = try parseTilde()
            try checkTarget(target, op: op)
            lhs = Expr(.assign(target, lhs, superAssign: op.isOp("->>")), start: lhs.start, at: op.start)
        }
        return lhs
    }

    /// Only names, strings (as names), `x$name`, `x[i]`, `x[[i]]` and `f(x) <- v` can be assigned to.
    private func checkTarget(_ e: Expr, op: Token) throws {
        switch e.node {
        case .name, .string: return
        case .dollar(let inner, _), .index(let inner, _, _):
            try checkTarget(inner, op: op)
            return
        case .call(let f, let args):
            guard case .name = f.node, let first = args.first?.value else { break }
            try checkTarget(first, op: op)
            return
        default: break
        }
        throw error("cannot assign to this expression", at: e.start,
                    hint: "the left side of \(op.shown) must be a name such as x, or x$col, x[i], x[[i]]")
    }

    private mutating func parseTilde() throws -> Expr {
        let t = try peek()
        if t.isOp("~") {
            try advance()
            return try pipeAfterFormula(try formula(textStart: t.start, tilde: t))
        }
        let lhs = try parseOr()
        if try peek().isOp("~") {
            let tilde = try advance()
            return try pipeAfterFormula(try formula(textStart: lhs.start, tilde: tilde))
        }
        return lhs
    }

    /// `y ~ x |> f()`: a formula's text stops at `|>`, which then pipes the formula.
    private mutating func pipeAfterFormula(_ f: Expr) throws -> Expr {
        var l = f
        while try peek().isOp("|>") {
            try advance(); try skipNewlines()
            let r = try parseRange()
            guard case .call(let g, let args) = r.node else {
                throw error("the right side of |> must be a function call", at: r.start,
                            hint: "write x |> f() (with brackets); the left side becomes the first argument")
            }
            l = Expr(.call(g, [CallArgument(name: nil, value: l, at: l.start)] + args), start: l.start, at: r.at)
        }
        return l
    }

    private mutating func parseOr() throws -> Expr {
        var l = try parseAnd()
        while true {
            let t = try peek()
            guard t.isOp("|") || t.isOp("||") else { return l }
            try advance(); try skipNewlines()
            let r = try parseAnd()
            l = Expr(.binary(t.isOp("|") ? "|" : "||", l, r), start: l.start, at: t.start)
        }
    }

    private mutating func parseAnd() throws -> Expr {
        var l = try parseNot()
        while true {
            let t = try peek()
            guard t.isOp("&") || t.isOp("&&") else { return l }
            try advance(); try skipNewlines()
            let r = try parseNot()
            l = Expr(.binary(t.isOp("&") ? "&" : "&&", l, r), start: l.start, at: t.start)
        }
    }

    private mutating func parseNot() throws -> Expr {
        let t = try peek()
        try enter(t.start)
        defer { depth -= 1 }
        if t.isOp("!") {
            try advance()
            let x = try parseNot()
            return Expr(.unary("!", x), start: t.start)
        }
        return try parseComparison()
    }

    private static let comparisons: Set<String> = ["==", "!=", "<", ">", "<=", ">="]

    private mutating func parseComparison() throws -> Expr {
        let l = try parseAdditive()
        let t = try peek()
        guard case .op(let op) = t.kind, Parser.comparisons.contains(op) else { return l }
        try advance(); try skipNewlines()
        let r = try parseAdditive()
        let e = Expr(.binary(op, l, r), start: l.start, at: t.start)
        let u = try peek()
        if case .op(let op2) = u.kind, Parser.comparisons.contains(op2) {
            throw error("comparisons cannot be chained ('\(op)' then '\(op2)')", at: u.start,
                        hint: "combine two comparisons with &, e.g. a < x & x < b")
        }
        return e
    }

    private mutating func parseAdditive() throws -> Expr {
        var l = try parseMultiplicative()
        while true {
            let t = try peek()
            guard t.isOp("+") || t.isOp("-") else { return l }
            try advance(); try skipNewlines()
            let r = try parseMultiplicative()
            l = Expr(.binary(t.isOp("+") ? "+" : "-", l, r), start: l.start, at: t.start)
        }
    }

    private mutating func parseMultiplicative() throws -> Expr {
        var l = try parseSpecial()
        while true {
            let t = try peek()
            guard t.isOp("*") || t.isOp("/") else { return l }
            try advance(); try skipNewlines()
            let r = try parseSpecial()
            l = Expr(.binary(t.isOp("*") ? "*" : "/", l, r), start: l.start, at: t.start)
        }
    }

    /// `%op%` operators and the pipe `|>` (same precedence, left to right, as in R).
    private mutating func parseSpecial() throws -> Expr {
        var l = try parseRange()
        while true {
            let t = try peek()
            guard case .op(let op) = t.kind, op == "|>" || (op.hasPrefix("%") && op.count >= 2) else { return l }
            try advance(); try skipNewlines()
            let r = try parseRange()
            if op == "|>" {
                guard case .call(let f, let args) = r.node else {
                    throw error("the right side of |> must be a function call", at: r.start,
                                hint: "write x |> f() (with brackets); the left side becomes the first argument")
                }
                var callee = f
                while case .call(let g, let inner) = callee.node, case .name("(") = g.node, let first = inner.first?.value { callee = first }
                if case .function = callee.node {
                    throw error("the right side of |> cannot be an anonymous function call", at: r.start,
                                hint: "give the function a name first: f <- function(x) ...; x |> f()")
                }
                l = Expr(.call(f, [CallArgument(name: nil, value: l, at: l.start)] + args), start: l.start, at: r.at)
            } else {
                l = Expr(.binary(op, l, r), start: l.start, at: t.start)
            }
        }
    }

    private mutating func parseRange() throws -> Expr {
        var l = try parseUnary()
        while true {
            let t = try peek()
            guard t.isOp(":") else { return l }
            try advance(); try skipNewlines()
            let r = try parseUnary()
            l = Expr(.binary(":", l, r), start: l.start, at: t.start)
        }
    }

    private mutating func parseUnary() throws -> Expr {
        let t = try peek()
        try enter(t.start)
        defer { depth -= 1 }
        if t.isOp("-") || t.isOp("+") {
            try advance()
            let x = try parseUnary()
            return Expr(.unary(t.isOp("-") ? "-" : "+", x), start: t.start)
        }
        return try parsePower()
    }

    private mutating func parsePower() throws -> Expr {
        let base = try parsePostfix()
        let t = try peek()
        if t.isOp("^") {
            try advance(); try skipNewlines()
            let exponent = try parseUnary()   // right-associative; 2^-1 works
            return Expr(.binary("^", base, exponent), start: base.start, at: t.start)
        }
        return base
    }

    // MARK: - Postfix and primary

    private mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while true {
            let t = try peek()
            if t.isOp("(") {
                try advance()
                contexts.append("(")
                let args = try parseArguments(closing: ")", opened: t, allowEmpty: false)
                contexts.removeLast()
                _ = try expectOp(")", opened: t, what: "',' or ')' in the argument list")
                e = Expr(.call(e, args), start: e.start, at: e.at)
            } else if t.isOp("[[") {
                try advance()
                contexts.append("[")
                let args = try parseArguments(closing: "]", opened: t, allowEmpty: true)
                _ = try expectOp("]", opened: t, what: "']]' to close '[['")
                contexts.removeLast()
                let u = try peek()
                guard u.isOp("]") else {
                    throw u.kind == .eof ? error("'[[' is not closed", at: t.start, hint: "close it with ']]'", incomplete: true)
                        : unexpected(u, expected: "']]' to close '[['", hint: "x[[i]] takes one element; x[i] keeps a sub-vector")
                }
                try advance()
                e = Expr(.index(e, args, double: true), start: e.start, at: t.start)
            } else if t.isOp("[") {
                try advance()
                contexts.append("[")
                let args = try parseArguments(closing: "]", opened: t, allowEmpty: true)
                contexts.removeLast()
                _ = try expectOp("]", opened: t, what: "',' or ']' in the index")
                e = Expr(.index(e, args, double: false), start: e.start, at: t.start)
            } else if t.isOp("$") || t.isOp("@") {
                try advance()
                let n = try peek()
                switch n.kind {
                case .identifier(let name), .string(let name):
                    try advance()
                    e = Expr(.dollar(e, name), start: e.start, at: n.start)
                case .keyword(let k) where !["if", "for", "while", "function", "repeat"].contains(k):
                    try advance()
                    e = Expr(.dollar(e, k), start: e.start, at: n.start)
                default:
                    throw unexpected(n, expected: "a name after '\(t.shown)'", hint: "write data$column, e.g. d$age")
                }
            } else {
                return e
            }
        }
    }

    /// Arguments up to (not including) the closing bracket.
    private mutating func parseArguments(closing: String, opened: Token, allowEmpty: Bool) throws -> [CallArgument] {
        var args: [CallArgument] = []
        if try peek().isOp(closing) { return args }
        while true {
            let t = try peek()
            if t.isOp(",") || t.isOp(closing) {
                guard allowEmpty else {
                    throw error("empty argument", at: t.start, hint: "remove the extra comma")
                }
                args.append(CallArgument(name: nil, value: nil, at: t.start))
            } else {
                // `name = value`?
                var named: String? = nil
                switch t.kind {
                case .identifier(let n), .string(let n):
                    let saved = self
                    try advance()
                    if try peek().isOp("=") { try advance(); named = n } else { self = saved }
                case .keyword(let k) where k == "NULL" || k == "NA":
                    let saved = self
                    try advance()
                    if try peek().isOp("=") { try advance(); named = k } else { self = saved }
                default: break
                }
                if let named {
                    let u = try peek()
                    if u.isOp(",") || u.isOp(closing) {
                        throw error("argument '\(named)' has no value after '='", at: u.start, hint: "give a value: \(named) = ...")
                    }
                }
                let value = try parseStatementInArgument()
                args.append(CallArgument(name: named, value: value, at: t.start))
            }
            let sep = try peek()
            if sep.isOp(",") {
                try advance()
                if try peek().isOp(closing) {
                    if allowEmpty { args.append(CallArgument(name: nil, value: nil, at: try peek().start)) }
                    else { throw error("a trailing comma before '\(closing)'", at: sep.start, hint: "remove the comma") }
                    return args
                }
                continue
            }
            if sep.isOp(closing) { return args }
            if sep.kind == .eof {
                throw error("'\(opened.shown)' is not closed", at: opened.start, hint: "add '\(closing == "]" && opened.isOp("[[") ? "]]" : closing)' to close it", incomplete: true)
            }
            throw unexpected(sep, expected: "',' or '\(closing)'",
                             hint: "separate arguments with commas")
        }
    }

    /// An argument value: a full expression, but `=` there names an argument rather than assigning.
    private mutating func parseStatementInArgument() throws -> Expr {
        try parseAssign()
    }

    private mutating func parsePrimary() throws -> Expr {
        let t = try peek()
        switch t.kind {
        case .number(let x):
            try advance(); return Expr(.number(x), start: t.start)
        case .integer(let i):
            try advance(); return Expr(.integer(i), start: t.start)
        case .string(let s):
            try advance(); return Expr(.string(s), start: t.start)
        case .identifier(let n):
            try advance()
            if try peek().isOp("::") {
                // pkg::name — the package part is ignored (there is one namespace).
                try advance()
                let u = try peek()
                guard case .identifier(let m) = u.kind else { throw unexpected(u, expected: "a name after '::'") }
                try advance()
                _ = n
                return Expr(.name(m), start: t.start, at: u.start)
            }
            return Expr(.name(n), start: t.start)
        case .keyword(let k):
            switch k {
            case "TRUE": try advance(); return Expr(.logical(true), start: t.start)
            case "FALSE": try advance(); return Expr(.logical(false), start: t.start)
            case "NA": try advance(); return Expr(.logical(nil), start: t.start)
            case "NULL": try advance(); return Expr(.null, start: t.start)
            case "NA_integer_": try advance(); return Expr(.integer(nil), start: t.start)
            case "NA_real_": try advance(); return Expr(.number(nil), start: t.start)
            case "NA_character_": try advance(); return Expr(.string(nil), start: t.start)
            case "Inf": try advance(); return Expr(.number(.infinity), start: t.start)
            case "NaN": try advance(); return Expr(.number(.nan), start: t.start)
            case "function": try advance(); return try parseFunction(t)
            case "if": try advance(); return try parseIf(t)
            case "for": try advance(); return try parseFor(t)
            case "while":
                try advance()
                let open = try expectOp("(", what: "'(' after while")
                contexts.append("(")
                let cond = try parseAssignEquals()
                contexts.removeLast()
                _ = try expectOp(")", opened: open, what: "')' after the condition")
                try skipNewlines()
                let body = try parseBody()
                return Expr(.whileLoop(cond, body), start: t.start)
            case "repeat":
                try advance(); try skipNewlines()
                return Expr(.repeatLoop(try parseBody()), start: t.start)
            case "break": try advance(); return Expr(.breakLoop, start: t.start)
            case "next": try advance(); return Expr(.nextIteration, start: t.start)
            case "else":
                throw error("unexpected 'else'", at: t.start,
                            hint: contexts.isEmpty ? "at the top level put 'else' on the same line as the '}' that closes the if branch: } else {" : "write if (condition) ... else ...")
            default:
                throw unexpected(t, expected: "a value")
            }
        case .op(let o):
            switch o {
            case "(":
                try advance()
                contexts.append("(")
                let inner = try parseAssignEquals()
                contexts.removeLast()
                _ = try expectOp(")", opened: t, what: "')'")
                // Keep the bracket's start so a formula `(a) ~ b` takes its text from it.
                return Expr(.call(Expr(.name("("), start: t.start), [CallArgument(name: nil, value: inner, at: inner.start)]), start: t.start, at: inner.at)
            case "{":
                try advance()
                return try parseBlock(t)
            case "\\":
                try advance()
                return try parseFunction(t)
            case "!":
                try advance()
                let x = try parseNot()
                return Expr(.unary("!", x), start: t.start)
            case "-", "+":
                try advance()
                let x = try parseUnary()
                return Expr(.unary(o, x), start: t.start)
            case "~":
                try advance()
                return try formula(textStart: t.start, tilde: t)
            default:
                throw unexpected(t, expected: "a value (a number, string, name, call or '(')",
                                 hint: o == ")" || o == "]" || o == "}" ? "there is a closing '\(o)' without a matching opening one" : "")
            }
        case .newline:
            throw unexpected(t, expected: "a value", hint: "the expression continues on the next line; end the line with an operator or keep it in brackets")
        case .eof:
            throw error("the input ended early; expected a value", at: t.start, hint: "finish the expression", incomplete: true)
        }
    }

    private mutating func parseBlock(_ open: Token) throws -> Expr {
        contexts.append("{")
        var body: [Expr] = []
        while true {
            let t = try peek()
            if t.isOp("}") { break }
            if t.kind == .eof {
                throw error("'{' is not closed", at: open.start, hint: "add '}' to close it", incomplete: true)
            }
            if t.kind == .newline || t.isOp(";") { try advance(); continue }
            body.append(try parseStatement())
            let u = try peek()
            if u.isKeyword("else") {
                throw error("unexpected 'else'", at: u.start, hint: "an 'else' must follow the branch of an 'if'")
            }
            try endOfStatement(closing: "}")
        }
        contexts.removeLast()
        try advance()
        return Expr(.block(body), start: open.start)
    }

    /// A loop or function body, or an if branch: one expression (usually a block).
    private mutating func parseBody() throws -> Expr {
        try parseAssignEquals()
    }

    private mutating func parseFunction(_ keyword: Token) throws -> Expr {
        let open = try expectOp("(", what: "'(' and the parameters after 'function'")
        contexts.append("(")
        var params: [Parameter] = []
        if try !peek().isOp(")") {
            while true {
                let t = try peek()
                let name: String
                switch t.kind {
                case .identifier(let n): name = n
                default:
                    throw unexpected(t, expected: "a parameter name", hint: "parameters look like function(x, y = 2)")
                }
                try advance()
                if params.contains(where: { $0.name == name }) {
                    throw error("parameter '\(name)' is given twice", at: t.start, hint: "give each parameter a different name")
                }
                var def: Expr? = nil
                if try peek().isOp("=") {
                    try advance()
                    def = try parseAssign()
                }
                params.append(Parameter(name: name, defaultValue: def))
                let sep = try peek()
                if sep.isOp(",") { try advance(); continue }
                if sep.isOp(")") { break }
                if sep.kind == .eof { throw error("'(' is not closed", at: open.start, hint: "add ')' after the parameters", incomplete: true) }
                throw unexpected(sep, expected: "',' or ')' in the parameter list")
            }
        }
        contexts.removeLast()
        _ = try expectOp(")", opened: open, what: "')'")
        try skipNewlines()
        let body = try parseBody()
        return Expr(.function(params, body), start: keyword.start)
    }

    private mutating func parseIf(_ keyword: Token) throws -> Expr {
        let open = try expectOp("(", what: "'(' and a condition after 'if'")
        contexts.append("(")
        let cond = try parseAssignEquals()
        contexts.removeLast()
        _ = try expectOp(")", opened: open, what: "')' after the condition")
        try skipNewlines()
        let then = try parseBody()
        // `else` may follow on a later line inside brackets or braces, not at the top level (R's rule).
        let saved = self
        if !contexts.isEmpty { try skipNewlines() }
        if try peek().isKeyword("else") {
            try advance()
            try skipNewlines()
            let other = try parseBody()
            return Expr(.ifElse(cond, then, other), start: keyword.start)
        }
        self = saved
        return Expr(.ifElse(cond, then, nil), start: keyword.start)
    }

    private mutating func parseFor(_ keyword: Token) throws -> Expr {
        let open = try expectOp("(", what: "'(' after 'for'")
        contexts.append("(")
        let v = try peek()
        guard case .identifier(let name) = v.kind else {
            throw unexpected(v, expected: "a loop variable name", hint: "write for (i in 1:10) ...")
        }
        try advance()
        let inTok = try peek()
        guard inTok.isKeyword("in") else {
            throw unexpected(inTok, expected: "'in'", hint: "write for (\(name) in values) ...")
        }
        try advance()
        let seq = try parseAssignEquals()
        contexts.removeLast()
        _ = try expectOp(")", opened: open, what: "')' after the loop values")
        try skipNewlines()
        let body = try parseBody()
        return Expr(.forLoop(name, seq, body), start: keyword.start)
    }

    // MARK: - Formulas

    /// Takes the formula's text verbatim from `textStart` up to the end of the expression (a `,`, `;`,
    /// closing bracket, `|>`, comment or line end outside brackets, not after an operator), checks it
    /// with `Formula`, and moves the lexer past it.
    private mutating func formula(textStart: Int, tilde: Token) throws -> Expr {
        lookahead = nil
        let s = source.scalars
        var i = tilde.end
        var level = 0
        var openAt: [Int] = []
        let insideBrackets = !newlinesSignificant
        scan: while i < s.count {
            let c = s[i]
            switch c {
            case "\"", "'", "`":
                let q = c
                let startQuote = i
                i += 1
                while i < s.count && s[i] != q {
                    if s[i] == "\\" { i += 1 }
                    i += 1
                }
                if i >= s.count {
                    throw error("a string in the formula is not closed", at: startQuote, hint: "end it with \(Character(q))", incomplete: true)
                }
            case "(", "[", "{":
                level += 1; openAt.append(i)
                if level > 100 {
                    throw error("the formula is nested too deeply (more than 100 brackets)", at: i, hint: "remove redundant brackets")
                }
            case ")", "]", "}":
                if level == 0 { break scan }
                level -= 1; openAt.removeLast()
            case ",", ";":
                if level == 0 { break scan }
            case "#":
                if level == 0 { break scan }
            case "|":
                if level == 0 && i + 1 < s.count && s[i + 1] == ">" { break scan }
            case "<":
                if level == 0 && i + 1 < s.count && s[i + 1] == "-" { break scan }
            case "\n":
                if level == 0 && !insideBrackets {
                    let sofar = source.slice(tilde.end, i).trimmingCharacters()
                    guard let last = sofar.unicodeScalars.last, !"+-*/:^|~&%".unicodeScalars.contains(last) else { break }
                    break scan
                }
            default: break
            }
            i += 1
        }
        if level > 0, let o = openAt.last {
            throw error("'\(Character(s[o]))' in the formula is not closed", at: o, hint: "close the bracket", incomplete: true)
        }
        let rhs = source.slice(tilde.end, i).trimmingCharacters()
        if rhs.isEmpty {
            throw error("the formula has nothing after '~'", at: tilde.start,
                        hint: "write the terms after ~, e.g. y ~ x + (1 | school)", incomplete: i >= s.count)
        }
        var end = i
        while end > tilde.end, [" ", "\t", "\n", "\r"].contains(s[end - 1]) { end -= 1 }
        let text = source.slice(textStart, end)
        do {
            _ = try Formula(text)
        } catch let e as FormulaError {
            let hint = e.suggestions.isEmpty ? "check the formula; terms look like y ~ x + f + x:f + (1 | group)" : didYouMean(e.suggestions)
            throw error("in the formula: " + e.message, at: textStart + e.position, hint: hint)
        }
        lexer.seek(end)
        return Expr(.formula(text: text, textStart: textStart), start: textStart, at: tilde.start)
    }
}

extension String {
    /// The string without leading and trailing blanks and line ends.
    func trimmingCharacters() -> String {
        let u = Array(unicodeScalars)
        var a = 0, b = u.count
        let blank: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        while a < b && blank.contains(u[a]) { a += 1 }
        while b > a && blank.contains(u[b - 1]) { b -= 1 }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u[a..<b])
        return String(v)
    }
}
