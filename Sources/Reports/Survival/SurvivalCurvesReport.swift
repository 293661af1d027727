import Foundation
import Models

/// What `truant km` estimated: Kaplan–Meier curves with the log-rank test, or — for an event factor with
/// more than two levels — Aalen–Johansen cumulative incidence with Gray's test per exit.
public struct SurvivalCurvesReport: Sendable {
    /// The estimates.
    public enum Curves: Sendable {
        /// Kaplan–Meier curves by group, with the log-rank test between the groups (`nil` with one group).
        case kaplanMeier(KaplanMeierFit, logRank: LogRankTest?)
        /// Aalen–Johansen cumulative incidence by group, with Gray's test for each exit (empty with one group
        /// or case weights).
        case cumulativeIncidence(CumulativeIncidenceFit, gray: [GrayTest])
    }

    /// The estimates.
    public var curves: Curves
    /// The formula as given.
    public var formula: String?
    /// Rows used.
    public var nObs: Int
    /// Rows dropped for missing values.
    public var nDropped: Int
    /// Warnings of the fit and of the tests.
    public var warnings: [String]

    /// Creates a report.
    public init(_ curves: Curves, formula: String?, nObs: Int, nDropped: Int, warnings: [String] = []) {
        self.curves = curves
        self.formula = formula
        self.nObs = nObs
        self.nDropped = nDropped
        self.warnings = warnings
    }

    /// `kaplan-meier` or `aalen-johansen`.
    public var method: String {
        if case .kaplanMeier = curves { return "kaplan-meier" }
        return "aalen-johansen"
    }

    var confType: SurvivalConfidenceType {
        switch curves {
        case let .kaplanMeier(f, _): return f.confType
        case let .cumulativeIncidence(f, _): return f.confType
        }
    }

    var confLevel: Double {
        switch curves {
        case let .kaplanMeier(f, _): return f.confLevel
        case let .cumulativeIncidence(f, _): return f.confLevel
        }
    }

    /// The call for the text output, R style.
    public func call(dataName: String?) -> String {
        var args = ["formula = \(formula ?? "Surv(...) ~ ...")"]
        if let d = dataName { args.append("data = \(d)") }
        if confType != .log { args.append("conf.type = \"\(confType.rawValue)\"") }
        return "survfit(" + args.joined(separator: ", ") + ")"
    }

    /// The report in `format`. Text: R's `print(survfit)` (n, events, median and its interval per group) and
    /// `survdiff` (log-rank), or cumulative incidence at a few times with Gray's tests; JSON: the contract's
    /// object; Markdown/LaTeX/HTML: the per-group table with the test in a line; CSV: the whole curves, one
    /// row per group and time (and state), every digit.
    public func rendered(as format: OutputFormat, dataName: String? = nil) -> String {
        switch format {
        case .text: return text(dataName: dataName)
        case .json: return json.serialized(pretty: true) + "\n"
        case .csv: return csvTable().csv()
        case .markdown:
            var out = "**\(markdownEscape(caption))**\n\n" + summaryTable().markdown()
            if let t = testLine { out += "\n" + markdownEscape(t) + "\n" }
            for w in warnings { out += "\n> Warning: \(markdownEscape(w))\n" }
            return out
        case .latex:
            return summaryTable().latex(caption: caption + (testLine.map { "; " + $0 } ?? ""))
        case .html:
            var out = summaryTable().html(caption: caption, cssClass: "truant-survival")
            if let t = testLine { out += "<p>\(htmlEscape(t))</p>\n" }
            for w in warnings { out += "<p class=\"warning\">Warning: \(htmlEscape(w))</p>\n" }
            return out
        }
    }

    var caption: String {
        let f = formula ?? "survival curves"
        return method == "kaplan-meier" ? "\(f): Kaplan–Meier estimates" : "\(f): Aalen–Johansen cumulative incidence"
    }
}
