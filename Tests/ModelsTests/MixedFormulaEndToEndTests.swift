import Foundation
import Formula
import Frames
import Models
import Testing
import TestSupport

/// From a CSV file and an R formula to lme4's estimates: the model-frame builder (branch `formula`) feeds the
/// mixed-model fitters. Data written by Scripts/reference/mixed.R's datasets (`write.csv`), reference values as in
/// the other Mixed tests.
@Suite("Mixed models from formulas")
struct MixedFormulaEndToEndTests {
    func table(_ name: String) throws -> Table { try Table.read(path: Fixtures.path("mixed/\(name).csv")) }

    // lmer(strength ~ 1 + (1 | batch/cask), Pastes)
    @Test func nestedFromFormula() throws {
        let frame = try ModelFrame.build(formula: "strength ~ 1 + (1 | batch/cask)", data: try table("pastes"))
        let fit = try LinearMixedModel().fit(frame)
        let ref = try MixedFixture("pastes").fit("reml")
        #expect(isClose(fit.logLikelihood, ref.logLik, rel: 1e-7))
        #expect(Set(fit.groups.map(\.group)) == ["cask:batch", "batch"])
    }

    // lmer(Reaction ~ Days + (Days | Subject), sleepstudy)
    @Test func randomSlopeFromFormula() throws {
        let frame = try ModelFrame.build(formula: "Reaction ~ Days + (Days | Subject)", data: try table("sleepstudy"))
        let fit = try LinearMixedModel().fit(frame)
        let ref = try MixedFixture("sleepstudy_slope").fit("reml")
        #expect(isClose(fit.logLikelihood, ref.logLik, rel: 1e-7))
        #expect(maxRelativeDifference(fit.beta, ref.fixef) < 1e-5)
    }

    // glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, control = tight)
    @Test func logisticFromFormula() throws {
        let frame = try ModelFrame.build(formula: "use ~ age + I(age^2) + urban + livch + (1 | district)",
                                         data: try table("contraception"))
        let fit = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(frame)
        let ref = try MixedFixture("contraception").fit("laplace")
        #expect(fit.fixedNames == MixedFixture.strings(ref.values["fixnames"]))
        #expect(isClose(fit.logLikelihood, ref.logLik, rel: 1e-6))
        #expect(maxRelativeDifference(fit.beta, ref.fixef) < 1e-4)
    }
}
