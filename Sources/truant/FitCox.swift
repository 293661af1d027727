import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

extension FitCommand {
    /// The Cox branch of `truant fit`: a `Surv(...)` response. `strata(x)`, `cluster(g)`, `frailty(g)`,
    /// `frailty(g, dist = "gauss")` and `(1 | g)` (a Gaussian frailty) come from the formula; `--ties`,
    /// `--weights` and `--offset` apply. Exit 0 on success; 1 when the fit failed (singular information) or
    /// did not converge (the output is still written); 2 for bad usage or bad input — including data in
    /// which every row is censored, since that is a property of the input, not of the fit.
    func fitCox(_ parsed: Formula) throws {
        // --threads, --format and --out were checked by fit() before the formula sent us here.
        let outputFormat = try resolveFormat()
        try validateCoxOptions(parsed)
        let ties = CoxTies(rawValue: (self.ties ?? "efron").lowercased()) ?? .efron

        var clock = PhaseClock()
        let table = try Table.read(path: data)
        clock.lap("read \(table.rowCount) x \(table.columnCount)")
        // The Cox design drops the intercept's column unread: it is not made (factors are coded the same). A
        // design of numeric variables only stays as those variables: the fit copies them sorted, once.
        let frame = try ModelFrame.build(formula: parsed, data: table,
                                         options: ModelFrameOptions(weights: weights, offset: offset, interceptColumn: false,
                                                                    deferNumericDesign: true))
        releaseInBackground(table)
        clock.lap("model frame \(frame.nObs) x \(frame.fixed.columnNames.count)")
        if case let .survival(response) = frame.response, let states = response.states {
            throw fail("the event of \(response.text) is a factor with \(states.count + 1) levels (competing exits: \(states.joined(separator: ", "))); a Cox model needs a 0/1, 1/2 or TRUE/FALSE event. Fit one exit at a time with a 0/1 column, or use `truant km` for cumulative incidence", code: 2)
        }
        let model: CoxModel
        do {
            model = try CoxPH.model(frame, options: CoxPH.Options(ties: ties))
        } catch let e as SurvivalError {
            throw fail(locate(e, frame: frame), code: e.isFitFailure ? 1 : 2)
        }
        clock.lap("fit (\(model.iterations) iterations)")
        let text = model.rendered(as: outputFormat, formula: parsed.text, dataName: data)
        try finish(text, format: outputFormat, warnings: model.warnings, converged: model.converged, clock: &clock)
    }

    /// Options that do not belong to a Cox model are refused, so that a mistyped formula or option does
    /// not silently fit something else.
    func validateCoxOptions(_ parsed: Formula) throws {
        if let t = ties, !["efron", "breslow"].contains(t.lowercased()) {
            throw fail("--ties must be efron or breslow, got '\(t)'", code: 2)
        }
        if family != nil || link != nil {
            throw fail("--family and --link apply to GLMs and mixed models; a Surv(...) response gives a Cox model", code: 2)
        }
        if nagq != nil { throw fail("--nagq applies to generalized mixed models; a Surv(...) response gives a Cox model", code: 2) }
        if reml || ml { throw fail("--\(reml ? "reml" : "ml") applies to mixed models; a Cox model is fitted by maximizing the partial likelihood", code: 2) }
        let random = parsed.randomTerms
        if random.count > 1 || (parsed.frailty != nil && !random.isEmpty) {
            throw fail(FormulaError(kind: .invalid, position: random.last?.position ?? 0,
                                    message: "a Cox model takes one shared frailty: a single frailty(g) or (1 | g) term",
                                    formula: formula).description, code: 2)
        }
        if let term = random.first, term.effects.deparse() != "1" {
            throw fail(FormulaError(kind: .invalid, position: term.position,
                                    message: "(\(term)) is a random slope; a Cox model here takes a random intercept (1 | \(term.groupName)), a shared Gaussian frailty",
                                    formula: formula).description, code: 2)
        }
    }

    /// The error's message, with a row among the rows used turned into the data file's line.
    func locate(_ e: SurvivalError, frame: ModelFrame) -> String {
        let row: Int
        switch e {
        case let .nonFiniteTime(_, r), let .negativeTime(_, r, _), let .stopNotAfterStart(r, _, _), let .invalidStatus(r, _),
             let .invalidStateCode(r, _, _), let .invalidWeight(r, _), let .nonFiniteCovariate(_, r):
            row = r
        default:
            return e.description
        }
        guard row >= 1, row <= frame.rowsUsed.count else { return e.description }
        let line = frame.rowsUsed[row - 1] + 2   // 0-based data row + header line
        return "\(data):\(line): " + e.description.replacingOccurrences(of: "row \(row): ", with: "")
    }
}

extension SurvivalError {
    /// `true` when the fit itself failed (exit 1); every other case is bad input or usage (exit 2).
    var isFitFailure: Bool {
        if case .singularInformation = self { return true }
        return false
    }
}

/// Lets go of `value` on another thread: the last reference to a big table read from disk goes there, so that
/// freeing it (a million-row text column takes one release per string, about 4 ms) does not hold up the fit.
func releaseInBackground<T: Sendable>(_ value: T) {
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
}
