import Foundation
import Models

/// R's `summary.glm` printout for a `GLMFit`: call, optional deviance-residual quantiles, the coefficient
/// table with significance stars, the dispersion, null and residual deviance with their degrees of
/// freedom, the rows dropped for missing values, AIC, the number of Fisher scoring iterations — and,
/// unlike R, the fit's warnings at the end, so they cannot scroll away.
public struct GLMSummary: Sendable {
    /// The fit to describe.
    public var fit: GLMFit
    /// The data source for the `Call:` line (a path or a name), if known.
    public var dataName: String?
    /// Print the five-number summary of the deviance residuals (R before 4.3 did).
    public var showDevianceResiduals: Bool
    /// Print significance stars and their legend.
    public var stars: Bool

    /// Creates a summary presenter.
    public init(_ fit: GLMFit, dataName: String? = nil, showDevianceResiduals: Bool = false, stars: Bool = true) {
        self.fit = fit
        self.dataName = dataName
        self.showDevianceResiduals = showDevianceResiduals
        self.stars = stars
    }

    /// The `glm(...)` call as R prints it.
    public var call: String {
        var args = ["formula = \(fit.formula ?? "\(fit.responseName) ~ ...")"]
        let fam = fit.family.rawValue
        args.append(fit.link == fit.family.canonicalLink ? "family = \(fam)" : "family = \(fam)(link = \"\(fit.link.rawValue)\")")
        if let d = dataName { args.append("data = \(d)") }
        return "glm(" + args.joined(separator: ", ") + ")"
    }

    /// The full text.
    public func text() -> String {
        var out = "\nCall:\n\(call)\n\n"
        if showDevianceResiduals {
            let q = quantiles(fit.residuals(.deviance))
            let labels = ["Min", "1Q", "Median", "3Q", "Max"]
            let vals = RFormat.column(q, digits: 4)
            let w = Swift.max(vals.map(\.count).max() ?? 0, 6)
            out += "Deviance Residuals: \n"
            out += labels.map { RFormat.pad($0, w) }.joined(separator: "  ") + "  \n"
            out += vals.map { RFormat.pad($0, w) }.joined(separator: "  ") + "  \n\n"
        }
        let nAliased = fit.aliasedCount
        out += nAliased > 0 ? "Coefficients: (\(nAliased) not defined because of singularities)\n" : "Coefficients:\n"
        out += CoefficientTable(fit.coefficients, statistic: fit.statisticKind, confidenceLevel: fit.confidenceLevel).text(stars: stars)
        let disp = fit.family.estimatesDispersion ? RFormat.significant(fit.dispersion, digits: 7) : "1"
        out += "\n(Dispersion parameter for \(fit.family.rawValue) family taken to be \(disp))\n\n"
        let devs = RFormat.column([fit.nullDeviance, fit.deviance], digits: 5)
        let dw = devs.map(\.count).max() ?? 0
        let dfs = [String(fit.dfNull), String(fit.dfResidual)]
        let dfw = dfs.map(\.count).max() ?? 0
        out += "    Null deviance: \(RFormat.pad(devs[0], dw))  on \(RFormat.pad(dfs[0], dfw))  degrees of freedom\n"
        out += "Residual deviance: \(RFormat.pad(devs[1], dw))  on \(RFormat.pad(dfs[1], dfw))  degrees of freedom\n"
        if fit.nDropped > 0 {
            out += "  (\(fit.nDropped) observation\(fit.nDropped == 1 ? "" : "s") deleted due to missingness)\n"
        }
        out += "AIC: \(RFormat.significant(fit.aic, digits: 5))\n\n"
        out += "Number of Fisher Scoring iterations: \(fit.iterations)\n"
        if !fit.warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in fit.warnings { out += "  - \(w)\n" }
        }
        return out
    }

    /// R's `quantile(x)` (type 7) at 0, 0.25, 0.5, 0.75, 1.
    func quantiles(_ x: [Double]) -> [Double] {
        let s = x.sorted()
        guard !s.isEmpty else { return [.nan, .nan, .nan, .nan, .nan] }
        return [0, 0.25, 0.5, 0.75, 1].map { p in
            let h = Double(s.count - 1) * p
            let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
    }
}
