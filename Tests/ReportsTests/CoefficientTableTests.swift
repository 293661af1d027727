import Testing
import Models
@testable import Reports

private let rows = [
    Coefficient(term: "(Intercept)", estimate: 11.55, stdError: 1.5812, statistic: 7.304, pValue: 1.09e-9, confLow: 8.39, confHigh: 14.71),
    Coefficient(term: "suppVC:dose", estimate: 3.904, stdError: 1.691, statistic: 2.309, pValue: 0.024631, confLow: 0.52, confHigh: 7.29),
    Coefficient(term: "x_1", estimate: -0.5, stdError: 0.4, statistic: -1.25, pValue: 0.2113, confLow: -1.28, confHigh: 0.28),
]

@Test("Markdown: a header, an alignment row and one row per term, pipes escaped")
func markdownTable() {
    let md = CoefficientTable(rows, statistic: .t).markdown()
    let lines = md.split(separator: "\n")
    #expect(lines.count == 2 + rows.count)
    #expect(lines[0].hasPrefix("| Term | Estimate | Std. Error | t value | Pr(>\\|t\\|) | 95% CI |"))
    #expect(lines[2].contains("\\*\\*\\*"))
    #expect(lines[3].contains("[0.520, 7.290]") || lines[3].contains("[0.52, 7.29]"))
}

@Test("LaTeX: booktabs tabular with escaped names and typographic minus")
func latexTable() {
    let tex = CoefficientTable(rows, statistic: .z).latex(caption: "Model 1")
    #expect(tex.contains("\\begin{tabular}{lrrrrc}"))
    #expect(tex.contains("\\toprule") && tex.contains("\\bottomrule"))
    #expect(tex.contains("x\\_1 & $-$0.5"))
    #expect(tex.contains("\\caption{Model 1}"))
}

@Test("HTML: a table with escaped headers")
func htmlTable() {
    let html = CoefficientTable(rows, statistic: .z).html()
    #expect(html.contains("<th>Pr(&gt;|z|)</th>"))
    #expect(html.components(separatedBy: "<tr>").count - 1 == 1 + rows.count)
}

@Test("CSV keeps every digit and writes NA for missing values")
func csvTable() {
    var r = rows
    r.append(Coefficient(term: "a,b", estimate: .nan, stdError: .nan, statistic: .nan, pValue: .nan, confLow: .nan, confHigh: .nan))
    let csv = CoefficientTable(r, statistic: .z).csv()
    let lines = csv.split(separator: "\n")
    #expect(lines[0] == "term,estimate,std_error,statistic,p_value,conf_low,conf_high")
    #expect(lines[1] == "(Intercept),11.55,1.5812,7.304,1.09e-09,8.39,14.71")
    #expect(lines[4] == "\"a,b\",NA,NA,NA,NA,NA,NA")
}

@Test("p-values are formatted as R's format.pval: joint fixed decimals, scientific below 1e-4, < 2e-16")
func pValueFormatting() {
    #expect(RFormat.pValues([0.0161, 0.8752]) == ["0.0161", "0.8752"])
    #expect(RFormat.pValues([3.05e-12, 4.37e-8]) == ["3.05e-12", "4.37e-08"])
    #expect(RFormat.pValues([1e-20]) == ["<2e-16"])
    #expect(RFormat.pValues([1e-20, 1.24e-8]) == ["< 2e-16", "1.24e-08"])
    #expect(RFormat.column([3452.21, 933.6349], digits: 5) == ["3452.21", "933.63"])
    #expect(RFormat.column([43.2297, 10.05911], digits: 5) == ["43.230", "10.059"])
}

/// The one escaper in its two spellings: HTML keeps the apostrophe, XML (the charts' SVG) escapes it.
@Test func htmlAndXMLEscapingDifferOnlyInTheApostrophe() {
    let text = "a&b<c>\"d'e é"
    #expect(htmlEscape(text) == "a&amp;b&lt;c&gt;&quot;d'e é")
    #expect(xmlEscape(text) == "a&amp;b&lt;c&gt;&quot;d&apos;e é")
    #expect(htmlEscape(text) == htmlEscaped(text))
}
