import Foundation
import Testing
import Models
import TestSupport

/// Kaplan–Meier curves and the log-rank family against R survival 3.5-3
/// (fixtures from Scripts/reference/survival.R).
@Suite struct SurvivalKaplanMeierTests {
    static func lung() throws -> (SurvivalData, GroupCodes, SurvivalCSV) {
        let csv = try SurvivalCSV("lung.csv")
        let status = try SurvivalEventCoding.decode(csv.column("status"))
        let data = try SurvivalData(stop: csv.column("time"), status: status)
        return (data, try GroupCodes.from(name: "sex", values: csv.column("sex")), csv)
    }

    func check(_ fit: KaplanMeierFit, _ fx: SurvivalFixture, tol: Double = 1e-8) {
        let strata = fx.strings("stratum")
        var t: [Double] = [], nr: [Double] = [], ne: [Double] = [], nc: [Double] = []
        var s: [Double] = [], se: [Double] = [], lo: [Double] = [], hi: [Double] = [], labels: [String] = []
        for st in fit.strata {
            t += st.time; nr += st.nRisk; ne += st.nEvent; nc += st.nCensor
            s += st.surv; se += st.stdErr; lo += st.confLow; hi += st.confHigh
            labels += Array(repeating: st.stratum, count: st.time.count)
        }
        #expect(labels == strata)
        #expect(t == fx.doubles("time"))
        #expect(nr == fx.doubles("n_risk"))
        #expect(ne == fx.doubles("n_event"))
        #expect(nc == fx.doubles("n_censor"))
        #expect(survivalMaxRelDiff(s, fx.doubles("surv")) < tol)
        #expect(survivalMaxRelDiff(se, fx.doubles("std_err")) < tol)
        #expect(survivalMaxRelDiff(lo, fx.doubles("lower")) < tol)
        #expect(survivalMaxRelDiff(hi, fx.doubles("upper")) < tol)
        let med = fit.strata.map { $0.median ?? .nan }
        let mlo = fit.strata.map { $0.medianLow ?? .nan }
        let mhi = fit.strata.map { $0.medianHigh ?? .nan }
        #expect(survivalMaxRelDiff(med, fx.doubles("median")) == 0)
        #expect(survivalMaxRelDiff(mlo, fx.doubles("median_lcl")) == 0)
        #expect(survivalMaxRelDiff(mhi, fx.doubles("median_ucl")) == 0)
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, conf.type = "log" | "log-log" | "plain")
    @Test(arguments: [("log", SurvivalConfidenceType.log), ("loglog", .logLog), ("plain", .plain)])
    func lungBySex(_ suffix: String, _ type: SurvivalConfidenceType) throws {
        let (data, sex, _) = try Self.lung()
        let fit = try KaplanMeier.fit(data, groups: sex, options: .init(confType: type))
        check(fit, try SurvivalFixture("km_lung_sex_\(suffix).json"))
    }

    /// R: survfit(Surv(time, status) ~ 1, data = lung) — median 310 (285, 363).
    @Test func lungPooled() throws {
        let (data, _, _) = try Self.lung()
        let fit = try KaplanMeier.fit(data)
        check(fit, try SurvivalFixture("km_lung_all.json"))
        #expect(fit.strata[0].median == 310)
        #expect(fit.strata[0].medianLow == 285 && fit.strata[0].medianHigh == 363)
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, weights = 1 + seq_len(nrow(lung)) %% 3)
    @Test func lungWeighted() throws {
        let (_, sex, csv) = try Self.lung()
        let data = try SurvivalData(stop: csv.column("time"), status: try SurvivalEventCoding.decode(csv.column("status")),
                                    weights: csv.column("wi"))
        check(try KaplanMeier.fit(data, groups: sex), try SurvivalFixture("km_lung_weighted.json"))
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung, weights = 1 + (seq_len(nrow(lung)) %% 3) / 2)
    /// Non-integer weights: R switches to infinitesimal-jackknife errors (std.err = IJ SE of S in 3.5-3).
    @Test func lungNonIntegerWeightsRobust() throws {
        let (_, sex, csv) = try Self.lung()
        let data = try SurvivalData(stop: csv.column("time"), status: try SurvivalEventCoding.decode(csv.column("status")),
                                    weights: csv.column("w"))
        let fit = try KaplanMeier.fit(data, groups: sex)
        #expect(fit.robust)
        check(fit, try SurvivalFixture("km_lung_nonint_weights.json"))
    }

    /// R: survfit(Surv(futime, fustat) ~ rx, data = ovarian, conf.type = "log-log")
    @Test func ovarianLogLog() throws {
        let csv = try SurvivalCSV("ovarian.csv")
        let data = try SurvivalData(stop: csv.column("futime"), status: try SurvivalEventCoding.decode(csv.column("fustat")))
        let fit = try KaplanMeier.fit(data, groups: try GroupCodes.from(name: "rx", values: csv.column("rx")),
                                      options: .init(confType: .logLog))
        check(fit, try SurvivalFixture("km_ovarian_rx_loglog.json"))
    }

    /// R: survfit(Surv(start, stop, event) ~ surgery, data = heart) — counting-process rows.
    @Test func heartCountingProcess() throws {
        let csv = try SurvivalCSV("heart.csv")
        let data = try SurvivalData(start: csv.column("start"), stop: csv.column("stop"),
                                    status: try SurvivalEventCoding.decode(csv.column("event")))
        let fit = try KaplanMeier.fit(data, groups: try GroupCodes.from(name: "surgery", values: csv.column("surgery")))
        check(fit, try SurvivalFixture("km_heart_counting.json"))
    }

    /// A curve that reaches zero: R reports std.err Inf and NA limits there; median rule at exactly 0.5.
    @Test func curveReachingZeroAndMedianAtHalf() throws {
        let d1 = try SurvivalData(stop: [1, 2, 3, 3], status: [1, 0, 1, 1])
        let s = try KaplanMeier.fit(d1).strata[0]
        #expect(s.surv == [0.75, 0.75, 0])
        #expect(s.stdErr[2] == .infinity && s.confLow[2].isNaN && s.confHigh[2].isNaN)
        #expect(s.median == 3 && s.medianLow == 1 && s.medianHigh == nil)   // R: 3, 1, NA
        // survfit(Surv(c(1,2,2,3,4), c(1,1,0,1,1)) ~ 1): S = .8, .6, .6*?; use a curve that sits at 0.5.
        let d2 = try SurvivalData(stop: [1, 2, 3, 4], status: [1, 1, 1, 1])
        let s2 = try KaplanMeier.fit(d2).strata[0]
        #expect(s2.surv == [0.75, 0.5, 0.25, 0])
        #expect(s2.median == 2.5)   // R: (2 + 3) / 2
    }

    /// R: survdiff(Surv(time, status) ~ sex, data = lung)             chisq 10.3
    ///    survdiff(Surv(time, status) ~ sex, data = lung, rho = 1)    Peto–Peto
    @Test(arguments: [("logrank_lung_sex.json", 0.0), ("logrank_lung_sex_peto.json", 1.0)])
    func lungLogRank(_ file: String, _ rho: Double) throws {
        let (data, sex, _) = try Self.lung()
        let test = try LogRankTest.compute(data, groups: sex, rho: rho)
        let fx = try SurvivalFixture(file)
        #expect(isClose(test.chiSquare, fx.double("chisq"), rel: 1e-10))
        #expect(isClose(test.pValue, fx.double("p"), rel: 1e-8))
        #expect(survivalMaxRelDiff(test.observed, fx.doubles("obs")) < 1e-12)
        #expect(survivalMaxRelDiff(test.expected, fx.doubles("exp")) < 1e-12)
        #expect(survivalMaxRelDiff(test.variance, fx.doubles("var")) < 1e-10)
        #expect(test.df == 1)
    }

    /// R: survdiff(Surv(time, status) ~ trt + strata(celltype), data = veteran) and ~ celltype (3 df).
    @Test func veteranStratifiedAndFourGroups() throws {
        let csv = try SurvivalCSV("veteran.csv")
        let data = try SurvivalData(stop: csv.column("time"), status: try SurvivalEventCoding.decode(csv.column("status")))
        let trt = try GroupCodes.from(name: "trt", values: csv.column("trt"))
        let cell = try GroupCodes.from(name: "celltype", values: csv.column("celltype"))
        let strat = try LogRankTest.compute(data, groups: trt, strata: cell)
        let fx = try SurvivalFixture("logrank_veteran_strat.json")
        #expect(isClose(strat.chiSquare, fx.double("chisq"), rel: 1e-10))
        // R keeps a groups x strata matrix (column-major); the test sums it over strata.
        let e = fx.doubles("exp"), o = fx.doubles("obs")
        var eSum = [0.0, 0.0], oSum = [0.0, 0.0]
        for i in e.indices { eSum[i % 2] += e[i]; oSum[i % 2] += o[i] }
        #expect(survivalMaxRelDiff(strat.expected, eSum) < 1e-12)
        #expect(strat.observed == oSum)
        #expect(survivalMaxRelDiff(strat.variance, fx.doubles("var")) < 1e-10)
        let four = try LogRankTest.compute(data, groups: cell)
        let fx4 = try SurvivalFixture("logrank_veteran_celltype.json")
        #expect(isClose(four.chiSquare, fx4.double("chisq"), rel: 1e-10))
        #expect(isClose(four.pValue, fx4.double("p"), rel: 1e-8))
        #expect(four.df == 3)
        #expect(survivalMaxRelDiff(four.variance, fx4.doubles("var")) < 1e-10)
    }

    /// R: survdiff(Surv(futime, fustat) ~ rx, data = ovarian)  chisq 1.06
    @Test func ovarianLogRank() throws {
        let csv = try SurvivalCSV("ovarian.csv")
        let data = try SurvivalData(stop: csv.column("futime"), status: try SurvivalEventCoding.decode(csv.column("fustat")))
        let t = try LogRankTest.compute(data, groups: try GroupCodes.from(name: "rx", values: csv.column("rx")))
        #expect(isClose(t.chiSquare, try SurvivalFixture("logrank_ovarian.json").double("chisq"), rel: 1e-10))
    }
}
