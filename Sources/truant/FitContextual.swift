import ArgumentParser
import Foundation
import Linalg
import Models
import Reports

extension FitCommand {
    /// The contextual effects asked for with `--contextual BETWEEN,WITHIN` (GLMs and mixed models):
    /// `β_between − β_within` with its standard error from the fit's covariance matrix.
    func contextualEffects(coefficients: [Coefficient], covariance: Matrix) throws -> [ContextualEffect] {
        try contextual.map { pair in
            let parts = pair.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw fail("--contextual '\(pair)': give the school-mean (between) term and the within-centered term separated by a comma, e.g. --contextual bonding_mean,bonding_cwc", code: 2)
            }
            do {
                return try ContextualEffect(coefficients: coefficients, covariance: covariance, between: parts[0], within: parts[1])
            } catch let e as MeasurementError {
                throw fail("--contextual '\(pair)': \(e.description)", code: 2)
            }
        }
    }

    /// `rendered` with the contextual effects added: a block after the text summary, or the key
    /// `contextual_effects` appended to the JSON object (other formats are returned unchanged).
    func addingContextual(_ effects: [ContextualEffect], to rendered: String, format: OutputFormat,
                          json: () -> JSONValue) -> String {
        guard !effects.isEmpty else { return rendered }
        switch format {
        case .json:
            guard case .object(var members) = json() else { return rendered }
            members.append(("contextual_effects", .array(effects.map { e in
                .object([("between", .string(e.betweenTerm)), ("within", .string(e.withinTerm)),
                         ("estimate", .number(e.estimate)), ("std_error", .number(e.stdError)),
                         ("statistic", .number(e.statistic)), ("p_value", .number(e.pValue))])
            })))
            return JSONValue.object(members).serialized(pretty: true) + "\n"
        case .text:
            var out = rendered + "\nContextual effects (between minus within, SE from the covariance of the estimates):\n"
            let w = max(24, effects.map { $0.betweenTerm.count + $0.withinTerm.count + 3 }.max() ?? 0)
            out += "term".padding(toLength: w, withPad: " ", startingAt: 0)
                + ["Estimate", "Std. Error", "z value", "Pr(>|z|)"].map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined() + "\n"
            for e in effects {
                let name = "\(e.betweenTerm) - \(e.withinTerm)"
                let cells = [RFormat.significant(e.estimate, digits: 5), RFormat.significant(e.stdError, digits: 5),
                             String(format: "%.3f", e.statistic), RFormat.pValues([e.pValue])[0]]
                out += name.padding(toLength: w, withPad: " ", startingAt: 0)
                    + cells.map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined() + "\n"
            }
            return out
        default:
            return rendered
        }
    }
}
