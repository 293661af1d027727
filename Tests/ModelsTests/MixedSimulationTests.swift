import Foundation
import Models
import Testing

/// A seeded simulation of pupils in schools recovers the true multilevel logistic model: every fixed effect's 95%
/// Wald interval covers its true value (checked for this seed; about 1 in 20 intervals would miss by chance for
/// another seed) and the school SD is close to the truth.
@Suite("Mixed-model simulation recovery")
struct MixedSimulationTests {
    @Test func logisticRandomInterceptIsRecovered() throws {
        var sim = MixedSimulation(seed: 20261130)
        let beta = [-1.0, 0.5, -0.3]
        let frame = sim.logisticRandomIntercept(schools: 80, perSchool: 40, beta: beta, sd: 0.8)
        let fit = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(frame)
        for (c, truth) in zip(fit.coefficients, beta) {
            #expect(c.confLow < truth && truth < c.confHigh, "\(c.term): [\(c.confLow), \(c.confHigh)] vs \(truth)")
        }
        let sd = try #require(fit.randomEffects.first?.sd)
        #expect(abs(sd - 0.8) < 0.25, "school SD \(sd)")
        #expect(fit.warnings.isEmpty, "\(fit.warnings)")
        #expect(fit.converged)
        // The nAGQ = 0 fit is close to the Laplace fit; AGQ moves the log-likelihood only slightly.
        let fast = try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 0).fit(frame)
        #expect(maxAbsDifference(fast.beta, fit.beta) < 0.05)
        let agq = try GeneralizedLinearMixedModel(family: .binomial, nAGQ: 7, hessianStandardErrors: false).fit(frame)
        #expect(abs(agq.logLikelihood - fit.logLikelihood) < 1)
    }

    /// Pupils in classes in schools: both SDs and the fixed effects are recovered.
    @Test func nestedLogisticIsRecovered() throws {
        var sim = MixedSimulation(seed: 7)
        let beta = [-0.5, 0.4]
        let frame = sim.logisticNested(schools: 40, classesPerSchool: 4, perClass: 25, beta: beta, schoolSD: 0.7, classSD: 0.4)
        let fit = try GeneralizedLinearMixedModel(family: .binomial, hessianStandardErrors: false).fit(frame)
        for (c, truth) in zip(fit.coefficients, beta) {
            #expect(c.confLow < truth && truth < c.confHigh, "\(c.term): [\(c.confLow), \(c.confHigh)] vs \(truth)")
        }
        let sds = Dictionary(uniqueKeysWithValues: fit.randomEffects.map { ($0.group, $0.sd) })
        #expect(abs((sds["school"] ?? 0) - 0.7) < 0.3, "\(sds)")
        #expect(abs((sds["class:school"] ?? 0) - 0.4) < 0.3, "\(sds)")
        #expect(fit.groups.map(\.group) == ["class:school", "school"])
        // Latent-scale ICCs share the total variance.
        let icc = fit.groups.compactMap(\.icc)
        #expect(icc.count == 2 && icc.allSatisfy { $0 > 0 && $0 < 1 })
    }

    func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max() ?? 0 }
}
