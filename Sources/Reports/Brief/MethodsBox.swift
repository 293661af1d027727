import Foundation

/// The methods box: one line per model (what was fitted, to how many pupils and schools, how
/// intervals were computed) and the rounding rule, in the brief's language.
public enum MethodsBox {
    /// The model kind in words.
    static func kindWords(_ m: BriefModel, _ lang: BriefLanguage) -> String {
        let multilevel = m.kind == "glmm" || m.kind == "lmm"
        switch (m.family, m.link, lang) {
        case ("binomial", .logit, .english): return multilevel ? "multilevel logistic regression" : "logistic regression"
        case ("binomial", .logit, .dutch): return multilevel ? "multiniveau logistische regressie" : "logistische regressie"
        case ("poisson", _, .english): return multilevel ? "multilevel Poisson regression" : "Poisson regression"
        case ("poisson", _, .dutch): return multilevel ? "multiniveau Poisson-regressie" : "Poisson-regressie"
        case (_, _, .english): return "\(multilevel ? "multilevel " : "")\(m.family) regression (\(m.link.rawValue) link)"
        case (_, _, .dutch): return "\(multilevel ? "multiniveau " : "")\(m.family)-regressie (\(m.link.rawValue)-link)"
        }
    }

    /// The estimation method in Dutch (known phrases; others as given).
    static func dutchMethod(_ method: String) -> String {
        switch method {
        case "maximum likelihood (IRLS)": return "maximale aannemelijkheid (IRLS)"
        case "maximum likelihood (Laplace approximation)": return "maximale aannemelijkheid (Laplace-benadering)"
        case "maximum likelihood": return "maximale aannemelijkheid"
        case "restricted maximum likelihood (REML)": return "beperkte maximale aannemelijkheid (REML)"
        default: return method
        }
    }

    /// The lines of the box: one per model, then `extra` (e.g. a line about survival curves), then the rounding rule.
    public static func lines(models: [BriefModel], extra: [String] = [], language lang: BriefLanguage) -> [String] {
        var out: [String] = []
        for m in models {
            let pct = lang.number(m.confidenceLevel * 100, decimals: 0)
            let groups = m.groups.keys.sorted().map { "\(lang.count(m.groups[$0] ?? 0)) \($0)" }.joined(separator: ", ")
            switch lang {
            case .english:
                var s = "Model: \(kindWords(m, lang)), \(m.formula), fitted by \(m.method) to \(lang.count(m.nObs)) pupils"
                if !groups.isEmpty { s += " in \(groups)" }
                if m.nDropped > 0 { s += "; \(lang.count(m.nDropped)) left out for missing values" }
                s += ". Intervals are \(pct)% Wald intervals"
                s += m.kind == "glm" ? "; this model does not separate differences between schools." : "; predictions are for a typical school (school effect 0)."
                out.append(s)
            case .dutch:
                var s = "Model: \(kindWords(m, lang)), \(m.formula), geschat met \(dutchMethod(m.method)) op \(lang.count(m.nObs)) leerlingen"
                if !groups.isEmpty { s += " in \(groups)" }
                if m.nDropped > 0 { s += "; \(lang.count(m.nDropped)) weggelaten wegens ontbrekende waarden" }
                s += ". Intervallen zijn \(pct)%-Wald-intervallen"
                s += m.kind == "glm" ? "; dit model scheidt verschillen tussen scholen niet af." : "; voorspellingen gelden voor een doorsneeschool (schooleffect 0)."
                out.append(s)
            }
            for w in m.warnings { out.append((lang == .english ? "Warning: " : "Waarschuwing: ") + w) }
        }
        out += extra
        out.append(lang == .english
                   ? "Numbers in the text are model estimates, rounded to whole pupils per 100 (or per 1,000 for rare outcomes)."
                   : "Getallen in de tekst zijn modelschattingen, afgerond op hele leerlingen per 100 (of per 1.000 bij zeldzame uitkomsten).")
        return out
    }
}
