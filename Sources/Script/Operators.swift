import Foundation

extension Interpreter {
    func unaryOperator(_ op: String, _ v: Value, at e: Expr) throws -> Value {
        guard case .vector(let x) = v else {
            throw fail(.type, "'\(op)' cannot be applied to a \(v.className)", at: e)
        }
        switch op {
        case "!":
            guard let l = x.logicals, x.isNumeric || x.typeName == "logical" else {
                throw fail(.type, "'!' needs logical or numeric values, not \(x.typeName)", at: e)
            }
            return .vector(Vector(.logical(l.map { $0.map { !$0 } }), names: x.names))
        case "-":
            switch x.storage {
            case .logical(let l): return .vector(Vector(.integer(l.map { $0.map { $0 ? -1 : 0 } }), names: x.names))
            case .integer(let i): return .vector(Vector(.integer(i.map { $0.map { -$0 } }), names: x.names))
            case .double(let d): return .vector(Vector(.double(d.map { $0.map { -$0 } }), names: x.names))
            default: throw fail(.type, "cannot negate \(x.typeName) values", at: e, hint: "'-' works on numbers")
            }
        default:
            guard x.isNumeric else { throw fail(.type, "unary '+' needs numbers, not \(x.typeName)", at: e) }
            return v
        }
    }

    func binaryOperator(_ op: String, _ a: Value, _ b: Value, at e: Expr) throws -> Value {
        if op == "%in%" { return try inOperator(a, b, at: e) }
        if op == ":" { return try rangeOperator(a, b, at: e) }
        guard case .vector(let x) = a.asVectorForOperators, case .vector(let y) = b.asVectorForOperators else {
            let bad = a.vector == nil && !(a.isNull) ? a : b
            throw fail(.type, "'\(op)' cannot be applied to a \(bad.className)", at: e,
                       hint: bad.className == "data.frame" ? "take a column first, e.g. d$x" : "")
        }
        let n = (x.count == 0 || y.count == 0) ? 0 : Swift.max(x.count, y.count)
        if n > 0 && n % x.count != 0 || n > 0 && n % y.count != 0 {
            warn("longer object length is not a multiple of shorter object length")
        }
        let names = (x.names != nil && x.count == n) ? x.names : ((y.names != nil && y.count == n) ? y.names : nil)
        switch op {
        case "+", "-", "*", "/", "^", "%%", "%/%":
            return .vector(try arithmetic(op, x, y, n: n, names: names, at: e))
        case "==", "!=", "<", ">", "<=", ">=":
            return .vector(try comparison(op, x, y, n: n, names: names, at: e))
        case "&", "|":
            guard let l = x.logicals, let r = y.logicals, x.typeName != "character", y.typeName != "character" else {
                throw fail(.type, "'\(op)' needs logical values, not \(x.logicals == nil || x.typeName == "character" ? x.typeName : y.typeName)", at: e)
            }
            var out = [Bool?](repeating: nil, count: n)
            for i in 0..<n {
                let p = l[i % l.count], q = r[i % r.count]
                if op == "&" {
                    if p == false || q == false { out[i] = false } else if p == nil || q == nil { out[i] = nil } else { out[i] = true }
                } else {
                    if p == true || q == true { out[i] = true } else if p == nil || q == nil { out[i] = nil } else { out[i] = false }
                }
            }
            return .vector(Vector(.logical(out), names: names))
        default:
            throw fail(.unknownName, "unknown operator '\(op)'", at: e, hint: "operators are + - * / ^ %% %/% %in% == != < > <= >= & | && ||")
        }
    }

    private func arithmetic(_ op: String, _ x: Vector, _ y: Vector, n: Int, names: [String]?, at e: Expr) throws -> Vector {
        guard let l = x.doubles, let r = y.doubles else {
            let bad = x.doubles == nil ? x : y
            throw fail(.type, "'\(op)' needs numbers, but one side is \(bad.typeName)", at: e,
                       hint: bad.typeName == "character" ? "convert text to numbers with as.numeric()" : (bad.typeName == "factor" ? "a factor is categorical; use as.numeric(as.character(f)) for its labels as numbers" : ""))
        }
        let bothInteger = (x.typeName == "integer" || x.typeName == "logical") && (y.typeName == "integer" || y.typeName == "logical")
        if bothInteger && ["+", "-", "*", "%%", "%/%"].contains(op), case let li = x.integers, case let ri = y.integers {
            var out = [Int?](repeating: nil, count: n)
            var overflow = false
            for i in 0..<n {
                guard let p = li[i % li.count], let q = ri[i % ri.count] else { continue }
                let r: (Int, Bool)
                switch op {
                case "+": r = p.addingReportingOverflow(q)
                case "-": r = p.subtractingReportingOverflow(q)
                case "*": r = p.multipliedReportingOverflow(by: q)
                case "%%":
                    if q == 0 { continue }
                    let m = p % q
                    r = ((m != 0 && (m < 0) != (q < 0)) ? m + q : m, false)
                default:
                    if q == 0 { continue }
                    r = (Int((Double(p) / Double(q)).rounded(.down)), false)
                }
                if r.1 || Swift.abs(r.0) > Int(Int32.max) { overflow = true; continue }
                out[i] = r.0
            }
            if overflow { warn("NAs produced by integer overflow") }
            return Vector(.integer(out), names: names)
        }
        var out = [Double?](repeating: nil, count: n)
        for i in 0..<n {
            guard let p = l[i % l.count], let q = r[i % r.count] else { continue }
            switch op {
            case "+": out[i] = p + q
            case "-": out[i] = p - q
            case "*": out[i] = p * q
            case "/": out[i] = p / q
            case "^": out[i] = (p == 1 || q == 0) ? 1 : Foundation.pow(p, q)
            case "%%":
                if q == 0 { out[i] = .nan } else {
                    let m = p - (p / q).rounded(.down) * q
                    out[i] = m
                }
            default: out[i] = q == 0 ? (p == 0 ? .nan : (p > 0 ? .infinity : -.infinity)) : (p / q).rounded(.down)
            }
        }
        return Vector(.double(out), names: names)
    }

    private func comparison(_ op: String, _ x: Vector, _ y: Vector, n: Int, names: [String]?, at e: Expr) throws -> Vector {
        func decide<T: Comparable>(_ p: T, _ q: T) -> Bool {
            switch op {
            case "==": return p == q
            case "!=": return p != q
            case "<": return p < q
            case ">": return p > q
            case "<=": return p <= q
            default: return p >= q
            }
        }
        var out = [Bool?](repeating: nil, count: n)
        let isFactor = x.typeName == "factor" || y.typeName == "factor"
        if isFactor && op != "==" && op != "!=" {
            throw fail(.type, "'\(op)' is not meaningful for factors (categories have no order)", at: e,
                       hint: "compare with == or !=, or use the numeric variable")
        }
        if let l = x.doubles, let r = y.doubles {
            for i in 0..<n {
                guard let p = l[i % l.count], let q = r[i % r.count], !p.isNaN, !q.isNaN else { continue }
                out[i] = decide(p, q)
            }
        } else {
            let l = x.strings, r = y.strings
            for i in 0..<n {
                guard let p = l[i % l.count], let q = r[i % r.count] else { continue }
                switch op {
                case "==": out[i] = p == q
                case "!=": out[i] = p != q
                default:
                    let less = p.unicodeScalars.lexicographicallyPrecedes(q.unicodeScalars)
                    let greater = q.unicodeScalars.lexicographicallyPrecedes(p.unicodeScalars)
                    switch op {
                    case "<": out[i] = less
                    case ">": out[i] = greater
                    case "<=": out[i] = !greater
                    default: out[i] = !less
                    }
                }
            }
        }
        return Vector(.logical(out), names: names)
    }

    private func inOperator(_ a: Value, _ b: Value, at e: Expr) throws -> Value {
        let x = a.vector ?? Vector(.logical([])), y = b.vector ?? Vector(.logical([]))
        if a.vector == nil && !a.isNull || b.vector == nil && !b.isNull {
            throw fail(.type, "'%in%' needs vectors on both sides", at: e)
        }
        if let l = x.doubles, let r = y.doubles {
            let set = Set(r.compactMap { $0 })
            let hasNA = r.contains { $0 == nil }
            return .vector(Vector(.logical(l.map { $0.map { set.contains($0) } ?? hasNA }), names: nil))
        }
        let set = Set(y.strings.compactMap { $0 })
        let hasNA = y.strings.contains { $0 == nil }
        return .vector(Vector(.logical(x.strings.map { $0.map { set.contains($0) } ?? hasNA })))
    }

    private func rangeOperator(_ a: Value, _ b: Value, at e: Expr) throws -> Value {
        guard let x = a.vector?.doubles, let y = b.vector?.doubles, !x.isEmpty, !y.isEmpty else {
            throw fail(.type, "':' needs a number on each side", at: e, hint: "write from:to, e.g. 1:10")
        }
        guard let from = x[0], let to = y[0], from.isFinite, to.isFinite else {
            throw fail(.type, "':' needs finite numbers, not NA", at: e)
        }
        let count = Int(Swift.abs(to - from).rounded(.down)) + 1
        guard count <= 100_000_000 else { throw fail(.type, "the range \(numberText(from)):\(numberText(to)) is too long", at: e) }
        let step: Double = to >= from ? 1 : -1
        if from == from.rounded() && Swift.abs(from) < 2e9 && Swift.abs(to) < 2e9 {
            let f = Int(from), s = Int(step)
            return .vector(Vector(.integer((0..<count).map { f + $0 * s })))
        }
        return .vector(Vector(.double((0..<count).map { from + Double($0) * step })))
    }
}

extension Value {
    /// `true` for NULL.
    var isNull: Bool { if case .null = self { return true }; return false }

    /// NULL as an empty logical vector, vectors as themselves (for operators).
    var asVectorForOperators: Value {
        if case .null = self { return .vector(Vector(.logical([]))) }
        return self
    }
}

extension Vector {
    /// The elements as integers (logical as 0/1), for integer arithmetic.
    var integers: [Int?] {
        switch storage {
        case .logical(let v): return v.map { $0.map { $0 ? 1 : 0 } }
        case .integer(let v): return v
        case .double(let v): return v.map { $0.flatMap { $0.isFinite ? Int($0) : nil } }
        default: return []
        }
    }
}
