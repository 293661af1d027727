import Formula
import Frames
import Models
import Reports

/// A fitted linear or generalized linear mixed model (lme4's `lmerMod` / `glmerMod`), with the model frame
/// and data it was fitted to (for predictions on new data and ML refits in `anova`).
struct MixedObject: ScriptObject, Summarizable {
    var fit: MixedModelFit
    /// The formula as written.
    var formula: String
    /// The data argument's name (for the summary's `Data:` line).
    var dataName: String?
    /// The data the model was fitted to.
    var data: Table
    /// The model frame of the fit.
    var frame: ModelFrame
    /// `true` when weights or offset were given as arguments rather than in the formula.
    var usedOptionColumns: Bool = false

    var className: String { fit.model == "lmm" ? "lmerMod" : "glmerMod" }

    var context: MixedFitContext {
        MixedFitContext(formula: formula, nDropped: frame.nDropped, dataName: dataName,
                        scaledResiduals: fit.scaledResiduals(response: frame.response, weights: frame.weights))
    }

    /// lme4's summary(fit) text (with Truant's ICC / median-odds-ratio lines).
    func printed(width: Int) -> String { MixedSummary(fit, context: context).text() }

    func summaryObject() throws -> any ScriptObject {
        TextObject(className: "summary.merMod", text: printed(width: 80))
    }

    /// Residuals conditional on the random effects: "response", "pearson" or "deviance" (lme4's definitions).
    func residuals(_ type: String) -> [Double] {
        let n = fit.fitted.count
        var y = [Double](repeating: .nan, count: n), w = frame.weights ?? [Double](repeating: 1, count: n)
        switch frame.response {
        case .vector(_, let values): if values.count == n { y = values }
        case .binomial(_, let s, let f):
            for i in 0..<Swift.min(n, s.count) {
                let trials = s[i] + f[i]
                y[i] = trials > 0 ? s[i] / trials : .nan
                w[i] *= trials
            }
        case .survival: break
        }
        return (0..<n).map { i in
            let mu = fit.fitted[i], r = y[i] - mu
            switch type {
            case "pearson": return r * (w[i] / fit.family.variance(mu)).squareRoot()
            case "deviance":
                let d = Swift.max(0, fit.family.unitDeviance(y: y[i], mu: mu, weight: w[i]))
                return (r < 0 ? -1 : 1) * d.squareRoot()
            default: return r
            }
        }
    }

    /// Fixed effects named by column.
    var fixedEffects: Vector { Vector(.double(fit.beta.map { $0.isNaN ? nil : $0 }), names: fit.fixedNames) }

    func field(_ name: String) -> Value? {
        switch name {
        case "coefficients", "fixef": return .vector(fixedEffects)
        case "se": return .vector(Vector(.double(fit.coefficients.map { $0.stdError.isNaN ? nil : $0.stdError }), names: fit.fixedNames))
        case "theta": return .vector(Vector(.double(fit.theta.map { $0 })))
        case "sigma": return .vector(.double(fit.residualSD ?? 1))
        case "loglik": return .vector(.double(fit.logLikelihood))
        case "aic": return .vector(.double(fit.aic))
        case "bic": return .vector(.double(fit.bic))
        case "deviance": return .vector(.double(fit.deviance))
        case "nobs": return .vector(.integer(fit.nObs))
        case "ngroups": return .vector(Vector(.integer(fit.groups.map { $0.levels }), names: fit.groups.map(\.group)))
        case "icc": return .vector(Vector(.double(fit.groups.map { $0.icc }), names: fit.groups.map(\.group)))
        case "mor": return .vector(Vector(.double(fit.groups.map { $0.medianOddsRatio }), names: fit.groups.map(\.group)))
        case "fitted.values": return .vector(Vector(.double(fit.fitted.map { $0 })))
        case "linear.predictors": return .vector(Vector(.double(fit.linearPredictor.map { $0 })))
        case "converged": return .vector(.logical(fit.converged))
        case "method": return .vector(.string(fit.method))
        case "formula": return .vector(.string(formula))
        case "warnings": return .vector(Vector(.character(fit.warnings.map { $0 })))
        default: return nil
        }
    }

    var fieldNames: [String] {
        ["coefficients", "fixef", "se", "theta", "sigma", "loglik", "aic", "bic", "deviance", "nobs", "ngroups", "icc", "mor",
         "fitted.values", "linear.predictors", "converged", "method", "formula", "warnings"]
    }
}

/// A likelihood-ratio comparison of nested models, printed as lme4's `anova(m0, m1)`.
struct AnovaObject: ScriptObject {
    struct Row {
        var name: String
        var formula: String
        var npar: Int
        var aic: Double
        var bic: Double
        var logLik: Double
        var chisq: Double?
        var df: Int?
        var p: Double?
    }
    var dataName: String?
    var rows: [Row]
    var refitted: Bool

    var className: String { "anova" }

    func printed(width: Int) -> String {
        var out = ""
        if refitted { out += "refitting model(s) with ML (instead of REML)\n" }
        if let d = dataName { out += "Data: \(d)\n" }
        out += "Models:\n"
        for r in rows { out += "\(r.name): \(r.formula)\n" }
        let p = Printer(width: width)
        let deviance = rows.map { -2 * $0.logLik }
        var columns: [(String, [String])] = [
            ("npar", rows.map { String($0.npar) }),
            ("AIC", p.formatDoubles(rows.map { $0.aic }, digits: 5)),
            ("BIC", p.formatDoubles(rows.map { $0.bic }, digits: 5)),
            ("logLik", p.formatDoubles(rows.map { $0.logLik }, digits: 5)),
            ("deviance", p.formatDoubles(deviance, digits: 5)),
        ]
        let chis = rows.map(\.chisq)
        let chiText = p.formatDoubles(chis, digits: 5).enumerated().map { chis[$0.offset] == nil ? "" : $0.element }
        columns.append(("Chisq", chiText))
        columns.append(("Df", rows.map { $0.df.map(String.init) ?? "" }))
        let ps = rows.map { $0.p ?? .nan }
        let pText = RFormat.pValues(ps.filter { !$0.isNaN }, digits: 4)
        var k = 0
        columns.append(("Pr(>Chisq)", rows.map { r in
            guard r.p != nil else { return "" }
            defer { k += 1 }
            return k < pText.count ? pText[k] : ""
        }))
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let widths = columns.map { c in Swift.max(c.0.count, c.1.map(\.count).max() ?? 0) }
        let stars = rows.map { r in r.p.map { RFormat.stars($0) } ?? "" }
        let anyStars = stars.contains { !$0.isEmpty }
        out += String(repeating: " ", count: nameWidth) + columns.indices.map { " " + padLeft(columns[$0].0, widths[$0]) }.joined()
        out += (anyStars ? "    " : "") + "\n"
        for (i, r) in rows.enumerated() {
            out += padRight(r.name, nameWidth) + columns.indices.map { " " + padLeft(columns[$0].1[i], widths[$0]) }.joined()
            out += anyStars ? " " + padRight(stars[i], 3) : ""
            out += "\n"
        }
        if anyStars { out += "---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n" }
        return out
    }

    func field(_ name: String) -> Value? {
        switch name {
        case "npar": return .vector(Vector(.integer(rows.map { $0.npar }), names: rows.map(\.name)))
        case "AIC": return .vector(Vector(.double(rows.map { $0.aic }), names: rows.map(\.name)))
        case "BIC": return .vector(Vector(.double(rows.map { $0.bic }), names: rows.map(\.name)))
        case "logLik": return .vector(Vector(.double(rows.map { $0.logLik }), names: rows.map(\.name)))
        case "deviance": return .vector(Vector(.double(rows.map { -2 * $0.logLik }), names: rows.map(\.name)))
        case "Chisq": return .vector(Vector(.double(rows.map { $0.chisq }), names: rows.map(\.name)))
        case "Df": return .vector(Vector(.integer(rows.map { $0.df }), names: rows.map(\.name)))
        case "Pr(>Chisq)", "p": return .vector(Vector(.double(rows.map { $0.p }), names: rows.map(\.name)))
        default: return nil
        }
    }

    var fieldNames: [String] { ["npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)"] }
}

/// An SVG chart (forest plot, caterpillar plot, survival curves). At the prompt it prints its title and
/// where it was written; a notebook shows the chart itself.
struct ChartObject: ScriptObject {
    var title: String
    var svg: String
    var file: String?
    var className: String { "chart" }
    func printed(width: Int) -> String {
        "<chart: \(title)>" + (file.map { " written to \($0)" } ?? " (give file = \"name.svg\" to write it)") + "\n"
    }
    func field(_ name: String) -> Value? {
        switch name {
        case "svg": return .vector(.string(svg))
        case "title": return .vector(.string(title))
        case "file": return file.map { .vector(.string($0)) } ?? .null
        default: return nil
        }
    }
    var fieldNames: [String] { ["svg", "title", "file"] }
}
