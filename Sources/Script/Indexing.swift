import Frames

extension Interpreter {
    /// `x$name`: a table's column, a list's element, a library object's field.
    func dollar(_ v: Value, _ name: String, at e: Expr) throws -> Value {
        switch v {
        case .table(let t):
            guard let c = t[name] else {
                throw fail(.unknownName, "the table has no column '\(name)'", at: e,
                           hint: didYouMean(nearestNames(to: name, among: t.columnNames)).isEmpty ? "its columns are \(t.columnNames.prefix(12).joined(separator: ", "))" : didYouMean(nearestNames(to: name, among: t.columnNames)))
            }
            return .vector(Vector(column: c))
        case .list(let l):
            return l.element(name) ?? .null
        case .object(let o):
            guard let f = o.field(name) else {
                throw fail(.unknownName, "a \(o.className) has no field '\(name)'", at: e,
                           hint: didYouMean(nearestNames(to: name, among: o.fieldNames)).isEmpty ? "its fields are \(o.fieldNames.joined(separator: ", "))" : didYouMean(nearestNames(to: name, among: o.fieldNames)))
            }
            return f
        case .null:
            return .null
        default:
            throw fail(.type, "'$' takes columns of tables and elements of lists; this is a \(v.className)", at: e,
                       hint: v.className == "numeric" || v.className == "character" ? "use x[\"name\"] for a named element of a vector" : "")
        }
    }

    /// Positions selected by an index value among `count` elements with `names` (0-based; nil = NA,
    /// i.e. beyond the end or an unknown name).
    func positions(_ idx: Value?, count: Int, names: [String]?, at e: Expr, what: String) throws -> [Int?] {
        guard let idx else { return Array(0..<count) }
        switch idx {
        case .null: return []
        case .vector(let v):
            switch v.storage {
            case .logical(let l):
                guard !l.isEmpty else { return [] }
                if l.count > count {
                    throw fail(.type, "a logical index of length \(l.count) is longer than the \(count) \(what)", at: e)
                }
                var out: [Int?] = []
                let n = Swift.max(count, l.count)
                for i in 0..<n {
                    switch l[i % l.count] {
                    case true?: out.append(i < count ? i : nil)
                    case nil: out.append(nil)
                    default: break
                    }
                }
                return out
            case .character(let s):
                guard let names else {
                    throw fail(.type, "cannot select \(what) by name: they have no names", at: e)
                }
                var firstIndex: [String: Int] = [:]
                for (k, n) in names.enumerated() where firstIndex[n] == nil { firstIndex[n] = k }
                return s.map { $0.flatMap { firstIndex[$0] } }
            case .factor:
                return try positions(.vector(Vector(.character(v.strings))), count: count, names: names, at: e, what: what)
            default:
                let d = v.doubles ?? []
                let present = d.compactMap { $0 }
                if present.contains(where: { $0 < 0 }) {
                    guard present.allSatisfy({ $0 <= 0 }), !d.contains(where: { $0 == nil }) else {
                        throw fail(.type, "cannot mix positive and negative positions in one index", at: e,
                                   hint: "negative positions drop elements: x[-1] is all but the first")
                    }
                    let drop = Set(present.map { Int(-$0) - 1 })
                    return (0..<count).filter { !drop.contains($0) }
                }
                return d.compactMap { p -> Int?? in
                    guard let p else { return .some(nil) }
                    if p == 0 { return nil }   // R drops zeros
                    let k = Int(p) - 1
                    return .some(k < count ? k : nil)
                }
            }
        default:
            throw fail(.type, "an index must be numbers, TRUE/FALSE or names, not a \(idx.className)", at: e)
        }
    }

    /// `x[i]`, `x[[i]]`, `d[i, j]`.
    func index(_ v: Value, _ idx: [Value?], double: Bool, named: [String: Value], at e: Expr) throws -> Value {
        switch v {
        case .vector(let x):
            guard idx.count <= 1 else {
                throw fail(.type, "a vector has one dimension, but \(idx.count) indices were given", at: e, hint: "write x[i]")
            }
            let pos = try positions(idx.first ?? nil, count: x.count, names: x.names, at: e, what: "elements")
            if double {
                guard pos.count == 1, let k = pos[0] else {
                    throw fail(.type, pos.count == 1 ? "subscript out of bounds (the vector has \(x.count) elements)" : "[[ ]] selects exactly one element, got \(pos.count)", at: e)
                }
                return .vector(x.taking([k]).withoutNames)
            }
            return .vector(x.taking(pos))
        case .list(let l):
            guard idx.count <= 1 else { throw fail(.type, "a list has one dimension; write l[[i]] or l$name", at: e) }
            let pos = try positions(idx.first ?? nil, count: l.values.count, names: l.names, at: e, what: "list elements")
            if double {
                guard pos.count == 1 else { throw fail(.type, "[[ ]] selects exactly one element, got \(pos.count)", at: e) }
                guard let k = pos[0] else {
                    if case .vector(let iv)? = idx.first ?? nil, case .character = iv.storage { return .null }
                    throw fail(.type, "subscript out of bounds (the list has \(l.values.count) elements)", at: e)
                }
                return l.values[k]
            }
            return .list(ListValue(pos.map { $0.map { l.values[$0] } ?? .null },
                                   names: l.names.map { ns in pos.map { $0.map { ns[$0] } ?? "<NA>" } }))
        case .table(let t):
            if double || idx.count == 1 {
                let pos = try positions(idx.first ?? nil, count: t.columnCount, names: t.columnNames, at: e, what: "columns")
                if double {
                    guard pos.count == 1, let k = pos[0] else {
                        if pos.count == 1, case .vector(let iv)? = idx.first ?? nil, let name = iv.strings.first ?? nil {
                            throw fail(.unknownName, "the table has no column '\(name)'", at: e, hint: didYouMean(nearestNames(to: name, among: t.columnNames)))
                        }
                        throw fail(.type, "[[ ]] selects exactly one column", at: e)
                    }
                    return .vector(Vector(column: t.columns[k]))
                }
                return .table(try selectColumns(t, pos, idx.first ?? nil, at: e))
            }
            guard idx.count == 2 else {
                throw fail(.type, "a table takes [rows, columns], but \(idx.count) indices were given", at: e)
            }
            let rows = try positions(idx[0], count: t.rowCount, names: nil, at: e, what: "rows")
            let cols = try positions(idx[1], count: t.columnCount, names: t.columnNames, at: e, what: "columns")
            var sub = try selectColumns(t, cols, idx[1], at: e)
            sub = try sub.rows(rows.map { $0 ?? -1 })
            let drop = named["drop"].flatMap { $0.vector?.logicals?.first ?? nil } ?? true
            if sub.columnCount == 1 && drop { return .vector(Vector(column: sub.columns[0])) }
            return .table(sub)
        case .null:
            return .null
        default:
            throw fail(.type, "a \(v.className) cannot be indexed with [ ]", at: e,
                       hint: v.className == "function" ? "call a function with ( ), not [ ]" : "")
        }
    }

    private func selectColumns(_ t: Table, _ pos: [Int?], _ idx: Value?, at e: Expr) throws -> Table {
        var cols: [Column] = []
        for (j, p) in pos.enumerated() {
            guard let k = p else {
                if case .vector(let iv)? = idx, let name = iv.strings[j] {
                    throw fail(.unknownName, "the table has no column '\(name)'", at: e, hint: didYouMean(nearestNames(to: name, among: t.columnNames)))
                }
                throw fail(.type, "column position out of range (the table has \(t.columnCount) columns)", at: e)
            }
            cols.append(t.columns[k])
        }
        do {
            return try Table(columns: cols, source: t.source)
        } catch {
            throw fail(.type, "a column is selected twice", at: e)
        }
    }

    // MARK: - Assignment

    func assign(_ target: Expr, _ value: Value, _ env: Environment, superAssign: Bool) throws {
        switch target.node {
        case .name(let n), .string(let n?):
            if superAssign { env.superAssign(n, value) } else { env.assign(n, value) }
        case .dollar(let inner, let field):
            let current = try eval(inner, env)
            try assign(inner, try setField(current, field, value, at: target), env, superAssign: superAssign)
        case .index(let inner, let args, let double):
            let current = try eval(inner, env)
            var idx: [Value?] = []
            for a in args { idx.append(try a.value.map { try eval($0, env) }) }
            try assign(inner, try setIndex(current, idx, value, double: double, at: target), env, superAssign: superAssign)
        case .call(let f, let args):
            guard case .name(let fname) = f.node, let first = args.first?.value else {
                throw fail(.syntax, "cannot assign to this expression", at: target)
            }
            let current = try eval(first, env)
            let updated: Value
            switch (fname, current) {
            case ("names", .vector(var v)):
                guard case .vector(let nv) = value, nv.count == v.count else {
                    throw fail(.type, "names must be a character vector as long as the vector (\(v.count))", at: target)
                }
                v.names = nv.strings.map { $0 ?? "NA" }
                updated = .vector(v)
            case ("names", .list(var l)):
                guard case .vector(let nv) = value, nv.count == l.values.count else {
                    throw fail(.type, "names must be a character vector as long as the list (\(l.values.count))", at: target)
                }
                l.names = nv.strings.map { $0 ?? "NA" }
                updated = .list(l)
            case ("names", .table(let t)):
                guard case .vector(let nv) = value, nv.count == t.columnCount else {
                    throw fail(.type, "names must be a character vector with one name per column (\(t.columnCount))", at: target)
                }
                let ns = nv.strings.map { $0 ?? "NA" }
                do {
                    updated = .table(try Table(columns: zip(t.columns, ns).map { $0.renamed($1) }, source: t.source))
                } catch let fe as FrameError {
                    throw fail(.type, fe.description, at: target)
                }
            default:
                throw fail(.unknownName, "there is no replacement form '\(fname)(x) <- value'", at: target,
                           hint: "names(x) <- value is supported; for tables use transform()")
            }
            try assign(first, updated, env, superAssign: superAssign)
        default:
            throw fail(.syntax, "cannot assign to this expression", at: target)
        }
    }

    func setField(_ current: Value, _ field: String, _ value: Value, at e: Expr) throws -> Value {
        switch current {
        case .table(var t):
            if case .null = value { t.removeColumn(field); return .table(t) }
            guard case .vector(let v) = value else {
                throw fail(.type, "a column must be a vector, not a \(value.className)", at: e)
            }
            let n = t.columnCount == 0 ? v.count : t.rowCount
            guard v.count == n || v.count == 1 else {
                throw fail(.type, "the new column has \(v.count) values, but the table has \(n) rows", at: e,
                           hint: "give one value per row, or a single value to repeat")
            }
            let full = v.count == n ? v : v.taking([Int?](repeating: 0, count: n))
            try? t.setColumn(full.withoutNames.column(named: field))
            return .table(t)
        case .list(var l):
            var names = l.names ?? [String](repeating: "", count: l.values.count)
            if let k = names.firstIndex(of: field) {
                if case .null = value { l.values.remove(at: k); names.remove(at: k) } else { l.values[k] = value }
            } else if !value.isNull {
                l.values.append(value); names.append(field)
            }
            l.names = names
            return .list(l)
        case .null:
            if case .null = value { return .null }
            return .list(ListValue([value], names: [field]))
        default:
            throw fail(.type, "'$<-' works on tables and lists, not a \(current.className)", at: e)
        }
    }

    func setIndex(_ current: Value, _ idx: [Value?], _ value: Value, double: Bool, at e: Expr) throws -> Value {
        switch current {
        case .list(var l):
            guard idx.count == 1 else { throw fail(.type, "a list takes one index", at: e) }
            if case .vector(let iv)? = idx[0], case .character(let s) = iv.storage, s.count == 1, let name = s[0] {
                return try setField(.list(l), name, value, at: e)
            }
            let pos = try positions(idx[0], count: l.values.count, names: l.names, at: e, what: "list elements")
            guard pos.count == 1 else { throw fail(.type, "assign list elements one at a time with l[[i]] <- value", at: e) }
            let k: Int
            if let p = pos[0] { k = p } else if case .vector(let iv)? = idx[0], let d = iv.doubles?.first ?? nil { k = Int(d) - 1 } else {
                throw fail(.type, "list position out of range", at: e)
            }
            while l.values.count <= k { l.values.append(.null); l.names?.append("") }
            l.values[k] = value
            return .list(l)
        case .table(let t):
            if idx.count == 1, case .vector(let iv)? = idx[0], case .character(let s) = iv.storage, s.count == 1, let name = s[0] {
                return try setField(.table(t), name, value, at: e)
            }
            throw fail(.type, "assigning into parts of a table is limited to d[[\"column\"]] <- values and d$column <- values", at: e,
                       hint: "to change some rows use transform(d, x = ifelse(condition, new, x))")
        case .vector, .null:
            let x = current.vector ?? Vector(.logical([]))
            guard idx.count == 1 else { throw fail(.type, "a vector takes one index", at: e) }
            guard case .vector(let v) = value else {
                throw fail(.type, "cannot put a \(value.className) into a vector", at: e, hint: "use a list to hold mixed values")
            }
            var names = x.names
            var pos: [Int] = []
            if case .vector(let iv)? = idx[0], case .character(let s) = iv.storage {
                var ns = names ?? [String](repeating: "", count: x.count)
                for n in s {
                    let name = n ?? "NA"
                    if let k = ns.firstIndex(of: name) { pos.append(k) } else { ns.append(name); pos.append(ns.count - 1) }
                }
                names = ns
            } else if case .vector(let iv)? = idx[0], iv.isNumeric, iv.typeName != "logical" {
                for d in iv.doubles ?? [] {
                    guard let d, d >= 1 else { throw fail(.type, "positions to assign to must be 1 or more", at: e) }
                    guard d <= 1e8 else { throw fail(.type, "position \(numberText(d)) is too large", at: e) }
                    pos.append(Int(d) - 1)
                }
            } else {
                pos = try positions(idx[0], count: x.count, names: x.names, at: e, what: "elements").compactMap { $0 }
            }
            guard !pos.isEmpty else { return current }
            guard v.count > 0 else { throw fail(.type, "replacement has length zero", at: e) }
            if pos.count % v.count != 0 { warn("number of items to replace is not a multiple of replacement length") }
            let size = Swift.max(x.count, (pos.max() ?? -1) + 1)
            var combined = try combine([x, v], at: e)
            // combined holds x then v; rebuild x extended with NA, then overwrite.
            let xs = combined.taking(Array(0..<x.count).map { Optional($0) } + [Int?](repeating: nil, count: size - x.count))
            var result = xs
            let vs = combined.taking(Array(x.count..<(x.count + v.count)).map { Optional($0) })
            result = overwrite(result, at: pos, with: vs)
            if var ns = names {
                while ns.count < size { ns.append("") }
                result.names = ns
            }
            combined = result
            return .vector(combined)
        default:
            throw fail(.type, "cannot assign into a \(current.className) with [ ]", at: e)
        }
    }

    private func overwrite(_ x: Vector, at pos: [Int], with v: Vector) -> Vector {
        func put<T>(_ a: [T?], _ b: [T?]) -> [T?] {
            var a = a
            for (j, p) in pos.enumerated() { a[p] = b[j % b.count] }
            return a
        }
        switch (x.storage, v.storage) {
        case (.logical(let a), .logical(let b)): return Vector(.logical(put(a, b)), names: x.names)
        case (.integer(let a), .integer(let b)): return Vector(.integer(put(a, b)), names: x.names)
        case (.double(let a), .double(let b)): return Vector(.double(put(a, b)), names: x.names)
        case (.character(let a), .character(let b)): return Vector(.character(put(a, b)), names: x.names)
        case (.factor(let a, let l), .factor(let b, _)): return Vector(.factor(codes: put(a, b), levels: l), names: x.names)
        default: return x
        }
    }
}
