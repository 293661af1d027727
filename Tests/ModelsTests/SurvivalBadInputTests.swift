import Foundation
import Testing
import Formula
import Linalg
import Models

/// Bad survival input gives clear errors or warnings, never a crash.
@Suite struct SurvivalBadInputTests {
    @Test func negativeTimeIsRejectedWithItsRow() {
        #expect(throws: SurvivalError.negativeTime(column: "survival", row: 2, value: -3)) {
            try SurvivalData(stop: [1, -3, 4], status: [1, 0, 1])
        }
    }

    @Test func zeroLengthAndReversedIntervalsAreRejected() {
        #expect(throws: SurvivalError.stopNotAfterStart(row: 2, start: 5, stop: 5)) {
            try SurvivalData(start: [0, 5, 1], stop: [2, 5, 3], status: [1, 0, 1])
        }
        #expect(throws: SurvivalError.stopNotAfterStart(row: 1, start: 4, stop: 2)) {
            try SurvivalData(start: [4], stop: [2], status: [1])
        }
        let message = SurvivalError.stopNotAfterStart(row: 2, start: 5, stop: 5).description
        #expect(message.contains("row 2") && message.contains("stop > start"))
    }

    @Test func missingTimesAreRejected() {
        #expect(throws: SurvivalError.nonFiniteTime(column: "survival", row: 1)) {
            try SurvivalData(stop: [.nan, 2], status: [1, 0])
        }
    }

    /// Unweighted right-censored rows are first checked in one pass; a bad row late in the data is still named.
    @Test func theOnePassCheckStillNamesTheBadRow() {
        let n = 10_000
        var stop = [Double](repeating: 2, count: n), status = [Int](repeating: 1, count: n)
        stop[9_000] = .infinity
        #expect(throws: SurvivalError.nonFiniteTime(column: "survival", row: 9_001)) { try SurvivalData(stop: stop, status: status) }
        stop[9_000] = 2
        status[7_000] = -1
        #expect(throws: SurvivalError.invalidStatus(row: 7_001, value: -1)) { try SurvivalData(stop: stop, status: status) }
        status[7_000] = 1
        stop[5] = -0.5
        #expect(throws: SurvivalError.negativeTime(column: "survival", row: 6, value: -0.5)) { try SurvivalData(stop: stop, status: status) }
    }

    @Test func eventCodingAcceptsZeroOneOneTwoAndBooleans() throws {
        #expect(try SurvivalEventCoding.decode([0, 1, 1, 0]) == [0, 1, 1, 0])
        #expect(try SurvivalEventCoding.decode([1, 2, 2, 1]) == [0, 1, 1, 0])
        #expect(SurvivalEventCoding.decode([true, false]) == [1, 0])
    }

    @Test func otherEventCodesAreRejectedWithTheirRow() {
        #expect(throws: SurvivalError.invalidStatus(row: 3, value: 3)) { try SurvivalEventCoding.decode([0, 1, 3]) }
        #expect(throws: SurvivalError.invalidStatus(row: 3, value: 2)) { try SurvivalEventCoding.decode([0, 1, 2]) }
        #expect(throws: SurvivalError.invalidStatus(row: 2, value: 0.5)) { try SurvivalEventCoding.decode([1, 0.5]) }
        #expect(throws: SurvivalError.invalidStatus(row: 1, value: 7)) { try SurvivalData(stop: [1], status: [7]) }
    }

    @Test func negativeWeightsAreRejected() {
        #expect(throws: SurvivalError.invalidWeight(row: 2, value: -1)) {
            try SurvivalData(stop: [1, 2], status: [1, 1], weights: [1, -1])
        }
    }

    @Test func allCensored() throws {
        let data = try SurvivalData(stop: [1, 2, 3, 4], status: [0, 0, 0, 0])
        let x = Matrix(rows: 4, columns: 1, columnMajor: [1, 0, 1, 0])
        #expect(throws: SurvivalError.noEvents) { try CoxPH.fit(data: data, x: x, names: ["x"]) }
        let groups = try GroupCodes(name: "g", codes: [0, 1, 0, 1], levels: ["a", "b"])
        #expect(throws: SurvivalError.noEvents) { try LogRankTest.compute(data, groups: groups) }
        let km = try KaplanMeier.fit(data)
        #expect(km.strata[0].surv == [1, 1, 1, 1])
        #expect(km.strata[0].median == nil)
        #expect(!km.warnings.isEmpty)
    }

    /// A covariate constant in the data: coefficient NA with a warning, the rest as without it
    /// (R: coef NA for the constant term, same fit for the others).
    @Test func constantCovariateGivesNAAndWarning() throws {
        let base = try SurvivalCoxTests.lung(["age", "sex"])
        var x = Matrix(rows: base.x.rows, columns: 3)
        x.setColumn(0, base.x.column(0))
        x.setColumn(1, [Double](repeating: 2, count: base.x.rows))
        x.setColumn(2, base.x.column(1))
        let withConst = try CoxPH.fit(data: base.data, x: x, names: ["age", "const", "sex"])
        let without = try CoxPH.fit(data: base.data, x: base.x, names: ["age", "sex"])
        #expect(withConst.model.estimates[1].isNaN && withConst.model.stdErrors[1].isNaN)
        #expect(withConst.model.warnings.contains { $0.contains("const") && $0.contains("constant") })
        #expect(abs(withConst.model.estimates[0] - without.model.estimates[0]) < 1e-10)
        #expect(abs(withConst.model.estimates[2] - without.model.estimates[1]) < 1e-10)
        #expect(abs(withConst.model.loglik - without.model.loglik) < 1e-9)
        #expect(withConst.model.likelihoodRatioTest.df == 2)
    }

    @Test func nonFiniteCovariateAndShapeErrors() throws {
        let data = try SurvivalData(stop: [1, 2, 3], status: [1, 0, 1])
        #expect(throws: SurvivalError.nonFiniteCovariate(column: "x", row: 2)) {
            try CoxPH.fit(data: data, x: Matrix(rows: 3, columns: 1, columnMajor: [1, .nan, 0]), names: ["x"])
        }
        #expect(throws: SurvivalError.lengthMismatch(what: "covariate matrix", expected: 3, found: 2)) {
            try CoxPH.fit(data: data, x: Matrix(rows: 2, columns: 1), names: ["x"])
        }
    }

    /// The model-frame entry point drops the intercept column (R's coxph has none).
    @Test func modelFrameEntryDropsIntercept() throws {
        let c = try SurvivalCoxTests.lung(["age", "sex"])
        let n = c.x.rows
        var x = Matrix(rows: n, columns: 3)
        x.setColumn(0, [Double](repeating: 1, count: n))
        x.setColumn(1, c.x.column(0))
        x.setColumn(2, c.x.column(1))
        let frame = ModelFrame(
            response: .survival(SurvivalResponse(start: nil, stop: c.data.stop, status: c.data.status, text: "Surv(time, status)")),
            fixed: DesignMatrix(matrix: x, columnNames: ["(Intercept)", "age", "sex"], assign: [0, 1, 2],
                                termLabels: ["age", "sex"], hasIntercept: true),
            nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
        let fit = try CoxPH.fit(frame)
        #expect(fit.model.terms == ["age", "sex"])
        // R: coxph(Surv(time, status) ~ age + sex, lung): age 0.017045, sex -0.513219
        #expect(abs(fit.model.estimates[0] - 0.017045) < 5e-7)
        #expect(abs(fit.model.estimates[1] + 0.513219) < 5e-7)
    }
}

/// Degenerate but legal inputs.
@Suite struct SurvivalEdgeCaseTests {
    /// `Surv(time, status) ~ 1`: no covariates gives the null model (loglik at 0 equals the fit's), no crash.
    @Test func coxWithoutCovariates() throws {
        let c = try SurvivalCoxTests.lung(["age"])
        let fit = try CoxPH.fit(data: c.data, x: Matrix(rows: c.data.count, columns: 0), names: [])
        #expect(fit.model.coefficients.isEmpty)
        #expect(fit.model.loglik == fit.model.loglikNull)
        #expect(fit.martingaleResiduals.count == c.data.count)
        let curve = try fit.survivalCurves(for: [])[0]
        // With no covariates the Efron-type curve is the Fleming–Harrington estimate: between 0 and 1, decreasing.
        #expect(curve.surv.allSatisfy { $0 > 0 && $0 <= 1 })
        #expect(zip(curve.surv, curve.surv.dropFirst()).allSatisfy { $0 >= $1 })
    }

    /// Monotone likelihood (every x = 1 subject fails before every x = 0 one): R warns
    /// "Loglik converged before variable 1; coefficient may be infinite" — so do we, without crashing.
    @Test func infiniteCoefficientIsFlagged() throws {
        let data = try SurvivalData(stop: [1, 2, 3, 4, 5, 6], status: [1, 1, 1, 1, 1, 1])
        let x = Matrix(rows: 6, columns: 1, columnMajor: [1, 1, 1, 0, 0, 0])
        let fit = try CoxPH.fit(data: data, x: x, names: ["x"])
        #expect(fit.model.warnings.contains { $0.contains("coefficient may be infinite") })
        #expect(fit.model.estimates[0] > 5)
    }

    /// A single event and everyone else censored; a group with no events.
    @Test func sparseEvents() throws {
        let data = try SurvivalData(stop: [1, 2, 3, 4, 5, 6], status: [0, 1, 0, 0, 0, 0])
        let x = Matrix(rows: 6, columns: 1, columnMajor: [0, 1, 0, 1, 0, 1])
        let fit = try CoxPH.fit(data: data, x: x, names: ["x"])
        #expect(fit.model.estimates[0].isFinite || fit.model.warnings.contains { $0.contains("infinite") })
        let groups = try GroupCodes(name: "g", codes: [0, 0, 0, 1, 1, 1], levels: ["a", "b"])
        let km = try KaplanMeier.fit(data, groups: groups)
        #expect(km.strata[1].surv.allSatisfy { $0 == 1 })
        let lr = try LogRankTest.compute(data, groups: groups)
        #expect(lr.chiSquare.isFinite && lr.df == 1)
    }
}

/// R's timefix: times equal up to rounding are one time.
@Suite struct SurvivalTimeFixTests {
    /// R: survfit(Surv(c(0.3, 0.1 + 0.2, 1), c(1, 1, 1)) ~ 1)$time  ->  0.3 1 (n.event 2 1)
    @Test func nearlyEqualTimesAreMerged() throws {
        let data = try SurvivalData(stop: [0.3, 0.1 + 0.2, 1], status: [1, 1, 1])
        #expect(0.1 + 0.2 != 0.3)
        let km = try KaplanMeier.fit(data)
        #expect(km.strata[0].time == [0.3, 1])
        #expect(km.strata[0].nEvent == [2, 1])
        let raw = try KaplanMeier.fit(data, options: .init(timeFix: false))
        #expect(raw.strata[0].time.count == 3)
        // Cox: the two events form one tied set (Efron), identical to exact ties.
        let x = Matrix(rows: 3, columns: 1, columnMajor: [1, 0, 1])
        let a = try CoxPH.fit(data: data, x: x, names: ["x"])
        let b = try CoxPH.fit(data: try SurvivalData(stop: [0.3, 0.3, 1], status: [1, 1, 1]), x: x, names: ["x"])
        #expect(a.model.loglikNull == b.model.loglikNull)
    }

    @Test func intervalCollapsingToZeroIsAnError() throws {
        let data = try SurvivalData(start: [0, 0.1 + 0.2], stop: [0.3, 0.3000000000000001], status: [1, 1])
        #expect(throws: SurvivalError.self) { try data.timeFixed() }
    }
}
