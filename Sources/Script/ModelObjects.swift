import Frames
import Models
import Reports

/// A GLM family with its link, as `binomial(link = "probit")` returns.
struct FamilyObject: ScriptObject {
    var family: Family
    var link: Link
    var className: String { "family" }
    func printed(width: Int) -> String {
        "\nFamily: \(family.rawValue) \nLink function: \(link.rawValue) \n\n"
    }
    func field(_ name: String) -> Value? {
        switch name {
        case "family": return .vector(.string(family.rawValue))
        case "link": return .vector(.string(link.rawValue))
        default: return nil
        }
    }
    var fieldNames: [String] { ["family", "link"] }
}

/// A fitted GLM: R's glm object.
struct GLMObject: ScriptObject, Summarizable {
    var fit: GLMFit
    var dataName: String?
    /// The data the model was fitted to (for predictions on new data).
    var data: Table? = nil
    /// `true` when weights or offset were given as arguments rather than in the formula.
    var usedOptionColumns: Bool = false
    var className: String { "glm" }

    var call: String { GLMSummary(fit, dataName: dataName).call }

    /// R's print.glm.
    func printed(width: Int) -> String {
        var out = "\nCall:  \(deparseWrapped(call, prefix: 7))\n\n"
        let used = fit.coefficients.indices
        if !used.isEmpty {
            out += "Coefficients:\n"
            let values: [Double?] = fit.estimates.map { $0.isNaN ? nil : $0 }
            let items = Printer(width: width).formatDoubles(values, digits: 4)   // print.glm: digits = max(3, getOption("digits") - 3)
            let names = fit.columnNames
            let w = Swift.max(items.map(\.count).max() ?? 0, names.map(\.count).max() ?? 0)
            let perLine = Swift.max(1, width / (w + 2))
            var i = 0
            while i < items.count {
                let j = Swift.min(items.count, i + perLine)
                out += names[i..<j].map { padLeft($0, w) + "  " }.joined() + "\n"
                out += items[i..<j].map { padLeft($0, w) + "  " }.joined() + "\n"
                i = j
            }
        }
        out += "\nDegrees of Freedom: \(fit.dfNull) Total (i.e. Null);  \(fit.dfResidual) Residual\n"
        if fit.nDropped > 0 { out += "  (\(fit.nDropped) observation\(fit.nDropped == 1 ? "" : "s") deleted due to missingness)\n" }
        let sig = { (x: Double) in numberText(signif(x, 4)) }
        out += "Null Deviance:\t    \(sig(fit.nullDeviance)) \nResidual Deviance: \(sig(fit.deviance)) \tAIC: \(sig(fit.aic))\n"
        if !fit.warnings.isEmpty {
            out += "Warnings:\n" + fit.warnings.map { "  - \($0)\n" }.joined()
        }
        return out
    }

    func summaryObject() throws -> any ScriptObject {
        TextObject(className: "summary.glm", text: GLMSummary(fit, dataName: dataName).text())
    }

    var namedCoefficients: Vector {
        Vector(.double(fit.estimates.map { $0.isNaN ? nil : $0 }), names: fit.columnNames)
    }

    func field(_ name: String) -> Value? {
        switch name {
        case "coefficients": return .vector(namedCoefficients)
        case "fitted.values": return .vector(Vector(.double(fit.fittedValues.map { $0 })))
        case "linear.predictors": return .vector(Vector(.double(fit.linearPredictor.map { $0 })))
        case "residuals": return .vector(Vector(.double(fit.residuals(.working).map { $0 })))
        case "deviance": return .vector(.double(fit.deviance))
        case "null.deviance": return .vector(.double(fit.nullDeviance))
        case "aic": return .vector(.double(fit.aic))
        case "df.residual": return .vector(.integer(fit.dfResidual))
        case "df.null": return .vector(.integer(fit.dfNull))
        case "iter": return .vector(.integer(fit.iterations))
        case "converged": return .vector(.logical(fit.converged))
        case "rank": return .vector(.integer(fit.rank))
        case "family": return .object(FamilyObject(family: fit.family, link: fit.link))
        case "formula": return fit.formula.map { .vector(.string($0)) } ?? .null
        case "warnings": return .vector(Vector(.character(fit.warnings.map { $0 })))
        default: return nil
        }
    }

    var fieldNames: [String] {
        ["coefficients", "fitted.values", "linear.predictors", "residuals", "deviance", "null.deviance", "aic",
         "df.residual", "df.null", "iter", "converged", "rank", "family", "formula", "warnings"]
    }
}

/// `x` rounded to `digits` significant digits (R's signif).
func signif(_ x: Double, _ digits: Int) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let e = Int((Swift.abs(x)).exponentDecimal)
    let scale = pow10(digits - 1 - e)
    return (x * scale).rounded() / scale
}

func pow10(_ n: Int) -> Double {
    var r = 1.0
    if n >= 0 { for _ in 0..<n { r *= 10 } } else { for _ in 0..<(-n) { r /= 10 } }
    return r
}

extension Double {
    /// floor(log10(self)) for a positive finite value.
    var exponentDecimal: Double {
        var e = 0.0, v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}

/// A call's text broken as R's deparse breaks it (width.cutoff 60): after an argument that takes the
/// line past 60 characters, the next argument starts a new line indented by four spaces.
func deparseWrapped(_ call: String, prefix: Int = 0) -> String {
    guard let open = call.firstIndex(of: "("), call.hasSuffix(")") else { return call }
    let head = String(call[...open])
    let inner = String(call[call.index(after: open)..<call.index(before: call.endIndex)])
    // Split at top-level ", ".
    var parts: [String] = []
    var depth = 0, current = "", inString = false
    for c in inner {
        if c == "\"" { inString.toggle() }
        if !inString {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == "," && depth == 0 { parts.append(current); current = ""; continue }
        }
        current.append(c)
    }
    parts.append(current)
    parts = parts.map { $0.trimmingCharacters() }
    var lines: [String] = []
    var line = head
    for (k, p) in parts.enumerated() {
        line += p + (k == parts.count - 1 ? ")" : ", ")
        if line.count > 60 && k < parts.count - 1 {
            lines.append(line)
            line = "    "
        }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
}
