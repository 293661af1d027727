import Formula
import Frames
import Linalg
import Models

/// The estimates of a GLM or of a mixed model's fixed effects, for vcov() and confint().
struct Estimates {
    var names: [String]
    var values: [Double]
    var se: [Double]
    var matrix: Matrix

    var covariance: ([String], Matrix) { (names, matrix) }
}

extension Interpreter {
    /// The estimates of the `object` argument: a glm/lm fit or a mixed model's fixed effects.
    func estimates(_ ctx: CallContext) throws -> Estimates {
        if case .object(let m as MixedObject)? = ctx.values["object"] {
            return Estimates(names: m.fit.fixedNames, values: m.fit.beta, se: m.fit.coefficients.map(\.stdError), matrix: m.fit.covariance)
        }
        let g = try glmObject(ctx)
        return Estimates(names: g.fit.columnNames, values: g.fit.estimates, se: g.fit.coefficients.map(\.stdError), matrix: g.fit.covariance)
    }

    /// lme4's coef(merMod): per grouping factor, a table of each level's coefficients (fixed effect plus
    /// the level's conditional mode where the column has a random effect).
    func groupCoefficients(_ m: MixedObject) throws -> Value {
        var tables: [Value] = []
        for cm in m.fit.conditionalModes {
            var columns = [Column(name: cm.group, values: .string(cm.levels))]
            for (j, name) in m.fit.fixedNames.enumerated() {
                let b = m.fit.beta[j]
                let r = cm.columnNames.firstIndex(of: name)
                columns.append(Column(name: name, values: .double(cm.levels.indices.map { l in b + (r.map { cm.mode(level: l, column: $0) } ?? 0) })))
            }
            for (r, name) in cm.columnNames.enumerated() where !m.fit.fixedNames.contains(name) {
                columns.append(Column(name: name, values: .double(cm.levels.indices.map { cm.mode(level: $0, column: r) })))
            }
            tables.append(.table(try Table(columns: columns)))
        }
        if tables.count == 1 { return tables[0] }
        return .list(ListValue(tables, names: m.fit.conditionalModes.map(\.group)))
    }

    /// predict() for a mixed model: conditional or population-level, link or response scale, for the fitted
    /// rows or for new data (built on the fitted data with the new rows appended, so codings are the fit's).
    func mixedPredict(_ m: MixedObject, _ ctx: CallContext) throws -> Value {
        let t = try ctx.string("type", default: "link")
        guard let scale = PredictionScale(rawValue: t) else { throw ctx.fail("unknown type \"\(t)\"", argument: "type", hint: "use \"link\" or \"response\"") }
        var conditional = true
        switch ctx.values["re.form"] {
        case nil, .null?: conditional = true
        case .vector(let x)? where x.count == 1 && x.strings[0] == nil: conditional = false
        case .formula(let f)? where f.formula.randomTerms.isEmpty: conditional = false
        case let v?:
            throw ctx.fail("re.form must be NULL (include the random effects) or NA (leave them out), not \(describe(v))", argument: "re.form")
        }
        let allowNew = try ctx.bool("allow.new.levels", default: false)
        guard ctx.has("newdata") else {
            if conditional { return .vector(Vector(.double((scale == .link ? m.fit.linearPredictor : m.fit.fitted).map { $0 }))) }
            return .vector(Vector(.double(try m.fit.predict(m.frame, conditional: false, scale: scale).map { $0 })))
        }
        if m.usedOptionColumns {
            throw ctx.fail("predictions for new data need the offset inside the formula", argument: "newdata",
                           hint: "fit with y ~ x + offset(log(days)) + (1 | g) instead of offset = log(days)")
        }
        let newdata = try ctx.table("newdata")
        let parsed = try Formula(m.formula)
        let rhs: String
        if conditional {
            guard let tilde = m.formula.firstIndex(of: "~") else { throw ctx.fail("the model's formula has no ~") }
            rhs = String(m.formula[m.formula.index(after: tilde)...])
        } else {
            rhs = parsed.fixedPart.deparse()
        }
        var columns: [Column] = []
        for name in m.data.columnNames where newdata.has(name) {
            let a = Vector(column: try m.data.column(name)), b = Vector(column: try newdata.column(name))
            columns.append(try combine([a, b], at: ctx.call).column(named: name))
        }
        let combined = try Table(columns: columns)
        let frame = try ModelFrame.build(formula: Formula("~ " + rhs), data: combined)
        guard frame.fixed.columnNames == m.fit.fixedNames else {
            let extra = frame.fixed.columnNames.filter { !m.fit.fixedNames.contains($0) }
            throw ctx.fail("newdata gives model columns the fit does not have (\(extra.prefix(4).joined(separator: ", ")))", argument: "newdata",
                           hint: "use only factor levels that occur in the fitted data")
        }
        // Only the new rows: a level unseen in the fit can only come from them.
        let rowsUsed = frame.rowsUsed   // read once: spelled out on each access when no row was dropped
        let keep = rowsUsed.indices.filter { rowsUsed[$0] >= m.data.rowCount }
        let design = frame.fixed.matrix   // read once: a computed property
        var x = Matrix(rows: keep.count, columns: design.columns)
        for (i, k) in keep.enumerated() { for j in 0..<x.columns { x[i, j] = design[k, j] } }
        let terms: [RandomTermDesign] = frame.randomTerms.map { term in
            var z = Matrix(rows: keep.count, columns: term.z.columns)
            for (i, k) in keep.enumerated() { for j in 0..<z.columns { z[i, j] = term.z[k, j] } }
            return RandomTermDesign(grouping: GroupingFactor(name: term.grouping.name, codes: keep.map { term.grouping.codes[$0] }, levels: term.grouping.levels),
                                    z: z, columnNames: term.columnNames, correlated: term.correlated)
        }
        let offset = frame.offset.map { o in keep.map { o[$0] } }
        let values = try m.fit.predict(x: x, randomTerms: terms, offset: offset, conditional: conditional, allowNewLevels: allowNew, scale: scale)
        var slot: [Int: Int] = [:]
        for (i, k) in keep.enumerated() { slot[rowsUsed[k]] = i }
        return .vector(Vector(.double((0..<newdata.rowCount).map { r in slot[m.data.rowCount + r].map { values[$0] } })))
    }
}
