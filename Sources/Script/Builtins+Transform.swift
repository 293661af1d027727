import Frames

extension Interpreter {
    /// Evaluates `e` with the columns of `t` visible as variables.
    func evalInTable(_ e: Expr, _ t: Table, _ env: Environment) throws -> Value {
        try eval(e, Environment(parent: env, mask: t))
    }

    /// The row grouping of `t` by `keys`: groups in key order (missing keys last), each with its rows.
    func groups(of t: Table, by keys: [String]) throws -> [[Int]] {
        guard !keys.isEmpty else { return [Array(0..<t.rowCount)] }
        let marker = "\u{1}row"
        let sorted = try t.select(keys).with(Column(name: marker, values: .integer(Array(0..<t.rowCount)))).sorted(by: keys.map { SortKey($0) })
        guard case .integer(let order) = try sorted.column(marker).values else { return [] }
        let cols = try keys.map { try t.column($0) }
        var out: [[Int]] = []
        var previous: Int? = nil
        for i in order {
            if let p = previous, cols.allSatisfy({ $0.text(at: i) == $0.text(at: p) && $0.missing[i] == $0.missing[p] }) {
                out[out.count - 1].append(i)
            } else {
                out.append([i])
            }
            previous = i
        }
        return out
    }

    func registerTransformBuiltins() {
        define("subset", ["x", "subset", "select"], quoted: ["subset"], topic: "transform", usage: "subset(x, subset, select = NULL)",
               "The rows of table x where the condition subset is TRUE (rows where it is NA are dropped, as in R); columns in the condition are used by name: subset(pupils, age >= 12 & track == \"BSO\"). select picks columns by name: select = c(\"id\", \"age\").") { ctx in
            var t = try ctx.table("x")
            if let cond = ctx.expressions["subset"] {
                let v = try ctx.interpreter.evalInTable(cond, t, ctx.environment)
                guard case .vector(let mask) = v, let keep = mask.logicals, mask.typeName == "logical" else {
                    throw ctx.interpreter.fail(.type, "the condition must give TRUE or FALSE per row, not \(describe(v))", at: cond,
                                               hint: "write a comparison such as age > 12")
                }
                guard keep.count == t.rowCount || keep.count == 1 else {
                    throw ctx.interpreter.fail(.type, "the condition gives \(keep.count) values for \(t.rowCount) rows", at: cond)
                }
                t = try t.filter(mask: (0..<t.rowCount).map { keep[keep.count == 1 ? 0 : $0] == true })
            }
            if ctx.has("select") { t = try t.select(try ctx.strings("select")) }
            return .table(t)
        }
        define("transform", ["_data", "..."], quoted: ["..."], topic: "transform", usage: "transform(`_data`, name = expression, ...)",
               "The table with new or replaced columns computed from its columns: transform(pupils, age2 = age^2, older = age > 14). Each expression sees the columns made by the ones before it.") { ctx in
            var t = try ctx.table("_data")
            for d in ctx.dots {
                guard let name = d.name, let e = d.expr else {
                    throw ctx.interpreter.fail(.arguments, "each new column needs a name: transform(d, name = expression)", offset: d.at)
                }
                let v = try ctx.interpreter.evalInTable(e, t, ctx.environment)
                if case .null = v { t.removeColumn(name); continue }
                guard case .vector(let x) = v else {
                    throw ctx.interpreter.fail(.type, "column '\(name)' must be a vector, not a \(v.className)", at: e)
                }
                guard x.count == t.rowCount || x.count == 1 else {
                    throw ctx.interpreter.fail(.type, "column '\(name)' has \(x.count) values, but the table has \(t.rowCount) rows", at: e,
                                               hint: "give one value per row, or one value for all")
                }
                let full = x.count == t.rowCount ? x : x.taking([Int?](repeating: 0, count: t.rowCount))
                try t.setColumn(full.withoutNames.column(named: name))
            }
            return .table(t)
        }
        define("group_summary", ["data", "by", "..."], quoted: ["..."], topic: "transform", usage: "group_summary(data, by, name = expression, ...)",
               "One row per group of the by columns (sorted by them), with each expression computed on the group's rows: group_summary(pupils, by = \"school\", n = length(id), mean_age = mean(age, na.rm = TRUE)). Like R's aggregate() or dplyr's summarise(). Each expression must give one value per group.") { ctx in
            let t = try ctx.table("data")
            let by = ctx.has("by") ? try ctx.strings("by") : []
            for k in by where !t.has(k) {
                throw ctx.fail("the table has no column '\(k)'", argument: "by", hint: didYouMean(nearestNames(to: k, among: t.columnNames)))
            }
            let gs = try ctx.interpreter.groups(of: t, by: by)
            var columns = try by.map { name -> Column in try t.column(name).taking(gs.map { $0[0] }) }
            for d in ctx.dots {
                guard let name = d.name, let e = d.expr else {
                    throw ctx.interpreter.fail(.arguments, "each summary needs a name: group_summary(d, by = \"g\", name = mean(x))", offset: d.at)
                }
                var parts: [Vector] = []
                for g in gs {
                    let v = try ctx.interpreter.evalInTable(e, try t.rows(g), ctx.environment)
                    guard case .vector(let x) = v, x.count == 1 else {
                        throw ctx.interpreter.fail(.type, "'\(name)' must give one value per group, got \(describe(v))", at: e,
                                                   hint: "use a summary such as mean(x), sum(x), length(x)")
                    }
                    parts.append(x.withoutNames)
                }
                let combined = parts.isEmpty ? Vector(.double([])) : try ctx.interpreter.combine(parts, at: e)
                columns.append(combined.column(named: name))
            }
            return .table(try Table(columns: columns, source: t.source))
        }
        define("merge", ["x", "y", "by", "all.x"], topic: "transform", usage: "merge(x, y, by, all.x = FALSE)",
               "Joins table y onto table x by the key columns by. With all.x = TRUE every row of x is kept (a left join: rows without a match get NA); otherwise only rows with a match (an inner join). y must have one row per key. A note says how many rows of x found no match.") { ctx in
            let x = try ctx.table("x"), y = try ctx.table("y")
            let by = ctx.has("by") ? try ctx.strings("by") : x.columnNames.filter { y.has($0) }
            guard !by.isEmpty else { throw ctx.fail("the tables have no column in common; give by = \"key\"", argument: "by") }
            let keepAll = try ctx.bool("all.x", default: false)
            let marker = "\u{1}matched"
            let (joined, report) = try x.leftJoin(try y.with(Column(name: marker, values: .boolean([Bool](repeating: true, count: y.rowCount)))), on: by)
            var out = joined
            if !keepAll {
                let m = try joined.column(marker).missing
                out = try joined.filter(mask: m.map { !$0 })
            }
            out.removeColumn(marker)
            if report.unmatchedRows > 0 {
                let keys = report.unmatchedKeys.prefix(5).joined(separator: ", ") + (report.unmatchedKeys.count > 5 ? ", ..." : "")
                ctx.interpreter.messages("note: \(report.unmatchedRows) row\(report.unmatchedRows == 1 ? "" : "s") of x found no match in y (keys \(keys))\(keepAll ? "; their new columns are NA" : " and were dropped")\n")
            }
            return .table(out)
        }
        define("left_join", ["x", "y", "by"], topic: "transform", usage: "left_join(x, y, by)",
               "Every row of x with the columns of y whose keys match (NA where none does): merge(x, y, by, all.x = TRUE).") { ctx in
            var inner = ctx
            inner.values["all.x"] = .vector(.logical(true))
            guard let merge = ctx.interpreter.builtins["merge"] else { return .null }
            return try merge.body(&inner)
        }
    }
}
