import Models

/// The output formats of `truant fit` and friends (`--format`).
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    /// R-like text summary.
    case text
    /// One JSON object (DESIGN.md's contract).
    case json
    /// A Markdown coefficient table with a fit-statistics line.
    case markdown
    /// A LaTeX table.
    case latex
    /// An HTML table.
    case html
    /// A CSV coefficient table with every digit.
    case csv
}

extension GLMFit {
    /// The fit in `format`; `dataName` names the data source in the text summary's call.
    public func rendered(as format: OutputFormat, dataName: String? = nil) -> String {
        let table = CoefficientTable(coefficients, statistic: statisticKind, confidenceLevel: confidenceLevel)
        let caption = "\(formula ?? responseName): \(family.rawValue) GLM, \(link.rawValue) link"
        switch format {
        case .text:
            return GLMSummary(self, dataName: dataName).text()
        case .json:
            return json.serialized(pretty: true) + "\n"
        case .markdown:
            var out = "**\(markdownEscape(caption))**\n\n" + table.markdown() + "\n"
            out += "n = \(nObs)" + (nDropped > 0 ? " (\(nDropped) dropped for missing values)" : "")
            out += ", deviance = \(RFormat.significant(deviance, digits: 6)) on \(dfResidual) df"
            out += ", log-likelihood = \(RFormat.significant(logLikelihood, digits: 6))"
            out += ", AIC = \(RFormat.significant(aic, digits: 6)), BIC = \(RFormat.significant(bic, digits: 6))\n"
            for w in warnings { out += "\n> Warning: \(markdownEscape(w))\n" }
            return out
        case .latex:
            return table.latex(caption: caption)
        case .html:
            var out = table.html(caption: caption)
            out += "<p>n = \(nObs)" + (nDropped > 0 ? " (\(nDropped) dropped for missing values)" : "")
            out += ", deviance = \(RFormat.significant(deviance, digits: 6)) on \(dfResidual) df, AIC = \(RFormat.significant(aic, digits: 6))</p>\n"
            for w in warnings { out += "<p class=\"warning\">Warning: \(htmlEscape(w))</p>\n" }
            return out
        case .csv:
            return table.csv()
        }
    }
}
