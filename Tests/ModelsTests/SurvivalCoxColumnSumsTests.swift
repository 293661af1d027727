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
    /// fit reads them in place, never makes the frame's matrix on grouped times, and gives the same model bit
    /// for bit; with many distinct times (no time blocks) or weights, the same too.
    @Test(arguments: [1_001, 70_003])
    func aDeferredDesignFitsTheSameWithoutItsMatrix(rows n: Int) throws {
        let data = try table(rows: n)
        var times = Array(0..<n).map { 1 + Double(($0 * 7919) % 1_000) / 7 }
        times[0] = times[1]
        let continuous = try Table(columns: data.columns + [Column(name: "t", values: .double(times)),
                                                           Column(name: "w", values: .double((0..<n).map { 1 + Double($0 % 3) }))])
        for (formula, weights) in [("Surv(time, event) ~ x + k + same", nil), ("Surv(t, event) ~ x + k", nil),
                                   ("Surv(time, event) ~ k + x", "w")] as [(String, String?)] {
            let eager = try ModelFrame.build(formula: formula, data: continuous,
                                             options: ModelFrameOptions(weights: weights, interceptColumn: false))
            let deferred = try ModelFrame.build(formula: formula, data: continuous,
                                                options: ModelFrameOptions(weights: weights, interceptColumn: false, deferNumericDesign: true))
            #expect(deferred.fixed.variableColumns != nil && !deferred.fixed.matrixIsMade)
            let a = try CoxPH.fit(eager), b = try CoxPH.fit(deferred)
            if formula.hasPrefix("Surv(time") && weights == nil { #expect(!deferred.fixed.matrixIsMade, "\(formula)") }
            #expect(a.model.loglik == b.model.loglik, "\(formula)")
            #expect(a.model.concordance?.value == b.model.concordance?.value)
            for (u, v) in zip(a.model.coefficients, b.model.coefficients) {
                #expect(u.estimate == v.estimate || (u.estimate.isNaN && v.estimate.isNaN), "\(formula)")
                #expect(u.stdError == v.stdError || (u.stdError.isNaN && v.stdError.isNaN), "\(formula)")
            }
            // Diagnostics after the fit make the centred row-order covariates from the variables: the same.
            let ra = a.riskSets.x, rb = b.riskSets.x
            #expect(ra == rb)
        }
    }

    @Test func changingTheMatrixDropsTheSums() throws {
        var frame = try ModelFrame.build(formula: "Surv(time, event) ~ x", data: try table(rows: 20))
        #expect(frame.fixed.columnSums != nil)
        frame.fixed.matrix[0, 1] = 100
        #expect(frame.fixed.columnSums == nil)
        #expect(try CoxPH.design(frame).sums == nil)
    }
}
