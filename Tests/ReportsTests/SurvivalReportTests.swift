import Testing
import Foundation
import Formula
import Frames
import Models
import TestSupport
@testable import Reports

/// Presenters of survival results: Cox JSON in the contract's order, R-like text, the shared coefficient
/// table formats, and the curves report (Kaplan–Meier and cumulative incidence) with NaN written as null.
@Suite("Survival reports")
struct SurvivalReportTests {
    /// Fits `formula` to a survival fixture table with `CoxPH.model`.
    static func cox(_ formula: String, _ file: String, ties: CoxTies = .efron) throws -> CoxModel {
        let table = try Table.read(path: Fixtures.path("survival/" + file))
        let frame = try ModelFrame.build(formula: formula, data: table)
        return try CoxPH.model(frame, options: CoxPH.Options(ties: ties))
    }

    static func parse(_ value: JSONValue) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? [String: Any])
    }

    /// R: coxph(Surv(time, status) ~ trt + karno + age + strata(celltype), data = veteran)
    @Test("Cox JSON: the contract's keys first, in order, then the Cox extras; R's numbers")
    func coxJSON() throws {
        let model = try Self.cox("Surv(time, status) ~ trt + karno + age + strata(celltype)", "veteran.csv")
        let formula = "Surv(time, status) ~ trt + karno + age + strata(celltype)"
        guard case let .object(members) = model.json(formula: formula) else { Issue.record("not an object"); return }
        let contract = ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged",
                        "warnings", "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects",
                        "random_correlations", "residual_sd", "icc", "median_odds_ratio", "frailty"]
        #expect(Array(members.map(\.0).prefix(contract.count)) == contract)
        #expect(members.map(\.0).dropFirst(contract.count).first == "n_events")
        let object = try Self.parse(model.json(formula: formula))
        let ref = try #require(try Fixtures.json("survival/cox_veteran_efron_strata.json") as? [String: Any])
        let loglik = (ref["loglik"] as? [NSNumber] ?? []).map(\.doubleValue)
        #expect(isClose((object["loglik"] as? NSNumber)?.doubleValue ?? .nan, loglik.last ?? 0, rel: 1e-9))
        let est = (object["coefficients"] as? [[String: Any]] ?? []).map { ($0["estimate"] as? NSNumber)?.doubleValue ?? .nan }
        #expect(maxRelativeDifference(est, (ref["coef"] as? [NSNumber] ?? []).map(\.doubleValue)) < 1e-6)
        #expect((object["strata"] as? [String])?.count == 4)
        #expect(object["frailty"] is NSNull && object["deviance"] is NSNull)
        // R: BIC(fit) uses the number of events: -2 loglik + log(128) * 3
        #expect(isClose((object["bic"] as? NSNumber)?.doubleValue ?? .nan, -2 * (loglik.last ?? 0) + log(128.0) * 3, rel: 1e-12))
    }

    /// R: summary(coxph(Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id), data = cgd))
    @Test("Cox text: R's summary with a robust se column; table formats come from CoefficientTable")
    func coxText() throws {
        let model = try Self.cox("Surv(tstart, tstop, status) ~ treat + inherit + steroids + cluster(id)", "cgd.csv")
        let text = model.rendered(as: .text, formula: "Surv(tstart, tstop, status) ~ treat", dataName: "cgd")
        #expect(text.contains("coxph(formula = Surv(tstart, tstop, status) ~ treat, data = cgd)"))
        #expect(text.contains("robust se"))
        #expect(text.contains("Score (logrank) test = 22.7  on 3 df"))
        let table = CoefficientTable(model.coefficients, statistic: .z, confidenceLevel: 0.95)
        #expect(model.rendered(as: .csv, formula: nil) == table.csv())
        #expect(model.rendered(as: .markdown, formula: nil).contains(table.markdown()))
        #expect(model.rendered(as: .markdown, formula: nil).contains("robust standard errors (128 clusters)"))
    }

    @Test("Kaplan–Meier JSON: undefined interval ends are null, not NaN; the curve reaching 0 is kept")
    func kmNulls() throws {
        let data = try SurvivalData(stop: [1, 2, 3, 4], status: [1, 0, 1, 1])
        let fit = try KaplanMeier.fit(data)
        let report = SurvivalCurvesReport(.kaplanMeier(fit, logRank: nil), formula: "Surv(t, d) ~ 1", nObs: 4, nDropped: 0)
        let text = report.json.serialized()
        #expect(!text.contains("nan") && !text.contains("inf"))
        let object = try Self.parse(report.json)
        let stratum = try #require((object["strata"] as? [[String: Any]])?.first)
        let low = try #require(stratum["conf_low"] as? [Any])
        #expect(low.last is NSNull)
        #expect((stratum["surv"] as? [NSNumber])?.last?.doubleValue == 0)
        #expect(object["logrank"] is NSNull)
        // CSV writes R's NA and Inf.
        #expect(report.rendered(as: .csv).split(separator: "\n").last == "all,4,1,1,0,0,Inf,NA,NA")
    }

    @Test("cumulative incidence: states keyed in order, CSV one row per time and exit, Gray's tests listed")
    func cumulativeIncidence() throws {
        // Two groups, exits "a" and "b" (codes 1 and 2), censoring 0.
        let data = try SurvivalData(stop: [1, 2, 3, 4, 5, 6, 2, 3, 5, 7, 8, 9], status: [1, 2, 0, 1, 2, 1, 2, 2, 1, 0, 2, 1],
                                    states: ["a", "b"])
        let groups = try GroupCodes(name: "g", codes: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], levels: ["x", "y"])
        let fit = try AalenJohansen.fit(data, groups: groups)
        let gray = try [1, 2].map { try GrayTest.compute(data, cause: $0, groups: groups) }
        let report = SurvivalCurvesReport(.cumulativeIncidence(fit, gray: gray), formula: "Surv(t, e) ~ g", nObs: 12, nDropped: 0)
        guard case let .object(members) = report.json,
              case let .array(strata)? = members.first(where: { $0.0 == "strata" })?.1,
              case let .object(first)? = strata.first,
              case let .object(cuminc)? = first.first(where: { $0.0 == "cuminc" })?.1 else {
            Issue.record("unexpected JSON shape"); return
        }
        #expect(cuminc.map(\.0) == ["a", "b"])
        #expect(first.map(\.0).prefix(6) == ["stratum", "time", "n_risk", "n_event", "n_censor", "cuminc"])
        let csv = report.rendered(as: .csv).split(separator: "\n")
        #expect(csv.first == "stratum,time,state,n_risk,n_event,cuminc,std_err,conf_low,conf_high")
        #expect(csv.count == 1 + 2 * fit.strata.map(\.time.count).reduce(0, +))
        let object = try Self.parse(report.json)
        #expect((object["gray_tests"] as? [[String: Any]])?.compactMap { $0["cause"] as? String } == ["a", "b"])
        #expect(report.rendered(as: .text).contains("Gray's test of equal cumulative incidence"))
    }
}
