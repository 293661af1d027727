import Foundation
import Testing
import TestSupport
@testable import Script

@Suite("person_period(): one row per subject and period at risk")
struct PersonPeriodBuiltinTests {
    @Test("rows per subject, the exit code only on the last row, other columns repeated")
    func expansion() throws {
        let code = """
        d <- data_frame(id = c(1, 2, 3), time = c(2, 1, 3), status = c(1, 0, 2), x = c("a", "b", "c"))
        pp <- person_period(d, time = "time", event = "status")
        pp$id; pp$period; pp$status; pp$x
        """
        #expect(try run(code) == "[1] 1 1 2 3 3 3\n[1] 1 2 1 1 2 3\n[1] 0 1 0 0 0 2\n[1] \"a\" \"a\" \"b\" \"c\" \"c\" \"c\"\n")
        // Late entry: a subject already through period 1 is at risk in periods 2 and 3 only.
        #expect(try run("pp <- person_period(data_frame(t = 3, e = 1, s = 1), time = \"t\", event = \"e\", entry = \"s\", period = \"year\"); pp$year; pp$e") ==
                "[1] 2 3\n[1] 0 1\n")
        // The discrete-time hazard: the logit model on the expanded rows.
        let h = try run("""
        d <- data_frame(time = c(1, 1, 2, 2, 2, 3, 3, 3), status = c(1, 0, 1, 1, 0, 1, 0, 0))
        pp <- person_period(d, time = "time", event = "status")
        round(plogis(coef(glm(status ~ factor(period) - 1, family = binomial, data = pp))), 4)
        """)
        // hazards: year 1: 1 of 8; year 2: 2 of 6; year 3: 1 of 3
        #expect(h.contains("0.1250") && h.contains("0.3333"))
    }

    @Test("bad input: unknown column, missing or fractional times, entry after exit")
    func errors() {
        expectRunError("person_period(data_frame(time = 1, status = 1), time = \"tim\", event = \"status\")", "the data have no column 'tim'", line: 1, column: 49, hint: "'time'")
        expectRunError("person_period(data_frame(time = c(1, NA), status = c(1, 0)), time = \"time\", event = \"status\")",
                       "the column 'time' must hold whole numbers of 0 or more without missing values; row 2 has NA", line: 1, column: 62)
        expectRunError("person_period(data_frame(time = 1.5, status = 1), time = \"time\", event = \"status\")",
                       "the column 'time' must hold whole numbers of 0 or more without missing values; row 1 has 1.5", line: 1, column: 51)
        expectRunError("person_period(data_frame(time = 2, status = 1, s = 2), time = \"time\", event = \"status\", entry = \"s\")",
                       "row 1 enters after period 2 but leaves in period 2; entry must be before the exit", line: 1, column: 89)
    }
}

@Suite("Charts: forest, caterpillar and Kaplan–Meier plots as SVG, shown in notebooks")
struct ChartBuiltinTests {
    @Test("forest_plot writes an SVG of odds ratios with the given labels; printing names the file")
    func forest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truant-chart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let svgPath = dir + "/forest.svg"
        let out = try run("d <- read_csv(\"\(contraceptionCSV)\")\nfit <- glm(use ~ age + urban, family = binomial, data = d)\nforest_plot(fit, file = \"\(svgPath)\", labels = c(urbanY = \"Urban\"))")
        #expect(out == "<chart: Odds ratios with 95% intervals> written to \(svgPath)\n")
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains(">Urban<"))
        #expect(svg.contains(">age<"))
        #expect(!svg.contains("(Intercept)"))
        // The urban odds ratio as the label beside the row: exp(coef) with its Wald interval.
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let or = try #require(try session.evaluate("d <- read_csv(\"\(contraceptionCSV)\"); exp(coef(glm(use ~ age + urban, family = binomial, data = d)))[3]").vector?.doubles?[0])
        #expect(svg.contains(String(format: "%.2f", or)))
    }

    @Test("caterpillar_plot of a mixed model's random intercepts; km_plot of survfit curves")
    func caterpillarAndKM() throws {
        let session = Interpreter(output: { _ in }, messages: { _ in })
        let v = try session.evaluate("d <- read_csv(\"\(sleepstudyCSV)\")\nfit <- lmer(Reaction ~ Days + (Days | Subject), data = d)\ncaterpillar_plot(fit, term = \"Days\")$svg")
        let svg = try #require(v.vector?.strings.first ?? nil)
        #expect(svg.hasPrefix("<svg") && svg.contains("Random effects of Subject (Days)") && svg.contains(">308<"))
        let km = try #require(try session.evaluate("lung <- read_csv(\"\(Fixtures.path("survival/lung.csv"))\"); km_plot(survfit(Surv(time, status) ~ sex, data = lung), xlab = \"Days\")$svg").vector?.strings.first ?? nil)
        #expect(km.hasPrefix("<svg") && km.contains("sex=1") && km.contains("sex=2") && km.contains(">Days<"))
    }

    @Test("chart mistakes are errors")
    func errors() {
        expectRunError("forest_plot(1)", "forest_plot() needs a model fitted by glm(), lmer(), glmer() or coxph(), not numeric 1", line: 1, column: 13)
        expectRunError("d <- read_csv(\"\(contraceptionCSV)\")\nforest_plot(glm(use ~ age, family = binomial, data = d), file = \"x.png\")",
                       "charts are written as SVG; give a file name ending in .svg, not 'x.png'", line: 2, column: 58)
        expectRunError("d <- read_csv(\"\(contraceptionCSV)\")\ncaterpillar_plot(glm(use ~ age, family = binomial, data = d))",
                       "caterpillar_plot() needs a mixed model fitted by lmer() or glmer(), not a glm", line: 2, column: 18)
        expectRunError("km_plot(1)", "km_plot() needs curves from survfit(), not numeric 1", line: 1, column: 9)
    }

    @Test("a notebook shows a chart printed by a cell as inline SVG")
    func notebookChart() throws {
        let text = "# Charts\n\n```truant\nd <- read_csv(\"\(contraceptionCSV)\")\nforest_plot(glm(use ~ age + urban, family = binomial, data = d))\n```\n"
        let html = try Notebook(path: "charts.md", text: text).render(version: "1.2.3")
        #expect(html.contains("<figure class=\"chart\">\n<svg"))
        #expect(!html.contains("&lt;chart:"))
    }

    @Test("round() and exp() keep tables and matrices")
    func roundTablesAndMatrices() throws {
        #expect(try run("round(data_frame(a = c(1.234, 2.345), b = c(\"x\", \"y\")), 1)") == "    a b\n1 1.2 x\n2 2.3 y\n")
        let out = try run("d <- read_csv(\"\(contraceptionCSV)\")\nround(exp(confint(glm(use ~ urban, family = binomial, data = d))), 3)")
        #expect(out.hasPrefix("            2.5 % 97.5 %\n(Intercept)"))
    }
}
