import Foundation
import Models

/// A coefficient table for any model (GLM, mixed, Cox): the rows and how to label the statistic.
///
/// Presenters: `text()` (R's `printCoefmat` layout with significance stars), `markdown()`, `latex()`,
/// `html()` and `csv()`. Text, Markdown, LaTeX and HTML round for reading; CSV keeps every digit.
///
/// ```swift
/// let table = CoefficientTable(fit.coefficients, statistic: .z)
/// print(table.markdown())
/// ```
public struct CoefficientTable: Sendable, Equatable {
    /// The rows.
    public var rows: [Coefficient]
    /// `z` or `t`: labels the statistic and p-value columns.
    public var statistic: StatisticKind
    /// Level of the intervals in `rows` (for the column header), e.g. 0.95.
    public var confidenceLevel: Double
    /// Significant digits for estimates and standard errors in rounded output (R's default: 4).
    public var digits: Int

    /// Creates a table.
    public init(_ rows: [Coefficient], statistic: StatisticKind, confidenceLevel: Double = 0.95, digits: Int = 4) {
        self.rows = rows
        self.statistic = statistic
        self.confidenceLevel = confidenceLevel
        self.digits = digits
    }

    /// `z value` or `t value`.
    var statisticHeader: String { "\(statistic.rawValue) value" }
    /// `Pr(>|z|)` or `Pr(>|t|)`.
    var pHeader: String { "Pr(>|\(statistic.rawValue)|)" }
    /// `95% CI`.
    var ciHeader: String {
        let pct = confidenceLevel * 100
        return (pct == pct.rounded() ? String(Int(pct)) : String(pct)) + "% CI"
    }

    /// Rounded columns shared by the text-like presenters.
    struct Formatted {
        var estimate: [String], stdError: [String], statistic: [String], pValue: [String]
        var confLow: [String], confHigh: [String], stars: [String]
    }

    func formatted() -> Formatted {
        let (est, se) = RFormat.estimatesAndErrors(rows.map(\.estimate), rows.map(\.stdError), digits: digits)
        let stat = RFormat.statistics(rows.map(\.statistic), digits: digits)
        let p = RFormat.pValues(rows.map(\.pValue), digits: 3)
        let ci = RFormat.column(rows.flatMap { [$0.confLow, $0.confHigh] }, digits: digits)
        let lo = stride(from: 0, to: ci.count, by: 2).map { ci[$0] }
        let hi = stride(from: 1, to: ci.count, by: 2).map { ci[$0] }
        return Formatted(estimate: est, stdError: se, statistic: stat, pValue: p, confLow: lo, confHigh: hi,
                         stars: rows.map { RFormat.stars($0.pValue) })
    }

    /// R's coefficient table: term names left-aligned, numbers right-aligned, stars in a last column.
    /// `stars: false` leaves the stars column out.
    public func text(stars: Bool = true) -> String {
        let f = formatted()
        // R (printCoefmat) shows stars only when some p-value is below 0.1.
        let stars = stars && rows.contains { $0.pValue.isFinite && $0.pValue < 0.1 }
        var columns: [(String, [String])] = [
            ("Estimate", f.estimate), ("Std. Error", f.stdError), (statisticHeader, f.statistic), (pHeader, f.pValue),
        ]
        if stars { columns.append(("", f.stars)) }
        let termWidth = rows.map { $0.term.count }.max() ?? 0
        let widths = columns.map { col in Swift.max(col.0.count, col.1.map(\.count).max() ?? 0) }
        var lines: [String] = []
        var header = String(repeating: " ", count: termWidth)
        for (k, col) in columns.enumerated() {
            header += " " + (stars && k == columns.count - 1 ? RFormat.pad(col.0, widths[k], left: false) : RFormat.pad(col.0, widths[k]))
        }
        lines.append(header)
        for (i, row) in rows.enumerated() {
            var line = RFormat.pad(row.term, termWidth, left: false)
            for (k, col) in columns.enumerated() {
                let isStars = stars && k == columns.count - 1
                line += " " + (isStars ? RFormat.pad(col.1[i], widths[k], left: false) : RFormat.pad(col.1[i], widths[k]))
            }
            lines.append(line)
        }
        var out = lines.joined(separator: "\n") + "\n"
        if stars {
            out += "---\n" + RFormat.signifCodes + "\n"
        }
        return out
    }

    /// A GitHub-flavoured Markdown table with the interval and significance stars.
    public func markdown() -> String {
        let f = formatted()
        var out = "| Term | Estimate | Std. Error | \(statisticHeader) | \(markdownEscape(pHeader)) | \(ciHeader) |  |\n"
        out += "|:--|--:|--:|--:|--:|:-:|:--|\n"
        for (i, row) in rows.enumerated() {
            let ci = row.confLow.isFinite ? "[\(f.confLow[i]), \(f.confHigh[i])]" : "NA"
            out += "| \(markdownEscape(row.term)) | \(f.estimate[i]) | \(f.stdError[i]) | \(f.statistic[i]) | \(f.pValue[i]) | \(ci) | \(markdownEscape(f.stars[i])) |\n"
        }
        return out
    }

    /// A LaTeX `tabular` (booktabs rules) with the interval; `caption` wraps it in a `table` float.
    public func latex(caption: String? = nil, label: String? = nil) -> String {
        let f = formatted()
        var out = ""
        if caption != nil || label != nil { out += "\\begin{table}[htbp]\n\\centering\n" }
        if let c = caption { out += "\\caption{\(latexEscape(c))}\n" }
        if let l = label { out += "\\label{\(l)}\n" }
        out += "\\begin{tabular}{lrrrrc}\n\\toprule\n"
        out += "Term & Estimate & Std.\\ Error & $\(statistic.rawValue)$ & $p$ & \(latexEscape(ciHeader)) \\\\\n\\midrule\n"
        for (i, row) in rows.enumerated() {
            let ci = row.confLow.isFinite ? "[\(f.confLow[i]), \(f.confHigh[i])]" : "NA"
            let p = f.pValue[i].hasPrefix("<") ? "$<$" + f.pValue[i].dropFirst(1) : f.pValue[i]
            out += "\(latexEscape(row.term)) & \(latexMinus(f.estimate[i])) & \(f.stdError[i]) & \(latexMinus(f.statistic[i])) & \(p) & \(latexMinus(ci)) \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n"
        if caption != nil || label != nil { out += "\\end{table}\n" }
        return out
    }

    /// An HTML `<table>` with a header row and the interval.
    public func html(caption: String? = nil) -> String {
        let f = formatted()
        var out = "<table class=\"truant-coefficients\">\n"
        if let c = caption { out += "  <caption>\(htmlEscape(c))</caption>\n" }
        out += "  <thead>\n    <tr><th>Term</th><th>Estimate</th><th>Std. Error</th><th>\(statisticHeader)</th><th>\(htmlEscape(pHeader))</th><th>\(ciHeader)</th><th></th></tr>\n  </thead>\n  <tbody>\n"
        for (i, row) in rows.enumerated() {
            let ci = row.confLow.isFinite ? "[\(f.confLow[i]), \(f.confHigh[i])]" : "NA"
            out += "    <tr><td>\(htmlEscape(row.term))</td><td>\(f.estimate[i])</td><td>\(f.stdError[i])</td><td>\(f.statistic[i])</td><td>\(htmlEscape(f.pValue[i]))</td><td>\(ci)</td><td>\(f.stars[i])</td></tr>\n"
        }
        out += "  </tbody>\n</table>\n"
        return out
    }

    /// RFC 4180 CSV with every digit (shortest round-trip decimals), `NA` for missing values.
    public func csv() -> String {
        var out = "term,estimate,std_error,statistic,p_value,conf_low,conf_high\n"
        for row in rows {
            let nums = [row.estimate, row.stdError, row.statistic, row.pValue, row.confLow, row.confHigh]
                .map { $0.isFinite ? JSONValue.format($0) : "NA" }
            out += csvField(row.term) + "," + nums.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
func csvField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// Escapes `|` for Markdown table cells (and `*` so stars are not read as emphasis).
func markdownEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "*", with: "\\*")
}

/// Escapes LaTeX special characters in text.
func latexEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "\\": out += "\\textbackslash{}"
        case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(c)
        case "^": out += "\\^{}"
        case "~": out += "\\~{}"
        default: out.append(c)
        }
    }
    return out
}

/// A typographic minus in LaTeX numbers.
func latexMinus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "$-$") }

/// Escapes `&`, `<`, `>` and `"` for HTML text and attribute values (the tables, briefs and notebooks):
/// `xmlEscape` without the apostrophe, which the published HTML has always kept as it is.
package func htmlEscape(_ s: String) -> String { xmlEscape(s, apostrophe: false) }
