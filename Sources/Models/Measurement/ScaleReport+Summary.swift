import Foundation

extension ScaleReport {
    /// An R-like text report (modelled on psych's `print(alpha(...))`): alpha and its Feldt interval, omega,
    /// reliability if an item is dropped, item statistics, the one-factor loadings, and every count of
    /// respondents left out or partially scored. Deterministic; fits in 80 columns for up to ~10-character names.
    public var summary: String {
        let spec = specification
        let label = { (i: ScaleItem) in i.name + (i.reversed ? "-" : "") }
        var out: [String] = []
        let range = spec.range.map { "declared range \(fmt($0.lowerBound))..\(fmt($0.upperBound))" }
            ?? "observed range \(fmt(scores.reversalRange.lowerBound))..\(fmt(scores.reversalRange.upperBound))"
        out.append("Reliability analysis")
        out.append("Items: " + spec.items.map(label).joined(separator: ", ") + "  ('-' = reverse-keyed, \(range))")
        out.append("Scores: \(spec.scoring.rawValue) of the valid items, at least \(spec.minimumValid) valid item(s)")
        out.append("Respondents: \(rowCount) in the data, n = \(n) with a response; \(rowsAllMissing) without any response, "
            + "\(rowsWithoutScore) without a score, \(rowsPartiallyScored) scored on fewer than all items")
        out.append("")
        out.append(table(header: ["raw_alpha", "std.alpha", "G6(smc)", "average_r", "S/N", "ase", "mean", "sd", "median_r"],
                         rows: [("", [alpha, standardizedAlpha, statistics.lambda6, statistics.averageCorrelation,
                                      statistics.signalToNoise, alphaStandardError, scoreMean, scoreSD,
                                      statistics.medianCorrelation])],
                         digits: [2, 2, 2, 2, 2, 4, 2, 2, 2]))
        out.append("")
        let level = Int((confidenceLevel * 100).rounded())
        out.append("\(level)% confidence interval for alpha (Feldt): " + f(alphaInterval.lowerBound, 2) + " to " + f(alphaInterval.upperBound, 2))
        if let o = omega {
            out.append("Omega (one-factor minres): total " + f(o.total, 2) + ", hierarchical " + f(o.hierarchical, 2)
                + ", model-based " + f(o.modelBased, 2))
        }
        out.append("")
        out.append("Reliability if an item is dropped:")
        out.append(table(header: ["raw_alpha", "std.alpha", "G6(smc)", "average_r"],
                         rows: items.enumerated().map { (k, s) in
                             (label(spec.items[k]), [s.alphaIfDeleted, s.standardizedAlphaIfDeleted, s.lambda6IfDeleted,
                                                     s.averageCorrelationIfDeleted]) },
                         digits: [2, 2, 2, 2]))
        out.append("")
        out.append("Item statistics:")
        out.append(table(header: ["n", "missing", "raw.r", "std.r", "r.cor", "r.drop", "mean", "sd"],
                         rows: items.enumerated().map { (k, s) in
                             (label(spec.items[k]), [Double(s.validCount), Double(s.missingCount), s.itemTotalCorrelation,
                                                     s.standardizedItemTotalCorrelation, s.correctedItemTotalCorrelation,
                                                     s.itemRestCorrelation, s.mean, s.sd]) },
                         digits: [0, 0, 2, 2, 2, 2, 2, 2]))
        if let fa = factor {
            out.append("")
            out.append("One-factor solution (minres): proportion of variance " + f(fa.proportionVariance[0], 2))
            out.append(table(header: ["MR1", "h2", "u2"],
                             rows: items.indices.map { k in
                                 (label(spec.items[k]), [fa.loadings[k, 0], fa.communalities[k], fa.uniquenesses[k]]) },
                             digits: [2, 2, 2]))
        }
        if !warnings.isEmpty {
            out.append("")
            out.append("Warnings:")
            for w in warnings { out.append("  - " + w) }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// A number with fixed decimals (`NA` for NaN), as R prints it.
func f(_ x: Double, _ digits: Int) -> String {
    if x.isNaN { return "NA" }
    return String(format: "%.\(digits)f", x)
}

/// A right-aligned text table with a row-label column.
func table(header: [String], rows: [(String, [Double])], digits: [Int]) -> String {
    let cells = rows.map { row in row.1.enumerated().map { f($0.element, digits[$0.offset]) } }
    let labelWidth = rows.map(\.0.count).max() ?? 0
    var widths = header.map(\.count)
    for r in cells { for (j, c) in r.enumerated() { widths[j] = Swift.max(widths[j], c.count) } }
    func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: Swift.max(0, w - s.count)) + s }
    var lines = [String(repeating: " ", count: labelWidth) + header.enumerated().map { " " + pad($0.element, widths[$0.offset]) }.joined()]
    for (k, r) in cells.enumerated() {
        let name = rows[k].0 + String(repeating: " ", count: labelWidth - rows[k].0.count)
        lines.append(name + r.enumerated().map { " " + pad($0.element, widths[$0.offset]) }.joined())
    }
    return lines.joined(separator: "\n")
}
