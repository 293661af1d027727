/// The expanded terms of a formula's fixed part, as R's `terms()` computes them.
///
/// `(a + b + c)^2` becomes `a`, `b`, `c`, `a:b`, `a:c`, `b:c`; terms are ordered by degree
/// (number of variables), stably; the variables of a term are kept in the order in which the
/// variables first appear in the formula, which also fixes the term labels (`b:a`).
public struct ModelTerms: Sendable, Equatable {
    /// The distinct variables (expressions) used by the terms, in order of first appearance.
    public var variables: [FormulaExpr]
    /// Each term as sorted indices into `variables`.
    public var terms: [[Int]]
    /// `true` when the model has an intercept.
    public var intercept: Bool

    /// R's label of each variable (`age`, `I(age^2)`, `log(x)`).
    public var variableLabels: [String] { variables.map { $0.deparse() } }

    /// R's term labels (`a`, `a:b`, `I(x^2)`).
    public var labels: [String] {
        let vl = variableLabels
        return terms.map { $0.map { vl[$0] }.joined(separator: ":") }
    }

    /// Expands `expr` (an expression right of `~` without random-effects bars and without the
    /// specials). `columns` are the data's column names for `.`; names in `excluded` (the
    /// response's variables) are left out of `.`.
    public static func expand(_ expr: FormulaExpr, columns: [String], excluded: Set<String>, formula: String) throws -> ModelTerms {
        var builder = TermBuilder(columns: columns, excluded: excluded, formula: formula)
        let raw = try builder.encode(expr, positive: true)
        let ordered = raw.enumerated().sorted { a, b in
            a.element.count != b.element.count ? a.element.count < b.element.count : a.offset < b.offset
        }.map(\.element)
        return ModelTerms(variables: builder.variables, terms: ordered, intercept: builder.intercept)
    }
}

/// R's `terms.formula` algebra over sets of variable indices.
private struct TermBuilder {
    let columns: [String]
    let excluded: Set<String>
    let formula: String
    var variables: [FormulaExpr] = []
    var index: [String: Int] = [:]
    var intercept = true

    init(columns: [String], excluded: Set<String>, formula: String) {
        self.columns = columns
        self.excluded = excluded
        self.formula = formula
    }

    mutating func variable(_ e: FormulaExpr) -> Int {
        let key = e.deparse()
        if let k = index[key] { return k }
        index[key] = variables.count
        variables.append(e)
        return variables.count - 1
    }

    func fail(_ message: String, _ at: Int) -> FormulaError {
        FormulaError(kind: .syntax, position: at, message: message, formula: formula)
    }

    static func union(_ a: [Int], _ b: [Int]) -> [Int] { Array(Set(a).union(b)).sorted() }

    static func trim(_ ts: [[Int]]) -> [[Int]] {
        var seen = Set<[Int]>()
        var out: [[Int]] = []
        for t in ts where !t.isEmpty && !seen.contains(t) {
            seen.insert(t)
            out.append(t)
        }
        return out
    }

    static func interact(_ l: [[Int]], _ r: [[Int]]) -> [[Int]] {
        var out: [[Int]] = []
        for a in l { for b in r { out.append(union(a, b)) } }
        return trim(out)
    }

    mutating func encode(_ e: FormulaExpr, positive: Bool) throws -> [[Int]] {
        switch e {
        case .number(let v, let at):
            if v == 1 { intercept = positive } else if v == 0 { intercept = !positive } else {
                throw fail("a number in a formula term must be 0 or 1 (the intercept); use I(...) for arithmetic", at)
            }
            return []
        case .paren(let x, _):
            return try encode(x, positive: positive)
        case .dot:
            return columns.filter { !excluded.contains($0) }.map { [variable(.name($0, at: e.position))] }
        case .name:
            return [[variable(e)]]
        case .call(let f, _, _):
            if Formula.specialFunctions.contains(f) { return [] }   // offset/strata/cluster/frailty: not columns of X
            return [[variable(e)]]
        case .unary("-", let x, _):
            _ = try encode(x, positive: !positive)
            return []
        case .unary("+", let x, _):
            return try encode(x, positive: positive)
        case .binary(let op, let l, let r, let at):
            switch op {
            case "+":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: positive)
                return TermBuilder.trim(a + b)
            case "-":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: !positive)
                let drop = Set(b)
                return a.filter { !drop.contains($0) }
            case ":":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: positive)
                return TermBuilder.interact(a, b)
            case "*":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: positive)
                return TermBuilder.trim(a + b + TermBuilder.interact(a, b))
            case "/":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: positive)
                let all = a.reduce([Int]()) { TermBuilder.union($0, $1) }
                return TermBuilder.trim(a + b.map { TermBuilder.union(all, $0) })
            case "%in%":
                let a = try encode(l, positive: positive)
                let b = try encode(r, positive: positive)
                let all = b.reduce([Int]()) { TermBuilder.union($0, $1) }
                return TermBuilder.trim(a.map { TermBuilder.union($0, all) })
            case "^":
                guard case .number(let p, let pat) = r.unparenthesized else {
                    throw fail("the power in (...)^n must be a whole number, as in (a + b + c)^2", r.position)
                }
                guard p >= 1, p == p.rounded(), p < 64 else {
                    throw fail("the power in (...)^n must be a whole number of at least 1", pat)
                }
                let a = try encode(l, positive: positive)
                var result = a
                if p >= 2 { for _ in 2...Int(p) { result = TermBuilder.interact(a, result) } }
                return TermBuilder.trim(result)
            default:
                throw fail("'\(op)' is not a formula operator; wrap arithmetic or comparisons in I(...), as in I(x \(op) 1)", at)
            }
        default:
            throw fail("unexpected expression in a formula term", e.position)
        }
    }
}
