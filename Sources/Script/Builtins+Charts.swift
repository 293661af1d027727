import Distributions
import Foundation
import Models
import Reports

extension Interpreter {
    /// Writes a chart's SVG to the `file` argument when given, and wraps it as a script value.
    func chart(_ ctx: CallContext, title: String, svg: String) throws -> Value {
        var written: String? = nil
        if ctx.has("file") {
            let file = try ctx.string("file")
            guard file.lowercased().hasSuffix(".svg") else {
                throw ctx.fail("charts are written as SVG; give a file name ending in .svg, not '\(file)'", argument: "file")
            }
            let path = resolve(file)
            do {
                try Data(svg.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw ctx.fail("cannot write '\(file)': \(error.localizedDescription)", argument: "file", hint: "check that the folder exists and is writable")
            }
            outputFiles.append(file)
            written = file
        }
        return .object(ChartObject(title: title, svg: svg, file: written))
    }

    /// The chart's title: the `title` argument or a default.
    func chartTitle(_ ctx: CallContext, _ fallback: String) throws -> String {
        try ctx.string("title", default: fallback)
    }

    func registerChartBuiltins() {
        define("forest_plot", ["object", "file", "title", "labels", "level"], topic: "charts",
               usage: "forest_plot(object, file = NULL, title = auto, labels = NULL, level = 0.95)",
               "A forest plot (SVG) of a model's coefficients with Wald intervals, the intercept left out: odds ratios for logit models, rate ratios for log links, hazard ratios for coxph (log scale, reference line at 1), plain estimates for gaussian models (reference line at 0). labels is a named character vector mapping terms to plain words (c(male = \"Boy\")). file = \"name.svg\" writes it; a notebook shows it.") { ctx in
            let interp = ctx.interpreter
            let v = try ctx.value("object")
            let level = try ctx.double("level", default: 0.95)
            guard level > 0 && level < 1 else { throw ctx.fail("'level' must be between 0 and 1", argument: "level") }
            var labels: [String: String] = [:]
            if ctx.has("labels") {
                let l = try ctx.vector("labels")
                guard let names = l.names, case .character = l.storage else {
                    throw ctx.fail("'labels' must be a named character vector such as c(male = \"Boy\")", argument: "labels")
                }
                for (k, n) in names.enumerated() { if let s = l.strings[k] { labels[n] = s } }
            }
            let z = Normal.standard.quantile(1 - (1 - level) / 2, lowerTail: true, logP: false)
            var terms: [(String, Double, Double)] = []
            var exponentiate = true
            var ratio = "Odds ratio"
            switch v {
            case .object(let m as MixedObject):
                terms = m.fit.coefficients.map { ($0.term, $0.estimate, $0.stdError) }
                exponentiate = m.fit.link == .logit || m.fit.link == .log
                ratio = m.fit.link == .log ? "Rate ratio" : "Odds ratio"
            case .object(let g as GLMObject):
                terms = g.fit.coefficients.map { ($0.term, $0.estimate, $0.stdError) }
                exponentiate = g.fit.link == .logit || g.fit.link == .log
                ratio = g.fit.link == .log ? "Rate ratio" : "Odds ratio"
            case .object(let c as CoxObject):
                terms = c.model.coefficients.map { ($0.term, $0.estimate, $0.stdError) }
                ratio = "Hazard ratio"
            default:
                throw ctx.fail("forest_plot() needs a model fitted by glm(), lmer(), glmer() or coxph(), not \(describe(v))", argument: "object")
            }
            let rows = terms.filter { $0.0 != "(Intercept)" }.map { t -> ForestRow in
                let lo = t.1 - z * t.2, hi = t.1 + z * t.2
                return exponentiate ? ForestRow(label: labels[t.0] ?? t.0, estimate: Foundation.exp(t.1), low: Foundation.exp(lo), high: Foundation.exp(hi))
                                    : ForestRow(label: labels[t.0] ?? t.0, estimate: t.1, low: lo, high: hi)
            }
            guard !rows.isEmpty else { throw ctx.fail("the model has no coefficients besides the intercept to plot", argument: "object") }
            let pct = numberText(level * 100)
            let what = exponentiate ? "\(ratio)s" : "Estimates"
            let title = try interp.chartTitle(ctx, "\(what) with \(pct)% intervals")
            let plot = ForestPlot(rows: rows, scale: exponentiate ? .log : .linear, referenceLine: exponentiate ? 1 : 0,
                                  axisLabel: exponentiate ? "\(ratio) (log scale)" : "Estimate",
                                  text: ChartText(title: title, description: "\(what) of the model's terms with \(pct)% Wald intervals; \(exponentiate ? "1" : "0") means no difference.",
                                                  note: "Lines are \(pct)% intervals.", id: "forest"))
            return try interp.chart(ctx, title: title, svg: plot.svg)
        }
        define("caterpillar_plot", ["object", "file", "group", "term", "title", "level"], topic: "charts",
               usage: "caterpillar_plot(object, file = NULL, group = first grouping factor, term = \"(Intercept)\", title = auto, level = 0.95)",
               "A caterpillar plot (SVG) of a mixed model's random effects: each group's conditional mode with its interval (mode ± z × conditional SD), sorted; odds ratios against a typical group for logit models (log scale), plain modes otherwise. file = \"name.svg\" writes it; a notebook shows it.") { ctx in
            let m = try ctx.interpreter.mixedObject(ctx)
            let groupName = try ctx.string("group", default: m.fit.conditionalModes.first?.group ?? "")
            guard let cm = m.fit.conditionalModes.first(where: { $0.group == groupName }) else {
                throw ctx.fail("the model has no grouping factor '\(groupName)'", argument: "group",
                               hint: "use one of \(m.fit.conditionalModes.map { "\"\($0.group)\"" }.joined(separator: ", "))")
            }
            let term = try ctx.string("term", default: cm.columnNames.first ?? "(Intercept)")
            guard let j = cm.columnNames.firstIndex(of: term) else {
                throw ctx.fail("the random effects of '\(groupName)' have no column '\(term)'", argument: "term",
                               hint: "use one of \(cm.columnNames.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            let level = try ctx.double("level", default: 0.95)
            guard level > 0 && level < 1 else { throw ctx.fail("'level' must be between 0 and 1", argument: "level") }
            let z = Normal.standard.quantile(1 - (1 - level) / 2, lowerTail: true, logP: false)
            let odds = m.fit.link == .logit || m.fit.link == .log
            let effects = cm.levels.indices.map { l -> GroupEffect in
                let u = cm.mode(level: l, column: j), s = cm.sd(level: l, column: j)
                return odds ? GroupEffect(label: cm.levels[l], estimate: Foundation.exp(u), low: Foundation.exp(u - z * s), high: Foundation.exp(u + z * s))
                            : GroupEffect(label: cm.levels[l], estimate: u, low: u - z * s, high: u + z * s)
            }
            let pct = numberText(level * 100)
            let what = m.fit.link == .log ? "Rate ratio" : "Odds ratio"
            let title = try ctx.interpreter.chartTitle(ctx, "Random effects of \(groupName) (\(term))")
            let plot = CaterpillarPlot(effects: effects, scale: odds ? .log : .linear, referenceLine: odds ? 1 : 0,
                                       valueLabel: odds ? "\(what) against a typical \(groupName) (log scale)" : "Conditional mode of \(term)",
                                       groupLabel: "\(groupName), sorted", showLabels: cm.levels.count <= 40,
                                       text: ChartText(title: title, description: "Conditional modes of the \(term) random effect for each level of \(groupName), sorted, with \(pct)% intervals.",
                                                       note: "Lines are \(pct)% intervals (mode ± \(numberText(signif(z, 3))) conditional SD).", id: "caterpillar"))
            return try ctx.interpreter.chart(ctx, title: title, svg: plot.svg)
        }
        define("km_plot", ["object", "file", "title", "xlab", "ylab"], topic: "charts",
               usage: "km_plot(object, file = NULL, title = auto, xlab = \"Time\", ylab = \"Survival\")",
               "Kaplan–Meier curves (SVG) of a survfit() result, one step curve per group with its interval band and a number-at-risk table. file = \"name.svg\" writes it; a notebook shows it.") { ctx in
            let v = try ctx.value("object")
            guard case .object(let s as SurvfitObject) = v else {
                throw ctx.fail("km_plot() needs curves from survfit(), not \(describe(v))", argument: "object")
            }
            let title = try ctx.interpreter.chartTitle(ctx, "Kaplan–Meier survival curves")
            let plot = SurvivalPlot(curves: s.fit.strata.map { StepCurve($0) }, kind: .survival,
                                    valueLabel: try ctx.string("ylab", default: "Survival"), timeLabel: try ctx.string("xlab", default: "Time"),
                                    text: ChartText(title: title, description: "Kaplan–Meier estimates of survival by group, with \(numberText(s.fit.confLevel * 100))% intervals.", id: "km"))
            return try ctx.interpreter.chart(ctx, title: title, svg: plot.svg)
        }
    }
}
