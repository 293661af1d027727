import Foundation
import Models

extension SurvivalCurvesReport {
    /// The R-like text: the call, then `print(survfit)` and `survdiff` for Kaplan–Meier, or exits per group,
    /// cumulative incidence at a few times and Gray's tests for competing exits; warnings last.
    func text(dataName: String?) -> String {
        var out = "\nCall: \(call(dataName: dataName))\n\n"
        if nDropped > 0 { out += "   \(nDropped) observation\(nDropped == 1 ? "" : "s") deleted due to missingness\n" }
        switch curves {
        case let .kaplanMeier(_, logRank):
            out += summaryTable().text()
            if let lr = logRank {
                out += "\nLog-rank test (survdiff):\n" + lr.summaryText() + "\n"
            }
        case let .cumulativeIncidence(fit, gray):
            let exits = fit.strata.first.map { Array($0.states.dropFirst()) } ?? []
            out += "Exits by group:\n"
            out += PlainTable(header: ["", "n.risk(0)"] + exits + ["censored"], rows: fit.strata.map { s in
                var row = [s.stratum, RFormat.significant(s.nRisk.first ?? 0, digits: 7)]
                for k in 1..<Swift.max(s.states.count, 1) {
                    row.append(RFormat.significant(k < s.nEvent.count ? s.nEvent[k].reduce(0, +) : 0, digits: 7))
                }
                row.append(RFormat.significant(s.nCensor.reduce(0, +), digits: 7))
                return row
            }).text()
            out += "\nCumulative incidence (Aalen–Johansen):\n" + fit.summaryText(times: reportTimes(fit)) + "\n"
            if !gray.isEmpty {
                out += "\nGray's test of equal cumulative incidence across groups:\n"
                out += PlainTable(header: ["exit", "chisq", "df", "p"], rows: gray.map {
                    [$0.cause, RFormat.significant($0.chiSquare, digits: 4), String($0.df), RFormat.pValues([$0.pValue])[0]]
                }).text()
            }
        }
        if !warnings.isEmpty {
            out += "\nWarnings:\n"
            for w in warnings { out += "  - \(w)\n" }
        }
        return out
    }

    /// Times at which cumulative incidence is tabulated: every distinct time when there are at most 12,
    /// otherwise the times at 10%, 25%, 50%, 75% and 100% of the way through the pooled distinct times.
    func reportTimes(_ fit: CumulativeIncidenceFit) -> [Double] {
        let all = Array(Set(fit.strata.flatMap(\.time))).sorted()
        if all.count <= 12 { return all }
        let picks = [0.1, 0.25, 0.5, 0.75, 1.0].map { p in all[Swift.min(all.count - 1, Swift.max(0, Int((p * Double(all.count)).rounded(.up)) - 1))] }
        var seen = Set<Double>()
        return picks.filter { seen.insert($0).inserted }
    }

    /// Per-group summary: n, events, median and its interval (Kaplan–Meier), or the cumulative incidence of
    /// each exit at the report times (Aalen–Johansen).
    func summaryTable() -> PlainTable {
        let level = Int((confLevel * 100).rounded())
        func num(_ x: Double?) -> String { x.map { RFormat.significant($0, digits: 6) } ?? "NA" }
        switch curves {
        case let .kaplanMeier(fit, _):
            return PlainTable(header: ["", "n", "events", "median", "0.\(level)LCL", "0.\(level)UCL"], rows: fit.strata.map { s in
                [s.stratum, String(s.n), num(s.events), num(s.median), num(s.medianLow), num(s.medianHigh)]
            })
        case let .cumulativeIncidence(fit, _):
            let exits = fit.strata.first.map { Array($0.states.dropFirst()) } ?? []
            var rows: [[String]] = []
            for s in fit.strata {
                for t in reportTimes(fit) {
                    guard let k = s.time.lastIndex(where: { $0 <= t }) else { continue }
                    rows.append([s.stratum, num(t)] + (1..<Swift.max(s.states.count, 1)).map { st in
                        RFormat.significant(s.probability[st][k], digits: 4)
                    })
                }
            }
            return PlainTable(header: ["", "time"] + exits, rows: rows)
        }
    }

    /// The test between groups in one line, or `nil` when there is none.
    var testLine: String? {
        switch curves {
        case let .kaplanMeier(_, lr?):
            return "Log-rank test: chi-square = \(RFormat.significant(lr.chiSquare, digits: 4)) on \(lr.df) df, \(pClause(lr.pValue))"
        case let .cumulativeIncidence(_, gray) where !gray.isEmpty:
            return "Gray's test: " + gray.map {
                "\($0.cause) chi-square = \(RFormat.significant($0.chiSquare, digits: 4)) on \($0.df) df, \(pClause($0.pValue))"
            }.joined(separator: "; ")
        default:
            return nil
        }
    }

    /// The curves in long form with every digit: one row per group and time (and exit).
    func csvTable() -> PlainTable {
        switch curves {
        case let .kaplanMeier(fit, _):
            var rows: [[String]] = []
            for s in fit.strata {
                for k in s.time.indices {
                    rows.append([s.stratum] + [s.time[k], s.nRisk[k], s.nEvent[k], s.nCensor[k], s.surv[k], s.stdErr[k],
                                               s.confLow[k], s.confHigh[k]].map(csvNumber))
                }
            }
            return PlainTable(header: ["stratum", "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "conf_low", "conf_high"], rows: rows)
        case let .cumulativeIncidence(fit, _):
            var rows: [[String]] = []
            for s in fit.strata {
                for k in s.time.indices {
                    for st in 1..<Swift.max(s.states.count, 1) {
                        rows.append([s.stratum, csvNumber(s.time[k]), s.states[st]] + [s.nRisk[k], s.nEvent[st][k], s.probability[st][k],
                                                                                      s.stdErr[st][k], s.confLow[st][k], s.confHigh[st][k]].map(csvNumber))
                    }
                }
            }
            return PlainTable(header: ["stratum", "time", "state", "n_risk", "n_event", "cuminc", "std_err", "conf_low", "conf_high"], rows: rows)
        }
    }
}
