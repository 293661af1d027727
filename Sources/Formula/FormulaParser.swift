/// Recursive-descent parser for R's model language, with R's operator precedence
/// (lowest first): `~`; `|` `||`; `&` `&&`; `!`; comparisons; binary `+ -`; `* /`; `%op%`; `:`;
/// unary `+ -`; `^` (right-associative); calls.
struct FormulaParser {
    let text: String
    let tokens: [FormulaToken]
    var index = 0

    init(text: String) throws {
        self.text = text
        self.tokens = try tokenizeFormula(text)
    }

    var current: FormulaToken { tokens[Swift.min(index, tokens.count - 1)] }

    func error(_ message: String, at position: Int? = nil) -> FormulaError {
        FormulaError(kind: .syntax, position: position ?? current.position, message: message, formula: text)
    }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func isOp(_ o: String) -> Bool {
        if case .op(let x) = current.kind, x == o { return true }
        return false
    }

    /// Parses `[lhs] ~ rhs` and requires the end of input.
    mutating func parseFormula() throws -> (lhs: FormulaExpr?, rhs: FormulaExpr) {
        if case .end = current.kind { throw error("empty formula; expected something like 'y ~ x'") }
        var lhs: FormulaExpr? = nil
        if !isOp("~") {
            lhs = try parseOr()
            guard isOp("~") else {
                throw error("expected '~' between the response and the predictors, found \(current.shown)")
            }
        }
        advance()
        if case .end = current.kind { throw error("expected a term after '~' (use 1 for an intercept-only model)") }
        let rhs = try parseOr()
        if isOp("~") { throw error("a formula has only one '~'") }
        guard case .end = current.kind else {
            throw error("expected an operator such as '+' or the end of the formula, found \(current.shown)")
        }
        return (lhs, rhs)
    }

    mutating func parseOr() throws -> FormulaExpr {
        var l = try parseAnd()
        while isOp("|") || isOp("||") {
            guard case .op(let o) = current.kind else { break }
            let at = current.position
            advance()
            let r = try parseAnd()
            l = .binary(o, l, r, at: at)
        }
        return l
    }

    mutating func parseAnd() throws -> FormulaExpr {
        var l = try parseNot()
        while isOp("&") || isOp("&&") {
            guard case .op(let o) = current.kind else { break }
            let at = current.position
            advance()
            l = .binary(o, l, try parseNot(), at: at)
        }
        return l
    }

    mutating func parseNot() throws -> FormulaExpr {
        if isOp("!") {
            let at = current.position
            advance()
            return .unary("!", try parseNot(), at: at)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> FormulaExpr {
        let l = try parseSum()
        for o in ["==", "!=", "<", ">", "<=", ">="] where isOp(o) {
            let at = current.position
            advance()
            return .binary(o, l, try parseSum(), at: at)
        }
        return l
    }

    mutating func parseSum() throws -> FormulaExpr {
        var l = try parseProduct()
        while isOp("+") || isOp("-") {
            guard case .op(let o) = current.kind else { break }
            let at = current.position
            advance()
            l = .binary(o, l, try parseProduct(), at: at)
        }
        return l
    }

    mutating func parseProduct() throws -> FormulaExpr {
        var l = try parseSpecial()
        while isOp("*") || isOp("/") {
            guard case .op(let o) = current.kind else { break }
            let at = current.position
            advance()
            l = .binary(o, l, try parseSpecial(), at: at)
        }
        return l
    }

    mutating func parseSpecial() throws -> FormulaExpr {
        var l = try parseColon()
        while case .op(let o) = current.kind, o.hasPrefix("%") {
            let at = current.position
            advance()
            l = .binary(o, l, try parseColon(), at: at)
        }
        return l
    }

    mutating func parseColon() throws -> FormulaExpr {
        var l = try parseUnary()
        while isOp(":") {
            let at = current.position
            advance()
            l = .binary(":", l, try parseUnary(), at: at)
        }
        return l
    }

    mutating func parseUnary() throws -> FormulaExpr {
        if isOp("-") || isOp("+") {
            guard case .op(let o) = current.kind else { return try parsePower() }
            let at = current.position
            advance()
            return .unary(o, try parseUnary(), at: at)
        }
        return try parsePower()
    }

    mutating func parsePower() throws -> FormulaExpr {
        let base = try parsePrimary()
        if isOp("^") {
            let at = current.position
            advance()
            return .binary("^", base, try parseUnary(), at: at)
        }
        return base
    }

    mutating func parsePrimary() throws -> FormulaExpr {
        let tok = current
        switch tok.kind {
        case .number(let v):
            advance()
            return .number(v, at: tok.position)
        case .string(let s):
            advance()
            return .string(s, at: tok.position)
        case .name(let n):
            advance()
            if case .lparen = current.kind {
                advance()
                let args = try parseArguments(function: n, at: tok.position)
                return .call(n, args, at: tok.position)
            }
            if n == "." { return .dot(at: tok.position) }
            return .name(n, at: tok.position)
        case .lparen:
            advance()
            let inner = try parseOr()
            guard case .rparen = current.kind else {
                throw error("expected ')' to close the '(' at position \(tok.position + 1), found \(current.shown)")
            }
            advance()
            return .paren(inner, at: tok.position)
        case .rparen:
            throw error("unexpected ')'; expected a variable, number or '('")
        case .end:
            throw error("the formula ends too early; expected a variable, number or '('")
        default:
            throw error("unexpected \(tok.shown); expected a variable, number or '('")
        }
    }

    mutating func parseArguments(function: String, at: Int) throws -> [FormulaArgument] {
        var args: [FormulaArgument] = []
        if case .rparen = current.kind { advance(); return args }
        while true {
            var name: String? = nil
            if case .name(let n) = current.kind, index + 1 < tokens.count, tokens[index + 1].kind == .op("=") {
                name = n
                advance(); advance()
            }
            args.append(FormulaArgument(name: name, value: try parseOr()))
            switch current.kind {
            case .comma: advance()
            case .rparen: advance(); return args
            default:
                throw error("expected ',' or ')' in the arguments of \(function)(), found \(current.shown)")
            }
        }
    }
}
