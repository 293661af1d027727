import Formula
import Frames

extension GroupCodes {
    /// Groups formed by the right-hand-side variables of a survival formula (`Surv(t, d) ~ sex + stage`),
    /// read from the table at the frame's rows, labelled as R labels `survfit` strata (`sex=1, stage=II`),
    /// the first variable varying slowest. Numbers sort numerically, factors keep their level order,
    /// text sorts alphabetically. With no variables (`~ 1`) there is one group `all`.
    public static func strata(of frame: ModelFrame, data: Table) throws -> GroupCodes {
        let vars = frame.fixed.termLabels
        let n = frame.rowsUsed.count
        if vars.isEmpty && frame.strata == nil { return try GroupCodes.single(count: n) }
        var perVar: [(name: String, codes: [Int], levels: [String])] = []
        for v in vars {
            guard let col = data[v] else {
                throw SurvivalError.invalidOption("curves are drawn by plain variables; '\(v)' is not a column of the data (make it one first)")
            }
            let rows = frame.rowsUsed
            switch col.values {
            case .factor(let f):
                perVar.append((v, rows.map { Int(f.codes[$0]) }, f.labels ?? f.levels))
            default:
                if let d = col.doubles {
                    let g = try GroupCodes.from(name: v, values: rows.map { d[$0] })
                    perVar.append((v, g.codes, g.levels))
                } else {
                    let text = rows.map { col.text(at: $0) }
                    let levels = Array(Set(text)).sorted()
                    var index: [String: Int] = [:]
                    for (k, l) in levels.enumerated() { index[l] = k }
                    perVar.append((v, text.map { index[$0] ?? 0 }, levels))
                }
            }
        }
        if let st = frame.strata {
            // strata(x) terms (already crossed by the model frame) are grouping variables like the others.
            perVar.append((st.name, st.codes.map { Int($0) }, st.levels))
        }
        // Combine, first variable slowest; keep only combinations that occur.
        var key = [Int](repeating: 0, count: n)
        var radix = 1
        for item in perVar.reversed() {
            for i in 0..<n { key[i] += item.codes[i] * radix }
            radix *= max(item.levels.count, 1)
        }
        let present = Array(Set(key)).sorted()
        var codeOf: [Int: Int] = [:]
        for (k, p) in present.enumerated() { codeOf[p] = k }
        let labels = present.map { p -> String in
            var rest = p
            var parts: [String] = []
            var r = radix
            for item in perVar {
                r /= max(item.levels.count, 1)
                let c = rest / max(r, 1)
                rest -= c * r
                parts.append("\(item.name)=\(item.levels[c])")
            }
            return parts.joined(separator: ", ")
        }
        return try GroupCodes(name: "", codes: key.map { codeOf[$0] ?? 0 }, levels: labels)
    }
}

extension AalenJohansen {
    /// `survfit(Surv(time, event) ~ group, data)` with a multi-state event factor: cumulative incidence
    /// for the groups of the formula's right-hand side.
    public static func fit(_ frame: ModelFrame, data: Table, confType: SurvivalConfidenceType = .log,
                           confLevel: Double = 0.95) throws -> CumulativeIncidenceFit {
        guard case let .survival(response) = frame.response else {
            throw SurvivalError.invalidOption("cumulative incidence needs a Surv(time, event) response")
        }
        let sd = try SurvivalData(response, weights: frame.weights)
        return try fit(sd, groups: try GroupCodes.strata(of: frame, data: data), confType: confType, confLevel: confLevel)
    }
}

extension KaplanMeier {
    /// `survfit(Surv(...) ~ group, data)`: curves for the groups of the formula's right-hand side.
    public static func fit(_ frame: ModelFrame, data: Table, options: Options = Options()) throws -> KaplanMeierFit {
        guard case let .survival(response) = frame.response else {
            throw SurvivalError.invalidOption("Kaplan–Meier curves need a Surv(time, event) response")
        }
        let sd = try SurvivalData(response, weights: frame.weights)
        return try fit(sd, groups: try GroupCodes.strata(of: frame, data: data), options: options)
    }
}
