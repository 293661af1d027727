import Foundation
import Testing
import Formula
import Frames
import Linalg
@testable import Models

/// The column sums the model frame makes while it fills the design give the Cox fit the same means, constant
/// flags and (none) non-finite rows as its own pass over the matrix, bit for bit; a changed matrix drops them.
@Suite struct SurvivalCoxColumnSumsTests {
    func table(rows n: Int) throws -> Table {
        var s: UInt64 = 99
        func next() -> Double {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(s >> 11) / Double(1 << 53)
        }
        return try Table(columns: [
            Column(name: "time", values: .integer((0..<n).map { 1 + $0 % 6 })),
            Column(name: "event", values: .integer((0..<n).map { ($0 * 7) % 3 == 0 ? 1 : 0 })),
            Column(name: "x", values: .double((0..<n).map { _ in next() * 10 - 3 })),
            Column(name: "k", values: .integer((0..<n).map { $0 % 5 })),
            Column(name: "same", values: .double([Double](repeating: 2.5, count: n))),
            Column(name: "track", values: .string((0..<n).map { ["a", "b", "c"][$0 % 3] })),
        ])
    }

    @Test(arguments: [7, 1_001, 70_003])   // fewer rows than one lane group, odd counts, two cores
    func sumsGiveTheSameSummaries(rows n: Int) throws {
        let frame = try ModelFrame.build(formula: "Surv(time, event) ~ x + k + same + track + x:k + I(x^2)", data: try table(rows: n))
        let sums = try #require(frame.fixed.columnSums)
        #expect(sums.count == frame.fixed.matrix.columns)
        let d = try CoxPH.design(frame, shared: true)
        let known = CoxPH.columnSummaries(d.x, firstColumn: d.firstColumn, sums: try #require(d.sums))
        let read = CoxPH.columnSummaries(d.x, firstColumn: d.firstColumn, weights: nil)
        #expect(known.means == read.means)
        #expect(known.constant == read.constant && known.constant.filter { $0 }.count == 1)
        #expect(known.nonFinite.allSatisfy { $0 == nil } && read.nonFinite.allSatisfy { $0 == nil })
        // The fit through the frame equals the fit from the bare matrix (which has no sums).
        let viaFrame = try CoxPH.fit(frame)
        let bare = try CoxPH.fit(data: d.data, x: d.x.selectingColumns(Array(d.firstColumn..<d.x.columns)), names: d.names)
        #expect(viaFrame.model.loglik == bare.model.loglik)
        #expect(viaFrame.model.coefficients.map(\.estimate).elementsEqual(bare.model.coefficients.map(\.estimate)) {
            $0 == $1 || ($0.isNaN && $1.isNaN)
        })
    }

    /// The `truant fit` frame leaves the intercept's column out (`interceptColumn: false`): the same Cox fit,
    /// bit for bit, as from the frame with it, with the covariates read from column 0.
    @Test(arguments: [1_001, 70_003])
    func aFrameWithoutTheInterceptColumnFitsTheSame(rows n: Int) throws {
        let formula = "Surv(time, event) ~ x + k + same + track + x:k + I(x^2)"
        let data = try table(rows: n)
        let full = try ModelFrame.build(formula: formula, data: data)
        let lean = try ModelFrame.build(formula: formula, data: data, options: ModelFrameOptions(interceptColumn: false))
        let d = try CoxPH.design(lean, shared: true)
        #expect(d.firstColumn == 0 && d.x.columns == full.fixed.matrix.columns - 1 && d.sums?.count == d.x.columns)
        let a = try CoxPH.fit(full).model, b = try CoxPH.fit(lean).model
        #expect(a.loglik == b.loglik)
        #expect(a.coefficients.map(\.term) == b.coefficients.map(\.term))
        for (u, v) in zip(a.coefficients, b.coefficients) {
            #expect(u.estimate == v.estimate || (u.estimate.isNaN && v.estimate.isNaN))
            #expect(u.stdError == v.stdError || (u.stdError.isNaN && v.stdError.isNaN))
        }
    }

    /// `truant fit`'s frame for a design of numeric variables only keeps them (`deferNumericDesign`): the Cox
    /// fit reads them in place and never makes the frame's matrix, and gives the same model bit for bit as from
    /// the filled frame: grouped times (the slot pass), continuous times (more distinct times than time blocks
    /// take: the per-row pass), counting-process data, strata, cluster(g) (robust variance), case weights and
    /// an offset.
    @Test(arguments: [1_001, 70_003])
    func aDeferredDesignFitsTheSameWithoutItsMatrix(rows n: Int) throws {
        let data = try table(rows: n)
        var s: UInt64 = 7
        func next() -> Double {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(s >> 11) / Double(1 << 53)
        }
        let stop = (0..<n).map { _ in 1 + next() * 5 }
        let extra = try Table(columns: data.columns + [
            Column(name: "t", values: .double(stop)),
            Column(name: "t0", values: .double(stop.map { $0 * next() * 0.5 })),
            Column(name: "w", values: .double((0..<n).map { 1 + Double($0 % 3) })),
            Column(name: "o", values: .double((0..<n).map { _ in next() - 0.5 })),
            Column(name: "g", values: .integer((0..<n).map { $0 % 17 })),
            Column(name: "s", values: .integer((0..<n).map { $0 % 2 })),
        ])
        let cases: [(formula: String, weights: String?, offset: String?)] = [
            ("Surv(time, event) ~ x + k + same", nil, nil),
            ("Surv(t, event) ~ x + k", nil, nil),
            ("Surv(t0, t, event) ~ k + x", nil, nil),
            ("Surv(time, event) ~ k + x + strata(s)", nil, nil),
            ("Surv(time, event) ~ x + k + cluster(g)", nil, nil),
            ("Surv(time, event) ~ k + x", "w", "o"),
        ]
        for (formula, weights, offset) in cases {
            let eager = try ModelFrame.build(formula: formula, data: extra,
                                             options: ModelFrameOptions(weights: weights, offset: offset, interceptColumn: false))
            let deferred = try ModelFrame.build(formula: formula, data: extra,
                                                options: ModelFrameOptions(weights: weights, offset: offset, interceptColumn: false,
                                                                           deferNumericDesign: true))
            #expect(deferred.fixed.variableColumns != nil, "\(formula)")
            let a = try CoxPH.fit(eager), b = try CoxPH.fit(deferred)
            #expect(!deferred.fixed.matrixIsMade, "\(formula)")
            #expect(a.model.loglik == b.model.loglik, "\(formula)")
            #expect(a.model.concordance?.value == b.model.concordance?.value, "\(formula)")
            #expect(a.model.robust == b.model.robust, "\(formula)")
            for (u, v) in zip(a.model.coefficients, b.model.coefficients) {
                #expect(u.estimate == v.estimate || (u.estimate.isNaN && v.estimate.isNaN), "\(formula)")
                #expect(u.stdError == v.stdError || (u.stdError.isNaN && v.stdError.isNaN), "\(formula)")
            }
            // Diagnostics after the fit make the centred row-order covariates from the variables: the same.
            #expect(a.riskSets.x == b.riskSets.x, "\(formula)")
            #expect(!deferred.fixed.matrixIsMade, "\(formula)")
        }
        // The continuous times take the per-row pass here (more distinct times than time blocks are made for).
        let continuous = try ModelFrame.build(formula: "Surv(t, event) ~ x + k", data: extra,
                                              options: ModelFrameOptions(interceptColumn: false, deferNumericDesign: true))
        #expect((try CoxPH.fit(continuous).riskSets.blocks == nil) == (n > 2 * 1024))
    }

    /// A frame element set through `matrix` changes the matrix in place (no copy of the whole matrix).
    @Test func anElementSetChangesTheMatrixInPlace() throws {
        var frame = try ModelFrame.build(formula: "Surv(time, event) ~ x + k", data: try table(rows: 50))
        let before = frame.fixed.matrix.storage.withUnsafeBufferPointer { $0.baseAddress }
        frame.fixed.matrix[3, 1] = 7
        let after = frame.fixed.matrix.storage.withUnsafeBufferPointer { $0.baseAddress }
        #expect(before == after && frame.fixed.matrix[3, 1] == 7 && frame.fixed.columnSums == nil)
    }

    @Test func changingTheMatrixDropsTheSums() throws {
        var frame = try ModelFrame.build(formula: "Surv(time, event) ~ x", data: try table(rows: 20))
        #expect(frame.fixed.columnSums != nil)
        frame.fixed.matrix[0, 1] = 100
        #expect(frame.fixed.columnSums == nil)
        #expect(try CoxPH.design(frame).sums == nil)
    }
}
