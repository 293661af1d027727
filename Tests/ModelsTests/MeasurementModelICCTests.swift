import Foundation
import Testing
@testable import Models
import TestSupport

/// ICC(1) from a random-intercept model vs lme4 on multilevel's bh1996
/// (Scripts/reference/measurement_icc_model.R → Tests/Fixtures/measurement/bh1996_icc_model.json).
@Suite("Aggregation: ICC(1) from a random-intercept model vs lme4::lmer")
struct MeasurementModelICCTests {
    @Test("tau2, sigma2, ICC(1), intercept and criterion of HRS, LEAD, COHES, WBEING match lmer (REML and ML)")
    func bh1996() throws {
        // R: m <- lmer(y ~ 1 + (1 | g), data = d, REML = reml); as.data.frame(VarCorr(m))
        let data = MeasurementAgreementTests.bh
        let g = MeasurementAgreementTests.grouping(data, "GRP")
        let ref = try JSONFixture("measurement/bh1996_icc_model.json")
        for entry in ref.array("models") {
            let name = try #require(entry.object["var"] as? String)
            for (key, reml) in [("reml", true), ("ml", false)] {
                let r = entry[key]
                let icc = try ModelBasedICC(variable: name, values: data.column(name), grouping: g, reml: reml)
                let d = { (k: String) in r.double(k) }
                #expect(isClose(icc.betweenVariance, d("tau2"), rel: 1e-4), "\(name) \(key) tau2 \(icc.betweenVariance)")
                #expect(isClose(icc.withinVariance, d("sigma2"), rel: 1e-4), "\(name) \(key) sigma2")
                #expect(isClose(icc.icc1, d("icc1"), rel: 1e-4), "\(name) \(key) ICC1")
                #expect(isClose(icc.intercept, d("intercept"), rel: 1e-6), "\(name) \(key) intercept")
                #expect(isClose(icc.criterion, d("criterion"), rel: 1e-8), "\(name) \(key) criterion")
                #expect(icc.n == 7382 && icc.groupCount == 99 && !icc.singular && icc.reml == reml)
            }
        }
    }

    @Test("the agreement report carries the REML model-based ICC(1) beside the ANOVA one")
    func inReport() throws {
        let data = MeasurementAgreementTests.bh
        let g = MeasurementAgreementTests.grouping(data, "GRP")
        let ref = try JSONFixture("measurement/bh1996_icc_model.json").array("models")
        let vars = ref.compactMap { $0.object["var"] as? String }
        let r = try AgreementReport(names: vars, columns: vars.map { data.column($0) }, grouping: g,
                                    groupVariable: "GRP", options: 5)
        #expect(r.modelIntraclass.count == vars.count)
        for (m, e) in zip(r.modelIntraclass, ref) {
            let icc = try #require(m)
            #expect(isClose(icc.icc1, e["reml"].double("icc1"), rel: 1e-4))
        }
    }

    @Test("bad input: one group, constant values, wrong length")
    func badInput() {
        let one = Grouping(labels: ["a", "a", "a"])
        #expect(throws: MeasurementError.self) { try ModelBasedICC(variable: "x", values: [1, 2, 3], grouping: one) }
        let two = Grouping(labels: ["a", "a", "b", "b"])
        #expect(throws: MeasurementError.self) { try ModelBasedICC(variable: "x", values: [2, 2, 2, 2], grouping: two) }
        #expect(throws: MeasurementError.self) { try ModelBasedICC(variable: "x", values: [1, 2], grouping: two) }
    }
}
