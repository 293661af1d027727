import Foundation
import Formula
import Linalg
import Models
import Testing
import TestSupport

/// Generalized linear mixed models against `lme4::glmer` with tight control
/// (`glmerControl(optimizer = "bobyqa", tolPwrss = 1e-12, optCtrl = list(rhoend = 1e-9, maxfun = 1e5))`,
/// Scripts/reference/mixed.R). Tolerances: log-likelihood 1e-6 relative, fixed effects 1e-4, SEs and SDs 1e-3.
@Suite("Generalized linear mixed models match lme4")
struct MixedGeneralizedTests {
    func check(_ fit: MixedModelFit, _ ref: RefFit, seKey: String = "se", sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(isClose(fit.logLikelihood, ref.logLik, rel: 1e-6), "logLik \(fit.logLikelihood) vs \(ref.logLik)",
                sourceLocation: sourceLocation)
        #expect(maxRelativeDifference(fit.beta, ref.fixef) < 1e-4, "beta \(fit.beta) vs \(ref.fixef)", sourceLocation: sourceLocation)
        let se = fit.coefficients.map(\.stdError)
        #expect(maxRelativeDifference(se, ref.v(seKey)) < 1e-3, "se \(se) vs \(ref.v(seKey))", sourceLocation: sourceLocation)
        #expect(isClose(fit.aic, ref.d("AIC"), rel: 1e-6), sourceLocation: sourceLocation)
        for (grp, v1, v2, _, sdcor) in ref.varcorr {
            if v2.isEmpty {
                let sd = fittedSD(fit, group: grp, term: v1)
                #expect(sd != nil && isClose(sd!, sdcor, rel: 1e-3, abs: 1e-6), "\(grp) \(v1) sd \(String(describing: sd)) vs \(sdcor)",
                        sourceLocation: sourceLocation)
            } else {
                let c = fit.randomCorrelations.first { $0.group == grp && $0.term1 == v1 && $0.term2 == v2 }?.corr
                #expect(c != nil && isClose(c!, sdcor, rel: 1e-3, abs: 1e-5), "corr \(String(describing: c)) vs \(sdcor)",
                        sourceLocation: sourceLocation)
            }
        }
        for r in ref.ranef {
            guard let cm = fit.conditionalModes.first(where: { $0.group == r.group }) else {
                Issue.record("no modes for \(r.group)", sourceLocation: sourceLocation); continue
            }
            for (i, lev) in r.levels.enumerated() {
                guard let li = cm.levels.firstIndex(of: lev) else { Issue.record("level \(lev)"); continue }
                for c in 0..<cm.columnNames.count {
                    #expect(isClose(cm.mode(level: li, column: c), r.modes[i][c], rel: 1e-3, abs: 1e-5),
                            "\(r.group) \(lev) mode \(cm.mode(level: li, column: c)) vs \(r.modes[i][c])", sourceLocation: sourceLocation)
                    #expect(isClose(cm.sd(level: li, column: c), r.condsd[i][c], rel: 1e-3, abs: 1e-6),
                            "\(r.group) \(lev) condsd \(cm.sd(level: li, column: c)) vs \(r.condsd[i][c])", sourceLocation: sourceLocation)
                }
            }
        }
    }

    // glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cbpp, binomial, control = tight)
    @Test func cbppLaplace() throws {
        let fx = try MixedFixture("cbpp")
        let fit = try GeneralizedLinearMixedModel(family: .binomial).fit(fx.frame)
        check(fit, fx.fit("laplace"))
        let pirls = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(fx.frame)
        check(pirls, fx.fit("laplace"), seKey: "se_rx")
    }

    // glmer(use ~ age + I(age^2) + urban + livch + (1 | district), Contraception, binomial, control = tight)
    @Test func contraceptionLaplace() throws {
        let fx = try MixedFixture("contraception")
        check(try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(fx.frame),
              fx.fit("laplace"), seKey: "se_rx")
    }
}
