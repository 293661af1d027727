import Foundation
import Models

/// The random-effects table of a mixed model (lme4's `VarCorr` printout): one row per random effect, the
/// residual last for a linear mixed model, correlations within a vector-valued term beside the later effect.
public struct VarianceComponentsTable: Sendable, Equatable {
    /// One printed row.
    public struct Row: Sendable, Equatable {
        /// Grouping factor; `Residual` for the residual.
        public var group: String
        /// `true` for the second and later effects of a vector-valued term (lme4 leaves their group blank).
        public var continues: Bool
        /// Random-effect column name (empty for the residual).
        public var name: String
        /// Variance.
        public var variance: Double
        /// Standard deviation.
        public var sd: Double
        /// Correlations with the earlier effects of the same term.
        public var correlations: [Double]
    }

    /// The rows in lme4's order.
    public var rows: [Row]
    /// Significant digits in rounded output (lme4 prints 4).
    public var digits: Int

    /// Builds the table from the fit's variance components, correlations and residual SD.
    public init(_ fit: MixedModelFit, digits: Int = 4) {
        var rows: [Row] = []
        var previousGroup: String? = nil
        var termMembers: [String] = []
        for vc in fit.randomEffects where vc.group != "Residual" {
            // A new term starts when the group changes or the term repeats a name already seen in this block.
            let newBlock = vc.group != previousGroup || termMembers.contains(vc.term)
            if newBlock { termMembers = [] }
            let corr = termMembers.map { earlier in
                fit.randomCorrelations.first { $0.group == vc.group && (($0.term1 == earlier && $0.term2 == vc.term) || ($0.term1 == vc.term && $0.term2 == earlier)) }?.corr ?? .nan
            }
            rows.append(Row(group: vc.group, continues: !newBlock, name: vc.term, variance: vc.variance, sd: vc.sd,
                            correlations: corr.contains { $0.isFinite } ? corr : []))
            termMembers.append(vc.term)
            previousGroup = vc.group
        }
        if let residual = fit.randomEffects.first(where: { $0.group == "Residual" }) {
            rows.append(Row(group: "Residual", continues: false, name: "", variance: residual.variance, sd: residual.sd, correlations: []))
        } else if let s = fit.residualSD {
            rows.append(Row(group: "Residual", continues: false, name: "", variance: s * s, sd: s, correlations: []))
        }
        self.rows = rows
        self.digits = digits
    }

    var hasCorrelations: Bool { rows.contains { !$0.correlations.isEmpty } }

    func formattedCorrelations(_ r: Row) -> String {
        r.correlations.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }

    /// lme4's layout: ` Groups   Name        Variance Std.Dev. Corr`.
    public func text() -> String {
        // Numbers are formatted jointly (right-aligned among themselves), then left-aligned under the header.
        let joint = { (xs: [String]) -> [String] in let w = xs.map(\.count).max() ?? 0; return xs.map { RFormat.pad($0, w) } }
        let v = joint(RFormat.column(rows.map(\.variance), digits: digits))
        let s = joint(RFormat.column(rows.map(\.sd), digits: digits))
        var columns: [(String, [String], Bool)] = [
            ("Groups", rows.map { $0.continues ? "" : $0.group }, false), ("Name", rows.map(\.name), false),
            ("Variance", v, false), ("Std.Dev.", s, false),
        ]
        if hasCorrelations { columns.append(("Corr", rows.map(formattedCorrelations), false)) }
        let widths = columns.map { c in Swift.max(c.0.count, c.1.map(\.count).max() ?? 0) }
        var out = " " + zip(columns, widths).map { RFormat.pad($0.0.0, $0.1, left: false) }.joined(separator: " ")
        out = out.trimmingTrailingSpaces() + "\n"
        for i in rows.indices {
            let line = " " + zip(columns, widths).map { RFormat.pad($0.0.1[i], $0.1, left: false) }.joined(separator: " ")
            out += line.trimmingTrailingSpaces() + "\n"
        }
        return out
    }

    /// A Markdown table.
    public func markdown() -> String {
        let v = RFormat.column(rows.map(\.variance), digits: digits)
        let s = RFormat.column(rows.map(\.sd), digits: digits)
        var out = "| Group | Effect | Variance | Std. Dev. | Corr |\n|:--|:--|--:|--:|--:|\n"
        for (i, r) in rows.enumerated() {
            out += "| \(markdownEscape(r.group)) | \(markdownEscape(r.name)) | \(v[i]) | \(s[i]) | \(formattedCorrelations(r)) |\n"
        }
        return out
    }

    /// A LaTeX `tabular` (booktabs rules).
    public func latex() -> String {
        let v = RFormat.column(rows.map(\.variance), digits: digits)
        let s = RFormat.column(rows.map(\.sd), digits: digits)
        var out = "\\begin{tabular}{llrrr}\n\\toprule\nGroup & Effect & Variance & Std.\\ Dev. & Corr \\\\\n\\midrule\n"
        for (i, r) in rows.enumerated() {
            out += "\(latexEscape(r.group)) & \(latexEscape(r.name)) & \(v[i]) & \(s[i]) & \(latexMinus(formattedCorrelations(r))) \\\\\n"
        }
        return out + "\\bottomrule\n\\end{tabular}\n"
    }

    /// An HTML `<table>`.
    public func html() -> String {
        let v = RFormat.column(rows.map(\.variance), digits: digits)
        let s = RFormat.column(rows.map(\.sd), digits: digits)
        var out = "<table class=\"truant-variance-components\">\n  <caption>Random effects</caption>\n"
        out += "  <thead>\n    <tr><th>Group</th><th>Effect</th><th>Variance</th><th>Std. Dev.</th><th>Corr</th></tr>\n  </thead>\n  <tbody>\n"
        for (i, r) in rows.enumerated() {
            out += "    <tr><td>\(htmlEscape(r.group))</td><td>\(htmlEscape(r.name))</td><td>\(v[i])</td><td>\(s[i])</td><td>\(formattedCorrelations(r))</td></tr>\n"
        }
        return out + "  </tbody>\n</table>\n"
    }

    /// CSV with every digit: `group,term,variance,sd`.
    public func csv() -> String {
        var out = "group,term,variance,sd\n"
        for r in rows {
            out += csvField(r.group) + "," + csvField(r.name) + "," + JSONValue.format(r.variance) + "," + JSONValue.format(r.sd) + "\n"
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
