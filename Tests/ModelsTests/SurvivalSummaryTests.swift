import Foundation
import Testing
import Linalg
import Models
import TestSupport

/// Text summaries and the JSON-contract field names of survival results.
@Suite struct SurvivalSummaryTests {
    @Test func coxSummaryReadsLikeR() throws {
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.lung())
        var model = fit.model
        model.nDropped = 1
        let text = model.summaryText(call: "coxph(formula = Surv(time, status) ~ age + sex + ph.ecog, data = lung)")
        #expect(text.contains("n= 227, number of events= 164"))
        #expect(text.contains("(1 observation deleted due to missingness)"))
        #expect(text.contains("exp(coef)"))
        // R: sex -0.552612 exp(coef) 0.575445; LR 30.5 on 3 df
        #expect(text.contains("-0.5526"))
        #expect(text.contains("Likelihood ratio test= 30.5  on 3 df"))
        let robust = try SurvivalCoxTests.fit(SurvivalCoxTests.counting("cgd.csv", start: "tstart", stop: "tstop", event: "status",
                                                                       vars: ["treat", "inherit", "steroids"], cluster: "id"))
        #expect(robust.model.summaryText().contains("robust se"))
    }

    @Test func kmAndLogRankSummaries() throws {
        let (data, sex, _) = try SurvivalKaplanMeierTests.lung()
        let km = try KaplanMeier.fit(data, groups: sex)
        let text = km.summaryText()
        // R: sex=1 138 112 270 212 310 ; sex=2 90 53 426 348 550
        #expect(text.contains("sex=1 138    112    270     212     310"))
        #expect(text.contains("sex=2  90     53    426     348     550"))
        #expect(km.eventTableText().contains("n.risk"))
        let lr = try LogRankTest.compute(data, groups: sex)
        #expect(lr.summaryText().contains("Chisq= 10.3  on 1 degrees of freedom, p= 0.00131"))
    }

    @Test func jsonFieldsFollowTheContract() throws {
        let (data, sex, _) = try SurvivalKaplanMeierTests.lung()
        let km = try KaplanMeier.fit(data, groups: sex)
        let kmJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(km)) as! [String: Any]
        let stratum = (kmJSON["strata"] as! [[String: Any]])[0]
        for key in ["stratum", "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "conf_low", "conf_high", "median"] {
            #expect(stratum[key] != nil, "missing \(key)")
        }
        let fit = try SurvivalCoxTests.fit(SurvivalCoxTests.lung())
        let coxJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(fit.model)) as! [String: Any]
        for key in ["coefficients", "loglik", "n_obs", "n_dropped"] { #expect(coxJSON[key] != nil, "missing \(key)") }
    }
}
