import Testing
import Foundation
import Frames
import Formula
import Models
import TestSupport
@testable import Reports

/// Predicted probabilities and their difference against R (Scripts/reference/brief.R):
///   fit <- glm(use ~ age + I(age^2) + urban + livch, binomial, mlmRev::Contraception)
///   predict(fit, newdata, type = "link", se.fit = TRUE); plogis(eta ± qnorm(0.975) * se)
///   difference: delta method with grad = dlogis(eta1) x1 - dlogis(eta2) x2 and vcov(fit)
@Test("Brief predictions and the delta-method difference match R's predict.glm on Contraception")
func briefPredictionsMatchR() throws {
    let ref = try #require(try Fixtures.json("brief/contraception_predict.json") as? [String: Any])
    let glmRef = try #require(try Fixtures.json("glm/contraception_logit.json") as? [String: Any])
    let levels = (glmRef["factor_levels"] as? [String: [String]]) ?? [:]
    let table = try Table.read(path: Fixtures.path("glm/contraception_logit.csv"), options: CSVOptions(factorLevels: levels))
    let formula = "use ~ age + I(age^2) + urban + livch"
    let fit = try GLM(family: .binomial).fit(try ModelFrame.build(formula: formula, data: table), formula: formula)
    let model = BriefModel(fit)
    let profiles = try #require(ref["profiles"] as? [[String: Double]]).enumerated().map { Profile(label: "p\($0.offset)", values: $0.element) }
    let predictions = try profiles.map { try model.predict($0) }
    let nums = { (k: String) in (ref[k] as? [Double]) ?? [] }
    let dp = maxRelativeDifference(predictions.map(\.estimate), nums("probability"))
    let dl = maxRelativeDifference(predictions.map(\.low), nums("low"))
    let dh = maxRelativeDifference(predictions.map(\.high), nums("high"))
    print("brief/contraception_predict: max rel. diff. probability \(dp), low \(dl), high \(dh)")
    #expect(dp < 1e-6 && dl < 1e-6 && dh < 1e-6)
    let d = try model.difference(profiles[0], profiles[1])
    let dd = maxRelativeDifference([d.estimate, d.low, d.high],
                                   [ref["difference"] as! Double, ref["difference_low"] as! Double, ref["difference_high"] as! Double])
    print("brief/contraception_predict: max rel. diff. difference and interval \(dd)")
    #expect(dd < 1e-6)
}
