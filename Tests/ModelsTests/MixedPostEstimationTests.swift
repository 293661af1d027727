import Foundation
import Formula
import Linalg
import Models
import Testing
import TestSupport

/// Predictions, likelihood-ratio tests, ICC and median odds ratio against lme4 (Scripts/reference/mixed.R,
/// fixture Tests/Fixtures/mixed/postestimation.json).
@Suite("Mixed-model post-estimation")
struct MixedPostEstimationTests {
    let ref: [String: Any]

    init() throws {
        ref = try Fixtures.json("mixed/postestimation.json") as! [String: Any]
    }

    func values(_ key: String) -> [Double] { MixedFixture.doubles(ref[key]) }
    func value(_ key: String) -> Double { (ref[key] as! NSNumber).doubleValue }

    // predict(lmer(Reaction ~ Days + (Days | Subject), sleepstudy),
    //         data.frame(Days = c(0, 5, 9), Subject = c("308", "309", "new")), allow.new.levels = TRUE)
    // and the same with re.form = NA.
    @Test func predictionsForNewDataWithNewLevels() throws {
        let fx = try MixedFixture("sleepstudy_slope")
        let fit = try LinearMixedModel().fit(fx.frame)
        let x = Matrix(rowMajor: [[1, 0], [1, 5], [1, 9]])
        let term = RandomTermDesign(grouping: GroupingFactor(name: "Subject", codes: [0, 1, 2], levels: ["308", "309", "new"]),
                                    z: x, columnNames: ["(Intercept)", "Days"], correlated: true)
        let cond = try fit.predict(x: x, randomTerms: [term])
        #expect(maxRelativeDifference(cond, values("predict_conditional")) < 1e-6, "\(cond)")
        let pop = try fit.predict(x: x, conditional: false)
        #expect(maxRelativeDifference(pop, values("predict_population")) < 1e-6, "\(pop)")
        // A new level gets the population prediction.
        #expect(isClose(cond[2], pop[2], rel: 1e-12))
        // Refusing new levels names the level.
        #expect(throws: MixedModelError.self) { try fit.predict(x: x, randomTerms: [term], allowNewLevels: false) }
        // Wrong number of columns is a clear error.
        #expect(throws: MixedModelError.self) { try fit.predict(x: Matrix(rows: 1, columns: 3)) }
    }

    // predict(glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial),
    //         Contraception[1:3, ], re.form = NA) and type = "response" (conditional)
    @Test func glmmPredictionsOnBothScales() throws {
        let fx = try MixedFixture("contraception")
        let fit = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(fx.frame)
        let n = fx.frame.nObs, p = fx.frame.fixed.matrix.columns
        var x = Matrix(rows: 3, columns: p)
        for i in 0..<3 { for j in 0..<p { x[i, j] = fx.frame.fixed.matrix[i, j] } }
        let g = fx.frame.randomTerms[0].grouping
        let term = RandomTermDesign(grouping: GroupingFactor(name: g.name, codes: Array(g.codes[0..<3]), levels: g.levels),
                                    z: Matrix(rows: 3, columns: 1, repeating: 1), columnNames: ["(Intercept)"], correlated: true)
        let link = try fit.predict(x: x, conditional: false, scale: .link)
        #expect(maxRelativeDifference(link, values("contraception_predict_link")) < 1e-4, "\(link)")
        let resp = try fit.predict(x: x, randomTerms: [term])
        #expect(maxRelativeDifference(resp, values("contraception_predict_response")) < 1e-4, "\(resp)")
        // In-sample conditional predictions equal the fitted values.
        #expect(maxRelativeDifference(resp, Array(fit.fitted[0..<3])) < 1e-12)
        _ = n
    }

    // anova(lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE),
    //       lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE))
    @Test func likelihoodRatioTest() throws {
        let small = try LinearMixedModel(reml: false).fit(try MixedFixture("sleepstudy_intercept").frame)
        let large = try LinearMixedModel(reml: false).fit(try MixedFixture("sleepstudy_slope").frame)
        let lrt = try LikelihoodRatioTest(small, large)
        #expect(isClose(lrt.statistic, value("lrt_chisq"), rel: 1e-5))
        #expect(lrt.df == Int(value("lrt_df")))
        #expect(isClose(lrt.pValue, value("lrt_p"), rel: 1e-4))
        #expect(throws: MixedModelError.self) { try LikelihoodRatioTest(large, small) }
    }

    // ICC = var / (var + pi^2/3) and MOR = exp(sqrt(2 var) qnorm(0.75)) from VarCorr(glmer(...Contraception));
    // LMM ICC = var_Subject / (var_Subject + sigma^2) for lmer(Reaction ~ Days + (1 | Subject), sleepstudy).
    @Test func iccAndMedianOddsRatio() throws {
        let glmm = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false)
            .fit(try MixedFixture("contraception").frame)
        let g = try #require(glmm.groups.first)
        #expect(g.group == "district" && g.levels == 60)
        #expect(isClose(g.icc ?? .nan, value("contraception_icc"), rel: 1e-4))
        #expect(isClose(g.medianOddsRatio ?? .nan, value("contraception_mor"), rel: 1e-4))
        let lmm = try LinearMixedModel().fit(try MixedFixture("sleepstudy_intercept").frame)
        #expect(isClose(lmm.groups[0].icc ?? .nan, value("sleepstudy_icc"), rel: 1e-5))
        #expect(lmm.groups[0].medianOddsRatio == nil)
    }
}
