import Testing
import Foundation
import Frames
import Formula
import TestSupport
@testable import Models

/// The whole path a user takes: CSV -> Table -> formula -> ModelFrame -> GLM, against R's glm on the
/// same data (the fixture's CSV, factor levels in R's order; R calls in GLMReferenceTests.swift).
@Test("CSV -> formula -> model frame -> GLM reproduces R's glm", arguments: glmReferenceCases)
func glmFromFormulaMatchesR(_ name: String) throws {
    let ref = try GLMReferenceCase(name)
    let levels = (ref.json["factor_levels"] as? [String: [String]]) ?? [:]
    let table = try Table.read(path: Fixtures.path("glm/\(name).csv"), options: CSVOptions(factorLevels: levels))
    // The fixture's `cli` holds the options `truant fit` would get, e.g. "--family poisson --offset logkms".
    let words = ((ref.json["cli"] as? String) ?? "").split(separator: " ").map(String.init)
    func option(_ flag: String) -> String? { words.firstIndex(of: flag).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil } }
    let formula = ref.json["formula"] as! String
    let frame = try ModelFrame.build(formula: formula, data: table,
                                     options: ModelFrameOptions(weights: option("--weights"), offset: option("--offset")))
    let fit = try GLM(family: ref.family, link: ref.link).fit(frame, formula: formula)

    #expect(fit.columnNames == (ref.json["terms"] as! [String]))
    #expect(fit.nObs == ref.int("n_obs"))
    #expect(fit.nDropped == ref.int("n_dropped"))
    #expect(maxRelativeDifference(fit.coefficients.map(\.estimate), ref.numbers("estimate")) < 1e-6)
    #expect(maxRelativeDifference(fit.standardErrors, ref.numbers("std_error")) < 1e-6)
    #expect(isClose(fit.deviance, ref.number("deviance"), rel: 1e-8))
    #expect(isClose(fit.nullDeviance, ref.number("null_deviance"), rel: 1e-8))
    #expect(isClose(fit.logLikelihood, ref.number("loglik"), rel: 1e-8))
    #expect(isClose(fit.aic, ref.number("aic"), rel: 1e-8))
    #expect(isClose(fit.bic, ref.number("bic"), rel: 1e-8))
    #expect(fit.iterations == ref.int("iter"))
}
