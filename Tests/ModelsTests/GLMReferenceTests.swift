import Testing
import Foundation
import Linalg
import TestSupport
@testable import Models

/// One case written by Scripts/reference/glm.R: R's model matrix, response, weights, offset and results.
struct GLMReferenceCase {
    let json: [String: Any]
    init(_ name: String) throws {
        json = try #require(try Fixtures.json("glm/\(name).json") as? [String: Any])
    }
    func numbers(_ key: String) -> [Double] {
        guard let a = json[key] as? [Any] else { return [] }
        return a.map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    func number(_ key: String) -> Double { (json[key] as? NSNumber)?.doubleValue ?? .nan }
    func int(_ key: String) -> Int { (json[key] as? NSNumber)?.intValue ?? -1 }
    var family: Family { Family(rawValue: json["family"] as! String)! }
    var link: Link { Link(rawValue: json["link"] as! String)! }

    /// The data as R saw it, with the model matrix exactly as `model.matrix(fit)` built it.
    func data() throws -> GLMData {
        let names = json["x_names"] as! [String]
        let columns = (json["x"] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } }
        let n = columns.first?.count ?? 0
        let x = Matrix(rows: n, columns: names.count, columnMajor: columns.flatMap { $0 })
        let response: GLMResponse
        if json["response_is_cbind"] as? Bool == true {
            response = .counts(successes: numbers("y"), failures: numbers("failures"))
        } else {
            response = .values(numbers("y"))
        }
        let weights = json["weights"] is [Any] ? numbers("weights") : nil
        let offset = json["offset"] is [Any] ? numbers("offset") : nil
        return GLMData(x: x, columnNames: names, response: response, weights: weights, offset: offset,
                       formula: json["formula"] as? String, nDropped: int("n_dropped"))
    }
}

/// Every fixture of Tests/Fixtures/glm, with the R call that produced it (see Scripts/reference/glm.R).
let glmReferenceCases: [String] = [
    "esoph_cbind_logit",        // glm(cbind(ncases, ncontrols) ~ agegp + alcgp + tobgp, family = binomial, data = esoph)
    "esoph_prop_weights",       // glm(ncases/(ncases+ncontrols) ~ agegp + alcgp, binomial, weights = ncases + ncontrols, esoph)
    "infert_probit",            // glm(case ~ spontaneous + induced + age + parity, binomial(link = "probit"), infert)
    "contraception_logit",      // glm(use ~ age + I(age^2) + urban + livch, binomial, mlmRev::Contraception)
    "contraception_probit",     // same, binomial(link = "probit")
    "contraception_cloglog",    // same, binomial(link = "cloglog")
    "warpbreaks_poisson",       // glm(breaks ~ wool * tension, poisson, warpbreaks)
    "insectsprays_poisson",     // glm(count ~ spray, poisson, InsectSprays)
    "seatbelts_poisson_offset", // glm(DriversKilled ~ law + PetrolPrice, poisson, offset = log(kms), Seatbelts)
    "toothgrowth_gaussian",     // glm(len ~ supp * dose, gaussian, ToothGrowth)
    "mtcars_gaussian_weights",  // glm(mpg ~ wt + hp, gaussian, weights = cyl, mtcars)
    "mtcars_aliased_logit",     // glm(am ~ wt + wt2 + hp, binomial, mtcars) with wt2 = 2 * wt: NA coefficient
    "lung_logit_missing",       // glm(I(status == 2) ~ age + sex + ph.ecog + wt.loss, binomial, survival::lung)
]

@Test("GLM estimates, SEs, deviance and log-likelihood match R's glm", arguments: glmReferenceCases)
func glmMatchesR(_ name: String) throws {
    let ref = try GLMReferenceCase(name)
    let model = try GLM(family: ref.family, link: ref.link)
    let fit = try model.fit(try ref.data())

    // Coefficients and SEs: 1e-6 relative (NaN where R has NA).
    #expect(fit.columnNames == (ref.json["terms"] as! [String]))
    let est = fit.coefficients.map(\.estimate), se = fit.standardErrors
    #expect(maxRelativeDifference(est, ref.numbers("estimate")) < 1e-6, "estimates \(name): \(maxRelativeDifference(est, ref.numbers("estimate")))")
    #expect(maxRelativeDifference(se, ref.numbers("std_error")) < 1e-6, "SEs \(name): \(maxRelativeDifference(se, ref.numbers("std_error")))")
    #expect(maxRelativeDifference(fit.coefficients.map(\.statistic), ref.numbers("statistic")) < 1e-6)
    #expect(maxRelativeDifference(fit.coefficients.map(\.pValue), ref.numbers("p_value")) < 1e-5)
    let gaussian = ref.family == .gaussian
    #expect(maxRelativeDifference(fit.coefficients.map(\.confLow), ref.numbers(gaussian ? "conf_low_t" : "conf_low_z")) < 1e-6)
    #expect(maxRelativeDifference(fit.coefficients.map(\.confHigh), ref.numbers(gaussian ? "conf_high_t" : "conf_high_z")) < 1e-6)

    // Deviance, log-likelihood and friends: 1e-8 relative.
    #expect(isClose(fit.deviance, ref.number("deviance"), rel: 1e-8), "deviance \(fit.deviance) vs \(ref.number("deviance"))")
    #expect(isClose(fit.nullDeviance, ref.number("null_deviance"), rel: 1e-8), "null deviance \(fit.nullDeviance) vs \(ref.number("null_deviance"))")
    #expect(isClose(fit.logLikelihood, ref.number("loglik"), rel: 1e-8), "loglik \(fit.logLikelihood) vs \(ref.number("loglik"))")
    #expect(isClose(fit.aic, ref.number("aic"), rel: 1e-8))
    #expect(isClose(fit.bic, ref.number("bic"), rel: 1e-8))
    #expect(isClose(fit.dispersion, ref.number("dispersion"), rel: 1e-8))
    #expect(fit.logLikelihoodDF == ref.int("loglik_df"))
    #expect(fit.dfResidual == ref.int("df_residual"))
    #expect(fit.dfNull == ref.int("df_null"))
    #expect(fit.rank == ref.int("rank"))
    #expect(fit.iterations == ref.int("iter"))
    #expect(fit.converged == (ref.json["converged"] as? Bool))
    #expect(fit.nObs == ref.int("n_obs"))
    #expect(fit.nDropped == ref.int("n_dropped"))

    // Per-row quantities.
    #expect(maxRelativeDifference(fit.fittedValues, ref.numbers("fitted")) < 1e-6)
    #expect(maxRelativeDifference(fit.linearPredictor, ref.numbers("linear_predictor")) < 1e-6)
    for (kind, key) in [(GLMResidualKind.deviance, "resid_deviance"), (.pearson, "resid_pearson"),
                        (.working, "resid_working"), (.response, "resid_response")] {
        let r = fit.residuals(kind), expected = ref.numbers(key)
        // Residuals near zero: compare absolutely against the residual scale.
        let scale = expected.map { Swift.abs($0) }.max() ?? 1
        let worst = zip(r, expected).map { Swift.abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-6 * scale, "\(key) \(name): \(worst)")
    }
}

@Test("an aliased column gets an NA coefficient and a warning naming it, as in R")
func aliasedColumnReported() throws {
    let ref = try GLMReferenceCase("mtcars_aliased_logit")
    let fit = try GLM(family: .binomial).fit(try ref.data())
    #expect(fit.aliased == [false, false, true, false])
    #expect(fit.coefficients[2].estimate.isNaN)
    #expect(fit.rank == 3)
    #expect(fit.warnings.contains { $0.contains("singularities") && $0.contains("wt2") })
}

@Test("the Poisson null deviance with an offset comes from refitting intercept + offset, as R's glm does")
func nullDevianceWithOffset() throws {
    let ref = try GLMReferenceCase("seatbelts_poisson_offset")
    let fit = try GLM(family: .poisson).fit(try ref.data())
    // glm(DriversKilled ~ law + PetrolPrice, poisson, offset = log(kms), data = Seatbelts)$null.deviance
    #expect(isClose(fit.nullDeviance, ref.number("null_deviance"), rel: 1e-10))
}

@Test("more rows than one IRLS block: the data stacked three times gives R's estimates, SE / sqrt(3), deviance x 3")
func blockAccumulation() throws {
    // 3 x 1934 = 5802 rows > IRLS.blockRows: X'WX is accumulated over several row blocks.
    let ref = try GLMReferenceCase("contraception_logit")
    let data = try ref.data()
    let n = data.x.rows, p = data.x.columns
    var stacked = [Double]()
    for j in 0..<p { let col = data.x.column(j); stacked += col + col + col }
    guard case let .values(y) = data.response else { Issue.record("expected a vector response"); return }
    let big = GLMData(x: Matrix(rows: 3 * n, columns: p, columnMajor: stacked), columnNames: data.columnNames,
                      response: .values(y + y + y))
    #expect(3 * n > IRLS.blockRows)
    let fit = try GLM(family: .binomial).fit(big)
    #expect(maxRelativeDifference(fit.coefficients.map(\.estimate), ref.numbers("estimate")) < 1e-8)
    #expect(maxRelativeDifference(fit.standardErrors.map { $0 * 3.0.squareRoot() }, ref.numbers("std_error")) < 1e-8)
    #expect(isClose(fit.deviance, 3 * ref.number("deviance"), rel: 1e-10))
}
