import Testing
import Frames
import Linalg
@testable import Formula

@Test("rowsWithoutMissing lists the rows kept, in order")
func rowsKept() {
    #expect(rowsWithoutMissing([false, false, false]) == [0, 1, 2])
    #expect(rowsWithoutMissing([true, false, true, false]) == [1, 3])
    #expect(rowsWithoutMissing([true, true]) == [])
    #expect(rowsWithoutMissing([]) == [])
}

@Test("eventCoding tells 0/1 from 1/2 codings, also when the odd value comes late")
func eventCodings() {
    #expect(eventCoding([0, 1, 1, 0] as [Double]) == (true, false))
    #expect(eventCoding([1, 2, 2] as [Double]) == (false, true))
    #expect(eventCoding([1, 1] as [Double]) == (true, true))          // all 1: read as 0/1, as before
    #expect(eventCoding([0, 2] as [Double]) == (false, false))
    #expect(eventCoding([0, .nan] as [Double]) == (false, false))
    #expect(eventCoding([] as [Double]) == (true, true))
    var late = [Double](repeating: 1, count: 9_000)
    late[8_999] = 2
    #expect(eventCoding(late) == (false, true))
    late[8_000] = 0
    #expect(eventCoding(late) == (false, false))
    #expect(eventCoding([0, 1, 1] as [Int]) == (true, false) && eventCoding([2, 1] as [Int]) == (false, true))
    var lateInts = [Int](repeating: 0, count: 9_000)
    lateInts[8_999] = -1
    #expect(eventCoding(lateInts) == (false, false))
}

/// A table of `n` rows with double, integer and boolean columns and a few missing cells.
private func mixedTable(_ n: Int, missingAt: [Int]) throws -> Table {
    var mask = [Bool](repeating: false, count: n)
    for i in missingAt { mask[i] = true }
    return try Table(columns: [
        Column(name: "time", values: .double((0..<n).map { Double($0 % 17) + 0.5 })),
        Column(name: "event", values: .integer((0..<n).map { $0 % 3 == 0 ? 1 : 0 })),
        Column(name: "a", values: .double((0..<n).map { Double($0) * 0.25 - 3 }), missing: mask),
        Column(name: "k", values: .integer((0..<n).map { $0 % 5 - 2 })),
        Column(name: "b", values: .boolean((0..<n).map { $0 % 4 == 1 })),
    ])
}

@Test("a large numeric frame: rows with missing cells dropped, columns copied exactly")
func largeNumericFrame() throws {
    let n = 9_000
    let dropped = [3, 4_500, 8_999]
    let t = try mixedTable(n, missingAt: dropped)
    let mf = try ModelFrame.build(formula: "Surv(time, event) ~ a + k + I(k * a) + b", data: t)
    let rows = (0..<n).filter { !dropped.contains($0) }
    #expect(mf.rowsUsed == rows && mf.nObs == n - 3 && mf.nDropped == 3)
    #expect(mf.fixed.columnNames == ["(Intercept)", "a", "k", "I(k * a)", "bTRUE"])
    let x = mf.fixed.matrix
    let m = rows.count
    #expect(x.rows == m && x.columns == 5)
    for (r, i) in rows.enumerated() {
        let a = Double(i) * 0.25 - 3, k = Double(i % 5 - 2)
        #expect(x[r, 0] == 1 && x[r, 1] == a && x[r, 2] == k && x[r, 3] == k * a && x[r, 4] == (i % 4 == 1 ? 1 : 0))
    }
    guard case .survival(let s) = mf.response else { Issue.record("Surv response expected"); return }
    #expect(s.stop == rows.map { Double($0 % 17) + 0.5 } && s.status == rows.map { $0 % 3 == 0 ? 1 : 0 })
    // An integer column in an interaction, first and second.
    // R: colnames(model.matrix(~ k:a + a:k:b, d)) is "(Intercept)" "k:a" "k:a:bTRUE".
    let inter = try ModelFrame.build(formula: "Surv(time, event) ~ k:a + a:k:b", data: t)
    #expect(inter.fixed.columnNames == ["(Intercept)", "k:a", "k:a:bTRUE"])
    for (r, i) in rows.enumerated() {
        let a = Double(i) * 0.25 - 3, k = Double(i % 5 - 2), b = i % 4 == 1
        #expect(inter.fixed.matrix[r, 1] == k * a && inter.fixed.matrix[r, 2] == (b ? k * a : 0))
    }
    let second = try ModelFrame.build(formula: "Surv(time, event) ~ a:k", data: t)
    #expect(second.fixed.columnNames == ["(Intercept)", "a:k"])
    #expect(second.fixed.matrix.column(1) == inter.fixed.matrix.column(1))
    // No missing cells: every row used, the same values.
    let full = try ModelFrame.build(formula: "Surv(time, event) ~ k + b", data: try mixedTable(n, missingAt: []))
    #expect(full.rowsUsed == Array(0..<n) && full.nDropped == 0)
    #expect(full.fixed.matrix.column(1) == (0..<n).map { Double($0 % 5 - 2) })
}

@Test("a bad event value deep in a large column is reported with its value")
func lateBadEvent() throws {
    let n = 9_000
    var events = (0..<n).map { $0 % 2 }
    events[8_500] = 3
    let t = try Table(columns: [
        Column(name: "time", values: .double([Double](repeating: 1, count: n))),
        Column(name: "event", values: .integer(events)),
        Column(name: "x", values: .double((0..<n).map(Double.init))),
    ])
    do {
        _ = try ModelFrame.build(formula: "Surv(time, event) ~ x", data: t)
        Issue.record("expected an error for the event value 3")
    } catch let e as FormulaError {
        #expect(e.kind == .type && e.position == 11 && e.message.contains("found 3"))
    }
}

@Test("a design of at least 8 MB is filled column by column on the available cores, with every column exact")
func largeDesignFilledInParallel() throws {
    let n = 250_000   // 5 columns x 250,000 rows = 1.25M doubles (10 MB) >= ColumnParallel.minimumElements
    let dropped = [7, 123_456]
    let mf = try ModelFrame.build(formula: "Surv(time, event) ~ a + k + I(k * a) + b", data: try mixedTable(n, missingAt: dropped))
    let x = mf.fixed.matrix
    #expect(x.rows * x.columns >= ColumnParallel.minimumElements)
    var exact = true
    for (r, i) in mf.rowsUsed.enumerated() {
        let a = Double(i) * 0.25 - 3, k = Double(i % 5 - 2)
        if !(x[r, 0] == 1 && x[r, 1] == a && x[r, 2] == k && x[r, 3] == k * a && x[r, 4] == (i % 4 == 1 ? 1 : 0)) { exact = false }
    }
    #expect(exact && mf.rowsUsed.count == n - dropped.count)
}
