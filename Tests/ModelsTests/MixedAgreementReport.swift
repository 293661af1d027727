import Foundation
import Models
import Testing
import TestSupport

/// Opt-in table of agreement with lme4 for every fixture fit (log-likelihood difference, largest relative
/// differences of fixed effects, SEs and random-effect SDs). Prints only when `TRUANT_MIXED_REPORT` is set:
///
///     TRUANT_MIXED_REPORT=1 swift test --filter mixedAgreementReport
///
/// A positive log-likelihood difference means Truant found a higher optimum than lme4's tight fit. For AGQ rows
/// the difference is lme4's omitted saturated-model constant (see `MixedGeneralizedTests.cbppAGQ`).
@Test func mixedAgreementReport() throws {
    guard ProcessInfo.processInfo.environment["TRUANT_MIXED_REPORT"] != nil else { return }
    let cases: [(String, String, () throws -> MixedModelFit, String)] = [
        ("sleepstudy_intercept", "reml", { try LinearMixedModel().fit(try MixedFixture("sleepstudy_intercept").frame) }, "se"),
        ("sleepstudy_intercept", "ml", { try LinearMixedModel(reml: false).fit(try MixedFixture("sleepstudy_intercept").frame) }, "se"),
        ("dyestuff", "reml", { try LinearMixedModel().fit(try MixedFixture("dyestuff").frame) }, "se"),
        ("dyestuff", "ml", { try LinearMixedModel(reml: false).fit(try MixedFixture("dyestuff").frame) }, "se"),
        ("dyestuff2", "reml", { try LinearMixedModel().fit(try MixedFixture("dyestuff2").frame) }, "se"),
        ("sleepstudy_slope", "reml", { try LinearMixedModel().fit(try MixedFixture("sleepstudy_slope").frame) }, "se"),
        ("sleepstudy_slope", "ml", { try LinearMixedModel(reml: false).fit(try MixedFixture("sleepstudy_slope").frame) }, "se"),
        ("sleepstudy_uncorrelated", "reml", { try LinearMixedModel().fit(try MixedFixture("sleepstudy_uncorrelated").frame) }, "se"),
        ("sleepstudy_weights", "reml", { try LinearMixedModel().fit(try MixedFixture("sleepstudy_weights").frame) }, "se"),
        ("penicillin", "reml", { try LinearMixedModel().fit(try MixedFixture("penicillin").frame) }, "se"),
        ("penicillin", "ml", { try LinearMixedModel(reml: false).fit(try MixedFixture("penicillin").frame) }, "se"),
        ("pastes", "reml", { try LinearMixedModel().fit(try MixedFixture("pastes").frame) }, "se"),
        ("cbpp", "laplace", { try GeneralizedLinearMixedModel(family: .binomial).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp", "nagq0", { try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 0).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp", "agq7", { try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 7).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp", "agq25", { try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 25).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp", "probit", { try GeneralizedLinearMixedModel(family: .binomial, link: .probit).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp", "cloglog", { try GeneralizedLinearMixedModel(family: .binomial, link: .cloglog).fit(try MixedFixture("cbpp").frame) }, "se"),
        ("cbpp_poisson", "laplace", { try GeneralizedLinearMixedModel(family: .poisson).fit(try MixedFixture("cbpp_poisson").frame) }, "se"),
        ("contraception", "laplace", { try GeneralizedLinearMixedModel(family: .binomial).fit(try MixedFixture("contraception").frame) }, "se"),
        ("contraception", "agq9", { try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 9, hessianStandardErrors: false).fit(try MixedFixture("contraception").frame) }, "se_rx"),
        ("contraception_slope", "laplace", { try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(try MixedFixture("contraception_slope").frame) }, "se_rx"),
        ("contraception_weights", "laplace", { try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(try MixedFixture("contraception_weights").frame) }, "se_rx"),
        ("grouseticks", "laplace", { try GeneralizedLinearMixedModel(family: .poisson).fit(try MixedFixture("grouseticks").frame) }, "se"),
        ("mmmec", "laplace", { try GeneralizedLinearMixedModel(family: .poisson).fit(try MixedFixture("mmmec").frame) }, "se"),
        ("guimmun", "laplace", { try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(try MixedFixture("guimmun").frame) }, "se_rx"),
    ]
    for (name, key, make, seKey) in cases {
        let fit = try make()
        let ref = try MixedFixture(name).fit(key)
        var sdDiff = 0.0
        for (grp0, v1, v2, _, sdcor) in ref.varcorr where v2.isEmpty && grp0 != "Residual" {
            let grp = grp0.hasSuffix(".1") ? String(grp0.dropLast(2)) : grp0
            if let sd = fittedSD(fit, group: grp, term: v1) { sdDiff = max(sdDiff, abs(sd - sdcor) / max(abs(sdcor), 1e-8)) }
        }
        let ll = fit.logLikelihood
        print(String(format: "%@/%@ logLik %.10f vs %.10f (diff %.2e) beta %.1e se(%@) %.1e sd %.1e", name, key, ll, ref.logLik,
                     ll - ref.logLik, maxRelativeDifference(fit.beta, ref.fixef),
                     seKey, maxRelativeDifference(fit.coefficients.map(\.stdError), ref.v(seKey)), sdDiff))
    }
}
