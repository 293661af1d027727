import Foundation
import Testing
import TestSupport
@testable import Script

let sleepstudyCSV = Fixtures.path("mixed/sleepstudy.csv")
let contraceptionMixedCSV = Fixtures.path("mixed/contraception.csv")

/// Fits in a fresh session and returns the numbers of the last expression.
func mixedNumbers(_ code: String) throws -> [Double] {
    let session = Interpreter(output: { _ in }, messages: { _ in })
    let v = try session.evaluate(code)
    if case .table(let t) = v, let c = t.columns.first, let d = c.doubles { return d }
    return try #require(v.vector?.doubles?.map { $0 ?? .nan })
}

@Suite("Mixed-model built-ins: lmer, glmer and post-estimation match lme4")
struct MixedBuiltinTests {
    let slope: [String: Any]
    let contraception: [String: Any]
    let post: [String: Any]

    init() throws {
        let s = try #require(try Fixtures.json("mixed/sleepstudy_slope.json") as? [String: Any])
        slope = try #require(s["fits"] as? [String: Any])
        let c = try #require(try Fixtures.json("mixed/contraception.json") as? [String: Any])
        contraception = try #require((c["fits"] as? [String: Any])?["laplace"] as? [String: Any])
        post = try #require(try Fixtures.json("mixed/postestimation.json") as? [String: Any])
    }

    let sleep = "d <- read_csv(\"\(sleepstudyCSV)\")\nfit <- lmer(Reaction ~ Days + (Days | Subject), data = d)\n"
    var contra: String { "d <- read_csv(\"\(contraceptionMixedCSV)\")\ngc <- glmer(use ~ age + I(age^2) + urban + livch + (1 | district), data = d, family = binomial)\n" }

    @Test("lmer (REML): fixef, SEs, VarCorr, logLik, AIC, BIC, ranef and fitted as lme4")
    func lmerREML() throws {
        // R: lmer(Reaction ~ Days + (Days | Subject), sleepstudy)
        let r = try #require(slope["reml"] as? [String: Any])
        #expect(maxRelativeDifference(try mixedNumbers(sleep + "fixef(fit)"), try #require(r["fixef"] as? [Double])) < 1e-6)
        #expect(maxRelativeDifference(try mixedNumbers(sleep + "fit$se"), try #require(r["se"] as? [Double])) < 1e-4)
        let vc = try #require(r["varcorr"] as? [[String: Any]])
        #expect(maxRelativeDifference(try mixedNumbers(sleep + "VarCorr(fit)$vcov"), vc.compactMap { $0["vcov"] as? Double }) < 1e-4)
        #expect(maxRelativeDifference(try mixedNumbers(sleep + "VarCorr(fit)$sdcor"), vc.compactMap { $0["sdcor"] as? Double }) < 1e-4)
        let ll = try mixedNumbers(sleep + "c(logLik(fit), AIC(fit), BIC(fit), nobs(fit))")
        #expect(maxRelativeDifference(ll, [try #require(r["logLik"] as? Double), try #require(r["AIC"] as? Double), try #require(r["BIC"] as? Double), 180]) < 1e-6)
        // R: as.data.frame(ranef(fit, condVar = TRUE)) — levels of (Intercept), then of Days
        let re = try #require((r["ranef"] as? [[String: Any]])?.first)
        let modes = try #require(re["modes"] as? [[Double]]), sds = try #require(re["condsd"] as? [[Double]])
        let cv = try mixedNumbers(sleep + "r <- ranef(fit)\nr$condval"), cs = try mixedNumbers(sleep + "ranef(fit)$condsd")
        #expect(cv.count == 36)
        #expect(maxRelativeDifference(Array(cv[0..<5]), modes.map { $0[0] }) < 1e-4)
        #expect(maxRelativeDifference(Array(cv[18..<23]), modes.map { $0[1] }) < 1e-4)
        #expect(maxRelativeDifference(Array(cs[0..<5]), sds.map { $0[0] }) < 1e-4)
        #expect(maxRelativeDifference(Array(cs[18..<23]), sds.map { $0[1] }) < 1e-4)
        #expect(try run(sleep + "r <- ranef(fit); r$grpvar[1]; r$term[19]; r$grp[2]") == "[1] \"Subject\"\n[1] \"Days\"\n[1] \"309\"\n")
        #expect(maxRelativeDifference(try mixedNumbers(sleep + "head(fitted(fit), 10)"), try #require(r["fitted"] as? [Double])) < 1e-6)
        // coef(): fixed effect plus each subject's modes (lme4's coef.merMod)
        let co = try mixedNumbers(sleep + "coef(fit)$Days[1:5]")
        let fe = try #require(r["fixef"] as? [Double])
        #expect(maxRelativeDifference(co, modes.map { fe[1] + $0[1] }) < 1e-5)
    }

    @Test("lmer prints lme4's summary; summary() gives the same text")
    func lmerPrint() throws {
        let out = try run(sleep + "fit")
        #expect(out.hasPrefix("Linear mixed model fit by REML ['lmerMod']\nFormula: Reaction ~ Days + (Days | Subject)\n   Data: d\n\nREML criterion at convergence: 1743.6\n"))
        #expect(out.contains("Number of obs: 180, groups:  Subject, 18"))
        #expect(out.contains(" Subject  (Intercept) 612.09   24.740\n          Days         35.07    5.922   0.07\n Residual             654.94   25.592\n"))
        #expect(out.contains("Fixed effects:\n            Estimate Std. Error t value\n(Intercept)  251.405      6.825  36.838\nDays          10.467      1.546   6.771\n"))
        #expect(try run(sleep + "summary(fit)") == out)
    }

    @Test("anova(m0, m1): the likelihood-ratio test of lme4, refitting REML fits by ML")
    func anovaLRT() throws {
        // R: anova(lmer(Reaction ~ Days + (1 | Subject), sleepstudy, REML = FALSE), lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE))
        let chisq = try #require(post["lrt_chisq"] as? Double), p = try #require(post["lrt_p"] as? Double)
        let ml = "d <- read_csv(\"\(sleepstudyCSV)\")\nm0 <- lmer(Reaction ~ Days + (1 | Subject), data = d, REML = FALSE)\nm1 <- lmer(Reaction ~ Days + (Days | Subject), data = d, REML = FALSE)\na <- anova(m0, m1)\n"
        let got = try mixedNumbers(ml + "c(a$Chisq[2], a$Df[2], a$`Pr(>Chisq)`[2])")
        #expect(maxRelativeDifference(got, [chisq, 2, p]) < 1e-5)
        // lme4 refits REML fits with ML: the same test from the REML fits
        let reml = "d <- read_csv(\"\(sleepstudyCSV)\")\nm0 <- lmer(Reaction ~ Days + (1 | Subject), data = d)\nm1 <- lmer(Reaction ~ Days + (Days | Subject), data = d)\na <- anova(m1, m0)\n"
        #expect(maxRelativeDifference(try mixedNumbers(reml + "a$Chisq[2]"), [chisq]) < 1e-5)
        let text = try run(ml + "a")
        #expect(text.contains("Models:\nm0: Reaction ~ Days + (1 | Subject)\nm1: Reaction ~ Days + (Days | Subject)\n"))
        #expect(text.contains("   npar    AIC    BIC  logLik deviance  Chisq Df Pr(>Chisq)    \n"))
        #expect(text.contains("m1    6 1763.9 1783.1 -875.97   1751.9 42.139  2  7.072e-10 ***\n"))
    }

    @Test("icc(fit): ICC of lmer and latent-scale ICC and median odds ratio of glmer")
    func iccOfFits() throws {
        // R: vs <- as.data.frame(VarCorr(lmer(Reaction ~ Days + (1 | Subject), sleepstudy)))$vcov; vs[1] / (vs[1] + vs[2])
        let li = try mixedNumbers("d <- read_csv(\"\(sleepstudyCSV)\")\nicc(lmer(Reaction ~ Days + (1 | Subject), data = d))$icc")
        #expect(maxRelativeDifference(li, [try #require(post["sleepstudy_icc"] as? Double)]) < 1e-4)
        // R: vd / (vd + pi^2 / 3); exp(sqrt(2 * vd) * qnorm(0.75))
        let gi = try mixedNumbers(contra + "i <- icc(gc)\nc(i$icc, i$mor)")
        #expect(maxRelativeDifference(gi, [try #require(post["contraception_icc"] as? Double), try #require(post["contraception_mor"] as? Double)]) < 1e-4)
        #expect(try run(contra + "icc(gc)$group; icc(gc)$levels") == "[1] \"district\"\n[1] 60\n")
        // The measurement icc(x, group) is unchanged.
        #expect(try run("icc(c(1, 2, 3, 4, 5, 6), c(1, 1, 2, 2, 3, 3))").contains("ICC1"))
    }

    @Test("glmer (Laplace): fixef, SEs, variance and logLik as lme4's glmer")
    func glmerLaplace() throws {
        // R: glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial)
        let r = contraception
        #expect(maxRelativeDifference(try mixedNumbers(contra + "fixef(gc)"), try #require(r["fixef"] as? [Double])) < 1e-4)
        #expect(maxRelativeDifference(try mixedNumbers(contra + "gc$se"), try #require(r["se"] as? [Double])) < 1e-3)
        #expect(maxRelativeDifference(try mixedNumbers(contra + "c(logLik(gc), AIC(gc), BIC(gc))"),
                                      [try #require(r["logLik"] as? Double), try #require(r["AIC"] as? Double), try #require(r["BIC"] as? Double)]) < 1e-6)
        #expect(maxRelativeDifference(try mixedNumbers(contra + "VarCorr(gc)$vcov"), [0.225855271285289]) < 1e-3)
        let out = try run(contra + "summary(gc)")
        #expect(out.hasPrefix("Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) [glmerMod]\n Family: binomial  ( logit )\n"))
        // confint: Wald intervals fixef ± qnorm(0.975) se, as confint(gc, method = "Wald")
        let fe = try #require(r["fixef"] as? [Double]), se = try #require(r["se"] as? [Double])
        let lo = try mixedNumbers(contra + "confint(gc)$`2.5 %`")
        #expect(maxRelativeDifference(lo, zip(fe, se).map { $0 - 1.959963984540054 * $1 }) < 1e-3)
    }

    @Test("glmer(nAGQ = 9): adaptive Gauss-Hermite quadrature as lme4")
    func glmerAGQ() throws {
        // R: glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, nAGQ = 9)
        let c = try #require(try Fixtures.json("mixed/contraception.json") as? [String: Any])
        let r = try #require((c["fits"] as? [String: Any])?["agq9"] as? [String: Any])
        let code = "d <- read_csv(\"\(contraceptionMixedCSV)\")\ng9 <- glmer(use ~ age + I(age^2) + urban + livch + (1 | district), data = d, family = binomial, nAGQ = 9)\n"
        #expect(maxRelativeDifference(try mixedNumbers(code + "logLik(g9)"), [try #require(r["logLik"] as? Double)]) < 1e-6)
        #expect(maxRelativeDifference(try mixedNumbers(code + "fixef(g9)"), try #require(r["fixef"] as? [Double])) < 1e-4)
        #expect(try run(code + "g9").hasPrefix("Generalized linear mixed model fit by maximum likelihood (Adaptive Gauss-Hermite Quadrature, nAGQ = 9) [glmerMod]\n"))
    }

    @Test("predict: conditional, population-level, new levels, link and response scales as lme4")
    func predictMixed() throws {
        // R: predict(m1, data.frame(Days = c(0, 5, 9), Subject = c("308", "309", "new")), allow.new.levels = TRUE)
        let nd = "nd <- data_frame(Days = c(0, 5, 9), Subject = c(\"308\", \"309\", \"new\"))\n"
        let cond = try mixedNumbers(sleep + nd + "predict(fit, newdata = nd, allow.new.levels = TRUE)")
        #expect(maxRelativeDifference(cond, try #require(post["predict_conditional"] as? [Double])) < 1e-5)
        let pop = try mixedNumbers(sleep + nd + "predict(fit, nd, re.form = NA)")
        #expect(maxRelativeDifference(pop, try #require(post["predict_population"] as? [Double])) < 1e-5)
        let e = scriptError(sleep + nd + "predict(fit, nd)")
        #expect(e?.message.contains("level new of Subject") == true)
        // R: predict(gc, Contraception[1:3, ], re.form = NA); predict(gc, Contraception[1:3, ], type = "response")
        let link = try mixedNumbers(contra + "predict(gc, d[1:3, ], re.form = NA)")
        #expect(maxRelativeDifference(link, try #require(post["contraception_predict_link"] as? [Double])) < 1e-4)
        let resp = try mixedNumbers(contra + "predict(gc, d[1:3, ], type = \"response\")")
        #expect(maxRelativeDifference(resp, try #require(post["contraception_predict_response"] as? [Double])) < 1e-4)
        #expect(try mixedNumbers(contra + "max(abs(predict(gc, type = \"response\") - fitted(gc)))")[0] < 1e-12)
    }

    @Test("residuals: lme4's response residuals of lmer and deviance and Pearson residuals of glmer, from lme4's fitted values")
    func residualsMixed() throws {
        // R: head(residuals(lmer(...))) = Reaction - fitted; first Reaction values 249.56, 258.7047, 250.8006
        let r = try #require(slope["reml"] as? [String: Any])
        let fitted = try #require(r["fitted"] as? [Double])
        let res = try mixedNumbers(sleep + "head(residuals(fit), 3)")
        #expect(maxRelativeDifference(res, zip([249.56, 258.7047, 250.8006], fitted).map { $0 - $1 }) < 1e-5)
        // R: head(residuals(gc)) (deviance) and residuals(gc, "pearson"): the first three women do not use (y = 0)
        let mu = Array(try #require(contraception["fitted"] as? [Double]).prefix(3))
        let dev = try mixedNumbers(contra + "head(residuals(gc), 3)")
        #expect(maxRelativeDifference(dev, mu.map { -(-2 * Foundation.log(1 - $0)).squareRoot() }) < 1e-5)
        let pearson = try mixedNumbers(contra + "head(residuals(gc, type = \"pearson\"), 3)")
        #expect(maxRelativeDifference(pearson, mu.map { -$0 / ($0 * (1 - $0)).squareRoot() }) < 1e-5)
        #expect(try mixedNumbers(sleep + "max(abs(residuals(fit) + fitted(fit) - d$Reaction))")[0] < 1e-9)
    }

    @Test("lm is the gaussian glm: lm(Reaction ~ Days) has the balanced design's lmer fixed effects")
    func lmFit() throws {
        // R: coef(lm(Reaction ~ Days, sleepstudy)) equals fixef(lmer(...)) for this balanced design
        let r = try #require(slope["reml"] as? [String: Any])
        let b = try mixedNumbers("d <- read_csv(\"\(sleepstudyCSV)\")\ncoef(lm(Reaction ~ Days, data = d))")
        #expect(maxRelativeDifference(b, try #require(r["fixef"] as? [Double])) < 1e-8)
    }

    @Test("mistakes in mixed-model calls are clear errors")
    func errors() throws {
        let d = "d <- read_csv(\"\(sleepstudyCSV)\")\n"
        expectRunError(d + "lmer(Reaction ~ Days, data = d)", "lmer() needs a random-effects term such as (1 | school) in the formula", line: 2, column: 6, hint: "lm()")
        expectRunError(d + "glmer(Reaction ~ Days + (1 | Subject), data = d, family = poisson, nAGQ = 40)",
                       "nAGQ must be between 0 and 25 (1 is the Laplace approximation), not 40", line: 2, column: 68)
        expectRunError(d + "fixef(lm(Reaction ~ Days, data = d))", "fixef() needs a mixed model fitted by lmer() or glmer(), not a glm", line: 2, column: 7)
        expectRunError(d + "anova(lmer(Reaction ~ Days + (1 | Subject), data = d))", "anova() compares two or more fitted models, e.g. anova(m0, m1)", line: 2, column: 1)
        expectRunError(d + "m0 <- lmer(Reaction ~ Days + (1 | Subject), data = d)\nm1 <- lmer(Reaction ~ Days + (1 | Subject), data = d[1:100, ])\nanova(m0, m1)",
                       "the models were fitted to different numbers of observations (m0: 180, m1: 100)", line: 4, column: 1)
        expectRunError(d + "lmer(Reaction ~ Days + (1 | Subjec), data = d)", "in the formula: unknown column 'Subjec'; did you mean 'Subject'?", line: 2, column: 29)
    }

    @Test("help() documents every new built-in")
    func help() throws {
        for name in ["lmer", "glmer", "lm", "fixef", "ranef", "VarCorr", "anova", "icc", "forest_plot", "caterpillar_plot", "km_plot", "brief", "person_period", "predict", "confint"] {
            let text = try run("help(\(name))")
            #expect(text.hasPrefix(name + "("), "help(\(name))")
        }
    }
}
