import Foundation
import Testing
import Formula
import Frames
import Models
import TestSupport

/// Discrete-time hazard models of dropout: the bundled cohort's careers (pupils of schools 1..30) expanded
/// to person-period rows by `PersonPeriod.expand`, then fitted by the GLM and GLMM code, against R's glm and
/// glmer on the person-period rows R expanded itself (Scripts/reference/discrete_time.R; R 4.2.2, lme4).
/// Dropout is impossible in year 1 (nobody is 17), so the models use years 2..6.
@Suite struct SurvivalDiscreteTimeTests {
    static let covariates = "track + male + allowance + mother_low + climate_c"

    static func careers() throws -> Table {
        let all = try Table.read(path: Fixtures.root.appendingPathComponent("Datasets/flemish-cohort/careers.csv").path)
        let school = try #require(try all.column("school_id").doubles)
        return try all.filter { school[$0] <= 30 }
    }

    static func personPeriod() throws -> (all: Table, used: Table) {
        let pp = try PersonPeriod.expand(try careers(), time: "time", event: "dropout")
        let period = try #require(try pp.column("period").doubles)
        return (pp, try pp.filter { period[$0] >= 2 })
    }

    static var fixture: [String: Any] {
        get throws { try #require(try Fixtures.json("survival/discrete_time.json") as? [String: Any]) }
    }

    static func numbers(_ object: Any?) -> [Double] { (object as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }

    /// R: pp <- d[rep(seq_len(nrow(d)), d$time), ]; pp$period <- sequence(d$time);
    ///    pp$event <- ifelse(pp$period == pp$time, pp$dropout, 0)   — rows, and at risk / events per year.
    @Test func expansionMatchesR() throws {
        let fx = try Self.fixture
        let (pp, used) = try Self.personPeriod()
        #expect(pp.rowCount == fx["n_rows"] as? Int)
        #expect(used.rowCount == fx["n_rows_used"] as? Int)
        let period = try #require(try pp.column("period").doubles)
        let event = try #require(try pp.column("dropout").doubles)
        var atRisk = [Double](repeating: 0, count: 6), events = atRisk
        for r in 0..<pp.rowCount {
            atRisk[Int(period[r]) - 1] += 1
            events[Int(period[r]) - 1] += event[r]
        }
        #expect(atRisk == Self.numbers(fx["at_risk"]))
        #expect(events == Self.numbers(fx["events"]))
        // Every pupil's rows run 1...time, and the event sits on the last one.
        #expect(try pp.column("pupil_id").count == pp.rowCount)
    }

    func check(_ estimates: [Double], _ ses: [Double], _ loglik: Double, terms: [String], against ref: [String: Any],
               seKey: String = "se") {
        #expect(terms == (ref["terms"] as? [String] ?? []))
        #expect(isClose(loglik, (ref["loglik"] as? NSNumber)?.doubleValue ?? .nan, rel: 1e-6))
        #expect(maxRelativeDifference(estimates, Self.numbers(ref["coef"])) < 1e-4)
        #expect(maxRelativeDifference(ses, Self.numbers(ref[seKey])) < 1e-4)
        if ProcessInfo.processInfo.environment["TRUANT_REPORT_DIFFS"] != nil {
            print("discrete-time \(ref["call"] ?? ""): loglik", abs(loglik / ((ref["loglik"] as? NSNumber)?.doubleValue ?? .nan) - 1),
                  "coef", maxRelativeDifference(estimates, Self.numbers(ref["coef"])), "se", maxRelativeDifference(ses, Self.numbers(ref[seKey])))
        }
    }

    /// R: glm(event ~ factor(period) + track + male + allowance + mother_low + climate_c, binomial, pp[pp$period >= 2, ])
    @Test func logitWithOneParameterPerPeriod() throws {
        let ref = try #require(try Self.fixture["glm_logit"] as? [String: Any])
        let formula = "dropout ~ factor(period) + \(Self.covariates)"
        let frame = try ModelFrame.build(formula: formula, data: try Self.personPeriod().used)
        let fit = try GLM(family: .binomial).fit(frame, formula: formula)
        check(fit.estimates, fit.coefficients.map(\.stdError), fit.logLikelihood, terms: fit.columnNames, against: ref)
        #expect(isClose(fit.deviance, (ref["deviance"] as? NSNumber)?.doubleValue ?? .nan, rel: 1e-6))
    }

    /// R: glm(event ~ period + I(period^2) + track + ..., binomial(link = "cloglog"), pp[pp$period >= 2, ])
    @Test func cloglogWithQuadraticTime() throws {
        let ref = try #require(try Self.fixture["glm_cloglog"] as? [String: Any])
        let formula = "dropout ~ period + I(period^2) + \(Self.covariates)"
        let frame = try ModelFrame.build(formula: formula, data: try Self.personPeriod().used)
        let fit = try GLM(family: .binomial, link: .cloglog).fit(frame, formula: formula)
        check(fit.estimates, fit.coefficients.map(\.stdError), fit.logLikelihood, terms: fit.columnNames, against: ref)
    }

    /// R: glmer(event ~ factor(period) + track + ... + (1 | school_id), pp[pp$period >= 2, ], binomial,
    ///    control = glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12, optCtrl = list(rhoend = 1e-9)))
    @Test func logitWithSchoolRandomIntercept() throws {
        let ref = try #require(try Self.fixture["glmer_logit"] as? [String: Any])
        let frame = try ModelFrame.build(formula: "dropout ~ factor(period) + \(Self.covariates) + (1 | school_id)",
                                         data: try Self.personPeriod().used)
        let fit = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(frame)
        check(fit.beta, fit.coefficients.map(\.stdError), fit.logLikelihood, terms: fit.fixedNames, against: ref,
              seKey: "se_pirls")
        let variance = fit.randomEffects.first?.variance ?? .nan
        #expect(isClose(variance, (ref["variance"] as? NSNumber)?.doubleValue ?? .nan, rel: 1e-4))
    }

    /// Bad input: a time that is not a whole number of periods, an entry not before the time, a clash with an
    /// existing period column — errors naming the row or column.
    @Test func expansionErrors() throws {
        let t = try Table(columns: [Column(name: "time", values: .double([2, 1.5])), Column(name: "event", values: .integer([1, 0]))])
        #expect(throws: SurvivalError.self) { try PersonPeriod.expand(t, time: "time", event: "event") }
        do {
            _ = try PersonPeriod.expand(t, time: "time", event: "event")
        } catch {
            #expect("\(error)".contains("row 2"))
        }
        let e = try Table(columns: [Column(name: "time", values: .integer([2, 3])), Column(name: "event", values: .integer([1, 0])),
                                    Column(name: "entry", values: .integer([0, 3]))])
        #expect(throws: SurvivalError.self) { try PersonPeriod.expand(e, time: "time", event: "event", entryPeriod: "entry") }
        let ok = try PersonPeriod.expand(e.with(Column(name: "entry", values: .integer([0, 1]))), time: "time", event: "event",
                                         entryPeriod: "entry")
        #expect(try ok.column("period").doubles == [1, 2, 2, 3])
        #expect(try ok.column("event").doubles == [0, 1, 0, 0])
        #expect(throws: SurvivalError.self) { try PersonPeriod.expand(ok, time: "time", event: "event") }
    }
}
