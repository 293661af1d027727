import Foundation
import Testing
import Linalg
import Models
import TestSupport

/// Cox proportional hazards fits against R survival 3.5-3 (fixtures from Scripts/reference/survival.R).
/// Tolerances: log partial likelihood 1e-8 relative; coefficients and SEs (naive and robust) 1e-6.
@Suite struct SurvivalCoxTests {
    struct Case {
        var data: SurvivalData
        var x: Matrix
        var names: [String]
        var strata: GroupCodes? = nil
        var cluster: GroupCodes? = nil
    }

    static func design(_ csv: SurvivalCSV, _ vars: [String], rows: [Int]) -> Matrix {
        var x = Matrix(rows: rows.count, columns: vars.count)
        for (j, v) in vars.enumerated() { x.setColumn(j, csv.column(v, rows: rows)) }
        return x
    }

    static func lung(_ vars: [String] = ["age", "sex", "ph.ecog"], weights: String? = nil) throws -> Case {
        let csv = try SurvivalCSV("lung.csv")
        let rows = csv.completeRows(["time", "status"] + vars)
        let data = try SurvivalData(stop: csv.column("time", rows: rows),
                                    status: try SurvivalEventCoding.decode(csv.column("status", rows: rows)),
                                    weights: weights.map { csv.column($0, rows: rows) })
        return Case(data: data, x: design(csv, vars, rows: rows), names: vars)
    }

    static func veteran() throws -> Case {
        let csv = try SurvivalCSV("veteran.csv")
        let vars = ["trt", "karno", "age"]
        let data = try SurvivalData(stop: csv.column("time"), status: try SurvivalEventCoding.decode(csv.column("status")))
        return Case(data: data, x: design(csv, vars, rows: Array(0..<137)), names: vars,
                    strata: try GroupCodes.from(name: "celltype", values: csv.column("celltype")))
    }

    static func counting(_ file: String, start: String, stop: String, event: String, vars: [String],
                         cluster: String?) throws -> Case {
        let csv = try SurvivalCSV(file)
        let n = csv.column(stop).count
        let data = try SurvivalData(start: csv.column(start), stop: csv.column(stop),
                                    status: try SurvivalEventCoding.decode(csv.column(event)))
        return Case(data: data, x: design(csv, vars, rows: Array(0..<n)), names: vars,
                    cluster: try cluster.map { try GroupCodes.from(name: $0, values: csv.column($0)) })
    }

    static func fit(_ c: Case, ties: CoxTies = .efron) throws -> CoxFit {
        try CoxPH.fit(data: c.data, x: c.x, names: c.names, strata: c.strata, cluster: c.cluster,
                      options: .init(ties: ties))
    }

    /// Checks the model against a `cox_fixture()` JSON.
    func check(_ m: CoxModel, _ fx: SurvivalFixture, coefTol: Double = 1e-6) {
        #expect(survivalMaxRelDiff([m.loglikNull, m.loglik], fx.doubles("loglik")) < 1e-8)
        #expect(survivalMaxRelDiff(m.estimates, fx.doubles("coef")) < coefTol)
        #expect(survivalMaxRelDiff(m.stdErrors, fx.doubles("se")) < coefTol)
        #expect(survivalMaxRelDiff(m.variance.storage, fx.doubles("var")) < 10 * coefTol)
        #expect(isClose(m.scoreTest.statistic, fx.double("score"), rel: 1e-6))
        #expect(isClose(m.waldTest.statistic, fx.double("wald"), rel: 1e-6))
        #expect(isClose(m.likelihoodRatioTest.statistic, fx.double("lrt"), rel: 1e-6))
        #expect(isClose(m.likelihoodRatioTest.pValue, fx.double("lrt_p"), rel: 1e-7))
        #expect(isClose(m.waldTest.pValue, fx.double("wald_p"), rel: 1e-7))
        #expect(isClose(m.scoreTest.pValue, fx.double("score_p"), rel: 1e-7))
        #expect(survivalMaxRelDiff(m.coefficients.map(\.pValue), fx.doubles("p")) < 1e-7)
        #expect(survivalMaxRelDiff(m.hazardRatios.map(\.confLow), fx.doubles("conf_low")) < coefTol)
        #expect(survivalMaxRelDiff(m.hazardRatios.map(\.confHigh), fx.doubles("conf_high")) < coefTol)
        #expect(m.nObs == Int(fx.double("n")))
        #expect(m.nEvents == Int(fx.double("nevent")))
        #expect(m.iterations == Int(fx.double("iter")))
        #expect(m.converged)
        // R: fit$concordance = (concordant, discordant, tied.x, tied.y, tied.xy, C, se(C))
        let conc = fx.doubles("concordance")
        if let c = m.concordance {
            #expect(survivalMaxRelDiff([c.concordant, c.discordant, c.tiedX, c.tiedY, c.tiedXY], Array(conc[0..<5])) < 1e-9)
            #expect(isClose(c.value, conc[5], rel: 1e-10))
        } else {
            Issue.record("no concordance")
        }
        if fx.object["naive_se"] != nil {
            #expect(m.robust)
            #expect(survivalMaxRelDiff(m.naiveStdErrors, fx.doubles("naive_se")) < coefTol)
            #expect(isClose(m.robustScoreTest?.statistic ?? .nan, fx.double("robust_score"), rel: 1e-6))
        } else {
            #expect(!m.robust)
        }
    }

    func checkResiduals(_ f: CoxFit, _ fx: SurvivalFixture, tol: Double = 1e-6) {
        let r = fx.sub("residuals")
        #expect(survivalMaxRelDiff(f.martingaleResiduals, r.doubles("martingale")) < tol)
        #expect(survivalMaxRelDiff(f.devianceResiduals, r.doubles("deviance")) < tol)
        // Score and dfbeta columns can hold values near 0: compare on the scale of each column.
        #expect(scaledDiff(f.scoreResiduals.storage, r.doubles("score")) < tol)
        #expect(scaledDiff(f.dfbetaResiduals.storage, r.doubles("dfbeta")) < tol)
        let sch = f.schoenfeldResiduals
        #expect(sch.time == r.doubles("schoenfeld_time"))
        #expect(scaledDiff(sch.residuals.storage, r.doubles("schoenfeld")) < tol)
    }

    func scaledDiff(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count else { return .infinity }
        let scale = b.map(abs).max() ?? 1
        return zip(a, b).map { abs($0 - $1) / scale }.max() ?? 0
    }

    /// R: coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung)   (1 row dropped for ph.ecog NA)
    @Test func lungEfron() throws {
        let fit = try Self.fit(Self.lung())
        let fx = try SurvivalFixture("cox_lung_efron.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
        #expect(fit.model.terms == ["age", "sex", "ph.ecog"])
    }

    /// R: coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung, ties = "breslow")
    @Test func lungBreslow() throws {
        let fit = try Self.fit(Self.lung(), ties: .breslow)
        let fx = try SurvivalFixture("cox_lung_breslow.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
    }

    /// R: coxph(Surv(time, status) ~ age + sex, data = lung, weights = 1 + (seq_len(nrow(lung)) %% 3) / 2)
    /// Non-integer weights: R switches to the robust variance (one cluster per row).
    @Test func lungWeightedRobust() throws {
        let fit = try Self.fit(Self.lung(["age", "sex"], weights: "w"))
        check(fit.model, try SurvivalFixture("cox_lung_weighted.json"))
    }

    /// R: coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran, ties = "breslow")
    @Test func veteranBreslowStrata() throws {
        let fit = try Self.fit(Self.veteran(), ties: .breslow)
        let fx = try SurvivalFixture("cox_veteran_breslow_strata.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
    }

    /// R: coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran)
    @Test func veteranEfronStrata() throws {
        let fit = try Self.fit(Self.veteran())
        let fx = try SurvivalFixture("cox_veteran_efron_strata.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
    }

    /// R: coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id), data = cgd)
    @Test func cgdCountingProcessCluster() throws {
        let c = try Self.counting("cgd.csv", start: "tstart", stop: "tstop", event: "status",
                                  vars: ["treat", "inherit", "steroids"], cluster: "id")
        let fit = try Self.fit(c)
        let fx = try SurvivalFixture("cox_cgd_cluster.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
        #expect(fit.model.clusters == 128)
    }

    /// R: coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids, data = cgd, ties = "breslow")
    @Test func cgdCountingProcessBreslow() throws {
        let c = try Self.counting("cgd.csv", start: "tstart", stop: "tstop", event: "status",
                                  vars: ["treat", "inherit", "steroids"], cluster: nil)
        let fit = try Self.fit(c, ties: .breslow)
        let fx = try SurvivalFixture("cox_cgd_breslow.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
    }

    /// R: coxph(Surv(start, stop, event) ~ age + year + surgery + transplant + cluster(id), data = heart)
    @Test func heartCountingProcessCluster() throws {
        let c = try Self.counting("heart.csv", start: "start", stop: "stop", event: "event",
                                  vars: ["age", "year", "surgery", "transplant"], cluster: "id")
        let fit = try Self.fit(c)
        let fx = try SurvivalFixture("cox_heart_cluster.json")
        check(fit.model, fx)
        checkResiduals(fit, fx)
    }

    /// R: coxph(Surv(time, status) ~ rx + extent + node4 + cluster(id) + strata(etype), data = colon)
    @Test func colonClusterStrata() throws {
        let csv = try SurvivalCSV("colon.csv")
        let n = csv.column("time").count
        let vars = ["rxLev", "rxLev5FU", "extent", "node4"]
        let data = try SurvivalData(stop: csv.column("time"), status: try SurvivalEventCoding.decode(csv.column("status")))
        let c = Case(data: data, x: Self.design(csv, vars, rows: Array(0..<n)), names: ["rxLev", "rxLev+5FU", "extent", "node4"],
                     strata: try GroupCodes.from(name: "etype", values: csv.column("etype")),
                     cluster: try GroupCodes.from(name: "id", values: csv.column("id")))
        let fit = try Self.fit(c)
        check(fit.model, try SurvivalFixture("cox_colon_cluster_strata.json"))
    }

    /// survival's validation data (vignette "validate"): Efron 1.676857, Breslow log((3 + sqrt(33)) / 2).
    @Test func validationExample() throws {
        let data = try SurvivalData(stop: [1, 1, 6, 6, 8, 9], status: [1, 0, 1, 1, 0, 1])
        let x = Matrix(rows: 6, columns: 1, columnMajor: [1, 1, 1, 0, 0, 0])
        let efron = try CoxPH.fit(data: data, x: x, names: ["x"])
        let fxE = try SurvivalFixture("cox_validate_efron.json")
        check(efron.model, fxE)
        checkResiduals(efron, fxE)
        #expect(isClose(efron.model.loglikNull, -4.276666, rel: 1e-6))
        let breslow = try CoxPH.fit(data: data, x: x, names: ["x"], options: .init(ties: .breslow))
        #expect(isClose(breslow.model.estimates[0], log((3 + 33.0.squareRoot()) / 2), rel: 1e-7))
        let fxB = try SurvivalFixture("cox_validate_breslow.json")
        check(breslow.model, fxB)
        checkResiduals(breslow, fxB)
    }
}
