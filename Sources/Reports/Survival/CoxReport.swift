import Foundation
import Models

extension CoxModel {
    /// R's call for the text summary: `coxph(formula = ..., data = ..., ties = "breslow")` (ties only when not Efron).
    public func call(formula: String?, dataName: String?) -> String {
        var args = ["formula = \(formula ?? "Surv(...) ~ ...")"]
        if let d = dataName { args.append("data = \(d)") }
        if ties != .efron { args.append("ties = \"\(ties.rawValue)\"") }
        return "coxph(" + args.joined(separator: ", ") + ")"
    }

    /// One line with n, events, the log partial likelihood and the three global tests, for the table formats.
    func fitLine() -> String {
        func t(_ name: String, _ test: ChiSquareTest) -> String {
            "\(name) = \(RFormat.significant(test.statistic, digits: 4)) on \(RFormat.significant(test.df, digits: 4)) df (\(pClause(test.pValue)))"
        }
        var parts = ["n = \(nObs)" + (nDropped > 0 ? " (\(nDropped) dropped for missing values)" : ""),
                     "events = \(nEvents)",
                     "log partial likelihood = \(RFormat.significant(loglik, digits: 7))",
                     t("LR", likelihoodRatioTest), t("Wald", waldTest)]
        if !scoreTest.statistic.isNaN { parts.append(t("score", scoreTest)) }
        if let f = frailty {
            parts.append("\(f.distribution) frailty by \(f.group) (\(f.groups) groups), variance = \(RFormat.significant(f.variance, digits: 5))")
        }
        if robust { parts.append("robust standard errors" + (clusters.map { " (\($0) clusters)" } ?? "")) }
        return parts.joined(separator: ", ")
    }

    /// The fit in `format`: text is R's `summary(coxph)` (coef, exp(coef), se, robust se, z, p; hazard
    /// ratios with intervals; likelihood-ratio, Wald and score tests); JSON the contract's object; the
    /// table formats the shared `CoefficientTable` of log hazard ratios (z statistics) with a fit line.
    public func rendered(as format: OutputFormat, formula: String?, dataName: String? = nil) -> String {
        let table = CoefficientTable(coefficients, statistic: .z, confidenceLevel: confLevel)
        let caption = "\(formula ?? "Cox model"): Cox proportional hazards, \(ties.rawValue) ties (log hazard ratios)"
        switch format {
        case .text:
            // summaryText ends with the warnings (and a non-convergence notice), as R prints them.
            return "\n" + summaryText(call: call(formula: formula, dataName: dataName)) + "\n"
        case .json:
            return json(formula: formula).serialized(pretty: true) + "\n"
        case .markdown:
            var out = "**\(markdownEscape(caption))**\n\n" + table.markdown() + "\n" + markdownEscape(fitLine()) + "\n"
            for w in warnings { out += "\n> Warning: \(markdownEscape(w))\n" }
            return out
        case .latex:
            return table.latex(caption: caption + "; " + fitLine())
        case .html:
            var out = table.html(caption: caption)
            out += "<p>\(htmlEscape(fitLine()))</p>\n"
            for w in warnings { out += "<p class=\"warning\">Warning: \(htmlEscape(w))</p>\n" }
            return out
        case .csv:
            return table.csv()
        }
    }
}
