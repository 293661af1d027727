import Foundation
import Testing
import Frames
import Linalg
@testable import Formula

@Test("text columns become factors with levels in code-point (C-locale) order")
func codePointLevels() throws {
    let t = try Table(columns: [
        Column(name: "y", values: .double([1, 2, 3, 4, 5])),
        Column(name: "g", values: .string(["b", "B", "a", "Á", "a"])),
    ])
    let mf = try ModelFrame.build(formula: "y ~ 0 + g", data: t)
    #expect(mf.fixed.columnNames == ["gB", "ga", "gb", "gÁ"])
}

@Test("binary responses: two-level factor (second level = 1) and TRUE/FALSE")
func binaryResponses() throws {
    let t = try smallTable()
    let mf = try ModelFrame.build(formula: "female ~ age", data: t)
    guard case .vector(let name, let v) = mf.response else { Issue.record("vector response expected"); return }
    #expect(name == "female" && v == [1, 0, 1, 1, 0, 0])
    let t2 = try Table(columns: [
        Column(name: "out", values: .string(["stay", "leave", "stay"])),
        Column(name: "x", values: .double([1, 2, 3])),
    ])
    guard case .vector(_, let w) = try ModelFrame.build(formula: "out ~ x", data: t2).response else { Issue.record("vector"); return }
    #expect(w == [1, 0, 1])   // levels leave < stay: stay is the second level
}

@Test("Surv events: 1/2 (2 = event), TRUE/FALSE, and a multi-state factor (first level censored)")
func survivalEvents() throws {
    let t = try Table(columns: [
        Column(name: "time", values: .double([5, 3, 8, 2, 9])),
        Column(name: "start", values: .double([0, 0, 1, 0, 2])),
        Column(name: "st", values: .integer([1, 2, 2, 1, 2])),
        Column(name: "dead", values: .boolean([false, true, true, false, true])),
        Column(name: "exit", values: .factor(Factor(codes: [0, 1, 2, 0, 2], levels: ["censor", "dropout", "transfer"]))),
        Column(name: "x", values: .double([1, 2, 3, 4, 5])),
    ])
    guard case .survival(let a) = try ModelFrame.build(formula: "Surv(time, st) ~ x", data: t).response else { Issue.record("Surv"); return }
    #expect(a.status == [0, 1, 1, 0, 1] && a.start == nil && a.states == nil && a.text == "Surv(time, st)")
    guard case .survival(let b) = try ModelFrame.build(formula: "Surv(start, time, dead) ~ x", data: t).response else { Issue.record("Surv"); return }
    #expect(b.status == [0, 1, 1, 0, 1] && b.start == [0, 0, 1, 0, 2] && b.stop == [5, 3, 8, 2, 9])
    guard case .survival(let c) = try ModelFrame.build(formula: "Surv(time, exit) ~ x", data: t).response else { Issue.record("Surv"); return }
    #expect(c.status == [0, 1, 2, 0, 2] && c.states == ["dropout", "transfer"])
}

@Test("strata, cluster and frailty become grouping factors named as survival names them")
func survivalSpecials() throws {
    let lung = try FixtureTables.load("lung")
    let mf = try ModelFrame.build(formula: "Surv(time, status) ~ age + strata(sex) + strata(ph.ecog) + cluster(inst) + frailty(inst)", data: lung)
    #expect(mf.fixed.columnNames == ["(Intercept)", "age"])
    // R: levels(with(na.omit(lung[c("sex","ph.ecog","inst")]), strata(sex, ph.ecog)))[1:3]
    #expect(mf.strata?.levels.prefix(3) == ["sex=1, ph.ecog=0", "sex=1, ph.ecog=1", "sex=1, ph.ecog=2"])
    #expect(mf.nDropped == 2)   // one NA in ph.ecog, one in inst
    #expect(mf.cluster?.name == "inst" && mf.cluster?.levels.first == "1")
    #expect(mf.frailty?.distribution == .gamma && mf.frailty?.grouping.count == mf.cluster?.count)
    let g = try ModelFrame.build(formula: "Surv(time, status) ~ age + (1 | inst)", data: lung)
    #expect(g.frailty?.distribution == .gaussian && g.frailty?.grouping.name == "inst")
}

@Test("weights and offset columns drop rows with missing values and add to offset() terms")
func weightsAndOffsets() throws {
    let t = try Table(columns: [
        Column(name: "y", values: .double([1, 2, 3, 4])),
        Column(name: "x", values: .double([1, 2, 3, 4])),
        Column(name: "w", values: .double([1, .nan, 2, 3]), missing: [false, true, false, false]),
        Column(name: "n", values: .double([10, 20, 30, 40])),
    ])
    let mf = try ModelFrame.build(formula: "y ~ x + offset(n / 10)", data: t, options: ModelFrameOptions(weights: "w", offset: "x"))
    #expect(mf.nObs == 3 && mf.nDropped == 1 && mf.rowsUsed == [0, 2, 3])
    #expect(mf.weights == [1, 2, 3])
    #expect(mf.offset == [2, 6, 8])
}

@Test("treatment reference level and sum contrasts are chosen per factor")
func contrastOptions() throws {
    let t = try smallTable()
    let ref = try ModelFrame.build(formula: "y ~ track", data: t, options: ModelFrameOptions(reference: ["track": "TSO"]))
    #expect(ref.fixed.columnNames == ["(Intercept)", "trackASO", "trackBSO"])
    let sum = try ModelFrame.build(formula: "y ~ track", data: t, options: ModelFrameOptions(contrasts: ["track": .sum]))
    #expect(sum.fixed.columnNames == ["(Intercept)", "track1", "track2"])
    // rows: TSO ASO BSO ASO TSO BSO; levels ASO BSO TSO; TSO is the last level: -1 in both.
    #expect(sum.fixed.matrix.column(1) == [-1, 1, 0, 1, -1, 0])
    #expect(sum.fixed.matrix.column(2) == [-1, 0, 1, 0, -1, 1])
    let logical = try ModelFrame.build(formula: "y ~ female * age", data: t)
    #expect(logical.fixed.columnNames == ["(Intercept)", "femaleTRUE", "age", "femaleTRUE:age"])
}

/// Set TRUANT_FORMULA_ROWS=1000000 (release build with -enable-testing) to time a registry-sized design.
@Test("building a large design is fast and fills columns directly")
func largeDesign() throws {
    let n = Int(ProcessInfo.processInfo.environment["TRUANT_FORMULA_ROWS"] ?? "") ?? 50_000
    var a = [Double](repeating: 0, count: n), b = a
    var g = [Int32](repeating: 0, count: n)
    for i in 0..<n { a[i] = Double(i % 97) / 7; b[i] = Double(i % 13); g[i] = Int32(i % 5) }
    let t = try Table(columns: [
        Column(name: "y", values: .double(a)), Column(name: "a", values: .double(a)), Column(name: "b", values: .double(b)),
        Column(name: "g", values: .factor(Factor(codes: g, levels: ["v", "w", "x", "y", "z"]))),
    ])
    let clock = ContinuousClock()
    var mf: ModelFrame? = nil
    let elapsed = try clock.measure { mf = try ModelFrame.build(formula: "y ~ g * (a + b) + I(a^2) + log1p(b) + I(a * b)", data: t) }
    let m = try #require(mf)
    print("ModelFrame.build: \(n) rows x \(m.fixed.matrix.columns) columns in \(elapsed)")
    #expect(m.fixed.columnNames == ["(Intercept)", "gw", "gx", "gy", "gz", "a", "b", "I(a^2)", "log1p(b)", "I(a * b)",
                                    "gw:a", "gx:a", "gy:a", "gz:a", "gw:b", "gx:b", "gy:b", "gz:b"])
    #expect(m.fixed.matrix.columns == 18 && m.nObs == n)
    #expect(m.fixed.matrix[7, 1] == 0 && m.fixed.matrix[6, 1] == 1)   // row 6 has level w
}

/// Six rows for the design-option tests: a response, a factor, a double and an integer column.
private func smallDesignTable() throws -> Table {
    try Table(columns: [
        Column(name: "y", values: .double([1, 2, 3, 4, 5, 6])),
        Column(name: "g", values: .string(["a", "b", "c", "a", "b", "c"])),
        Column(name: "x", values: .double([0.5, 1.5, -1, 2, 0, 3])),
        Column(name: "k", values: .integer([3, -1, 0, 7, 2, 2])),
    ])
}

@Test("interceptColumn: false leaves out the column of ones but codes factors as with an intercept")
func designWithoutInterceptColumn() throws {
    let t = try smallDesignTable()
    let full = try ModelFrame.build(formula: "y ~ g * x", data: t)
    let lean = try ModelFrame.build(formula: "y ~ g * x", data: t, options: ModelFrameOptions(interceptColumn: false))
    #expect(full.fixed.columnNames.first == "(Intercept)" && full.fixed.hasIntercept)
    #expect(lean.fixed.columnNames == Array(full.fixed.columnNames.dropFirst()))
    #expect(!lean.fixed.hasIntercept)
    #expect(lean.fixed.assign == Array(full.fixed.assign.dropFirst()))
    // The same columns, treatment contrasts (not indicators) for g, and their sums with them.
    let n = full.fixed.matrix.rows, p = lean.fixed.matrix.columns
    #expect(Array(lean.fixed.matrix.storage) == Array(full.fixed.matrix.storage[n...]))
    #expect(lean.fixed.columnSums.map { Array($0) } == full.fixed.columnSums.map { Array($0.dropFirst()) })
    #expect(p == 5 && lean.fixed.columnNames == ["gb", "gc", "x", "gb:x", "gc:x"])
    // A formula without an intercept is unchanged by the option (indicators for the first factor).
    let none = try ModelFrame.build(formula: "y ~ 0 + g", data: t, options: ModelFrameOptions(interceptColumn: false))
    #expect(none.fixed.columnNames == ["ga", "gb", "gc"])
}

@Test("deferNumericDesign keeps a design of numeric variables as those variables, the same matrix made when read")
func deferredNumericDesign() throws {
    let t = try smallDesignTable()
    func frames(_ formula: String, intercept: Bool = false) throws -> (eager: ModelFrame, deferred: ModelFrame) {
        (try ModelFrame.build(formula: formula, data: t, options: ModelFrameOptions(interceptColumn: intercept)),
         try ModelFrame.build(formula: formula, data: t, options: ModelFrameOptions(interceptColumn: intercept, deferNumericDesign: true)))
    }
    // Doubles and integers: deferred; sums bit for bit those of the fill; the matrix made only when read, equal.
    let (eager, deferred) = try frames("y ~ x + k + log(x + 2)")
    let columns = try #require(deferred.fixed.variableColumns)
    #expect(columns.count == 3 && eager.fixed.variableColumns == nil && eager.fixed.matrixIsMade)
    #expect(!deferred.fixed.matrixIsMade)
    #expect(deferred.fixed.columnSums == eager.fixed.columnSums)
    #expect(deferred.fixed.columnNames == eager.fixed.columnNames && deferred.fixed.assign == eager.fixed.assign)
    #expect(deferred.fixed.matrix == eager.fixed.matrix)
    #expect(deferred.fixed.matrixIsMade)
    if case .integers(let k) = columns[1] { #expect(k == [3, -1, 0, 7, 2, 2]) } else { Issue.record("k is not kept as integers") }
    // Setting the matrix replaces the values and drops the sums, as for a filled design.
    var changed = deferred
    changed.fixed.matrix[0, 0] = 9
    #expect(changed.fixed.variableColumns == nil && changed.fixed.columnSums == nil && changed.fixed.matrix[0, 0] == 9)
    // A factor, an interaction or an intercept column: filled as always.
    for (formula, intercept) in [("y ~ x + g", false), ("y ~ x * k", false), ("y ~ x + k", true)] {
        let (e, d) = try frames(formula, intercept: intercept)
        #expect(d.fixed.variableColumns == nil && d.fixed.matrixIsMade, "\(formula)")
        #expect(d.fixed.matrix == e.fixed.matrix && d.fixed.columnSums == e.fixed.columnSums, "\(formula)")
    }
}
