import Foundation
import Testing
import Formula
import Frames
import Linalg
import Models
import TestSupport

/// From CSV and formula to fitted survival models, through Frames' reader and Formula's model frame,
/// checked against the same R fixtures as the hand-built designs.
@Suite struct SurvivalFormulaEndToEndTests {
    static func table(_ file: String) throws -> Table { try Table.read(path: Fixtures.path("survival/\(file)")) }

    /// R: coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung)  — 1 row dropped (ph.ecog NA), status 1/2.
    @Test func lungCoxFromFormula() throws {
        let frame = try ModelFrame.build(formula: "Surv(time, status) ~ age + sex + ph.ecog", data: Self.table("lung.csv"))
        let fit = try CoxPH.fit(frame)
        let fx = try SurvivalFixture("cox_lung_efron.json")
        #expect(fit.model.nDropped == 1)
        #expect(fit.model.terms == ["age", "sex", "ph.ecog"])
        #expect(survivalMaxRelDiff(fit.model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(survivalMaxRelDiff([fit.model.loglikNull, fit.model.loglik], fx.doubles("loglik")) < 1e-8)
    }

    /// R: coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran, ties = "breslow")
    @Test func veteranStrataFromFormula() throws {
        let frame = try ModelFrame.build(formula: "Surv(time, status) ~ trt + karno + age + strata(celltype)",
                                         data: Self.table("veteran.csv"))
        let fit = try CoxPH.fit(frame, options: .init(ties: .breslow))
        let fx = try SurvivalFixture("cox_veteran_breslow_strata.json")
        #expect(survivalMaxRelDiff(fit.model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(survivalMaxRelDiff(fit.model.stdErrors, fx.doubles("se")) < 1e-6)
        #expect(fit.model.strata.count == 4)
    }

    /// R: coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id), data = cgd)
    @Test func cgdClusterFromFormula() throws {
        let frame = try ModelFrame.build(formula: "Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id)",
                                         data: Self.table("cgd.csv"))
        let model = try CoxPH.model(frame)
        let fx = try SurvivalFixture("cox_cgd_cluster.json")
        #expect(model.robust && model.clusters == 128)
        #expect(survivalMaxRelDiff(model.stdErrors, fx.doubles("se")) < 1e-6)
        #expect(survivalMaxRelDiff(model.naiveStdErrors, fx.doubles("naive_se")) < 1e-6)
    }

    /// R: coxph(Surv(time, status) ~ rx + frailty(litter), data = rats)
    @Test func ratsFrailtyFromFormula() throws {
        let frame = try ModelFrame.build(formula: "Surv(time, status) ~ rx + frailty(litter)", data: Self.table("rats.csv"))
        let model = try CoxPH.model(frame)
        let fx = try SurvivalFixture("frailty_rats_all_gamma.json")
        #expect(isClose(model.frailty?.variance ?? .nan, fx.doubles("history_theta").last!, rel: 1e-4))
        #expect(survivalMaxRelDiff(model.estimates, fx.doubles("coef")) < 1e-6)
        #expect(model.frailty?.group == "litter")
    }

    /// R: survfit(Surv(time, status) ~ sex, data = lung)
    @Test func lungKaplanMeierFromFormula() throws {
        let data = try Self.table("lung.csv")
        let frame = try ModelFrame.build(formula: "Surv(time, status) ~ sex", data: data)
        let fit = try KaplanMeier.fit(frame, data: data)
        let fx = try SurvivalFixture("km_lung_sex_log.json")
        #expect(fit.strata.map(\.stratum) == fx.strings("strata_names"))
        #expect(survivalMaxRelDiff(fit.strata.flatMap(\.surv), fx.doubles("surv")) < 1e-10)
        #expect(fit.strata.map { $0.median ?? .nan } == fx.doubles("median"))
    }
}

/// Formula entries for curves with strata() and competing exits.
@Suite struct SurvivalFormulaCurvesTests {
    /// R: survdiff-style strata in a curve formula: survfit(Surv(time, status) ~ strata(sex), data = lung)
    ///    gives the same curves as ~ sex.
    @Test func strataTermGroupsCurves() throws {
        let data = try SurvivalFormulaEndToEndTests.table("lung.csv")
        let frame = try ModelFrame.build(formula: "Surv(time, status) ~ strata(sex)", data: data)
        let fit = try KaplanMeier.fit(frame, data: data)
        let fx = try SurvivalFixture("km_lung_sex_log.json")
        #expect(fit.strata.count == 2)
        #expect(survivalMaxRelDiff(fit.strata.flatMap(\.surv), fx.doubles("surv")) < 1e-10)
    }

    /// R: survfit(Surv(etime, factor(event, 0:2, c("censor", "pcm", "death"))) ~ male, data = mgus2d),
    ///    here through a CSV whose event column is text with "censor" as the first level.
    @Test func competingExitsFromFormula() throws {
        let csv = try SurvivalCSV("mgus2.csv")
        let labels = ["censor", "pcm", "death"]
        let etime = csv.column("etime"), event = csv.column("event"), male = csv.column("male")
        var text = "etime,event,male\n"
        for i in etime.indices { text += "\(etime[i]),\(labels[Int(event[i])]),\(Int(male[i]))\n" }
        var table = try CSVReader.read(text: text)
        if let ev = table["event"], case .string(let values) = ev.values {
            let codes = values.map { Int32(labels.firstIndex(of: $0) ?? 0) }
            try table.setColumn(Column(name: "event", values: .factor(Factor(codes: codes, levels: labels))))
        }
        let frame = try ModelFrame.build(formula: "Surv(etime, event) ~ male", data: table)
        let fit = try AalenJohansen.fit(frame, data: table)
        let fx = try SurvivalFixture("aj_mgus2_male.json")
        #expect(fit.strata.map(\.stratum) == ["male=0", "male=1"])
        let nt = fx.doubles("time").count
        let pcm = fit.strata.flatMap { $0.probability[1] }
        #expect(survivalMaxRelDiff(pcm, Array(fx.doubles("pstate")[nt..<(2 * nt)])) < 1e-10)
        #expect(fit.strata[0].cuminc.keys.sorted() == ["death", "pcm"])
    }
}
