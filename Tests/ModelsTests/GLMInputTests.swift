import Testing
import Linalg
import Formula
@testable import Models

/// A design with an intercept and one covariate.
private func design(_ x: [Double]) -> (Matrix, [String]) {
    (Matrix(rows: x.count, columns: 2, columnMajor: [Double](repeating: 1, count: x.count) + x), ["(Intercept)", "x"])
}

private func fitError(_ family: Family, _ response: GLMResponse, x: [Double], weights: [Double]? = nil,
                      offset: [Double]? = nil) -> GLMError? {
    let (m, names) = design(x)
    do {
        _ = try GLM(family: family).fit(GLMData(x: m, columnNames: names, response: response, weights: weights, offset: offset))
        return nil
    } catch let e as GLMError {
        return e
    } catch {
        return nil
    }
}

@Test("a response with one value only is refused with its name and value")
func constantResponseRefused() {
    let (m, names) = design([1, 2, 3, 4])
    #expect(throws: GLMError.constantResponse(name: "truant", value: 0)) {
        try GLM(family: .binomial).fit(GLMData(x: m, columnNames: names, response: .values([0, 0, 0, 0]), responseName: "truant"))
    }
    let e = GLMError.constantResponse(name: "truant", value: 0)
    #expect(e.description.contains("truant") && e.description.contains("one value only"))
}

@Test("a binomial response outside [0, 1] is refused with the row")
func binomialOutOfRange() {
    let e = fitError(.binomial, .values([0, 1, 2, 0]), x: [1, 2, 3, 4])
    #expect(e == .invalidResponse(family: .binomial, row: 3, value: 2, reason: { if case let .invalidResponse(_, _, _, r)? = e { return r }; return "" }()))
    #expect(e?.description.contains("row 3") == true)
}

@Test("a proportion without trials as weights is refused: the successes are not whole numbers")
func binomialNonIntegerSuccesses() {
    let e = fitError(.binomial, .values([0.5, 0.25, 1, 0]), x: [1, 2, 3, 4])
    guard case let .invalidResponse(_, row, _, reason)? = e else { Issue.record("expected invalidResponse, got \(String(describing: e))"); return }
    #expect(row == 1)
    #expect(reason.contains("--weights"))
    // With the number of trials as weights it fits.
    #expect(fitError(.binomial, .values([0.5, 0.25, 1, 0]), x: [1, 2, 3, 4], weights: [2, 4, 3, 5]) == nil)
}

@Test("cbind(successes, failures) with negative or fractional counts is refused")
func binomialBadCounts() {
    let e1 = fitError(.binomial, .counts(successes: [1, 2, -1, 0], failures: [3, 1, 2, 2]), x: [1, 2, 3, 4])
    guard case let .invalidResponse(_, row1, _, _)? = e1 else { Issue.record("expected invalidResponse"); return }
    #expect(row1 == 3)
    let e2 = fitError(.binomial, .counts(successes: [1, 2, 1, 0], failures: [3, 1.5, 2, 2]), x: [1, 2, 3, 4])
    guard case let .invalidResponse(_, row2, _, reason)? = e2 else { Issue.record("expected invalidResponse"); return }
    #expect(row2 == 2 && reason.contains("failures"))
}

@Test("negative Poisson counts are refused")
func poissonNegative() {
    let e = fitError(.poisson, .values([1, 0, -2, 4]), x: [1, 2, 3, 4])
    guard case let .invalidResponse(family, row, value, _)? = e else { Issue.record("expected invalidResponse"); return }
    #expect(family == .poisson && row == 3 && value == -2)
}

@Test("negative weights, non-finite offsets and covariates are refused with the row")
func badWeightsOffsetsCovariates() {
    #expect(fitError(.gaussian, .values([1, 2, 3, 5]), x: [1, 2, 3, 4], weights: [1, -1, 1, 1]) == .invalidWeight(row: 2, value: -1))
    #expect(fitError(.poisson, .values([1, 2, 3, 5]), x: [1, 2, 3, 4], offset: [0, 0, -.infinity, 0]) == .invalidOffset(row: 3, value: -.infinity))
    #expect(fitError(.gaussian, .values([1, 2, 3, 5]), x: [1, .nan, 3, 4]) == .invalidDesign(row: 2, column: "x", value: .nan) || {
        if case let .invalidDesign(row, column, _)? = fitError(.gaussian, .values([1, 2, 3, 5]), x: [1, .nan, 3, 4]) { return row == 2 && column == "x" }
        return false
    }())
}

@Test("a link the family does not support is refused")
func unsupportedLink() {
    #expect(throws: GLMError.unsupportedLink(family: .poisson, link: .logit)) { try GLM(family: .poisson, link: .logit) }
}

@Test("a random-effects term sends the user to the mixed-model path")
func randomEffectsTermRefused() throws {
    let (m, names) = design([1, 2, 3, 4])
    let g = GroupingFactor(name: "school", codes: [0, 0, 1, 1], levels: ["A", "B"])
    let frame = ModelFrame(response: .vector(name: "y", values: [0, 1, 0, 1]),
                           fixed: DesignMatrix(matrix: m, columnNames: names, assign: [0, 1], termLabels: ["x"], hasIntercept: true),
                           randomTerms: [RandomTermDesign(grouping: g, z: Matrix(rows: 4, columns: 1, repeating: 1),
                                                          columnNames: ["(Intercept)"], correlated: true)],
                           nObs: 4, nDropped: 0, rowsUsed: [0, 1, 2, 3])
    #expect(throws: GLMError.randomEffectsTerm(group: "school")) { try GLM(family: .binomial).fit(frame) }
    #expect(GLMError.randomEffectsTerm(group: "school").description.contains("mixed-model"))
}

@Test("complete separation is reported with the diverging terms, and non-convergence is said")
func separationReported() throws {
    // R: glm(y ~ x, binomial) with y = x > 5 on x = 1..10 warns "algorithm did not converge" and
    // "fitted probabilities numerically 0 or 1 occurred" after 25 iterations.
    let x: [Double] = Array(1...10).map(Double.init)
    let (m, names) = design(x)
    let fit = try GLM(family: .binomial).fit(GLMData(x: m, columnNames: names, response: .values(x.map { $0 > 5 ? 1 : 0 })))
    #expect(fit.iterations == 25)
    #expect(!fit.converged)
    #expect(fit.warnings.contains { $0.contains("did not converge") })
    let sep = fit.warnings.first { $0.contains("numerically 0 or 1") }
    #expect(sep?.contains("separation") == true)
    #expect(sep?.contains("x") == true)
}

@Test("a well-behaved fit has no warnings")
func cleanFitHasNoWarnings() throws {
    let ref = try GLMReferenceCase("contraception_logit")
    let fit = try GLM(family: .binomial).fit(try ref.data())
    #expect(fit.warnings.isEmpty)
    #expect(fit.converged)
}
