import Testing
import Foundation
import TestSupport

// `truant fit` with ( ... | group) terms, run as a user runs it, against lme4's values in Tests/Fixtures/mixed/
// (Scripts/reference/mixed.R). The CSV inputs are written by Scripts/reference/mixedcli.R from lme4's data sets.

private let sleepstudy = "Tests/Fixtures/mixedcli/sleepstudy.csv"
private let cbpp = "Tests/Fixtures/mixedcli/cbpp.csv"
private let grouseticks = "Tests/Fixtures/mixedcli/grouseticks.csv"
private let contraception = "Tests/Fixtures/glm/contraception_logit.csv"
private let bad = "Tests/Fixtures/mixedcli/bad.csv"

/// lme4's values for one fit of a fixture.
private struct Reference {
    let fit: [String: Any]
    init(_ name: String, _ key: String) throws {
        let root = try #require(try Fixtures.json("mixed/\(name).json") as? [String: Any])
        let fits = try #require(root["fits"] as? [String: Any])
        fit = try #require(fits[key] as? [String: Any])
    }
    func number(_ key: String) -> Double { (fit[key] as? NSNumber)?.doubleValue ?? .nan }
    func numbers(_ key: String) -> [Double] { (fit[key] as? [NSNumber])?.map(\.doubleValue) ?? [] }
}

/// Runs `truant fit ... --format json` and parses the object.
private func fitJSON(_ arguments: [String]) throws -> (TruantRun, [String: Any]) {
    let run = try TruantRun(["fit"] + arguments + ["--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    return (run, object)
}

private func column(_ object: [String: Any], _ key: String) -> [Double] {
    ((object["coefficients"] as? [[String: Any]]) ?? []).map { ($0[key] as? NSNumber)?.doubleValue ?? .nan }
}

private func double(_ object: [String: Any], _ key: String) -> Double { (object[key] as? NSNumber)?.doubleValue ?? .nan }

@Test("binomial GLMM (Laplace) on Contraception: lme4's log-likelihood, AIC, fixed effects and SEs; ICC and MOR")
func mixedContraceptionLaplace() throws {
    // R: glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, control = tight)
    let ref = try Reference("contraception", "laplace")
    let (_, o) = try fitJSON(["use ~ age + I(age^2) + urban + livch + (1 | district)", "--data", contraception, "--family", "binomial"])
    #expect(o["model"] as? String == "glmm")
    #expect(o["method"] as? String == "laplace")
    #expect((o["nagq"] as? NSNumber)?.intValue == 1)
    #expect((o["groups"] as? [String: Any])?["district"] as? Int == 60)
    #expect(isClose(double(o, "loglik"), ref.number("logLik"), rel: 1e-6))
    #expect(isClose(double(o, "aic"), ref.number("AIC"), rel: 1e-6))
    #expect(isClose(double(o, "bic"), ref.number("BIC"), rel: 1e-6))
    #expect(isClose(double(o, "deviance"), -2 * ref.number("logLik"), rel: 1e-6))
    #expect(maxRelativeDifference(column(o, "estimate"), ref.numbers("fixef")) < 1e-4)
    #expect(maxRelativeDifference(column(o, "std_error"), ref.numbers("se")) < 1e-3)
    // ICC on the latent scale: var / (var + pi^2 / 3); MOR = exp(sqrt(2 var) qnorm(0.75)), var = theta^2.
    let v = ref.number("theta") * ref.number("theta")
    #expect(isClose(double(o, "icc"), v / (v + Double.pi * Double.pi / 3), rel: 1e-4))
    #expect(isClose(double(o, "median_odds_ratio"), exp((2 * v).squareRoot() * 0.6744897501960817), rel: 1e-4))
    #expect(o["residual_sd"] is NSNull)
}

@Test("the JSON keys come in the contract's order, with the mixed-model extras after them")
func mixedJSONKeyOrder() throws {
    let (run, _) = try fitJSON(["Reaction ~ Days + (Days | Subject)", "--data", sleepstudy])
    let order = ["model", "formula", "family", "link", "method", "nagq", "n_obs", "n_dropped", "groups", "converged",
                 "warnings", "loglik", "deviance", "aic", "bic", "df", "coefficients", "random_effects",
                 "random_correlations", "residual_sd", "icc", "median_odds_ratio", "frailty", "reml_criterion"]
        .map { "\n  \"\($0)\":" }
    let positions = order.map { run.stdout.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil }, "\(run.stdout.prefix(400))")
    #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
}

@Test("linear mixed model by REML (default) and ML on sleepstudy: lme4's criterion, variance components and correlation")
func mixedSleepstudy() throws {
    // R: lmer(Reaction ~ Days + (Days | Subject), sleepstudy)
    let reml = try Reference("sleepstudy_slope", "reml")
    let (_, o) = try fitJSON(["Reaction ~ Days + (Days | Subject)", "--data", sleepstudy])
    #expect(o["model"] as? String == "lmm" && o["method"] as? String == "reml" && o["nagq"] is NSNull)
    #expect(isClose(double(o, "loglik"), reml.number("logLik"), rel: 1e-6))
    #expect(isClose(double(o, "reml_criterion"), reml.number("REMLcrit"), rel: 1e-6))
    #expect(o["deviance"] is NSNull)
    #expect(maxRelativeDifference(column(o, "estimate"), reml.numbers("fixef")) < 1e-4)
    #expect(maxRelativeDifference(column(o, "std_error"), reml.numbers("se")) < 1e-4)
    #expect(isClose(double(o, "residual_sd"), reml.number("sigma"), rel: 1e-4))
    let re = try #require(o["random_effects"] as? [[String: Any]])
    #expect(re.first?["group"] as? String == "Subject" && re.first?["term"] as? String == "(Intercept)")
    #expect(isClose((re.first?["sd"] as? NSNumber)?.doubleValue ?? .nan, 24.7404476166998, rel: 1e-3))
    let corr = try #require((o["random_correlations"] as? [[String: Any]])?.first)
    #expect(isClose((corr["corr"] as? NSNumber)?.doubleValue ?? .nan, 0.0655513428534642, rel: 1e-3, abs: 1e-4))

    // R: lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE)
    let ml = try Reference("sleepstudy_slope", "ml")
    let (_, m) = try fitJSON(["Reaction ~ Days + (Days | Subject)", "--data", sleepstudy, "--ml"])
    #expect(m["method"] as? String == "ml")
    #expect(isClose(double(m, "loglik"), ml.number("logLik"), rel: 1e-6))
    #expect(isClose(double(m, "deviance"), ml.number("deviance"), rel: 1e-6))
    #expect(maxRelativeDifference(column(m, "estimate"), ml.numbers("fixef")) < 1e-4)
}

@Test("the text summary reads like lme4's: REML header, random-effects table with Corr, t values without p")
func mixedTextSummary() throws {
    let run = try TruantRun(["fit", "Reaction ~ Days + (Days | Subject)", "--data", sleepstudy])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("Linear mixed model fit by REML ['lmerMod']\n"))
    #expect(run.stdout.contains("REML criterion at convergence: 1743.6"))
    #expect(run.stdout.contains(" Groups   Name        Variance Std.Dev. Corr\n"))
    #expect(run.stdout.contains("Number of obs: 180, groups:  Subject, 18"))
    #expect(run.stdout.contains("            Estimate Std. Error t value\n"))
    #expect(!run.stdout.contains("Pr(>|t|)"))

    // R: summary(lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE)) prints these lines verbatim.
    let ml = try TruantRun(["fit", "Reaction ~ Days + (Days | Subject)", "--data", sleepstudy, "--ml"])
    #expect(ml.stdout.hasPrefix("Linear mixed model fit by maximum likelihood  ['lmerMod']\n"))
    #expect(ml.stdout.contains("\n     AIC      BIC   logLik deviance df.resid \n  1763.9   1783.1   -876.0   1751.9      174 \n"), "\(ml.stdout)")
    #expect(ml.stdout.contains("\nScaled residuals: \n    Min      1Q  Median      3Q     Max \n-3.9416 -0.4656  0.0289  0.4636  5.1793 \n"))
    #expect(ml.stdout.contains("\n          Days         32.68    5.717   0.08\n"))
    #expect(ml.stdout.contains("\n Residual             654.9"))

    let g = try TruantRun(["fit", "use ~ age + I(age^2) + urban + livch + (1 | district)", "--data", contraception, "--family", "binomial"])
    #expect(g.stdout.hasPrefix("Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) [glmerMod]\n Family: binomial  ( logit )\n"))
    #expect(g.stdout.contains("Estimate Std. Error z value Pr(>|z|)"))
    #expect(g.stdout.contains(" district 0.0642  1.574"))
}

@Test("--nagq 7 on cbpp gives lme4's AGQ fixed effects; Poisson with two crossed factors on grouseticks")
func mixedAGQAndPoisson() throws {
    // R: glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial, nAGQ = 7, control = tight)
    let agq = try Reference("cbpp", "agq7")
    let (_, o) = try fitJSON(["cbind(incidence, noninc) ~ factor(period) + (1 | herd)", "--data", cbpp, "--nagq", "7"])
    #expect(o["method"] as? String == "agq" && (o["nagq"] as? NSNumber)?.intValue == 7)
    #expect(maxRelativeDifference(column(o, "estimate"), agq.numbers("fixef")) < 1e-4)
    #expect(isClose(double(o, "aic") - double(o, "bic"), agq.number("AIC") - agq.number("BIC"), rel: 1e-6))

    // R: glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | LOCATION), grouseticks, poisson, control = tight)
    let pois = try Reference("grouseticks", "laplace")
    let (_, p) = try fitJSON(["TICKS ~ factor(YEAR) + cHEIGHT + (1 | BROOD) + (1 | LOCATION)", "--data", grouseticks, "--family", "poisson"])
    #expect(isClose(double(p, "loglik"), pois.number("logLik"), rel: 1e-6))
    #expect(maxRelativeDifference(column(p, "estimate"), pois.numbers("fixef")) < 1e-4)
    #expect(p["icc"] is NSNull && p["median_odds_ratio"] is NSNull)
    let groups = try #require(p["groups"] as? [String: Any])
    #expect(groups["BROOD"] as? Int == 118 && groups["LOCATION"] as? Int == 63)
}

@Test("Markdown, HTML, LaTeX and CSV carry the coefficient and variance-components tables")
func mixedOtherFormats() throws {
    let base = ["fit", "Reaction ~ Days + (Days | Subject)", "--data", sleepstudy]
    let md = try TruantRun(base + ["--format", "markdown"])
    #expect(md.status == 0 && md.stdout.contains("| Days |") && md.stdout.contains("| Group | Effect | Variance |"))
    let html = try TruantRun(base + ["--format", "html"])
    #expect(html.stdout.contains("<table class=\"truant-variance-components\">"))
    let tex = try TruantRun(base + ["--format", "latex"])
    #expect(tex.stdout.contains("\\begin{tabular}{llrrr}"))
    let csv = try TruantRun(base + ["--format", "csv"])
    #expect(csv.stdout.hasPrefix("term,estimate,std_error,statistic,p_value,conf_low,conf_high\n") && csv.stdout.contains("\ngroup,term,variance,sd\n"))
}

@Test("bad input and misused options: clear messages, exit 2")
func mixedBadInput() throws {
    let oneLevel = try TruantRun(["fit", "y ~ x + (1 | g)", "--data", bad])
    #expect(oneLevel.status == 2)
    #expect(oneLevel.stderr.contains("'g'") && oneLevel.stderr.contains("at least two groups"), "\(oneLevel.stderr)")

    let constantSlope = try TruantRun(["fit", "y ~ x + (1 + k | g2)", "--data", bad])
    #expect(constantSlope.status == 2)
    #expect(constantSlope.stderr.contains("'k'") && constantSlope.stderr.contains("constant"), "\(constantSlope.stderr)")

    let missing = try TruantRun(["fit", "y ~ x + (1 | school)", "--data", bad])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("school"), "\(missing.stderr)")

    let vectorAGQ = try TruantRun(["fit", "use ~ age + (1 + age | district)", "--data", contraception, "--family", "binomial", "--nagq", "5"])
    #expect(vectorAGQ.status == 2 && vectorAGQ.stderr.contains("one scalar random effect"), "\(vectorAGQ.stderr)")

    let tooMany = try TruantRun(["fit", "use ~ age + (1 | district)", "--data", contraception, "--family", "binomial", "--nagq", "26"])
    #expect(tooMany.status == 2 && tooMany.stderr.contains("between 1 and 25"))

    let remlGLMM = try TruantRun(["fit", "use ~ age + (1 | district)", "--data", contraception, "--family", "binomial", "--reml"])
    #expect(remlGLMM.status == 2 && remlGLMM.stderr.contains("linear mixed models"))

    let nagqLMM = try TruantRun(["fit", "Reaction ~ Days + (1 | Subject)", "--data", sleepstudy, "--nagq", "3"])
    #expect(nagqLMM.status == 2 && nagqLMM.stderr.contains("--nagq applies to generalized"))
}

@Test("--weights and --offset reach the mixed model: lme4's log-likelihoods")
func mixedWeightsAndOffset() throws {
    // R: lmer(Reaction ~ Days + (1 | Subject), sleepstudy, weights = rep(c(1, 2, 0.5), length.out = 180))
    let weighted = try Reference("sleepstudy_weights", "reml")
    let (_, w) = try fitJSON(["Reaction ~ Days + (1 | Subject)", "--data", sleepstudy, "--weights", "w"])
    #expect(isClose(double(w, "loglik"), weighted.number("logLik"), rel: 1e-6))
    #expect(maxRelativeDifference(column(w, "estimate"), weighted.numbers("fixef")) < 1e-4)

    // R: glmer(incidence ~ period + offset(log(size)) + (1 | herd), cbpp, poisson, control = tight)
    let offset = try Reference("cbpp_poisson", "laplace")
    let (_, o) = try fitJSON(["incidence ~ factor(period) + (1 | herd)", "--data", cbpp, "--family", "poisson", "--offset", "logsize"])
    #expect(isClose(double(o, "loglik"), offset.number("logLik"), rel: 1e-6))
    #expect(maxRelativeDifference(column(o, "estimate"), offset.numbers("fixef")) < 1e-4)
}

@Test("a singular fit names the term in the text summary and in the JSON warnings")
func mixedSingularFit() throws {
    // R: lmer(Yield ~ 1 + (1 | Batch), Dyestuff2) is singular (Batch variance 0); logLik -80.9141389061442
    let text = try TruantRun(["fit", "Yield ~ 1 + (1 | Batch)", "--data", "Tests/Fixtures/mixedcli/dyestuff2.csv"])
    #expect(text.status == 0)
    #expect(text.stdout.contains("\nWarnings:\n  - singular fit: the variance of (Intercept) for Batch"), "\(text.stdout)")
    let (run, o) = try fitJSON(["Yield ~ 1 + (1 | Batch)", "--data", "Tests/Fixtures/mixedcli/dyestuff2.csv"])
    #expect(((o["warnings"] as? [String]) ?? []).contains { $0.hasPrefix("singular fit") && $0.contains("Batch") })
    #expect(run.stderr.contains("truant fit: warning: singular fit"))
    #expect(isClose(double(o, "loglik"), try Reference("dyestuff2", "reml").number("logLik"), rel: 1e-6))
}

@Test("rows dropped for missing values are counted in the JSON and the summary")
func mixedDroppedRows() throws {
    // Datasets/flemish-cohort/pupils.csv: `support` is NA for 5 of 20,000 pupils.
    let args = ["truant ~ support + (1 | school_id)", "--data", "Datasets/flemish-cohort/pupils.csv", "--family", "binomial"]
    let (_, o) = try fitJSON(args)
    #expect(o["n_obs"] as? Int == 19995 && o["n_dropped"] as? Int == 5)
    let text = try TruantRun(["fit"] + args)
    #expect(text.stdout.contains("Number of obs: 19995, groups:  school_id, 120\n  (5 observations deleted due to missingness)"))
}

@Test("truant brief fits a multilevel model when the spec's formula has a random term")
func mixedBrief() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truant-mixed-brief-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let spec = dir.appendingPathComponent("spec.json").path, html = dir.appendingPathComponent("brief.html").path
    try """
    {"title": "Truancy by track", "question": "Do pupils in vocational tracks play truant more often?",
     "population": "Synthetic cohort.", "outcome_phrase": "reported truancy", "language": "en", "definitions": [],
     "model": {"formula": "truant ~ track + (1 | school_id)", "family": "binomial"},
     "comparisons": [{"a": {"label": "pupils in BSO", "values": {"trackBSO": 1}}, "b": {"label": "pupils in ASO", "values": {}}}],
     "school": "school_id"}
    """.write(toFile: spec, atomically: true, encoding: .utf8)
    let run = try TruantRun(["brief", "--spec", spec, "--data", "Datasets/flemish-cohort/pupils.csv", "--out", html, "--date", "2026-01-01"])
    #expect(run.status == 0, "\(run.stderr)")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("multilevel"))
    #expect(page.contains("in 120 schools"))
    #expect(page.contains("typical school"))
    #expect(page.contains("Differences between schools"))   // the caterpillar plot of the school effects
}
