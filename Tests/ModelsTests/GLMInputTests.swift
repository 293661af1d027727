import Testing
import Linalg
import Formula
import TestSupport
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
    guard case let .invalidDesign(row, column, value)? = fitError(.gaussian, .values([1, 2, 3, 5]), x: [1, .nan, 3, 4]) else {
        Issue.record("expected invalidDesign"); return
    }
    #expect(row == 2 && column == "x" && value.isNaN)
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

@Test("near-collinear columns are aliased exactly where R's glm aliases them (dqrdc2, tol 1e-11)")
func nearCollinearColumns() throws {
    // R: x1 <- c(1.3, 2.1, 3.7, 4.2, 5.9, 6.4, 7.7, 8.1); e <- c(1,-1,1,-1,-1,1,-1,1)
    //    coef(glm(y ~ x1 + I(x1 + 1e-13 * e)))  -> x2 NA
    //    coef(glm(y ~ x1 + I(x1 + 1e-7 * e)))   -> -0.525525151547583, -2232284.83462775, 2232286.79920138
    let x1: [Double] = [1.3, 2.1, 3.7, 4.2, 5.9, 6.4, 7.7, 8.1]
    let e: [Double] = [1, -1, 1, -1, -1, 1, -1, 1]
    let y: [Double] = [2.1, 3.9, 6.2, 8.4, 9.7, 12.5, 14.1, 16.3]
    func fit(_ delta: Double) throws -> GLMFit {
        let x2 = zip(x1, e).map { $0 + delta * $1 }
        let m = Matrix(rows: 8, columns: 3, columnMajor: [Double](repeating: 1, count: 8) + x1 + x2)
        return try GLM(family: .gaussian).fit(GLMData(x: m, columnNames: ["(Intercept)", "x1", "x2"], response: .values(y)))
    }
    let aliased = try fit(1e-13)
    #expect(aliased.aliased == [false, false, true])
    #expect(isClose(aliased.estimates[1], 1.9625468, rel: 1e-6))
    let kept = try fit(1e-7)
    #expect(kept.aliased == [false, false, false])
    // Condition number ~1e8: the QR path (not the normal equations) keeps R's digits.
    #expect(isClose(kept.estimates[1], -2232284.83462775, rel: 1e-6))
    #expect(isClose(kept.estimates[2], 2232286.79920138, rel: 1e-6))
    #expect(isClose(kept.estimates[0], -0.525525151547583, rel: 1e-6))
    #expect(!GLM.clearlyFullRank(Matrix(rows: 8, columns: 2, columnMajor: x1 + zip(x1, e).map { $0 + 1e-7 * $1 })))
}
