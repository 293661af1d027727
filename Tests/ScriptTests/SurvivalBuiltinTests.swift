import Testing
import TestSupport
@testable import Script

@Suite("Survival built-ins: coxph and survfit match R's survival package")
struct SurvivalBuiltinTests {
    let lung = Fixtures.path("survival/lung.csv")

    @Test("coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung): coefficients and SEs")
    func cox() throws {
        let ref = try #require(try Fixtures.json("survival/cox_lung_efron.json") as? [String: Any])
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("lung <- read_csv(\"\(lung)\"); fit <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung); c(coef(fit), fit$se)")
        let got = try #require(v.vector?.doubles?.compactMap { $0 })
        let expected = try #require(ref["coef"] as? [Double]) + (try #require(ref["se"] as? [Double]))
        #expect(maxRelativeDifference(got, expected) < 1e-6)
        #expect(try run("lung <- read_csv(\"\(lung)\"); coxph(Surv(time, status) ~ age, data = lung, ties = \"breslow\")$n").contains("228"))
    }

    @Test("survfit medians per group as R prints them; errors for a missing Surv response")
    func km() throws {
        let out = try run("lung <- read_csv(\"\(lung)\"); survfit(Surv(time, status) ~ sex, data = lung)")
        // R: survfit(Surv(time, status) ~ sex, data = lung)
        #expect(out.contains("sex=1 138    112    270     212     310"))
        #expect(out.contains("sex=2  90     53    426     348     550"))
        expectRunError("lung <- read_csv(\"\(lung)\")\nsurvfit(time ~ sex, data = lung)",
                       "survival curves need a Surv(time, event) response on the left of ~", line: 2, column: 9, hint: "Surv(time, status)")
        expectRunError("lung <- read_csv(\"\(lung)\")\ncoxph(Surv(time, status) ~ age, data = lung, ties = \"exact\")",
                       "ties must be \"efron\" or \"breslow\", not \"exact\"", line: 2, column: 46)
    }

    @Test("survfit with a factor event: Aalen–Johansen cumulative incidence of competing exits, as R's survfit")
    func competingRisks() throws {
        // R: survfit(Surv(etime, factor(event, 0:2, labels = c("censor", "pcm", "death"))) ~ male, data = mgus2)
        let ref = try #require(try Fixtures.json("survival/aj_mgus2_male.json") as? [String: Any])
        let pstate = try #require(ref["pstate"] as? [Double])
        let n = try #require(ref["time"] as? [Double]).count
        let code = """
        d <- read_csv("\(Fixtures.path("survival/mgus2.csv"))")
        d$ev <- factor(d$event, levels = c(0, 1, 2), labels = c("censor", "pcm", "death"))
        x <- survfit(Surv(etime, ev) ~ male, data = d)$cuminc

        """
        let session = Interpreter(output: { _ in }, messages: { _ in })
        func column(_ name: String) throws -> [Double] {
            try #require(try session.evaluate(code + "x$`\(name)`").vector?.doubles?.map { $0 ?? .nan })
        }
        #expect(maxRelativeDifference(try column("none"), Array(pstate[0..<n])) < 1e-10)
        #expect(maxRelativeDifference(try column("pcm"), Array(pstate[n..<(2 * n)])) < 1e-10)
        #expect(maxRelativeDifference(try column("death"), Array(pstate[(2 * n)...])) < 1e-10)
        #expect(maxRelativeDifference(try column("n.risk"), try #require(ref["n_risk"] as? [Double])) < 1e-12)
        let printed = try run(code.replacingOccurrences(of: "$cuminc", with: "") + "x")
        #expect(printed.contains("Cumulative incidence (Aalen–Johansen):"))
    }
}
