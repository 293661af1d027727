import Testing
import Foundation
import Models
import TestSupport
@testable import Reports

@Test("JSON output has DESIGN.md's keys in the contract's order, then the GLM extras")
func glmJSONKeys() throws {
    let fit = try referenceFit("lung_logit_missing")
    guard case let .object(members) = fit.json else { Issue.record("not an object"); return }
    let keys = members.map(\.0)
    let contract = ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged",
                    "warnings", "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects",
                    "random_correlations", "residual_sd", "icc", "median_odds_ratio", "frailty"]
    #expect(Array(keys.prefix(contract.count)) == contract)
    #expect(keys.dropFirst(contract.count).contains("null_deviance"))
    #expect(keys.dropFirst(contract.count).contains("df_residual"))
    #expect(keys.dropFirst(contract.count).contains("iterations"))

    // It parses, and the numbers are R's: glm(I(status == 2) ~ age + sex + ph.ecog + wt.loss, binomial, survival::lung)
    let text = fit.json.serialized()
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let ref = try #require(try Fixtures.json("glm/lung_logit_missing.json") as? [String: Any])
    #expect(parsed["model"] as? String == "glm")
    #expect(parsed["nagq"] is NSNull)
    #expect(parsed["n_dropped"] as? Int == 15)
    #expect(isClose((parsed["loglik"] as! NSNumber).doubleValue, (ref["loglik"] as! NSNumber).doubleValue, rel: 1e-8))
    let coefs = try #require(parsed["coefficients"] as? [[String: Any]])
    #expect(coefs.map { $0["term"] as? String } == ["(Intercept)", "age", "sex", "ph.ecog", "wt.loss"])
    #expect(Set(coefs[0].keys) == ["term", "estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high"])
}

@Test("an aliased coefficient is null in JSON")
func aliasedIsNullInJSON() throws {
    let text = try referenceFit("mtcars_aliased_logit").json.serialized(pretty: false)
    #expect(text.contains(#"{"term":"wt2","estimate":null,"std_error":null,"statistic":null,"p_value":null,"conf_low":null,"conf_high":null}"#))
}
