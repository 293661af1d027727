import Frames

/// A parsed model formula in R's model language (Wilkinson–Rogers notation with R's and lme4's
/// extensions): `y ~ a * b + I(x^2) + (1 + x | school)`, `Surv(time, status) ~ age + strata(sex)`.
///
/// Parsing checks the syntax and the function names; the columns are checked when the formula is
/// applied to a table (`ModelFrame.build`). The value prints in R's canonical form.
///
/// ```swift
/// let f = try Formula("truant ~ track*female + (1 | school/class)")
/// print(f)                 // truant ~ track * female + (1 | school/class)
/// f.randomTerms.map(\.groupName)   // ["class:school", "school"]
/// ```
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    /// The formula text as given.
    public let text: String
    /// The left-hand side (the response), or `nil` for a one-sided formula `~ x`.
    public let lhs: FormulaExpr?
    /// The right-hand side.
    public let rhs: FormulaExpr

    /// Functions allowed on the right-hand side (outside the specials) and inside `I()`.
    public static let knownFunctions: Set<String> = ["I", "log", "log2", "log10", "log1p", "exp", "sqrt", "abs",
                                                     "factor", "as.factor", "as.numeric"]
    /// Special terms allowed at the top level of the right-hand side.
    public static let specialFunctions: Set<String> = ["offset", "strata", "cluster", "frailty"]

    /// Parses and checks `text`; throws `FormulaError` with the position of the first problem.
    public init(_ text: String) throws {
        var parser = try FormulaParser(text: text)
        let (l, r) = try parser.parseFormula()
        self.text = text
        self.lhs = l
        self.rhs = r
        try validate()
    }

    /// R's canonical text: `y ~ a * b + I(x^2)`, or `~x` when one-sided.
    public var description: String {
        if let lhs { return lhs.deparse() + " ~ " + rhs.deparse() }
        return "~" + rhs.deparse()
    }

    func error(_ kind: FormulaError.Kind, _ message: String, at position: Int, suggestions: [String] = []) -> FormulaError {
        FormulaError(kind: kind, position: position, message: message, formula: text, suggestions: suggestions)
    }

    // MARK: - Parts

    /// The top-level terms of the right-hand side (split at `+`, looking through parentheses
    /// that hold sums), with random-effects bars kept whole.
    var topLevelTerms: [FormulaExpr] {
        func split(_ e: FormulaExpr) -> [FormulaExpr] {
            switch e {
            case .binary("+", let l, let r, _): return split(l) + split(r)
            case .paren(let inner, _):
                if case .binary(let op, _, _, _) = inner.unparenthesized, op == "|" || op == "||" { return [e] }
                if case .binary("+", _, _, _) = inner { return split(inner) }
                return [e]
            default: return [e]
            }
        }
        return split(rhs)
    }

    /// The right-hand side without random-effects terms (lme4's `nobars`); `nil` would leave
    /// nothing, in which case the intercept-only `1` is returned.
    public var fixedPart: FormulaExpr {
        func strip(_ e: FormulaExpr) -> FormulaExpr? {
            if isBar(e) { return nil }
            switch e {
            case .binary("+", let l, let r, let at):
                let sl = strip(l), sr = strip(r)
                if let sl, let sr { return .binary("+", sl, sr, at: at) }
                return sl ?? sr
            case .paren(let inner, let at):
                if case .binary("+", _, _, _) = inner { return strip(inner).map { .paren($0, at: at) } }
                return e
            default: return e
            }
        }
        return strip(rhs) ?? .number(1, at: rhs.position)
    }

    /// The response as written on the left, classified: plain, `cbind(s, f)` or `Surv(...)`.
    public var response: ResponseSpec? {
        guard let lhs else { return nil }
        if case .call(let f, let args, let at) = lhs.unparenthesized {
            if f == "cbind", args.count == 2 { return .binomial(successes: args[0].value, failures: args[1].value, at: at) }
            if f == "Surv", args.count == 2 { return .survival(start: nil, stop: args[0].value, event: args[1].value, at: at) }
            if f == "Surv", args.count == 3 { return .survival(start: args[0].value, stop: args[1].value, event: args[2].value, at: at) }
        }
        return .expression(lhs)
    }

    /// The random-effects terms, expanded as lme4 does: `(1 | g1/g2)` gives `(1 | g2:g1)` and
    /// `(1 | g1)`; `(x || g)` gives `(1 | g)` and `(0 + x | g)` (uncorrelated).
    public var randomTerms: [RandomEffectTerm] {
        var out: [RandomEffectTerm] = []
        for t in topLevelTerms where isBar(t) {
            guard case .binary(let op, let effects, let group, let at) = t.unparenthesized else { continue }
            let groupings = expandSlash(group.unparenthesized)
            for g in groupings {
                if op == "||" {
                    for piece in splitUncorrelated(effects) {
                        out.append(RandomEffectTerm(effects: piece, grouping: g.factors, groupName: g.name, correlated: false, position: at))
                    }
                } else {
                    out.append(RandomEffectTerm(effects: effects, grouping: g.factors, groupName: g.name, correlated: true, position: at))
                }
            }
        }
        return out
    }

    /// The `strata(...)` terms' arguments, all of them, in order (several strata are crossed).
    public var strata: [FormulaExpr] {
        topLevelTerms.compactMap { t -> [FormulaExpr]? in
            if case .call("strata", let args, _) = t.unparenthesized { return args.filter { $0.name == nil }.map(\.value) }
            return nil
        }.flatMap { $0 }
    }

    /// The `cluster(g)` argument, if any.
    public var cluster: FormulaExpr? {
        for t in topLevelTerms { if case .call("cluster", let args, _) = t.unparenthesized, let a = args.first { return a.value } }
        return nil
    }

    /// The `frailty(g)` / `frailty(g, dist = "gauss")` term, if any.
    public var frailty: FrailtyTerm? {
        for t in topLevelTerms {
            if case .call("frailty", let args, _) = t.unparenthesized, let g = args.first(where: { $0.name == nil }) {
                var dist = FrailtySpec.Distribution.gamma
                if let d = args.first(where: { $0.name == "dist" || $0.name == "distribution" }),
                   case .string(let s, _) = d.value, s.count >= 3, "gaussian".hasPrefix(s) {
                    dist = .gaussian
                }
                return FrailtyTerm(grouping: g.value, distribution: dist)
            }
        }
        return nil
    }

    /// The arguments of `offset(...)` terms, in order.
    public var offsets: [FormulaExpr] {
        topLevelTerms.compactMap { t in
            if case .call("offset", let args, _) = t.unparenthesized { return args.first?.value }
            return nil
        }
    }

    /// The expanded fixed-effects terms (R's `terms()`), with `.` meaning the `columns` not used
    /// on the left-hand side.
    public func fixedTerms(columns: [String] = []) throws -> ModelTerms {
        try ModelTerms.expand(fixedPart, columns: columns, excluded: lhsNames, formula: text)
    }

    /// Variable names on the left-hand side (left out of `.`).
    var lhsNames: Set<String> {
        func names(_ e: FormulaExpr) -> Set<String> {
            switch e {
            case .name(let n, _): return [n]
            case .call(_, let args, _): return args.reduce(into: Set<String>()) { $0.formUnion(names($1.value)) }
            case .unary(_, let x, _), .paren(let x, _): return names(x)
            case .binary(_, let l, let r, _): return names(l).union(names(r))
            default: return []
            }
        }
        return lhs.map(names) ?? []
    }

    // MARK: - Checks

    func isBar(_ e: FormulaExpr) -> Bool {
        if case .paren(let inner, _) = e, case .binary(let op, _, _, _) = inner.unparenthesized, op == "|" || op == "||" { return true }
        return false
    }

    func validate() throws {
        if let lhs {
            if case .call(let f, let args, let at) = lhs.unparenthesized {
                switch f {
                case "cbind":
                    guard args.count == 2 else { throw error(.invalid, "cbind() in a response takes two arguments: cbind(successes, failures)", at: at) }
                    for a in args { try checkCalls(a.value, insideI: false) }
                case "Surv":
                    guard args.count == 2 || args.count == 3 else {
                        throw error(.invalid, "Surv() takes Surv(time, event) or Surv(start, stop, event)", at: at)
                    }
                    for a in args { try checkCalls(a.value, insideI: false) }
                default:
                    try checkCalls(lhs, insideI: false)
                }
            } else {
                try checkCalls(lhs, insideI: false)
            }
        }
        for t in topLevelTerms {
            if isBar(t), case .binary(_, let effects, let group, _) = t.unparenthesized {
                try checkCalls(effects, insideI: false)
                try checkGrouping(group)
                continue
            }
            if case .call(let f, let args, let at) = t.unparenthesized, Formula.specialFunctions.contains(f) {
                guard !args.isEmpty else { throw error(.invalid, "\(f)() needs an argument, e.g. \(f)(x)", at: at) }
                for a in args where a.name == nil { try checkCalls(a.value, insideI: false) }
                continue
            }
            try checkCalls(t, insideI: false)
        }
    }

    func checkGrouping(_ g: FormulaExpr) throws {
        switch g {
        case .name: return
        case .paren(let e, _): try checkGrouping(e)
        case .binary(let op, let l, let r, let at):
            guard op == ":" || op == "/" else {
                throw error(.syntax, "a grouping factor after '|' must be a name, g1:g2 or g1/g2; found '\(op)'", at: at)
            }
            try checkGrouping(l); try checkGrouping(r)
        default:
            throw error(.syntax, "expected a grouping variable name after '|'", at: g.position)
        }
    }

    func checkCalls(_ e: FormulaExpr, insideI: Bool) throws {
        switch e {
        case .call(let f, let args, let at):
            if f == "Surv" || f == "cbind" {
                throw error(.invalid, "\(f)() belongs on the left of '~' (the response)", at: at)
            }
            if Formula.specialFunctions.contains(f) {
                throw error(.invalid, "\(f)() must be a term of its own on the right of '~', as in y ~ x + \(f)(g)", at: at)
            }
            guard Formula.knownFunctions.contains(f) else {
                let hint = closestFunction(f)
                throw error(.unknownFunction, "unknown function '\(f)'; known: " + Formula.knownFunctions.sorted().joined(separator: ", ")
                            + (hint.map { "; did you mean '\($0)'?" } ?? ""), at: at)
            }
            guard args.count == 1, args[0].name == nil else {
                throw error(.invalid, "\(f)() takes exactly one unnamed argument here", at: at)
            }
            try checkCalls(args[0].value, insideI: insideI || f == "I")
        case .binary(let op, let l, let r, let at):
            if op == "|" || op == "||", !insideI {
                throw error(.syntax, "a random-effects term must be in parentheses at the top level, as in y ~ x + (1 | g)", at: at)
            }
            try checkCalls(l, insideI: insideI); try checkCalls(r, insideI: insideI)
        case .unary(_, let x, _), .paren(let x, _):
            try checkCalls(x, insideI: insideI)
        case .string(_, let at) where !insideI:
            throw error(.syntax, "a text literal is only allowed inside I(), as in I(track == \"ASO\"), or as a named argument such as dist = \"gauss\"", at: at)
        case .dot(let at) where insideI:
            throw error(.syntax, "'.' (all other columns) cannot be used inside a function", at: at)
        default:
            return
        }
    }

    func closestFunction(_ f: String) -> String? {
        let all = Formula.knownFunctions.union(Formula.specialFunctions).sorted()
        return closestNames(to: f, among: all, limit: 1).first
    }
}

/// The left-hand side of a formula, classified.
public enum ResponseSpec: Sendable, Equatable {
    /// A plain response expression (`y`, `log(y)`, `I(score > 3)`).
    case expression(FormulaExpr)
    /// `cbind(successes, failures)`.
    case binomial(successes: FormulaExpr, failures: FormulaExpr, at: Int)
    /// `Surv(time, event)` (start `nil`) or `Surv(start, stop, event)`.
    case survival(start: FormulaExpr?, stop: FormulaExpr, event: FormulaExpr, at: Int)
}

/// One random-effects term `(effects | grouping)` after lme4's expansion of `/` and `||`.
public struct RandomEffectTerm: Sendable, Equatable, CustomStringConvertible {
    /// The effects expression left of the bar (`1`, `1 + x`, `0 + x`).
    public var effects: FormulaExpr
    /// The grouping variables, crossed in this order (first varies slowest in the level order):
    /// `[class, school]` for `class:school`.
    public var grouping: [FormulaExpr]
    /// The grouping factor's name as lme4 prints it (`school`, `class:school`).
    public var groupName: String
    /// `false` when the term came from `||` (its effects are uncorrelated with the others).
    public var correlated: Bool
    /// Position of the bar in the formula.
    public var position: Int

    /// Creates a random-effects term.
    public init(effects: FormulaExpr, grouping: [FormulaExpr], groupName: String, correlated: Bool, position: Int) {
        self.effects = effects
        self.grouping = grouping
        self.groupName = groupName
        self.correlated = correlated
        self.position = position
    }

    /// The term as lme4 prints it: `1 | class:school`, `0 + x | g`.
    public var description: String { effects.deparse() + " | " + groupName }
}

/// A `frailty(g)` term as written.
public struct FrailtyTerm: Sendable, Equatable {
    /// The grouping expression.
    public var grouping: FormulaExpr
    /// Gamma unless `dist = "gauss"` (or `"gaussian"`).
    public var distribution: FrailtySpec.Distribution

    /// Creates a frailty term.
    public init(grouping: FormulaExpr, distribution: FrailtySpec.Distribution) {
        self.grouping = grouping
        self.distribution = distribution
    }
}

/// A grouping factor after slash expansion: the crossed variables and lme4's name.
struct GroupingSpec {
    var factors: [FormulaExpr]
    var name: String
}

/// lme4's expansion of `g1/g2` into `g2:g1` and `g1` (recursively), keeping `g1:g2` as one factor.
func expandSlash(_ g: FormulaExpr) -> [GroupingSpec] {
    switch g {
    case .paren(let e, _):
        return expandSlash(e)
    case .binary("/", let l, let r, _):
        let outer = expandSlash(l.unparenthesized)
        let inner = colonFactors(r.unparenthesized)
        guard let first = outer.first else { return outer }
        let firstName = first.factors.count > 1 ? "(" + first.name + ")" : first.name
        let innerName = inner.count > 1 ? "(" + inner.map { $0.deparse() }.joined(separator: ":") + ")" : inner.map { $0.deparse() }.joined(separator: ":")
        return [GroupingSpec(factors: inner + first.factors, name: innerName + ":" + firstName)] + outer
    default:
        let fs = colonFactors(g)
        return [GroupingSpec(factors: fs, name: g.deparse())]
    }
}

/// The variables of a `g1:g2:...` interaction, left to right.
func colonFactors(_ g: FormulaExpr) -> [FormulaExpr] {
    switch g {
    case .binary(":", let l, let r, _): return colonFactors(l) + colonFactors(r)
    case .paren(let e, _): return colonFactors(e)
    default: return [g]
    }
}

/// lme4's `||` expansion: one effects expression per term of `effects`, the intercept first.
func splitUncorrelated(_ effects: FormulaExpr) -> [FormulaExpr] {
    var intercept = true
    var pieces: [FormulaExpr] = []
    func walk(_ e: FormulaExpr, positive: Bool) {
        switch e {
        case .binary("+", let l, let r, _): walk(l, positive: positive); walk(r, positive: positive)
        case .binary("-", let l, let r, _): walk(l, positive: positive); walk(r, positive: !positive)
        case .unary("-", let x, _): walk(x, positive: !positive)
        case .paren(let x, _): walk(x, positive: positive)
        case .number(let v, _):
            if v == 1 { intercept = positive } else if v == 0 { intercept = !positive }
        default:
            if positive { pieces.append(e) }
        }
    }
    walk(effects, positive: true)
    var out: [FormulaExpr] = []
    if intercept { out.append(.number(1, at: effects.position)) }
    for p in pieces {
        out.append(.binary("+", .number(0, at: p.position), p, at: p.position))
    }
    return out
}
