import Foundation

/// R-like text summaries of survival results (as `summary(coxph)`, `print(survfit)`, `survdiff`).
enum SurvivalFormat {
    /// `signif(x, digits)` printed compactly, as R prints numbers in tables.
    static func sig(_ x: Double, _ digits: Int = 4) -> String {
        if x.isNaN { return "NA" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x == 0 { return "0" }
        let s = String(format: "%.\(digits)g", x)
        return s
    }

    /// R's `format.pval`-style p-value.
    static func pValue(_ p: Double) -> String {
        if p.isNaN { return "NA" }
        if p < 2e-16 { return "<2e-16" }
        return String(format: "%.3g", p)
    }

    /// Significance stars as R prints them.
    static func stars(_ p: Double) -> String {
        if p.isNaN { return "" }
        if p < 0.001 { return "***" }
        if p < 0.01 { return "**" }
        if p < 0.05 { return "*" }
        if p < 0.1 { return "." }
        return ""
    }

    /// Right-aligned table with a header row; the first column left-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let cols = header.count
        var width = [Int](repeating: 0, count: cols)
        for r in [header] + rows { for (j, c) in r.enumerated() where j < cols { width[j] = max(width[j], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { j, c in
                let pad = String(repeating: " ", count: max(0, width[j] - c.count))
                return j == 0 ? c + pad : pad + c
            }.joined(separator: " ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

extension CoxModel {
    /// A summary in the layout of R's `summary(coxph(...))`.
    public func summaryText(call: String? = nil) -> String {
        var out: [String] = []
        if let call { out += ["Call:", call, ""] }
        out.append("  n= \(nObs), number of events= \(nEvents)")
        if nDropped > 0 { out.append("   (\(nDropped) observation\(nDropped == 1 ? "" : "s") deleted due to missingness)") }
        out.append("")
        var header = ["", "coef", "exp(coef)", "se(coef)"]
        if robust { header.append("robust se") }
        header += ["z", "Pr(>|z|)", ""]
        let rows = coefficients.enumerated().map { j, c -> [String] in
            var r = [c.term, SurvivalFormat.sig(c.estimate), SurvivalFormat.sig(exp(c.estimate))]
            r.append(SurvivalFormat.sig(robust ? naiveStdErrors[j] : c.stdError))
            if robust { r.append(SurvivalFormat.sig(c.stdError)) }
            r += [SurvivalFormat.sig(c.statistic, 3), SurvivalFormat.pValue(c.pValue), SurvivalFormat.stars(c.pValue)]
            return r
        }
        out.append(SurvivalFormat.table(header, rows))
        out.append("---")
        out.append("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1")
        out.append("")
        let level = Int((confLevel * 100).rounded())
        out.append(SurvivalFormat.table(["", "exp(coef)", "exp(-coef)", "lower .\(level)", "upper .\(level)"],
                                        hazardRatios.map { h in
                                            [h.term, SurvivalFormat.sig(h.ratio), SurvivalFormat.sig(1 / h.ratio),
                                             SurvivalFormat.sig(h.confLow), SurvivalFormat.sig(h.confHigh)]
                                        }))
        out.append("")
        if let f = frailty {
            out.append("Frailty (\(f.distribution)) by \(f.group), \(f.groups) groups: variance of random effect= \(SurvivalFormat.sig(f.variance))"
                       + (f.integratedLoglik.map { "  I-likelihood = \(String(format: "%.1f", $0))" } ?? ""))
        }
        if let c = concordance { out.append("Concordance= \(String(format: "%.3f", c.value))") }
        func test(_ name: String, _ t: ChiSquareTest) -> String {
            let df = t.df == t.df.rounded() ? String(Int(t.df)) : String(format: "%.2f", t.df)
            return "\(name)= \(SurvivalFormat.sig(t.statistic))  on \(df) df,   p=\(SurvivalFormat.pValue(t.pValue))"
        }
        out.append(test("Likelihood ratio test", likelihoodRatioTest))
        out.append(test("Wald test            ", waldTest))
        if !scoreTest.statistic.isNaN { out.append(test("Score (logrank) test ", scoreTest)) }
        if let r = robustScoreTest { out.append(test("Robust               ", r) + "   (Note: the likelihood ratio and score tests assume independence of observations within a cluster, the Wald and robust score tests do not).") }
        out.append("Log partial likelihood: \(String(format: "%.4f", loglik)) (null \(String(format: "%.4f", loglikNull))), ties: \(ties.rawValue)")
        if !converged { out.append("WARNING: the fit did not converge") }
        for w in warnings { out.append("Warning: \(w)") }
        return out.joined(separator: "\n")
    }
}

extension KaplanMeierFit {
    /// A summary in the layout of R's `print(survfit(...))`: per stratum n, events, median and its interval.
    public func summaryText(call: String? = nil) -> String {
        var out: [String] = []
        if let call { out += ["Call: \(call)", ""] }
        let level = Int((confLevel * 100).rounded())
        let rows = strata.map { s -> [String] in
            [s.stratum, String(s.n), SurvivalFormat.sig(s.events, 6), s.median.map { SurvivalFormat.sig($0, 6) } ?? "NA",
             s.medianLow.map { SurvivalFormat.sig($0, 6) } ?? "NA", s.medianHigh.map { SurvivalFormat.sig($0, 6) } ?? "NA"]
        }
        out.append(SurvivalFormat.table(["", "n", "events", "median", "0.\(level)LCL", "0.\(level)UCL"], rows))
        for w in warnings { out.append("Warning: \(w)") }
        return out.joined(separator: "\n")
    }

    /// The survival table at each event time (R's `summary(survfit)`), per stratum.
    public func eventTableText() -> String {
        let level = Int((confLevel * 100).rounded())
        return strata.map { s in
            var rows: [[String]] = []
            for k in s.time.indices where s.nEvent[k] > 0 {
                rows.append([SurvivalFormat.sig(s.time[k], 6), SurvivalFormat.sig(s.nRisk[k], 6), SurvivalFormat.sig(s.nEvent[k], 6),
                             SurvivalFormat.sig(s.surv[k]), SurvivalFormat.sig(s.surv[k] * s.stdErr[k]),
                             SurvivalFormat.sig(s.confLow[k]), SurvivalFormat.sig(s.confHigh[k])])
            }
            return "                \(s.stratum)\n" + SurvivalFormat.table(
                ["time", "n.risk", "n.event", "survival", "std.err", "lower \(level)% CI", "upper \(level)% CI"], rows)
        }.joined(separator: "\n\n")
    }
}

extension LogRankTest {
    /// A summary in the layout of R's `print(survdiff(...))`.
    public func summaryText(call: String? = nil) -> String {
        var out: [String] = []
        if let call { out += ["Call:", call, ""] }
        let k = groups.count
        let rows = (0..<k).map { g -> [String] in
            let v = variance[g * k + g]
            return [groups[g], String(n[g]), SurvivalFormat.sig(observed[g]), SurvivalFormat.sig(expected[g]),
                    SurvivalFormat.sig((observed[g] - expected[g]) * (observed[g] - expected[g]) / expected[g], 3),
                    SurvivalFormat.sig((observed[g] - expected[g]) * (observed[g] - expected[g]) / v, 3)]
        }
        out.append(SurvivalFormat.table(["", "N", "Observed", "Expected", "(O-E)^2/E", "(O-E)^2/V"], rows))
        out.append("")
        out.append(" Chisq= \(SurvivalFormat.sig(chiSquare, 3))  on \(df) degrees of freedom, p= \(SurvivalFormat.pValue(pValue))"
                   + (rho != 0 ? "  (rho = \(SurvivalFormat.sig(rho)))" : ""))
        return out.joined(separator: "\n")
    }
}

extension CumulativeIncidenceFit {
    /// Cumulative incidence of each exit at the given times, per group, with intervals.
    public func summaryText(times: [Double]) -> String {
        let level = Int((confLevel * 100).rounded())
        return strata.map { s in
            var rows: [[String]] = []
            for t in times {
                guard let k = s.time.lastIndex(where: { $0 <= t }) else { continue }
                for st in 1..<s.states.count {
                    rows.append([SurvivalFormat.sig(t, 6), s.states[st], SurvivalFormat.sig(s.probability[st][k]),
                                 SurvivalFormat.sig(s.stdErr[st][k]), SurvivalFormat.sig(s.confLow[st][k]),
                                 SurvivalFormat.sig(s.confHigh[st][k])])
                }
            }
            return "                \(s.stratum)\n" + SurvivalFormat.table(
                ["time", "state", "cuminc", "std.err", "lower \(level)%", "upper \(level)%"], rows)
        }.joined(separator: "\n\n")
    }
}
