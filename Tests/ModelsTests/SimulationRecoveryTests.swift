import Foundation
import Testing
import TestSupport
@testable import Models

/// Rows `{term, truth, estimate, std_error}` of one model in the R check fixture.
private func rows(_ fixture: [String: Any], _ model: String) -> [(term: String, truth: Double, estimate: Double, se: Double)] {
    (fixture[model] as? [[String: Any]] ?? []).compactMap { r in
        guard let term = r["term"] as? String, let truth = r["truth"] as? Double,
              let estimate = r["estimate"] as? Double, let se = r["std_error"] as? Double else { return nil }
        return (term, truth, estimate, se)
    }
}

@Suite("Bundled cohort: the truth is recoverable (Scripts/reference/cohort_check.R)")
struct SimulationRecoveryTests {
    // R: glmer(truant ~ male + foreign_language + mother_low + allowance + track + age_c + retained +
    //          bonding_cwc * climate_c + (1 + bonding_cwc | school_id), family = binomial)
    //    glmmTMB(absent_halfdays ~ ... + truant + (1 | school_id), family = nbinom2)
    //    glmer(dropout ~ track + years_behind + log_absence_prev + male + allowance + mother_low + climate_c
    //          + (1 | school_id), data = subset(person_period, eligible == 1), family = binomial)
    @Test("the R check was run on the current defaults, and every fixed effect lies within 3 SE of the truth")
    func recovery() throws {
        let fixture = try #require(try Fixtures.json("simulation/cohort_check.json") as? [String: Any])
        let p = SimulationParameters.default
        let models: [(String, Coefficients)] = [("truancy", p.truancy.fixed), ("absence", p.absence.fixed), ("dropout", p.careers.dropout)]
        for (model, truth) in models {
            let r = rows(fixture, model)
            #expect(r.map(\.term) == truth.names, "\(model): terms differ from the defaults; rerun Scripts/reference/cohort_check.R")
            for row in r {
                #expect(row.truth == truth[row.term], "\(model) \(row.term): fixture truth differs from the defaults; rerun the R check")
                #expect(Swift.abs(row.estimate - row.truth) < 3 * row.se, "\(model) \(row.term): estimate \(row.estimate), truth \(row.truth)")
            }
        }
        let random = try #require(fixture["truancy_random"] as? [String: Any])
        let v = try #require(random["intercept_variance"] as? Double)
        #expect(Swift.abs(v - p.truancy.interceptVariance) < 0.15)
        let empty = try #require(fixture["empty_model"] as? [String: Any])
        let icc = try #require(empty["latent_icc"] as? Double)
        #expect(icc > 0.06 && icc < 0.15, "empty-model latent ICC \(icc)")
    }
}
