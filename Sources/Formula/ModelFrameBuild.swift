import Frames
import Linalg

extension ModelFrame {
    /// Applies `formula` to `data`, as R's `model.frame` + `model.matrix` (with
    /// `na.action = na.omit` and `drop.unused.levels = TRUE`) and lme4's random-effects terms.
    ///
    /// Rows with a missing value in any variable used (response, fixed terms, random terms,
    /// specials, weights, offset) are dropped and counted. Text columns become factors with
    /// levels in code-point order; logicals enter as factors with levels FALSE, TRUE.
    /// Throws `FormulaError` (with the position in the formula) for unknown columns and values
    /// of the wrong type.
    public static func build(formula: Formula, data: Table, options: ModelFrameOptions = ModelFrameOptions()) throws -> ModelFrame {
        try ModelFrameBuilder(formula: formula, data: data, options: options).build()
    }

    /// Parses `formula` and builds the model frame; see `build(formula:data:options:)`.
    public static func build(formula: String, data: Table, options: ModelFrameOptions = ModelFrameOptions()) throws -> ModelFrame {
        try build(formula: Formula(formula), data: data, options: options)
    }
}

/// The steps of `ModelFrame.build`.
struct ModelFrameBuilder {
    let formula: Formula
    let data: Table
    let options: ModelFrameOptions
    let evaluator: VariableEvaluator
    var n: Int { data.rowCount }

    init(formula: Formula, data: Table, options: ModelFrameOptions) {
        self.formula = formula
        self.data = data
        self.options = options
        self.evaluator = VariableEvaluator(table: data, formula: formula.text)
    }

    func fail(_ kind: FormulaError.Kind, _ message: String, _ at: Int) -> FormulaError {
        FormulaError(kind: kind, position: at, message: message, formula: formula.text)
    }

    /// Names used on the left-hand side (excluded from `.`).
    func names(in e: FormulaExpr?) -> Set<String> {
        guard let e else { return [] }
        switch e {
        case .name(let n, _): return [n]
        case .call(_, let args, _): return args.reduce(into: Set<String>()) { $0.formUnion(names(in: $1.value)) }
        case .unary(_, let x, _), .paren(let x, _): return names(in: x)
        case .binary(_, let l, let r, _): return names(in: l).union(names(in: r))
        default: return []
        }
    }

    /// The column a bare name refers to when it is an integer column (values read as they are).
    func integerColumn(_ e: FormulaExpr) -> Column? {
        guard case .name(let name, _) = e, let column = data[name], case .integer = column.values,
              column.count == n else { return nil }
        return column
    }

    /// Builds the frame: first with `deferScans`; when that finds a missing value in a deferred column (or
    /// throws after deferring one), again with every variable scanned first — the variables evaluated once —
    /// whose frame or error is then the answer.
    func build() throws -> ModelFrame {
        var cache: [String: VariableValue] = [:]
        var deferredAny = false
        do {
            if let frame = try build(deferScans: true, cache: &cache, deferred: &deferredAny) { return frame }
        } catch where deferredAny {
            // The full scan's frame or error (below) is the answer.
        }
        var none = false
        guard let frame = try build(deferScans: false, cache: &cache, deferred: &none) else {
            preconditionFailure("ModelFrameBuilder: a build that defers no scan gives a frame or throws")
        }
        return frame
    }

    /// Builds the frame. With `deferScans`, numeric variables that enter the fixed design as their own column
    /// (a main effect) and are used nowhere else are not scanned for missing values up front (`deferred` is
    /// set when there are any): the design reads them anyway to sum each column (filled or deferred,
    /// `ModelFrameOptions.deferNumericDesign`), and a missing value
    /// (NaN) makes that sum NaN. A column whose sum is not finite is then scanned: if it has a missing value the
    /// frame is not the full scan's (its rows would be fewer) and the result is `nil`; an infinite value or an
    /// overflowing sum alone changes no row. So a frame returned is always that of the full scan, which the
    /// common case (no missing value) makes without a second read of those columns. `cache` holds the
    /// variables evaluated so far (shared by the two builds).
    func build(deferScans: Bool, cache: inout [String: VariableValue], deferred deferredAny: inout Bool) throws -> ModelFrame? {
        // 1. Terms.
        let fixedTerms = try ModelTerms.expand(formula.fixedPart, columns: data.columnNames,
                                               excluded: names(in: formula.lhs), formula: formula.text)
        let randomSpecs = formula.randomTerms
        let randomTerms = try randomSpecs.map {
            try ModelTerms.expand($0.effects, columns: data.columnNames, excluded: [], formula: formula.text)
        }

        // 2. Evaluate every variable on all rows; collect the missing mask.
        var missing = [Bool](repeating: false, count: n)
        // Values whose missing cells are not yet in `missing`: scanned together below (on several cores for
        // big data) for whether they have any, and marked if so — all but the deferred ones.
        var unmarked: [(key: String, value: VariableValue)] = []
        var seen: Set<String> = []
        func eval(_ e: FormulaExpr) throws -> VariableValue {
            let key = e.deparse()
            let v: VariableValue
            if let known = cache[key] {
                v = known
            } else {
                v = try evaluator.evaluate(e)
                cache[key] = v
            }
            if seen.insert(key).inserted { unmarked.append((key, v)) }
            return v
        }
        // The fixed part's main-effect variables (their own design column), by key, with their term; less any
        // used elsewhere below.
        var deferrable: [String: Int] = [:]
        if deferScans {
            for (k, term) in fixedTerms.terms.enumerated() where term.count == 1 {
                deferrable[fixedTerms.variables[term[0]].deparse()] = k
            }
        }
        func touchElsewhere(_ e: FormulaExpr) throws {
            deferrable[e.deparse()] = nil
            try touch(e)
        }
        // A plain integer column is only converted to doubles when a step needs its values as doubles:
        // its missing cells are those of its mask, and the design and the event read its integers.
        var touchedIntegers: Set<String> = []
        func touch(_ e: FormulaExpr) throws {
            guard let column = integerColumn(e) else { _ = try eval(e); return }
            if touchedIntegers.insert(column.name).inserted { markMissing(column.missing, into: &missing) }
        }
        let responseSpec = formula.response
        switch responseSpec {
        case .expression(let e)?: try touchElsewhere(e)
        case .binomial(let s, let f, _)?: try touchElsewhere(s); try touchElsewhere(f)
        case .survival(let start, let stop, let event, _)?:
            if let start { try touchElsewhere(start) }
            try touchElsewhere(stop); try touchElsewhere(event)
        case nil: break
        }
        // Every variable named in the fixed part counts, even one removed with '-' (as R's model.frame).
        for v in fixedTerms.variables { try touch(v) }
        for (spec, terms) in zip(randomSpecs, randomTerms) {
            for t in terms.terms { for v in t { try touchElsewhere(terms.variables[v]) } }
            for g in spec.grouping { try touchElsewhere(g) }
        }
        for o in formula.offsets { try touchElsewhere(o) }
        for s in formula.strata { try touchElsewhere(s) }
        if let c = formula.cluster { try touchElsewhere(c) }
        if let f = formula.frailty { try touchElsewhere(f.grouping) }
        var extraWeights: [Double]? = nil, extraOffset: [Double]? = nil
        for (name, isWeights) in [(options.weights, true), (options.offset, false)] {
            guard let name else { continue }
            guard let c = data[name] else {
                let s = closestNames(to: name, among: data.columnNames)
                throw FormulaError(kind: .unknownColumn, position: 0,
                                   message: "unknown \(isWeights ? "weights" : "offset") column '\(name)'"
                                   + (s.isEmpty ? "" : "; did you mean " + s.map { "'\($0)'" }.joined(separator: ", ") + "?"),
                                   formula: formula.text, suggestions: s)
            }
            guard let d = c.doubles else {
                throw FormulaError(kind: .type, position: 0, message: "the \(isWeights ? "weights" : "offset") column '\(name)' must be numeric, but it is \(c.type.rawValue)", formula: formula.text)
            }
            for i in 0..<n where d[i].isNaN { missing[i] = true }
            if isWeights { extraWeights = d } else { extraOffset = d }
        }

        // Numeric main effects used nowhere else wait for the design's column sums (see `build(deferScans:)`).
        var deferred: Set<String> = []
        var scanned: [VariableValue] = []
        for (key, value) in unmarked {
            if case .numeric = value, deferrable[key] != nil { deferred.insert(key) } else { scanned.append(value) }
        }
        for (v, any) in zip(scanned, VariableValue.anyMissing(scanned, rows: n)) where any { v.markMissing(into: &missing) }
        unmarked = []
        deferredAny = !deferred.isEmpty

        // 3. Rows used.
        // With no row dropped (the common case) the row list is never spelled out.
        let anyMissing = missing.withUnsafeBufferPointer { flags in flags.contains(true) }
        let rowsUsed = anyMissing ? rowsWithoutMissing(missing) : []
        let m = anyMissing ? rowsUsed.count : n
        if m == 0 {
            throw FormulaError(kind: .invalid, position: 0,
                               message: n == 0 ? "the data has no rows" : "no rows left: all \(n) rows have a missing value in a variable the formula uses; check the columns for missing values",
                               formula: formula.text)
        }
        func used(_ e: FormulaExpr) throws -> VariableValue {
            let v = m == n ? try eval(e) : try eval(e).subset(rowsUsed, all: n)
            if case .factor(let c, let l) = v {
                let d = dropUnusedLevels(codes: c, levels: l)
                return .factor(codes: d.codes, levels: d.levels)
            }
            return v
        }
        func subsetDoubles(_ d: [Double]) -> [Double] { m == n ? d : rowsUsed.map { d[$0] } }
        /// The values of a plain integer column on the rows used (`nil` for anything else).
        func usedIntegers(_ e: FormulaExpr) -> [Int]? {
            guard let column = integerColumn(e), case .integer(let values) = column.values else { return nil }
            return m == n ? values : rowsUsed.map { values[$0] }
        }

        // 4. Response.
        let response = try buildResponse(responseSpec, used: used, usedIntegers: usedIntegers)

        // 5. Fixed design.
        func designVariables(_ terms: ModelTerms) throws -> [DesignVariable?] {
            var out = [DesignVariable?](repeating: nil, count: terms.variables.count)
            let usedVars = Set(terms.terms.flatMap { $0 })
            for v in usedVars.sorted() {
                let e = terms.variables[v]
                let label = e.deparse()
                var defaultContrast = ContrastKind.treatment
                if case .name(let n, _) = e, case .factor(let f)? = data[n]?.values, f.ordered { defaultContrast = .polynomial }
                if let ints = usedIntegers(e) {
                    out[v] = .integers(ints)
                    continue
                }
                switch try used(e) {
                case .numeric(let x): out[v] = .numeric(x)
                case .constant(let c): out[v] = .numeric([Double](repeating: c, count: m))
                case .logical(let x):
                    out[v] = .factor(codes: x.map { $0 == 1 ? 1 : 0 }, levels: ["FALSE", "TRUE"], contrast: options.contrasts[label] ?? .treatment)
                case .factor(var codes, var levels):
                    if let ref = options.reference[label] {
                        guard let k = levels.firstIndex(of: ref) else {
                            throw fail(.invalid, "reference level '\(ref)' is not a level of '\(label)' in the rows used (levels: \(levels.joined(separator: ", ")))", e.position)
                        }
                        if k != 0 {
                            levels.remove(at: k); levels.insert(ref, at: 0)
                            let kk = Int32(k)
                            codes = codes.map { $0 == kk ? 0 : ($0 < kk ? $0 + 1 : $0) }
                        }
                    }
                    out[v] = .factor(codes: codes, levels: levels, contrast: options.contrasts[label] ?? defaultContrast)
                }
            }
            return out
        }
        let fixed = try DesignBuilder(terms: fixedTerms, variables: designVariables(fixedTerms), rows: m, formula: formula.text,
                                      interceptColumn: options.interceptColumn, deferNumeric: options.deferNumericDesign).build()
        if !deferred.isEmpty {
            // Each deferred variable's own column: the one column of its single-variable term `k`.
            let sums = fixed.columnSums ?? []
            for key in deferred {
                guard let k = deferrable[key], let c = fixed.assign.firstIndex(of: k + 1), c < sums.count else { return nil }
                if !sums[c].sum.isFinite, cache[key]?.hasMissing ?? true { return nil }
            }
        }

        // 6. Random terms.
        var random: [RandomTermDesign] = []
        for (spec, terms) in zip(randomSpecs, randomTerms) {
            let z = try DesignBuilder(terms: terms, variables: designVariables(terms), rows: m, formula: formula.text).build()
            let g = try groupingFactor(spec.grouping, name: spec.groupName, used: used)
            random.append(RandomTermDesign(grouping: g, z: z.matrix, columnNames: z.columnNames, correlated: spec.correlated))
        }

        // 7. Offsets, weights, specials.
        var offset: [Double]? = nil
        for o in formula.offsets {
            let v = try evaluator.numbers(try used(o), o, what: "offset()")
            let add = v.count == m ? v : [Double](repeating: v.first ?? 0, count: m)
            offset = offset.map { zip($0, add).map(+) } ?? add
        }
        if let extraOffset {
            let add = subsetDoubles(extraOffset)
            offset = offset.map { zip($0, add).map(+) } ?? add
        }
        let weights = extraWeights.map(subsetDoubles)
        var strata: GroupingFactor? = nil
        let strataExprs = formula.strata
        if !strataExprs.isEmpty {
            strata = try strataFactor(strataExprs, used: used)
        }
        let cluster = try formula.cluster.map { try groupingFactor([$0], name: $0.deparse(), used: used) }
        var frailty = try formula.frailty.map {
            FrailtySpec(grouping: try groupingFactor([$0.grouping], name: $0.grouping.deparse(), used: used), distribution: $0.distribution)
        }
        if frailty == nil, case .survival = response, let first = random.first {
            frailty = FrailtySpec(grouping: first.grouping, distribution: .gaussian)
        }
        return ModelFrame(response: response, fixed: fixed, randomTerms: random, offset: offset, weights: weights,
                          strata: strata, cluster: cluster, frailty: frailty, nObs: m, nDropped: n - m, rowsUsed: m == n ? nil : rowsUsed)
    }

    /// Levels and codes of one variable as a factor (R's `factor()` of it).
    func asFactor(_ v: VariableValue) -> (codes: [Int32], levels: [String]) {
        if case .factor(let c, let l) = evaluator.toFactor(v) { return (c, l) }
        return ([], [])
    }

    /// The crossing of `factors` (first varies slowest), with unused combinations dropped, as
    /// R's `f1:f2` followed by `factor()`.
    func groupingFactor(_ factors: [FormulaExpr], name: String, used: (FormulaExpr) throws -> VariableValue) throws -> GroupingFactor {
        let parts = try factors.map { asFactor(try used($0)) }
        let crossed = crossFactors(parts, separator: ":")
        return GroupingFactor(name: name, codes: crossed.codes, levels: crossed.levels)
    }

    /// `strata(a) + strata(b, c)`: one factor crossing all, levels named `a=1, b=x, c=y` as
    /// survival's `strata()` names them (first variable slowest).
    func strataFactor(_ exprs: [FormulaExpr], used: (FormulaExpr) throws -> VariableValue) throws -> GroupingFactor {
        let parts = try exprs.map { e -> (codes: [Int32], levels: [String]) in
            let f = asFactor(try used(e))
            return (f.codes, f.levels.map { e.deparse() + "=" + $0 })
        }
        let crossed = crossFactors(parts, separator: ", ")
        return GroupingFactor(name: "strata(" + exprs.map { $0.deparse() }.joined(separator: ", ") + ")",
                              codes: crossed.codes, levels: crossed.levels)
    }
}

/// Crosses factors (no missing codes; the first varies slowest in the level order) and keeps only
/// the combinations that occur, without forming the full product of levels.
func crossFactors(_ parts: [(codes: [Int32], levels: [String])], separator: String) -> (codes: [Int32], levels: [String]) {
    guard let first = parts.first else { return ([], []) }
    if parts.count == 1 { return dropUnusedLevels(codes: first.codes, levels: first.levels) }
    let n = first.codes.count
    // Combine two at a time, compressing to the used combinations after each step (no overflow).
    var codes = first.codes.map(Int.init)
    var levels = first.levels
    for part in parts.dropFirst() {
        let k = part.levels.count
        var combined = [Int](repeating: 0, count: n)
        for i in 0..<n { combined[i] = codes[i] * k + Int(part.codes[i]) }
        let usedCombos = Array(Set(combined)).sorted()
        var index: [Int: Int] = [:]
        for (j, c) in usedCombos.enumerated() { index[c] = j }
        levels = usedCombos.map { levels[$0 / k] + separator + part.levels[$0 % k] }
        codes = combined.map { index[$0] ?? 0 }
    }
    return (codes.map { Int32($0) }, levels)
}
