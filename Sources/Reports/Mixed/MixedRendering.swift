import Models

extension MixedModelFit {
    /// One line naming the model: `formula: binomial GLMM, logit link, Laplace`.
    func caption(_ context: MixedFitContext) -> String {
        let what = model == "lmm" ? "linear mixed model, \(method.uppercased())"
            : "\(family.rawValue) GLMM, \(link.rawValue) link, " + (method == "agq" ? "AGQ (\(nAGQ) points)" : method == "laplace" ? "Laplace" : method)
        return (context.formula.map { $0 + ": " } ?? "") + what
    }

    /// Fit statistics in one sentence, for Markdown and HTML.
    func statisticsLine(_ context: MixedFitContext) -> String {
        let dropped = dropped(context)
        var s = "n = \(nObs)" + (dropped > 0 ? " (\(dropped) dropped for missing values)" : "")
        s += "; groups: " + groups.map { "\($0.group) \($0.levels)" }.joined(separator: ", ")
        s += "; log-likelihood = \(RFormat.significant(logLikelihood, digits: 6))"
        if let r = remlCriterion { s += ", REML criterion = \(RFormat.significant(r, digits: 6))" }
        else { s += ", deviance = \(RFormat.significant(deviance, digits: 6))" }
        s += ", AIC = \(RFormat.significant(aic, digits: 6)), BIC = \(RFormat.significant(bic, digits: 6))"
        for g in groups {
            if let icc = g.icc { s += "; ICC(\(g.group)) = \(RFormat.significant(icc, digits: 3))" }
            if let m = g.medianOddsRatio { s += "; MOR(\(g.group)) = \(RFormat.significant(m, digits: 3))" }
        }
        return s
    }

    /// The fit in `format`: lme4-like text, the JSON contract, or the shared coefficient table plus the
    /// variance-components table (Markdown, LaTeX, HTML, CSV).
    public func rendered(as format: OutputFormat, context: MixedFitContext = MixedFitContext()) -> String {
        let table = CoefficientTable(coefficients, statistic: statisticKind)
        let components = VarianceComponentsTable(self)
        let caption = caption(context)
        switch format {
        case .text:
            return MixedSummary(self, context: context).text()
        case .json:
            return json(context).serialized(pretty: true) + "\n"
        case .markdown:
            var out = "**\(markdownEscape(caption))**\n\n" + table.markdown() + "\n**Random effects**\n\n" + components.markdown()
            out += "\n" + markdownEscape(statisticsLine(context)) + "\n"
            for w in warnings { out += "\n> Warning: \(markdownEscape(w))\n" }
            return out
        case .latex:
            var out = table.latex(caption: caption)
            out += "\n" + components.latex()
            out += "% " + statisticsLine(context) + "\n"
            for w in warnings { out += "% Warning: \(w)\n" }
            return out
        case .html:
            var out = table.html(caption: caption) + components.html()
            out += "<p>\(htmlEscape(statisticsLine(context)))</p>\n"
            for w in warnings { out += "<p class=\"warning\">Warning: \(htmlEscape(w))</p>\n" }
            return out
        case .csv:
            return table.csv() + "\n" + components.csv()
        }
    }
}
