import Foundation
import Models

/// lme4's `summary(merMod)` printout for a `MixedModelFit` — the fit-method header, family, formula, the
/// information-criteria table (or the REML criterion), random effects, number of observations and groups,
/// fixed effects (`z` with p-values for GLMMs; `t` without p-values for LMMs, as lme4) — followed by
/// Truant's extras: ICC and median odds ratio per grouping factor, the rows dropped, and the warnings.
public struct MixedSummary: Sendable {
    /// The fit to describe.
    public var fit: MixedModelFit
    /// Formula, rows dropped, data name.
    public var context: MixedFitContext
    /// Print significance stars and their legend.
    public var stars: Bool

    /// Creates a summary presenter.
    public init(_ fit: MixedModelFit, context: MixedFitContext = MixedFitContext(), stars: Bool = true) {
        self.fit = fit
        self.context = context
        self.stars = stars
    }

    /// The first line, as lme4 prints it.
    public var header: String {
        switch fit.method {
        case "reml": return "Linear mixed model fit by REML ['lmerMod']"
        case "ml" where fit.model == "lmm": return "Linear mixed model fit by maximum likelihood  ['lmerMod']"
        case "agq": return "Generalized linear mixed model fit by maximum likelihood (Adaptive Gauss-Hermite Quadrature, nAGQ = \(fit.nAGQ)) [glmerMod]"
        case "nagq0": return "Generalized linear mixed model fit by maximum likelihood (nAGQ = 0: fixed effects in PIRLS) [glmerMod]"
        default: return "Generalized linear mixed model fit by maximum likelihood (Laplace Approximation) [glmerMod]"
        }
    }

    /// The full text.
    public func text() -> String {
        var out = header + "\n"
        if fit.model == "glmm" { out += " Family: \(fit.family.rawValue)  ( \(fit.link.rawValue) )\n" }
        if let f = context.formula { out += "Formula: \(f)\n" }
        if let d = context.dataName { out += "   Data: \(d)\n" }
        out += "\n"
        if let reml = fit.remlCriterion {
            out += "REML criterion at convergence: \(JSONValue.format((reml * 10).rounded() / 10))\n\n"
        } else {
            // lme4: round to one decimal, format the four criteria jointly and df.resid alone, print as a named
            // vector (one common width, right-aligned, a trailing space).
            let labels = ["AIC", "BIC", "logLik", "deviance", "df.resid"]
            let rounded = [fit.aic, fit.bic, fit.logLikelihood, fit.deviance].map { ($0 * 10).rounded() / 10 }
            let decimals = rounded.contains { $0 != $0.rounded() } ? 1 : 0
            let values = rounded.map { String(format: "%.\(decimals)f", $0) } + [String(fit.nObs - fit.df)]
            let width = (labels + values).map(\.count).max() ?? 0
            out += labels.map { RFormat.pad($0, width) }.joined(separator: " ") + " \n"
            out += values.map { RFormat.pad($0, width) }.joined(separator: " ") + " \n\n"
        }
        if let r = context.scaledResiduals, !r.isEmpty {
            // R prints the quantiles as a named vector: joint format, one common width, a trailing space.
            let labels = ["Min", "1Q", "Median", "3Q", "Max"]
            // lme4: zapsmall(quantile(r), 5), printed with 4 significant digits.
            let q = fiveNumbers(r)
            let mx = q.map { Swift.abs($0) }.filter(\.isFinite).max() ?? 0
            let places = mx > 0 ? Swift.max(0, 5 - Int(Foundation.ceil(Foundation.log10(mx)))) : 5
            let scale = Foundation.pow(10.0, Double(places))
            let values = RFormat.column(q.map { ($0 * scale).rounded() / scale }, digits: 4)
            let width = (labels + values).map(\.count).max() ?? 0
            out += "Scaled residuals: \n" + labels.map { RFormat.pad($0, width) }.joined(separator: " ") + " \n"
            out += values.map { RFormat.pad($0, width) }.joined(separator: " ") + " \n\n"
        }
        out += "Random effects:\n" + VarianceComponentsTable(fit).text()
        let groups = fit.groups.map { "\($0.group), \($0.levels)" }.joined(separator: "; ")
        out += "Number of obs: \(fit.nObs), groups:  \(groups)\n"
        let dropped = fit.dropped(context)
        if dropped > 0 {
            out += "  (\(dropped) observation\(dropped == 1 ? "" : "s") deleted due to missingness)\n"
        }
        out += "\nFixed effects:\n"
        let table = CoefficientTable(fit.coefficients, statistic: fit.statisticKind)
        out += fit.model == "lmm" ? table.textWithoutPValues() : table.text(stars: stars)
        out += extras()
        if !fit.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in fit.warnings { out += "  - \(w)\n" }
        }
        if !fit.converged && fit.warnings.isEmpty {
            out += "\nWarnings:\n  - the optimizer did not report convergence\n"
        }
        return out
    }

    /// ICC and median odds ratio per grouping factor (where defined).
    func extras() -> String {
        let rows = fit.groups.filter { $0.icc != nil || $0.medianOddsRatio != nil }
        guard !rows.isEmpty else { return "" }
        let scale = fit.model == "lmm" ? "" : " (latent scale)"
        var out = "\nIntra-class correlation\(scale) and median odds ratio by grouping factor:\n"
        let nameWidth = Swift.max(6, rows.map(\.group.count).max() ?? 0)
        let showMOR = rows.contains { $0.medianOddsRatio != nil }
        out += " " + RFormat.pad("Groups", nameWidth, left: false) + "    ICC" + (showMOR ? "    MOR" : "") + "\n"
        for g in rows {
            let icc = g.icc.map { String(format: "%6.4f", $0) } ?? "    NA"
            let mor = g.medianOddsRatio.map { String(format: "%6.3f", $0) } ?? "    NA"
            out += " " + RFormat.pad(g.group, nameWidth, left: false) + " " + icc + (showMOR ? " " + mor : "") + "\n"
        }
        return out
    }
}

extension CoefficientTable {
    /// lme4's fixed-effects table for a linear mixed model: estimate, standard error and t value, no p-value.
    public func textWithoutPValues() -> String {
        let f = formatted()
        let columns: [(String, [String])] = [("Estimate", f.estimate), ("Std. Error", f.stdError), (statisticHeader, f.statistic)]
        let termWidth = rows.map(\.term.count).max() ?? 0
        let widths = columns.map { c in Swift.max(c.0.count, c.1.map(\.count).max() ?? 0) }
        var out = String(repeating: " ", count: termWidth)
        for (k, c) in columns.enumerated() { out += " " + RFormat.pad(c.0, widths[k]) }
        out += "\n"
        for (i, row) in rows.enumerated() {
            out += RFormat.pad(row.term, termWidth, left: false)
            for (k, c) in columns.enumerated() { out += " " + RFormat.pad(c.1[i], widths[k]) }
            out += "\n"
        }
        return out
    }
}
