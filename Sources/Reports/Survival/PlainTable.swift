import Foundation

/// A small table of pre-formatted cells (header + rows) rendered as text, Markdown, LaTeX, HTML or CSV,
/// for survival summaries that are not coefficient tables (medians by group, survdiff, cumulative incidence).
struct PlainTable {
    /// Column headers; the first column is a label column (left-aligned), the others numbers (right-aligned).
    var header: [String]
    /// Rows of cells, as many as `header`.
    var rows: [[String]]

    /// Aligned text columns, R style.
    func text() -> String {
        var width = header.map(\.count)
        for r in rows { for (j, c) in r.enumerated() where j < width.count { width[j] = Swift.max(width[j], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { j, c in RFormat.pad(c, j < width.count ? width[j] : c.count, left: j != 0) }
                .joined(separator: " ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A GitHub-flavoured Markdown table.
    func markdown() -> String {
        var out = "| " + header.map(markdownEscape).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 == 0 ? ":--|" : "--:|" }.joined() + "\n"
        for r in rows { out += "| " + r.map(markdownEscape).joined(separator: " | ") + " |\n" }
        return out
    }

    /// A booktabs `tabular`, in a `table` float when `caption` is given.
    func latex(caption: String? = nil) -> String {
        var out = caption.map { "\\begin{table}[htbp]\n\\centering\n\\caption{\(latexEscape($0))}\n" } ?? ""
        out += "\\begin{tabular}{l" + String(repeating: "r", count: Swift.max(header.count - 1, 0)) + "}\n\\toprule\n"
        out += header.map(latexEscape).joined(separator: " & ") + " \\\\\n\\midrule\n"
        for r in rows {
            out += r.enumerated().map { j, c in j == 0 ? latexEscape(c) : latexMinus(latexEscape(c)) }.joined(separator: " & ") + " \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n"
        if caption != nil { out += "\\end{table}\n" }
        return out
    }

    /// An HTML `<table>`.
    func html(caption: String? = nil, cssClass: String) -> String {
        var out = "<table class=\"\(cssClass)\">\n"
        if let c = caption { out += "  <caption>\(htmlEscape(c))</caption>\n" }
        out += "  <thead>\n    <tr>" + header.map { "<th>\(htmlEscape($0))</th>" }.joined() + "</tr>\n  </thead>\n  <tbody>\n"
        for r in rows { out += "    <tr>" + r.map { "<td>\(htmlEscape($0))</td>" }.joined() + "</tr>\n" }
        out += "  </tbody>\n</table>\n"
        return out
    }

    /// RFC 4180 CSV (cells as given).
    func csv() -> String {
        ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

/// Every digit of `x` for CSV output (`NA` when not finite, as R writes missing values; `Inf` kept).
func csvNumber(_ x: Double) -> String {
    if x.isNaN { return "NA" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    return JSONValue.format(x)
}

/// `p = 0.0123`, or `p < 2e-16` for R's smallest printed p-value.
func pClause(_ p: Double) -> String {
    let s = RFormat.pValues([p])[0]
    if s.hasPrefix("<") { return "p < " + s.dropFirst().trimmingCharacters(in: .whitespaces) }
    return "p = " + s
}
