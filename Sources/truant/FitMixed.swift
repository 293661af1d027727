import ArgumentParser
import Foundation
import Formula
import Frames
import Models
import Reports

extension Formula {
    /// `true` when the formula has `( ... | group)` terms and a response that is not `Surv(...)` (those give
    /// a Cox frailty model instead).
    var givesMixedModel: Bool {
        if randomTerms.isEmpty { return false }
        if case .survival? = response { return false }
        return true
    }
}

extension FitCommand {
    /// Fits the linear or generalized linear mixed model that a formula with `( ... | group)` terms describes:
    /// gaussian (identity link) gives `LinearMixedModel` (REML by default, `--ml` for maximum likelihood),
    /// binomial and poisson give `GeneralizedLinearMixedModel` (Laplace, or adaptive Gauss-Hermite
    /// quadrature with `--nagq N`, N in 1...25, for one scalar random effect), with `--weights` and `--offset`.
    func fitMixed(_ parsed: Formula, format outputFormat: OutputFormat) throws {
        if !parsed.strata.isEmpty || parsed.cluster != nil || parsed.frailty != nil {
            throw fail("strata(), cluster() and frailty() belong to Cox models (a Surv(...) response); remove them to fit a mixed model", code: 2)
        }
        if reml && ml { throw fail("--reml and --ml exclude each other; give one", code: 2) }
        if ties != nil { throw fail("--ties applies to Cox models (a Surv(...) response); this formula gives a mixed model", code: 2) }

        let (fam, lk) = try familyAndLink(parsed)
        if fam == .gaussian {
            if let l = lk, l != .identity {
                throw fail("a gaussian mixed model uses the identity link (got '\(l.rawValue)'); use --family binomial or poisson for other links", code: 2)
            }
            if nagq != nil {
                throw fail("--nagq applies to generalized mixed models (--family binomial or poisson); a linear mixed model needs no quadrature", code: 2)
            }
        } else {
            if reml || ml {
                throw fail("--\(reml ? "reml" : "ml") applies to linear mixed models (gaussian family); a \(fam.rawValue) mixed model is fitted by maximum likelihood (Laplace or --nagq)", code: 2)
            }
            if let q = nagq, !(1...25).contains(q) {
                throw fail("--nagq must be between 1 and 25 (1 is the Laplace approximation), got \(q)", code: 2)
            }
        }

        // Data -> model frame.
        var clock = PhaseClock()
        var readOptions = CSVOptions()
        readOptions.selectedColumns = columnsUsed(by: parsed)   // only the columns the model uses
        let table = try Table.read(path: data, options: readOptions)
        clock.lap("read \(table.rowCount) x \(table.columnCount)")
        let frame = try ModelFrame.build(formula: parsed, data: table,
                                         options: ModelFrameOptions(weights: weights, offset: offset))
        clock.lap("model frame \(frame.nObs) x \(frame.fixed.matrix.columns)")
        try checkRandomTerms(frame, parsed: parsed)
        if let q = nagq, q > 1 {
            let scalar = frame.randomTerms.count == 1 && frame.randomTerms[0].columnNames.count == 1
            if !scalar {
                let terms = parsed.randomTerms.map { "(\($0))" }.joined(separator: " + ")
                throw fail("--nagq \(q) (adaptive Gauss-Hermite quadrature) needs exactly one scalar random effect such as (1 | school); this formula has \(terms). Use --nagq 1 (Laplace)", code: 2)
            }
        }

        // Fit.
        let result: MixedModelFit
        do {
            if fam == .gaussian {
                result = try LinearMixedModel(reml: !ml).fit(frame)
            } else {
                result = try GeneralizedLinearMixedModel(family: fam, link: lk, nAGQ: nagq ?? 1).fit(frame)
            }
        } catch let e as MixedModelError {
            switch e {
            case .pirlsFailed, .numerical: throw fail(e.description, code: 1)
            default: throw fail(e.description, code: 2)
            }
        } catch let e as GLMError {
            throw fail(e.description, code: 2)
        }
        clock.lap("fit (\(result.optimizer.evaluations.reduce(0, +)) evaluations)")

        let context = MixedFitContext(formula: parsed.text, nDropped: frame.nDropped, dataName: data,
                                      scaledResiduals: result.scaledResiduals(response: frame.response, weights: frame.weights))
        let effects = try contextualEffects(coefficients: result.coefficients, covariance: result.covariance)
        let text = addingContextual(effects, to: result.rendered(as: outputFormat, context: context),
                                    format: outputFormat) { result.json(context) }
        try finish(text, format: outputFormat, warnings: result.warnings, converged: result.converged, clock: &clock)
    }

    /// Checks each random-effects term before fitting: a grouping factor needs at least two levels, and a
    /// random slope needs a variable that varies.
    func checkRandomTerms(_ frame: ModelFrame, parsed: Formula) throws {
        for term in frame.randomTerms {
            let g = term.grouping
            let where_ = parsed.randomTerms.first { $0.groupName == g.name }.map { "(\($0))" } ?? "the term for \(g.name)"
            let used = Set(g.codes).count
            if used < 2 {
                throw fail("the grouping factor '\(g.name)' in \(where_) has \(used) level\(used == 1 ? "" : "s") in the \(frame.nObs) rows used; a random effect needs at least two groups (drop the term and fit a GLM)", code: 2)
            }
            let z = term.z
            guard z.rows == frame.nObs else { continue }
            for (j, name) in term.columnNames.enumerated() where name != "(Intercept)" && j < z.columns {
                let first = z[0, j]
                var varies = false
                for i in 1..<z.rows where z[i, j] != first { varies = true; break }
                if !varies {
                    throw fail("the random slope '\(name)' in \(where_) is constant (\(first)) in every row used, so its variance cannot be estimated; remove it from the term", code: 2)
                }
            }
        }
    }
}
