import Foundation
import Formula
import Linalg
import Models
import Testing
import TestSupport

/// Bad input gives a named `MixedModelError`, never a crash.
@Suite("Mixed-model input errors")
struct MixedErrorTests {
    /// A tiny frame: 6 rows, intercept, 2 groups.
    func frame(y: [Double], terms: [RandomTermDesign]? = nil, response: Response? = nil) -> ModelFrame {
        let n = y.count
        let x = Matrix(rows: n, columns: 1, repeating: 1)
        let g = GroupingFactor(name: "school", codes: (0..<n).map { Int32($0 % 2) }, levels: ["a", "b"])
        let t = terms ?? [RandomTermDesign(grouping: g, z: x, columnNames: ["(Intercept)"], correlated: true)]
        return ModelFrame(response: response ?? .vector(name: "y", values: y),
                          fixed: DesignMatrix(matrix: x, columnNames: ["(Intercept)"], assign: [0], termLabels: [], hasIntercept: true),
                          randomTerms: t, nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
    }

    @Test func noRandomEffectsTerm() {
        #expect(throws: MixedModelError.noRandomEffects) { try LinearMixedModel().fit(frame(y: [1, 2, 3, 4], terms: [])) }
        #expect(throws: MixedModelError.noRandomEffects) {
            try GeneralizedLinearMixedModel(family: .binomial).fit(frame(y: [1, 0, 1, 0], terms: []))
        }
    }

    @Test func responsesOutsideTheFamily() {
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .binomial).fit(frame(y: [1, 0, 2, 0])) }
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .poisson).fit(frame(y: [1, 0, -1, 0])) }
        #expect(throws: MixedModelError.self) { try LinearMixedModel().fit(frame(y: [1, 2, .nan, 4])) }
        let cb = frame(y: [0, 0, 0, 0], response: .binomial(name: "cbind(s, f)", successes: [1, 2, 1, 0], failures: [1, 0, 1, 2]))
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .poisson).fit(cb) }
        #expect(throws: MixedModelError.self) { try LinearMixedModel().fit(cb) }
        let surv = frame(y: [0, 0, 0, 0], response: .survival(SurvivalResponse(start: nil, stop: [1, 2, 3, 4], status: [1, 0, 1, 1], text: "Surv(t, d)")))
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .binomial).fit(surv) }
    }

    @Test func optionsThatDoNotApply() throws {
        let f = frame(y: [1, 0, 1, 0, 1, 1])
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .gaussian).fit(f) }
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 26).fit(f) }
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .poisson, link: .probit).fit(f) }
        // nAGQ > 1 needs one scalar term.
        let fx = try MixedFixture("grouseticks")
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .poisson, nAGQ: 5).fit(fx.frame) }
        let error = MixedModelError.unsupported("x")
        #expect(!error.description.isEmpty)
    }

    @Test func inconsistentDesigns() {
        let g = GroupingFactor(name: "school", codes: [0, 1, 5, 0], levels: ["a", "b"])
        let bad = RandomTermDesign(grouping: g, z: Matrix(rows: 4, columns: 1, repeating: 1), columnNames: ["(Intercept)"], correlated: true)
        #expect(throws: MixedModelError.self) { try LinearMixedModel().fit(frame(y: [1, 2, 3, 4], terms: [bad])) }
        let short = RandomTermDesign(grouping: GroupingFactor(name: "s", codes: [0, 1], levels: ["a", "b"]),
                                     z: Matrix(rows: 2, columns: 1, repeating: 1), columnNames: ["(Intercept)"], correlated: true)
        #expect(throws: MixedModelError.self) { try LinearMixedModel().fit(frame(y: [1, 2, 3, 4], terms: [short])) }
    }

    @Test func collinearFixedEffectsAreNamed() throws {
        let n = 8
        var x = Matrix(rows: n, columns: 3, repeating: 1)
        for i in 0..<n { x[i, 1] = Double(i); x[i, 2] = 2 * Double(i) + 1 }
        let g = GroupingFactor(name: "school", codes: (0..<n).map { Int32($0 % 2) }, levels: ["a", "b"])
        let frame = ModelFrame(response: .vector(name: "y", values: (0..<n).map { Double($0 % 3) }),
                               fixed: DesignMatrix(matrix: x, columnNames: ["(Intercept)", "ses", "ses2"], assign: [0, 1, 2],
                                                   termLabels: ["ses", "ses2"], hasIntercept: true),
                               randomTerms: [RandomTermDesign(grouping: g, z: Matrix(rows: n, columns: 1, repeating: 1),
                                                              columnNames: ["(Intercept)"], correlated: true)],
                               nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
        do {
            _ = try LinearMixedModel().fit(frame)
            Issue.record("expected an error")
        } catch let MixedModelError.rankDeficientFixedEffects(message) {
            #expect(message.contains("ses2"))
        }
        #expect(throws: MixedModelError.self) { try GeneralizedLinearMixedModel(family: .poisson).fit(frame) }
    }
}
