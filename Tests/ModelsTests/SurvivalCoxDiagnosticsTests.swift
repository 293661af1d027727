import Foundation
import Testing
import Linalg
import Models
import TestSupport

/// cox.zph, basehaz and survfit.coxph against R survival 3.5-3.
@Suite struct SurvivalCoxDiagnosticsTests {
    /// R: fit <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung); cox.zph(fit, transform = "km")
    @Test func lungProportionalHazardsTest() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.lung())
        let zph = try fit.proportionalHazardsTest()
        let fx = try SurvivalFixture("cox_lung_efron.json").sub("zph")
        #expect(zph.table.map(\.term) == fx.strings("rows"))
        #expect(survivalMaxRelDiff(zph.table.map(\.chiSquare), fx.doubles("chisq")) < 1e-6)
        #expect(survivalMaxRelDiff(zph.table.map(\.pValue), fx.doubles("p")) < 1e-6)
        #expect(zph.table.map { Double($0.df) } == fx.doubles("df"))
    }

    /// R: cox.zph(coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran))
    @Test func veteranStratifiedProportionalHazardsTest() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.veteran())
        let zph = try fit.proportionalHazardsTest()
        let fx = try SurvivalFixture("cox_veteran_efron_strata.json").sub("zph")
        #expect(survivalMaxRelDiff(zph.table.map(\.chiSquare), fx.doubles("chisq")) < 1e-6)
    }

    /// R: basehaz(fit, centered = FALSE) for the lung Efron fit.
    @Test func lungBaselineHazard() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.lung())
        let bh = try fit.baselineHazard()
        let fx = try SurvivalFixture("cox_lung_efron.json").sub("basehaz")
        #expect(bh.count == 1)
        #expect(bh[0].time == fx.doubles("time"))
        #expect(survivalMaxRelDiff(bh[0].hazard, fx.doubles("hazard")) < 1e-8)
    }

    /// R: survfit(fit, newdata = data.frame(age = c(60, 70), sex = c(1, 2), ph.ecog = c(0, 2)))
    @Test func lungPredictedSurvival() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.lung())
        let fx = try SurvivalFixture("cox_lung_efron.json").sub("survfit")
        let profiles: [[Double]] = [[60, 1, 0], [70, 2, 2]]
        let nt = fx.doubles("time").count
        for (k, z) in profiles.enumerated() {
            let c = try fit.survivalCurves(for: z)[0]
            let part = k * nt..<(k + 1) * nt
            #expect(c.time == fx.doubles("time"))
            #expect(c.nRisk.map(Double.init) == fx.doubles("n_risk"))
            #expect(survivalMaxRelDiff(c.surv, Array(fx.doubles("surv")[part])) < 1e-8)
            #expect(survivalMaxRelDiff(c.stdErr, Array(fx.doubles("std_err")[part])) < 1e-8)
            #expect(survivalMaxRelDiff(c.confLow, Array(fx.doubles("lower")[part])) < 1e-8)
            #expect(survivalMaxRelDiff(c.confHigh, Array(fx.doubles("upper")[part])) < 1e-8)
        }
    }
}

/// Stratified Breslow curves and counting-process cox.zph.
@Suite struct SurvivalCoxDiagnosticsMoreTests {
    /// R: fit <- coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran, ties = "breslow")
    ///    survfit(fit, newdata = data.frame(trt = 2, karno = 60, age = 60)); basehaz(fit, centered = FALSE)
    @Test func veteranStratifiedCurves() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.veteran(), ties: .breslow)
        let fx = try SurvivalFixture("coxsurv_veteran_breslow_strata.json")
        let curves = try fit.survivalCurves(for: [2, 60, 60])
        #expect(curves.count == 4)
        #expect(curves.flatMap(\.time) == fx.doubles("time"))
        #expect(curves.flatMap { $0.nRisk.map(Double.init) } == fx.doubles("n_risk"))
        #expect(survivalMaxRelDiff(curves.flatMap(\.surv), fx.doubles("surv")) < 1e-8)
        #expect(survivalMaxRelDiff(curves.flatMap(\.stdErr), fx.doubles("std_err")) < 1e-8)
        let bh = try fit.baselineHazard()
        #expect(bh.flatMap(\.time) == fx.doubles("basehaz_time"))
        #expect(survivalMaxRelDiff(bh.flatMap(\.hazard), fx.doubles("basehaz_hazard")) < 1e-8)
    }

    /// R: cox.zph(coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids, data = cgd)), km and identity
    @Test func cgdCountingProcessZPH() throws {
        let c = try SurvivalCoxTests.counting("cgd.csv", start: "tstart", stop: "tstop", event: "status",
                                              vars: ["treat", "inherit", "steroids"], cluster: nil)
        let fit = try SurvivalCoxTests.fit(c)
        let km = try fit.proportionalHazardsTest()
        let fx = try SurvivalFixture("zph_cgd.json")
        #expect(survivalMaxRelDiff(km.table.map(\.chiSquare), fx.doubles("chisq")) < 1e-6)
        #expect(survivalMaxRelDiff(km.table.map(\.pValue), fx.doubles("p")) < 1e-6)
        let id = try fit.proportionalHazardsTest(transform: .identity)
        #expect(survivalMaxRelDiff(id.table.map(\.chiSquare), try SurvivalFixture("zph_cgd_identity.json").doubles("chisq")) < 1e-6)
    }
}

/// Predicted curves from a counting-process (time-varying covariate) fit.
@Suite struct SurvivalCoxCountingCurvesTests {
    /// R: survfit(coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart),
    ///            newdata = data.frame(age = 0, year = 3, surgery = 0, transplant = 1))
    @Test func heartPredictedSurvival() throws {
        let c = try SurvivalCoxTests.counting("heart.csv", start: "start", stop: "stop", event: "event",
                                              vars: ["age", "year", "surgery", "transplant"], cluster: nil)
        let fit = try SurvivalCoxTests.fit(c)
        let curve = try fit.survivalCurves(for: [0, 3, 0, 1])[0]
        let fx = try SurvivalFixture("coxsurv_heart.json")
        #expect(curve.time == fx.doubles("time"))
        #expect(curve.nRisk.map(Double.init) == fx.doubles("n_risk"))
        #expect(survivalMaxRelDiff(curve.surv, fx.doubles("surv")) < 1e-8)
        #expect(survivalMaxRelDiff(curve.stdErr, fx.doubles("std_err")) < 1e-8)
        #expect(survivalMaxRelDiff(curve.confLow, fx.doubles("lower")) < 1e-8)
    }
}
