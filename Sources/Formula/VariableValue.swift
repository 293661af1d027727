import Frames

/// The value of one formula variable on the rows of a table: a number per row, a logical per
/// row, or a factor. Missing cells are `NaN` (numbers, logicals) or code `-1` (factors).
enum VariableValue {
    /// Numbers; `NaN` marks missing.
    case numeric([Double])
    /// `0`/`1` (FALSE/TRUE); `NaN` marks missing.
    case logical([Double])
    /// Codes into levels; `-1` marks missing.
    case factor(codes: [Int32], levels: [String])
    /// A constant (a number literal), broadcast to all rows.
    case constant(Double)

    /// `true` at rows where the value is missing.
    func missing(rows n: Int) -> [Bool] {
        switch self {
        case .numeric(let v), .logical(let v): return v.map { $0.isNaN }
        case .factor(let c, _): return c.map { $0 < 0 }
        case .constant(let v): return [Bool](repeating: v.isNaN, count: n)
        }
    }

    /// Whether each value has a missing cell: one read-only scan per value, several values on several cores when
    /// they are big (`ColumnParallel`).
    static func anyMissing(_ values: [VariableValue], rows n: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: values.count)
        out.withUnsafeMutableBufferPointer { out in
            let out = out
            ColumnParallel.forEach(columns: values.count, rows: n) { k in out[k] = values[k].hasMissing }
        }
        return out
    }

    /// Whether any cell is missing (branch-free over blocks, so that the scans vectorize).
    var hasMissing: Bool {
        switch self {
        case .numeric(let v), .logical(let v):
            return v.withUnsafeBufferPointer { x in
                var start = 0
                while start < x.count {
                    let end = Swift.min(start + 4096, x.count)
                    var bad = 0
                    for i in start..<end { bad |= x[i] != x[i] ? 1 : 0 }
                    if bad != 0 { return true }
                    start = end
                }
                return false
            }
        case .factor(let c, _):
            return c.withUnsafeBufferPointer { x in
                var bad: Int32 = 0
                for i in 0..<x.count { bad |= x[i] & Int32.min }
                return bad != 0
            }
        case .constant(let v):
            return v.isNaN
        }
    }

    /// Sets `mask[i]` to `true` where the value is missing (no allocation).
    func markMissing(into mask: inout [Bool]) {
        mask.withUnsafeMutableBufferPointer { m in
            switch self {
            case .numeric(let v), .logical(let v):
                // Branch-free over the mask bytes (NaN is the one value unequal to itself), so it vectorizes.
                let bytes = UnsafeMutableRawBufferPointer(m)
                v.withUnsafeBufferPointer { x in for i in 0..<Swift.min(x.count, m.count) { bytes[i] |= x[i] != x[i] ? 1 : 0 } }
            case .factor(let c, _):
                c.withUnsafeBufferPointer { x in for i in 0..<Swift.min(x.count, m.count) where x[i] < 0 { m[i] = true } }
            case .constant(let v):
                if v.isNaN { for i in 0..<m.count { m[i] = true } }
            }
        }
    }

    /// The value restricted to `rows` (0-based row indices, in order); factors keep all levels.
    func subset(_ rows: [Int], all n: Int) -> VariableValue {
        if rows.count == n { return self }
        switch self {
        case .numeric(let v): return .numeric(rows.map { v[$0] })
        case .logical(let v): return .logical(rows.map { v[$0] })
        case .factor(let c, let l): return .factor(codes: rows.map { c[$0] }, levels: l)
        case .constant: return self
        }
    }
}

/// Compares strings by Unicode code points (R's sort in the C locale).
func codePointLess(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
}

/// A factor from text values with levels sorted in C-locale (code-point) order, as R >= 4's
/// `factor()` of a character vector under `LC_COLLATE=C`; `missing[i]` gives code `-1`.
///
/// Values are first numbered in order of appearance (a linear search while there are few distinct
/// values, which avoids hashing every cell of a typical factor column; a dictionary beyond that),
/// then renumbered by the sorted levels.
func factorFromStrings(_ values: [String], missing: [Bool]) -> VariableValue {
    var distinct: [String] = []
    var index: [String: Int32]? = nil
    var codes = [Int32](repeating: -1, count: values.count)
    codes.withUnsafeMutableBufferPointer { out in
        for i in values.indices where !missing[i] {
            let v = values[i]
            var k: Int32 = -1
            if let index {
                k = index[v] ?? -1
            } else {
                for j in distinct.indices where distinct[j] == v { k = Int32(j); break }
            }
            if k < 0 {
                k = Int32(distinct.count)
                distinct.append(v)
                if index != nil {
                    index?[v] = k
                } else if distinct.count > 16 {
                    var d: [String: Int32] = [:]
                    for (j, l) in distinct.enumerated() { d[l] = Int32(j) }
                    index = d
                }
            }
            out[i] = k
        }
    }
    let order = distinct.indices.sorted { codePointLess(distinct[$0], distinct[$1]) }
    var rank = [Int32](repeating: 0, count: distinct.count)
    for (r, j) in order.enumerated() { rank[j] = Int32(r) }
    for i in codes.indices where codes[i] >= 0 { codes[i] = rank[Int(codes[i])] }
    return .factor(codes: codes, levels: order.map { distinct[$0] })
}

/// Drops levels that no row uses (R's `droplevels`), keeping the order of the rest.
func dropUnusedLevels(codes: [Int32], levels: [String]) -> (codes: [Int32], levels: [String]) {
    var used = [Bool](repeating: false, count: levels.count)
    for c in codes where c >= 0 && Int(c) < levels.count { used[Int(c)] = true }
    if !used.contains(false) { return (codes, levels) }
    var map = [Int32](repeating: -1, count: levels.count)
    var kept: [String] = []
    for k in levels.indices where used[k] { map[k] = Int32(kept.count); kept.append(levels[k]) }
    return (codes.map { $0 >= 0 ? map[Int($0)] : -1 }, kept)
}

/// Evaluates formula variables against a table.
struct VariableEvaluator {
    let table: Table
    let formula: String
    var n: Int { table.rowCount }

    func fail(_ kind: FormulaError.Kind, _ message: String, _ at: Int, suggestions: [String] = []) -> FormulaError {
        FormulaError(kind: kind, position: at, message: message, formula: formula, suggestions: suggestions)
    }

    /// The column `name` as a variable value; unknown names throw with the closest names.
    func column(_ name: String, at: Int) throws -> VariableValue {
        guard let c = table[name] else {
            let s = closestNames(to: name, among: table.columnNames)
            let hint = s.isEmpty ? "" : "; did you mean " + s.map { "'\($0)'" }.joined(separator: ", ") + "?"
            throw fail(.unknownColumn, "unknown column '\(name)'\(hint)", at, suggestions: s)
        }
        switch c.values {
        case .double, .integer: return .numeric(c.doubles ?? [])
        case .boolean: return .logical(c.doubles ?? [])
        case .string(let v): return factorFromStrings(v, missing: c.missing)
        case .factor(let f):
            var codes = f.codes
            if c.hasMissing { for i in codes.indices where c.missing[i] { codes[i] = -1 } }
            return .factor(codes: codes, levels: f.levels)
        }
    }

    /// Numbers from a value (logicals as 0/1); factors are a type error naming the expression.
    func numbers(_ v: VariableValue, _ e: FormulaExpr, what: String) throws -> [Double] {
        switch v {
        case .numeric(let x), .logical(let x): return x
        case .constant(let c): return [Double](repeating: c, count: n)
        case .factor:
            throw fail(.type, "'\(e.deparse())' is categorical, but \(what) needs numbers; use a numeric column or compare it, as in I(\(e.deparse()) == \"level\")", e.position)
        }
    }

    func evaluate(_ e: FormulaExpr) throws -> VariableValue {
        switch e {
        case .name(let name, let at): return try column(name, at: at)
        case .number(let v, _): return .constant(v)
        case .paren(let x, _): return try evaluate(x)
        case .string(_, let at): throw fail(.type, "a text literal cannot be used as a value here", at)
        case .dot(let at): throw fail(.syntax, "'.' cannot be used here", at)
        case .unary(let op, let x, let at):
            let v = try evaluate(x)
            if op == "!" {
                guard case .logical(let b) = v else { throw fail(.type, "'!' needs a logical (TRUE/FALSE) value", at) }
                return .logical(b.map { $0.isNaN ? .nan : 1 - $0 })
            }
            if case .constant(let c) = v { return .constant(op == "-" ? -c : c) }
            let xs = try numbers(v, x, what: "unary '\(op)'")
            return .numeric(op == "-" ? xs.map { -$0 } : xs)
        case .call(let f, let args, let at):
            guard let arg = args.first?.value else { throw fail(.invalid, "\(f)() needs an argument", at) }
            let v = try evaluate(arg)
            switch f {
            case "I": return v
            case "factor", "as.factor": return toFactor(v)
            case "as.numeric":
                if case .factor(let c, _) = v { return .numeric(c.map { $0 < 0 ? .nan : Double($0) + 1 }) }
                return .numeric(try numbers(v, arg, what: "as.numeric()"))
            default:
                let fn: (Double) -> Double
                switch f {
                case "log": fn = { Foundation_log($0) }
                case "log2": fn = { Foundation_log($0) / Foundation_log(2) }
                case "log10": fn = { Foundation_log10($0) }
                case "log1p": fn = { Foundation_log1p($0) }
                case "exp": fn = { Foundation_exp($0) }
                case "sqrt": fn = { $0.squareRoot() }
                case "abs": fn = { Swift.abs($0) }
                default: throw fail(.unknownFunction, "unknown function '\(f)'", at)
                }
                if case .constant(let c) = v { return .constant(fn(c)) }
                return .numeric(try numbers(v, arg, what: "\(f)()").map(fn))
            }
        case .binary(let op, let l, let r, let at):
            if op == "==" || op == "!=" {
                var text: String? = nil, other = l
                if case .string(let t, _) = r.unparenthesized { text = t; other = l }
                else if case .string(let t, _) = l.unparenthesized { text = t; other = r }
                if let text {
                    guard case .factor(let codes, let levels) = try evaluate(other) else {
                        throw fail(.type, "'\(other.deparse())' is not categorical, so it cannot be compared with the text \"\(text)\"; compare it with a number", at)
                    }
                    let target = levels.firstIndex(of: text).map(Int32.init) ?? -2
                    return .logical(codes.map { $0 < 0 ? .nan : (($0 == target) == (op == "==") ? 1 : 0) })
                }
            }
            let a = try evaluate(l), b = try evaluate(r)
            switch op {
            case "+", "-", "*", "/", "^":
                let fn: (Double, Double) -> Double
                switch op {
                case "+": fn = (+)
                case "-": fn = (-)
                case "*": fn = (*)
                case "/": fn = (/)
                default: fn = { rPower($0, $1) }
                }
                if case .constant(let x) = a, case .constant(let y) = b { return .constant(fn(x, y)) }
                return .numeric(try combine(a, l, b, r, what: "'\(op)'", fn))
            case "==", "!=", "<", ">", "<=", ">=":
                if case .factor = a {
                    throw fail(.type, "compare a categorical variable with a quoted level, as in \(l.deparse()) == \"level\"", at)
                }
                let fn: (Double, Double) -> Bool
                switch op {
                case "==": fn = (==)
                case "!=": fn = (!=)
                case "<": fn = (<)
                case ">": fn = (>)
                case "<=": fn = (<=)
                default: fn = (>=)
                }
                return .logical(try combine(a, l, b, r, what: "'\(op)'") { x, y in x.isNaN || y.isNaN ? .nan : (fn(x, y) ? 1 : 0) })
            case "&", "&&", "|", "||":
                let and = op.hasPrefix("&")
                return .logical(try combine(a, l, b, r, what: "'\(op)'") { x, y in
                    if and { if x == 0 || y == 0 { return 0 } } else { if x == 1 || y == 1 { return 1 } }
                    if x.isNaN || y.isNaN { return .nan }
                    return and ? 1 : 0
                })
            default:
                throw fail(.syntax, "'\(op)' cannot be evaluated here; inside I(...) use + - * / ^ and comparisons", at)
            }
        }
    }

    func combine(_ a: VariableValue, _ l: FormulaExpr, _ b: VariableValue, _ r: FormulaExpr, what: String,
                 _ fn: (Double, Double) -> Double) throws -> [Double] {
        switch (a, b) {
        case (.constant(let x), _): return try numbers(b, r, what: what).map { fn(x, $0) }
        case (_, .constant(let y)): return try numbers(a, l, what: what).map { fn($0, y) }
        default:
            let xs = try numbers(a, l, what: what), ys = try numbers(b, r, what: what)
            var out = [Double](repeating: 0, count: xs.count)
            for i in out.indices { out[i] = fn(xs[i], ys[i]) }
            return out
        }
    }

    /// R's `factor()`: numbers sorted numerically and labelled as R prints them; logicals
    /// FALSE < TRUE; factors lose unused levels; text sorted by code point.
    func toFactor(_ v: VariableValue) -> VariableValue {
        switch v {
        case .factor(let c, let l):
            let d = dropUnusedLevels(codes: c, levels: l)
            return .factor(codes: d.codes, levels: d.levels)
        case .numeric(let x), .logical(let x):
            let isLogical: Bool = { if case .logical = v { return true }; return false }()
            let uniq = Array(Set(x.filter { !$0.isNaN })).sorted()
            var index: [Double: Int32] = [:]
            for (k, u) in uniq.enumerated() { index[u] = Int32(k) }
            let codes = x.map { $0.isNaN ? Int32(-1) : (index[$0] ?? -1) }
            let levels = uniq.map { isLogical ? ($0 == 1 ? "TRUE" : "FALSE") : formatRNumber($0) }
            return .factor(codes: codes, levels: levels)
        case .constant(let c):
            return .factor(codes: [Int32](repeating: 0, count: n), levels: [formatRNumber(c)])
        }
    }
}

/// R's `^`: `x^0` is 1 even for NaN; otherwise `pow`.
func rPower(_ x: Double, _ y: Double) -> Double {
    if y == 0 { return 1 }
    if y == 2 { return x * x }
    return Foundation_pow(x, y)
}
