import Foundation
import Formula
import Linalg
import Models
import Testing
import TestSupport

/// Linear mixed models against `lme4::lmer` with tight control
/// (`lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-10, maxfun = 1e5))`, Scripts/reference/mixed.R).
@Suite("Linear mixed models match lme4")
struct MixedLinearTests {
    /// Checks a fit against lme4: criterion 1e-7 relative, fixed effects 1e-5, SEs and SDs 1e-4, modes 1e-4.
    func check(_ fit: MixedModelFit, _ ref: RefFit, reml: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(isClose(fit.logLikelihood, ref.logLik, rel: 1e-7), "logLik \(fit.logLikelihood) vs \(ref.logLik)",
                sourceLocation: sourceLocation)
        if reml { #expect(isClose(fit.remlCriterion ?? .nan, ref.d("REMLcrit"), rel: 1e-7), sourceLocation: sourceLocation) }
        #expect(maxRelativeDifference(fit.beta, ref.fixef) < 1e-5, "beta \(fit.beta) vs \(ref.fixef)", sourceLocation: sourceLocation)
        #expect(maxRelativeDifference(fit.coefficients.map(\.stdError), ref.se) < 1e-4,
                "se \(fit.coefficients.map(\.stdError)) vs \(ref.se)", sourceLocation: sourceLocation)
        #expect(isClose(fit.residualSD ?? .nan, ref.sigma, rel: 1e-5), sourceLocation: sourceLocation)
        #expect(isClose(fit.aic, ref.d("AIC"), rel: 1e-7), sourceLocation: sourceLocation)
        #expect(isClose(fit.bic, ref.d("BIC"), rel: 1e-7), sourceLocation: sourceLocation)
        checkRandomEffects(fit, ref, rel: 1e-4, correlationAbs: 1e-6, sourceLocation: sourceLocation)
    }

    // lmer(Reaction ~ Days + (1 | Subject), sleepstudy) and REML = FALSE
    @Test func sleepstudyRandomIntercept() throws {
        let fx = try MixedFixture("sleepstudy_intercept")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
        check(try LinearMixedModel(reml: false).fit(fx.frame), fx.fit("ml"), reml: false)
    }

    // lmer(Yield ~ 1 + (1 | Batch), Dyestuff) and REML = FALSE
    @Test func dyestuff() throws {
        let fx = try MixedFixture("dyestuff")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
        check(try LinearMixedModel(reml: false).fit(fx.frame), fx.fit("ml"), reml: false)
    }

    // lmer(Reaction ~ Days + (Days | Subject), sleepstudy) and REML = FALSE
    @Test func sleepstudyCorrelatedSlope() throws {
        let fx = try MixedFixture("sleepstudy_slope")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
        check(try LinearMixedModel(reml: false).fit(fx.frame), fx.fit("ml"), reml: false)
    }

    // lmer(Reaction ~ Days + (Days || Subject), sleepstudy)
    @Test func sleepstudyUncorrelatedSlope() throws {
        let fx = try MixedFixture("sleepstudy_uncorrelated")
        let fit = try LinearMixedModel().fit(fx.frame)
        check(fit, fx.fit("reml"), reml: true)
        #expect(fit.randomCorrelations.isEmpty)
    }

    // lmer(diameter ~ 1 + (1 | plate) + (1 | sample), Penicillin): crossed factors
    @Test func penicillinCrossed() throws {
        let fx = try MixedFixture("penicillin")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
        check(try LinearMixedModel(reml: false).fit(fx.frame), fx.fit("ml"), reml: false)
    }

    // lmer(strength ~ 1 + (1 | batch/cask), Pastes): nested factors
    @Test func pastesNested() throws {
        let fx = try MixedFixture("pastes")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
    }

    // lmer(Yield ~ 1 + (1 | Batch), Dyestuff2): the variance estimate is zero; the warning names the term.
    @Test func dyestuff2SingularFitIsNamed() throws {
        let fx = try MixedFixture("dyestuff2")
        let fit = try LinearMixedModel().fit(fx.frame)
        check(fit, fx.fit("reml"), reml: true)
        #expect(fit.theta == [0])
        #expect(fit.warnings.contains { $0.contains("singular") && $0.contains("Batch") })
    }

    // lmer(Reaction ~ Days + (1 | Subject), sleepstudy, weights = rep(c(1, 2, 0.5), length.out = 180))
    @Test func priorWeights() throws {
        let fx = try MixedFixture("sleepstudy_weights")
        check(try LinearMixedModel().fit(fx.frame), fx.fit("reml"), reml: true)
    }
}
