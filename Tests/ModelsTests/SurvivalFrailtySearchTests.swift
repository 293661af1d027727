import Foundation
import Testing
import Formula
import Frames
import Models
import TestSupport

/// The outer search for a gamma frailty variance when it runs out of iterations, as on the Cox benchmark's
/// pupils-in-schools data: fixtures from Scripts/reference/survival_frailty_search.R (R survival 3.5-3).
@Suite struct SurvivalFrailtySearchTests {
    /// R: coxph(Surv(time, event) ~ x1 + ... + x10 + frailty(school), data = d), d = Benchmarks/cox/make_data.R
    ///    with 3000 records in 80 schools. R's search stops after outer.max = 10 fits with done = FALSE; it prints
    ///    "Variance of random effect= 0.256" (the next proposal) while its estimates belong to theta = 0.265128.
    @Test func searchThatRunsOutOfOuterIterationsFollowsR() throws {
        let table = try Table.read(path: Fixtures.path("survival/frailty_pupils_3000.csv"))
        let rhs = (1...10).map { "x\($0)" }.joined(separator: " + ")
        let frame = try ModelFrame.build(formula: "Surv(time, event) ~ \(rhs) + frailty(school)", data: table)
        let fit = try CoxFrailty.fit(frame)
        let fx = try SurvivalFixture("frailty_pupils_search.json")
        let history = fit.history
        #expect(history.count == 10)
        #expect(survivalMaxRelDiff(history.map(\.theta), fx.doubles("history_theta")) < 1e-6)
        #expect(survivalMaxRelDiff(history.map { $0.integratedLoglik ?? .nan }, fx.doubles("history_cloglik")) < 1e-9)
        #expect(survivalMaxRelDiff(history.map(\.penalizedLoglik), fx.doubles("history_loglik")) < 1e-9)
        let frailty = try #require(fit.model.frailty)
        // The fitted variance (the estimates' theta) and R's printed proposal, both to 1e-4 relative.
        #expect(isClose(frailty.variance, fx.doubles("history_theta")[9], rel: 1e-4))
        #expect(isClose(frailty.nextVariance ?? .nan, fx.double("theta"), rel: 1e-4))
        #expect(isClose(fit.nextTheta, fx.double("theta"), rel: 1e-6))
        #expect(frailty.searchConverged == false)
        #expect(fit.model.warnings.contains { $0.contains("stopped after 10 outer iterations") })
        #expect(survivalMaxRelDiff([fit.model.loglikNull, fit.model.loglik], fx.doubles("loglik")) < 1e-8)
        #expect(survivalMaxRelDiff(fit.model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.model.stdErrors, fx.doubles("se")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.stdErrors2, fx.doubles("se2")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.frailties, fx.doubles("frail")) < 1e-5)
        #expect(fit.model.iterations == Int(fx.doubles("iter")[1]))
    }

    /// With more outer iterations than R's default the same search meets its tolerance.
    @Test func moreOuterIterationsLetTheSearchConverge() throws {
        let table = try Table.read(path: Fixtures.path("survival/frailty_pupils_3000.csv"))
        let rhs = (1...10).map { "x\($0)" }.joined(separator: " + ")
        let frame = try ModelFrame.build(formula: "Surv(time, event) ~ \(rhs) + frailty(school)", data: table)
        let fit = try CoxFrailty.fit(frame, options: .init(outerMax: 40))
        let frailty = try #require(fit.model.frailty)
        #expect(frailty.searchConverged == true)
        #expect(!fit.model.warnings.contains { $0.contains("outer iterations") })
        // The first ten steps are R's; the converged integrated likelihood is at least as high as R's best.
        let fx = try SurvivalFixture("frailty_pupils_search.json")
        #expect(survivalMaxRelDiff(fit.history.prefix(10).map(\.theta), fx.doubles("history_theta")) < 1e-6)
        #expect((fit.history.last?.integratedLoglik ?? -.infinity) >= (fx.doubles("history_cloglik").max() ?? 0) - 1e-6)
    }
}
