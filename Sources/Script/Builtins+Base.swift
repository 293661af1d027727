extension Interpreter {
    func registerBaseBuiltins() {
        define("c", ["..."], topic: "vectors", usage: "c(...)",
               "Combines values into one vector (the common type: logical < integer < double < character), or into a list when any part is a list. Names given as c(a = 1) are kept.") { ctx in
            let parts = ctx.dots
            if parts.contains(where: { if case .list? = $0.value { return true }; return false }) {
                var values: [Value] = [], names: [String] = []
                for p in parts {
                    if case .list(let l)? = p.value { values += l.values; names += l.names ?? l.values.map { _ in "" } }
                    else { values.append(p.value ?? .null); names.append(p.name ?? "") }
                }
                return .list(ListValue(values, names: names.allSatisfy { $0.isEmpty } ? nil : names))
            }
            var vectors: [Vector] = [], labels: [String?] = []
            for p in parts {
                switch p.value {
                case .vector(let v)?: vectors.append(v); labels.append(p.name)
                case .null?, nil: continue
                case let other?:
                    throw ctx.interpreter.fail(.type, "c() combines vectors; this is a \(other.className)", offset: p.at,
                                               hint: "use list(...) to hold tables, formulas or models together")
                }
            }
            if vectors.isEmpty { return .null }
            return .vector(try ctx.interpreter.combine(vectors, names: labels, at: ctx.call))
        }
        define("list", ["..."], topic: "vectors", usage: "list(...)",
               "A list of any values, optionally named: list(a = 1, b = \"x\").") { ctx in
            let names = ctx.dots.map { $0.name ?? "" }
            return .list(ListValue(ctx.dots.map { $0.value ?? .null }, names: names.allSatisfy { $0.isEmpty } ? nil : names))
        }
        define("length", ["x"], topic: "vectors", usage: "length(x)",
               "Number of elements of a vector or list (columns of a table).") { ctx in
            .vector(.integer(try ctx.value("x").length))
        }
        define("names", ["x"], topic: "vectors", usage: "names(x)",
               "The names of a vector's elements, a list's elements, a table's columns or a model's fields; NULL when there are none. Set them with names(x) <- value.") { ctx in
            switch try ctx.value("x") {
            case .vector(let v): return v.names.map { .vector(Vector(.character($0))) } ?? .null
            case .list(let l): return l.names.map { .vector(Vector(.character($0))) } ?? .null
            case .table(let t): return .vector(Vector(.character(t.columnNames)))
            case .object(let o): return .vector(Vector(.character(o.fieldNames)))
            default: return .null
            }
        }
        define("seq", ["from", "to", "by", "length.out"], topic: "vectors", usage: "seq(from = 1, to = 1, by = 1, length.out = NULL)",
               "A regular sequence: seq(1, 10, by = 2) gives 1 3 5 7 9; seq(0, 1, length.out = 5) gives 0 0.25 0.5 0.75 1.") { ctx in
            let from = try ctx.double("from", default: 1)
            if ctx.has("from") && !ctx.has("to") && !ctx.has("by") && !ctx.has("length.out") {
                // seq(n) is 1:n, as in R.
                guard from >= 1, from == from.rounded(), from <= 1e8 else { throw ctx.fail("seq(n) needs a whole number n of 1 or more", argument: "from") }
                return .vector(Vector(.integer(Array(1...Int(from)))))
            }
            if ctx.has("length.out") {
                let n = try ctx.int("length.out")
                guard n >= 0 else { throw ctx.fail("'length.out' must be 0 or more", argument: "length.out") }
                if ctx.has("by") && !ctx.has("to") {
                    let by = try ctx.double("by")
                    return .vector(Vector(.double((0..<n).map { from + Double($0) * by })))
                }
                let to = try ctx.double("to", default: from + Double(n - 1))
                if n == 1 { return .vector(Vector(.double([from]))) }
                return .vector(Vector(.double((0..<n).map { from + (to - from) * Double($0) / Double(n - 1) })))
            }
            let to = try ctx.double("to", default: 1)
            let by = try ctx.double("by", default: to >= from ? 1 : -1)
            guard by != 0, (to - from) / by >= 0 || from == to else {
                throw ctx.fail("'by' goes the wrong way (from \(numberText(from)) to \(numberText(to)) by \(numberText(by)))", argument: "by")
            }
            let count = Int(((to - from) / by + 1e-10).rounded(.down)) + 1
            guard count <= 100_000_000 else { throw ctx.fail("the sequence would have \(count) elements; that is too many") }
            let allIntegers = [from, by].allSatisfy { $0 == $0.rounded() } && !ctx.has("by")
            if allIntegers { return .vector(Vector(.integer((0..<count).map { Int(from) + $0 * Int(by) }))) }
            return .vector(Vector(.double((0..<count).map { from + Double($0) * by })))
        }
        define("rep", ["x", "times", "each", "length.out"], topic: "vectors", usage: "rep(x, times = 1, each = 1, length.out = NULL)",
               "Repeats a vector: rep(c(\"a\", \"b\"), times = 2) gives a b a b; rep(1:2, each = 2) gives 1 1 2 2.") { ctx in
            let x = try ctx.vector("x")
            let each = try ctx.int("each", default: 1)
            guard each >= 0 else { throw ctx.fail("'each' must be 0 or more", argument: "each") }
            var idx: [Int?] = []
            for i in 0..<x.count { for _ in 0..<each { idx.append(i) } }
            if case .vector(let t)? = ctx.values["times"], t.count > 1 {
                guard t.count == idx.count, let ts = t.doubles else {
                    throw ctx.fail("'times' must be one number or one per element", argument: "times")
                }
                var out: [Int?] = []
                for (k, i) in idx.enumerated() { out += [Int?](repeating: i, count: Int(ts[k] ?? 0)) }
                idx = out
            } else {
                let times = try ctx.int("times", default: 1)
                guard times >= 0, times * Swift.max(1, idx.count) <= 100_000_000 else { throw ctx.fail("'times' must be between 0 and a reasonable size", argument: "times") }
                let one = idx
                idx = []
                for _ in 0..<times { idx += one }
            }
            if ctx.has("length.out") {
                let n = try ctx.int("length.out")
                guard n >= 0, n <= 100_000_000 else { throw ctx.fail("'length.out' must be 0 or more", argument: "length.out") }
                let base = idx.isEmpty ? [] : idx
                idx = base.isEmpty ? [] : (0..<n).map { base[$0 % base.count] }
            }
            return .vector(x.taking(idx).withoutNames)
        }
        define("rev", ["x"], topic: "vectors", usage: "rev(x)", "The elements in reverse order.") { ctx in
            let x = try ctx.vector("x")
            return .vector(x.taking((0..<x.count).reversed().map { $0 }))
        }
        define("is.na", ["x"], topic: "vectors", usage: "is.na(x)",
               "TRUE where a value is missing (NA or NaN).") { ctx in
            switch try ctx.value("x") {
            case .vector(let v): return .vector(Vector(.logical(v.missing), names: v.names))
            case .list(let l): return .vector(Vector(.logical(l.values.map { $0.isNull })))
            default: return .vector(.logical(false))
            }
        }
        define("is.null", ["x"], topic: "vectors", usage: "is.null(x)", "TRUE when x is NULL.") { ctx in
            .vector(.logical(try ctx.value("x").isNull))
        }
        define("class", ["x"], topic: "vectors", usage: "class(x)",
               "The kind of value: numeric, integer, character, logical, factor, list, data.frame, formula, function, glm, ...") { ctx in
            .vector(.string(try ctx.value("x").className))
        }
        define("ifelse", ["test", "yes", "no"], topic: "vectors", usage: "ifelse(test, yes, no)",
               "Element-wise choice: yes where test is TRUE, no where FALSE, NA where NA (yes and no are recycled).") { ctx in
            let test = try ctx.vector("test")
            guard let t = test.logicals else { throw ctx.fail("'test' must be TRUE/FALSE values", argument: "test") }
            let yes = try ctx.vector("yes"), no = try ctx.vector("no")
            guard yes.count > 0, no.count > 0 else { throw ctx.fail("'yes' and 'no' must not be empty") }
            let both = try ctx.interpreter.combine([yes.withoutNames, no.withoutNames], at: ctx.call)
            let idx: [Int?] = t.enumerated().map { (i, b) in b.map { $0 ? i % yes.count : yes.count + i % no.count } }
            return .vector(Vector(both.taking(idx).storage, names: test.names))
        }
        define("which", ["x"], topic: "vectors", usage: "which(x)", "Positions (1-based) where x is TRUE.") { ctx in
            let x = try ctx.vector("x")
            guard let l = x.logicals, x.typeName == "logical" else { throw ctx.fail("which() needs TRUE/FALSE values", argument: "x") }
            let pos = l.indices.filter { l[$0] == true }
            return .vector(Vector(.integer(pos.map { $0 + 1 }), names: x.names.map { n in pos.map { n[$0] } }))
        }
        define("any", ["...", "na.rm"], topic: "vectors", usage: "any(..., na.rm = FALSE)", "TRUE when any value is TRUE.") { ctx in
            let values = try logicalDots(ctx)
            if values.contains(true) { return .vector(.logical(true)) }
            if try values.contains(nil) && !ctx.bool("na.rm", default: false) { return .vector(.logical(nil)) }
            return .vector(.logical(false))
        }
        define("all", ["...", "na.rm"], topic: "vectors", usage: "all(..., na.rm = FALSE)", "TRUE when every value is TRUE.") { ctx in
            let values = try logicalDots(ctx)
            if values.contains(false) { return .vector(.logical(false)) }
            if try values.contains(nil) && !ctx.bool("na.rm", default: false) { return .vector(.logical(nil)) }
            return .vector(.logical(true))
        }
        define("unique", ["x"], topic: "vectors", usage: "unique(x)", "The distinct values in order of first appearance.") { ctx in
            let x = try ctx.vector("x")
            var seen = Set<String>(), keep: [Int?] = []
            for (i, s) in x.strings.enumerated() where seen.insert(s ?? "\u{0}NA").inserted { keep.append(i) }
            return .vector(x.taking(keep).withoutNames)
        }
        define("order", ["...", "decreasing"], topic: "vectors", usage: "order(..., decreasing = FALSE)",
               "The permutation (1-based) that sorts the first vector, ties broken by the next ones; NA last. d[order(d$x), ] sorts a table's rows.") { ctx in
            let keys = try ctx.dots.map { d -> Vector in
                guard case .vector(let v)? = d.value else { throw ctx.fail("order() sorts vectors") }
                return v
            }
            guard let n = keys.first?.count else { return .vector(Vector(.integer([]))) }
            guard keys.allSatisfy({ $0.count == n }) else { throw ctx.fail("the vectors given to order() differ in length") }
            let decreasing = try ctx.bool("decreasing", default: false)
            let perm = (0..<n).sorted { a, b in
                for k in keys {
                    let r = compareElements(k, a, b)
                    if r != 0 { return decreasing && !k.missing[a] && !k.missing[b] ? r > 0 : r < 0 }
                }
                return a < b
            }
            return .vector(Vector(.integer(perm.map { $0 + 1 })))
        }
        define("sort", ["x", "decreasing"], topic: "vectors", usage: "sort(x, decreasing = FALSE)",
               "The values sorted (missing values are dropped, as in R).") { ctx in
            let x = try ctx.vector("x")
            let decreasing = try ctx.bool("decreasing", default: false)
            let keep = (0..<x.count).filter { !x.missing[$0] }
            let perm = keep.sorted { a, b in
                let r = compareElements(x, a, b)
                return r != 0 ? (decreasing ? r > 0 : r < 0) : a < b
            }
            return .vector(x.taking(perm))
        }
    }
}

/// All values of the `...` arguments as logicals.
func logicalDots(_ ctx: CallContext) throws -> [Bool?] {
    var out: [Bool?] = []
    for d in ctx.dots {
        guard case .vector(let v)? = d.value, let l = v.logicals else {
            throw ctx.interpreter.fail(.type, "\(ctx.function)() needs TRUE/FALSE values", offset: d.at)
        }
        out += l
    }
    return out
}

/// -1, 0, 1 comparing elements `a` and `b` of `v` (missing last; numbers numerically; text by code point; factors by level).
func compareElements(_ v: Vector, _ a: Int, _ b: Int) -> Int {
    let ma = v.missing[a], mb = v.missing[b]
    if ma || mb { return ma == mb ? 0 : (ma ? 1 : -1) }
    switch v.storage {
    case .factor(let c, _):
        let x = c[a] ?? 0, y = c[b] ?? 0
        return x < y ? -1 : (x == y ? 0 : 1)
    case .character(let s):
        let x = s[a] ?? "", y = s[b] ?? ""
        if x == y { return 0 }
        return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1
    default:
        let d = v.doubles ?? []
        let x = d[a] ?? 0, y = d[b] ?? 0
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
