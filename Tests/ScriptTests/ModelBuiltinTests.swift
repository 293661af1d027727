import Foundation
import Testing
import TestSupport
@testable import Script

@Suite("Model built-ins: glm and post-estimation match R")
struct ModelBuiltinTests {
    let reference: [String: Any]

    init() throws {
        reference = try #require(try Fixtures.json("script/contraception_glm.json") as? [String: Any])
    }

    func numbers(_ code: String) throws -> [Double] {
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ age + I(age^2) + urban + livch, family = binomial, data = d)\n" + code)
        return try #require(v.vector?.doubles?.map { $0 ?? .nan })
    }

    @Test("coef, confint (Wald, as confint.default), AIC, BIC, logLik, deviance, nobs")
    func postEstimation() throws {
        // R: fit <- glm(use ~ age + I(age^2) + urban + livch, family = binomial, data = d)
        let coef = try numbers("coef(fit)")
        #expect(maxRelativeDifference(coef, try #require(reference["coef"] as? [Double])) < 1e-6)
        // R: confint.default(fit)
        #expect(maxRelativeDifference(try numbers("confint(fit)$`2.5 %`"), try #require(reference["conf_low"] as? [Double])) < 1e-6)
        #expect(maxRelativeDifference(try numbers("confint(fit)$`97.5 %`"), try #require(reference["conf_high"] as? [Double])) < 1e-6)
        let scalars = try numbers("c(AIC(fit), BIC(fit), logLik(fit), deviance(fit), nobs(fit))")
        let expected = try ["aic", "bic", "loglik", "deviance", "nobs"].map { try #require(reference[$0] as? Double) }
        #expect(maxRelativeDifference(scalars, expected) < 1e-8)
        // R: head(fitted(fit)); head(residuals(fit, "pearson"))
        #expect(maxRelativeDifference(try numbers("head(fitted(fit))"), try #require(reference["fitted_head"] as? [Double])) < 1e-6)
        #expect(maxRelativeDifference(try numbers("head(residuals(fit, type = \"pearson\"))"), try #require(reference["pearson_head"] as? [Double])) < 1e-6)
        #expect(try run("d <- read_csv(\"\(contraceptionCSV)\"); names(coef(glm(use ~ age + urban, family = \"binomial\", data = d)))") ==
                "[1] \"(Intercept)\" \"age\"         \"urbanY\"     \n")
    }

    @Test("predict on new data: R's predict(fit, nd, type = \"response\") and \"link\"; NA for a row with a missing value")
    func predictNewData() throws {
        let ref = try #require(try Fixtures.json("script/contraception_predict.json") as? [String: Any])
        let nd = "nd <- data_frame(age = c(-5, 10, NA), urban = c(\"Y\", \"N\", \"Y\"), livch = c(\"0\", \"3+\", \"1\"))\n"
        let response = try numbers(nd + "predict(fit, newdata = nd, type = \"response\")")
        #expect(response[2].isNaN)
        #expect(maxRelativeDifference(Array(response[0..<2]), try #require(ref["predict_response"] as? [Double])) < 1e-8)
        let link = try numbers(nd + "predict(fit, nd)")
        #expect(maxRelativeDifference(Array(link[0..<2]), try #require(ref["predict_link"] as? [Double])) < 1e-8)
        #expect(try numbers("max(abs(predict(fit, d, type = \"response\") - fitted(fit)))")[0] < 1e-12)
        let e = scriptError("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ urban, family = binomial, data = d)\npredict(fit, data_frame(urban = \"Q\"))")
        #expect(e?.message == "newdata gives model columns the fit does not have (urbanQ)")
    }

    @Test("print(glm(...)) reads as R's print.glm, including a probit family object")
    func printGLM() throws {
        // R: print(glm(use ~ age + urban, family = binomial(link = "probit"), data = d))
        let expected = try String(contentsOfFile: Fixtures.path("script/probit_print.txt"), encoding: .utf8)
        let out = try run("d <- read_csv(\"\(contraceptionCSV)\")\nglm(use ~ age + urban, family = binomial(link = \"probit\"), data = d)")
        #expect(out == expected)
        let probit = try #require(reference["probit_coef"] as? [Double])
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("d <- read_csv(\"\(contraceptionCSV)\"); coef(glm(use ~ age + urban, family = binomial(link = \"probit\"), data = d))")
        #expect(maxRelativeDifference(try #require(v.vector?.doubles?.compactMap { $0 }), probit) < 1e-6)
    }

    @Test("summary(fit) is R's summary.glm from Reports")
    func summaryGLM() throws {
        let out = try run("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ age + I(age^2) + urban + livch, family = binomial, data = d)\nsummary(fit)")
        #expect(out.contains("I(age^2)    -0.0042865  0.0007002  -6.122 9.23e-10 ***"))
        #expect(out.contains("glm(formula = use ~ age + I(age^2) + urban + livch, family = binomial, data = d)"))
    }

    @Test("weights and offset take columns or expressions of columns")
    func weightsAndOffset() throws {
        let code = """
        d <- data_frame(y = c(2, 3, 6, 7, 8, 9, 10, 12, 15), x = c(1, 2, 3, 4, 5, 6, 7, 8, 9), days = c(10, 10, 20, 20, 20, 30, 30, 30, 40))
        a <- coef(glm(y ~ x, family = poisson, data = d, offset = log(days)))
        d$ld <- log(d$days)
        b <- coef(glm(y ~ x + offset(ld), family = poisson, data = d))
        max(abs(a - b)) < 1e-10
        """
        #expect(try run(code) == "[1] TRUE\n")
    }

    @Test("formula mistakes in glm point into the formula in the script")
    func formulaErrors() {
        let code = "d <- data_frame(y = c(0, 1, 1, 0), age = c(1, 2, 3, 4))\nfit <- glm(y ~ agee, family = binomial, data = d)"
        expectRunError(code, "in the formula: unknown column 'agee'; did you mean 'age'?", line: 2, column: 16)
        expectRunError("d <- data_frame(y = c(0, 1))\nglm(y ~ x, family = \"binomail\", data = d)", "unknown family \"binomail\"", line: 2, column: 12, hint: "'binomial'")
        expectRunError("d <- data_frame(y = c(0, 1), g = c(\"a\", \"b\"))\nglm(y ~ 1 + (1 | g), data = d)",
                       "the random-effects term (1 | g) makes this a mixed model", line: 2, column: 16, hint: "glmer()")
        expectRunError("binomial(link = \"logitt\")", "the binomial family has no link \"logitt\"", line: 1, column: 10, hint: "\"probit\"")
        expectRunError("coef(1)", "coef() needs a fitted model, not numeric 1", line: 1, column: 6)
    }
}

@Suite("contextual(): between minus within with its SE")
struct ContextualBuiltinTests {
    @Test("equals the difference of the coefficients, SE from vcov(fit); unknown term is an error")
    func contextual() throws {
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ age + urban, family = binomial, data = d)\n"
                                     + "contextual(fit, \"urbanY\", \"age\")")
        let x = try #require(v.vector?.doubles?.map { $0 ?? .nan })
        guard case .object(let o) = try session.evaluate("fit"), let g = o as? GLMObject else { Issue.record("fit is not a glm"); return }
        let b = g.fit.coefficients.map(\.estimate), V = g.fit.covariance
        #expect(x.count == 4)
        #expect(Swift.abs(x[0] - (b[2] - b[1])) < 1e-12)
        #expect(Swift.abs(x[1] - (V[2, 2] + V[1, 1] - 2 * V[1, 2]).squareRoot()) < 1e-12)
        #expect(Swift.abs(x[2] - x[0] / x[1]) < 1e-12)
        #expect(x[3] > 0 && x[3] < 1)
        expectRunError("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ age + urban, family = binomial, data = d)\ncontextual(fit, \"urban\", \"age\")",
                       "no term 'urban' among the model's coefficients ('(Intercept)', 'age', 'urbanY')", line: 3, column: 17)
    }
}
