import Testing
import Foundation
import Formula
import Frames
import Models
import Reports
import TestSupport

// Presenters of a MixedModelFit: JSON contract, lme4-like text, variance-components table and the brief hook.
// Fits run on lme4's data sets (CSV written by Scripts/reference/mixedcli.R); reference values from
// Tests/Fixtures/mixed/*.json (Scripts/reference/mixed.R).

private func fitSleepstudy() throws -> MixedModelFit {
    let table = try Table.read(path: Fixtures.path("mixedcli/sleepstudy.csv"))
    return try LinearMixedModel().fit(try ModelFrame.build(formula: "Reaction ~ Days + (Days | Subject)", data: table))
}

private func fitContraception() throws -> MixedModelFit {
    let table = try Table.read(path: Fixtures.path("glm/contraception_logit.csv"))
    let frame = try ModelFrame.build(formula: "use ~ age + I(age^2) + urban + livch + (1 | district)", data: table)
    return try GeneralizedLinearMixedModel(family: .binomial).fit(frame)
}

private func referenceFit(_ name: String, _ key: String) throws -> [String: Any] {
    let root = try #require(try Fixtures.json("mixed/\(name).json") as? [String: Any])
    return try #require((root["fits"] as? [String: Any])?[key] as? [String: Any])
}

@Test("the variance-components table puts the correlation beside the slope and the residual last")
func varianceComponentsLayout() throws {
    let table = VarianceComponentsTable(try fitSleepstudy())
    #expect(table.rows.map(\.group) == ["Subject", "Subject", "Residual"])
    #expect(table.rows.map(\.continues) == [false, true, false])
    #expect(table.rows[0].correlations.isEmpty && table.rows[1].correlations.count == 1)
    // R: VarCorr(lmer(Reaction ~ Days + (Days | Subject), sleepstudy)): sd 24.7404, 5.92213, corr 0.0656, sigma 25.5918
    #expect(isClose(table.rows[0].sd, 24.7404476166998, rel: 1e-3))
    #expect(isClose(table.rows[1].correlations[0], 0.0655513428534642, rel: 1e-2))
    #expect(isClose(table.rows[2].sd, 25.5918158926241, rel: 1e-4))
    let lines = table.text().split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0] == " Groups   Name        Variance Std.Dev. Corr")
    #expect(lines[2].hasPrefix("          Days") && lines[2].hasSuffix("0.07"))
    #expect(table.csv().hasPrefix("group,term,variance,sd\nSubject,(Intercept),"))
}

@Test("JSON of an LMM: method reml, no nagq, REML criterion instead of deviance, ICC against the residual")
func mixedJSONForLMM() throws {
    let fit = try fitSleepstudy()
    let text = fit.json(MixedFitContext(formula: "Reaction ~ Days + (Days | Subject)", nDropped: 0)).serialized(pretty: true)
    let o = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(o["model"] as? String == "lmm" && o["method"] as? String == "reml")
    #expect(o["nagq"] is NSNull && o["deviance"] is NSNull && o["frailty"] is NSNull)
    let ref = try referenceFit("sleepstudy_slope", "reml")
    #expect(isClose((o["reml_criterion"] as? NSNumber)?.doubleValue ?? .nan, (ref["REMLcrit"] as! NSNumber).doubleValue, rel: 1e-6))
    let icc = (o["icc"] as? NSNumber)?.doubleValue ?? .nan
    let v0 = 24.7404476166998 * 24.7404476166998, s2 = 25.5918158926241 * 25.5918158926241
    #expect(isClose(icc, v0 / (v0 + s2), rel: 1e-3))
    #expect(o["median_odds_ratio"] is NSNull)
    let keys = ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged", "warnings",
                "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects", "random_correlations", "residual_sd",
                "icc", "median_odds_ratio", "frailty"]
    guard case let .object(pairs) = fit.json() else { Issue.record("not an object"); return }
    #expect(Array(pairs.map(\.0).prefix(keys.count)) == keys)
}

@Test("the GLMM summary has lme4's header, family line, criteria table and z table, then ICC and MOR")
func mixedSummaryForGLMM() throws {
    let fit = try fitContraception()
    let text = MixedSummary(fit, context: MixedFitContext(formula: "use ~ age + I(age^2) + urban + livch + (1 | district)", dataName: "Contraception")).text()
    // R: summary(glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial))
    #expect(text.hasPrefix("Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) [glmerMod]\n Family: binomial  ( logit )\n"))
    #expect(text.contains("   Data: Contraception\n"))
    #expect(text.contains("     AIC      BIC   logLik deviance df.resid \n  2388.7   2433.3  -1186.4   2372.7     1926 \n"))
    #expect(text.contains("Number of obs: 1934, groups:  district, 60"))
    #expect(text.contains("Estimate Std. Error z value Pr(>|z|)"))
    #expect(text.contains(" district 0.0642  1.574"))
    let md = fit.rendered(as: .markdown, context: MixedFitContext(formula: "use ~ ..."))
    #expect(md.contains("| urbanY |") && md.contains("| district | (Intercept) |") && md.contains("MOR(district) = 1.57"))
}

@Test("BriefModel from a GLMM predicts for a typical school (u = 0) and carries the school variation")
func briefFromMixed() throws {
    let fit = try fitContraception()
    let model = BriefModel(fit, formula: "use ~ ... + (1 | district)", school: "district")
    #expect(model.kind == "glmm" && model.groups == ["schools": 60])
    let ref = try referenceFit("contraception", "laplace")
    let fixef = (ref["fixef"] as! [NSNumber]).map(\.doubleValue)
    let se = (ref["se"] as! [NSNumber]).map(\.doubleValue)
    // R: plogis(fixef(fit)[1]) and plogis(fixef(fit)[1] + c(-1, 1) * qnorm(0.975) * sqrt(vcov(fit)[1, 1]))
    let p = try model.predict(Profile(label: "reference", values: [:]))
    let plogis = { (x: Double) in 1 / (1 + exp(-x)) }
    #expect(isClose(p.estimate, plogis(fixef[0]), rel: 1e-4))
    #expect(isClose(p.low, plogis(fixef[0] - 1.959963984540054 * se[0]), rel: 1e-3))
    #expect(isClose(p.high, plogis(fixef[0] + 1.959963984540054 * se[0]), rel: 1e-3))
    let v = try #require(model.schoolVariation)
    let theta = (ref["theta"] as! NSNumber).doubleValue
    #expect(v.schools == 60 && isClose(v.variance, theta * theta, rel: 1e-4))
    #expect(isClose(v.medianOddsRatio, fit.groups[0].medianOddsRatio ?? .nan, rel: 1e-12))
    let effects = SchoolEffect.effects(fit, school: "district")
    #expect(effects.count == 60)
    #expect(effects.allSatisfy { $0.sd > 0 && $0.mode.isFinite })
    #expect(effects[0].mode == fit.conditionalModes[0].mode(level: 0))
}

@Test("a linear mixed model gives no school variation to the brief (it is read as an odds ratio)")
func briefFromLinearMixed() throws {
    let model = BriefModel(try fitSleepstudy(), formula: "Reaction ~ Days + (Days | Subject)")
    #expect(model.kind == "lmm" && model.schoolVariation == nil && model.groups == ["Subject": 18])
    #expect(model.method == "restricted maximum likelihood (REML)")
}
