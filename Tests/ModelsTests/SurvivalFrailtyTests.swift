import Foundation
import Testing
import Linalg
import Models
import TestSupport

/// Gamma frailty Cox models against R survival 3.5-3's penalized fits.
@Suite struct SurvivalFrailtyTests {
    static func rats(femaleOnly: Bool) throws -> (SurvivalData, Matrix, GroupCodes) {
        let csv = try SurvivalCSV("rats.csv")
        let rows = (0..<csv.column("time").count).filter { !femaleOnly || csv.column("female")[$0] == 1 }
        let data = try SurvivalData(stop: csv.column("time", rows: rows),
                                    status: try SurvivalEventCoding.decode(csv.column("status", rows: rows)))
        let x = Matrix(rows: rows.count, columns: 1, columnMajor: csv.column("rx", rows: rows))
        return (data, x, try GroupCodes.from(name: "litter", values: csv.column("litter", rows: rows)))
    }

    func check(_ fit: CoxFrailty.Fit, _ fx: SurvivalFixture, gaussian: Bool = false) {
        let hist = fit.history
        #expect(survivalMaxRelDiff(hist.map(\.theta), fx.doubles("history_theta")) < 1e-4)
        if gaussian {
            // R's history columns for the Gaussian search: theta, REML residual, sum b^2, trace.
            let r = hist.map { $0.remlResidual ?? .nan }
            #expect(zip(r, fx.doubles("history_loglik")).allSatisfy { abs($0 - $1) < 1e-8 })
        } else {
            #expect(survivalMaxRelDiff(hist.map { $0.integratedLoglik ?? .nan }, fx.doubles("history_cloglik")) < 1e-8)
        }
        // The variance is the last fitted theta; R prints the search's next proposal (fit$history[[1]]$theta).
        #expect(isClose(fit.model.frailty?.variance ?? .nan, fx.doubles("history_theta").last!, rel: 1e-4))
        #expect(isClose(fit.model.frailty?.nextVariance ?? .nan, fx.double("theta"), rel: 1e-4))
        #expect(isClose(fit.nextTheta, fx.double("theta"), rel: 1e-4))
        #expect(survivalMaxRelDiff([fit.model.loglikNull, fit.model.loglik], fx.doubles("loglik")) < 1e-8)
        #expect(survivalMaxRelDiff(fit.model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.model.stdErrors, fx.doubles("se")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.stdErrors2, fx.doubles("se2")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.degreesOfFreedom, fx.doubles("dfs")) < 1e-5)
        #expect(survivalMaxRelDiff(fit.frailties, fx.doubles("frail")) < 1e-5)
        #expect(fit.model.iterations == Int(fx.doubles("iter")[1]))
        #expect(hist.count == Int(fx.doubles("iter")[0]))
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter), data = rats, subset = (sex == "f"))
    ///    rx 0.914, variance of random effect 0.4987, I-likelihood -180.8
    @Test func ratsFemaleGamma() throws {
        let (data, x, litter) = try Self.rats(femaleOnly: true)
        let fit = try CoxFrailty.fit(data: data, x: x, names: ["rx"], group: litter)
        check(fit, try SurvivalFixture("frailty_rats_gamma.json"))
        // Wald statistic for rx: (coef / se)^2.
        #expect(isClose(fit.model.waldTest.statistic, pow(0.914328829561146 / 0.323023011713114, 2), rel: 1e-6))
        #expect(fit.model.frailty?.group == "litter" && fit.model.frailty?.groups == 50)
    }

    /// R: same with ties = "breslow" (rx 0.906, theta 0.474 in survival's tests/fr_rat1)
    @Test func ratsFemaleGammaBreslow() throws {
        let (data, x, litter) = try Self.rats(femaleOnly: true)
        let fit = try CoxFrailty.fit(data: data, x: x, names: ["rx"], group: litter,
                                     options: .init(cox: .init(ties: .breslow)))
        check(fit, try SurvivalFixture("frailty_rats_gamma_breslow.json"))
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter, distribution = "gaussian"), data = rats, subset = (sex == "f"))
    ///    rx 0.913, variance 0.4125
    @Test func ratsFemaleGaussian() throws {
        let (data, x, litter) = try Self.rats(femaleOnly: true)
        let fit = try CoxFrailty.fit(data: data, x: x, names: ["rx"], group: litter, distribution: .gaussian)
        check(fit, try SurvivalFixture("frailty_rats_gauss.json"), gaussian: true)
        #expect(fit.model.frailty?.distribution == "gaussian")
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter), data = rats)  (theta about 2.02)
    @Test func ratsAllGamma() throws {
        let (data, x, litter) = try Self.rats(femaleOnly: false)
        let fit = try CoxFrailty.fit(data: data, x: x, names: ["rx"], group: litter)
        check(fit, try SurvivalFixture("frailty_rats_all_gamma.json"))
    }

    /// R: coxph(Surv(tstart, tstop, status) ~ treat + steroids + frailty(id), data = cgd)  (counting process)
    @Test func cgdCountingProcessGamma() throws {
        let csv = try SurvivalCSV("cgd.csv")
        let n = csv.column("id").count
        let data = try SurvivalData(start: csv.column("tstart"), stop: csv.column("tstop"),
                                    status: try SurvivalEventCoding.decode(csv.column("status")))
        var x = Matrix(rows: n, columns: 2)
        x.setColumn(0, csv.column("treat"))
        x.setColumn(1, csv.column("steroids"))
        let fit = try CoxFrailty.fit(data: data, x: x, names: ["treat", "steroids"],
                                     group: try GroupCodes.from(name: "id", values: csv.column("id")))
        check(fit, try SurvivalFixture("frailty_cgd_gamma.json"))
    }
}
