import Foundation
import Formula
import Linalg
@testable import Models
import Testing
import TestSupport

/// The analytic gradient of the Laplace deviance in (theta, beta) that drives the GLMM's second stage equals
/// central finite differences of the deviance itself, for scalar and vector random-effects terms, canonical and
/// non-canonical links. Checked away from the optimum (lme4's estimates moved a little), where it is not zero.
@Suite("GLMM Laplace deviance gradient")
struct MixedLaplaceGradientTests {
    /// Engine on a fixture frame; returns the deviance and gradient at `par` and central differences.
    /// `scale` maps the reference fit's estimates to the model's scale (logit to probit: about 1 / 1.6).
    func compare(_ name: String, family: Family, link: Link, fit key: String, scale: Double = 1) throws
        -> (analytic: [Double], numeric: [Double]) {
        let fx = try MixedFixture(name)
        let frame = fx.frame
        let structure = try RandomEffectsStructure(frame.randomTerms, nObs: frame.nObs)
        let resp = try GLMMResponse(frame.response, weights: frame.weights, n: frame.nObs, family: family)
        let engine = GLMMEngine(resp: resp, x: frame.fixed.matrix.storage, p: frame.fixed.matrix.columns,
                                offset: frame.offset, structure: structure, link: link)
        let ref = fx.fit(key)
        let nTheta = structure.thetaCount
        // Move away from the optimum so that the gradient is not zero.
        var par = ref.theta.map { $0 * scale * 1.1 + 0.02 } + ref.fixef.enumerated().map { $0.element * scale + 0.05 * Double($0.offset % 3 - 1) }
        par[0] = Swift.max(par[0], 0.1)
        func deviance(_ x: [Double]) throws -> Double {
            engine.sysU.setTheta(Array(x[0..<nTheta]))
            engine.setFixed(Array(x[nTheta...]))
            return try engine.pirlsU()
        }
        _ = try deviance(par)
        let analytic = try #require(engine.laplaceGradient())
        var numeric = [Double](repeating: 0, count: par.count)
        for j in 0..<par.count {
            let h = 1e-5 * Swift.max(1, Swift.abs(par[j]))
            var xp = par, xm = par
            xp[j] += h; xm[j] -= h
            numeric[j] = (try deviance(xp) - deviance(xm)) / (2 * h)
        }
        return (analytic, numeric)
    }

    func expectClose(_ r: (analytic: [Double], numeric: [Double]), sourceLocation: SourceLocation = #_sourceLocation) {
        let scale = r.numeric.map(Swift.abs).max() ?? 1
        for (a, b) in zip(r.analytic, r.numeric) {
            #expect(Swift.abs(a - b) <= 1e-5 * Swift.max(scale, 1), "analytic \(r.analytic) vs numeric \(r.numeric)",
                    sourceLocation: sourceLocation)
        }
    }

    // (1 | herd), logit: the scalar fast path.
    @Test func scalarTermLogit() throws {
        expectClose(try compare("cbpp", family: .binomial, link: .logit, fit: "laplace"))
    }

    // (1 | herd), probit and cloglog: observed information differs from the IRLS weights.
    @Test func scalarTermNonCanonicalLinks() throws {
        expectClose(try compare("cbpp", family: .binomial, link: .probit, fit: "probit"))
        expectClose(try compare("cbpp", family: .binomial, link: .cloglog, fit: "cloglog"))
    }

    // (1 | herd), Poisson with an offset.
    @Test func scalarTermPoisson() throws {
        expectClose(try compare("cbpp_poisson", family: .poisson, link: .log, fit: "laplace"))
    }

    // (1 + urban | district): 2 x 2 blocks, three theta entries including the off-diagonal one.
    @Test func vectorTermLogit() throws {
        expectClose(try compare("contraception_slope", family: .binomial, link: .logit, fit: "laplace"))
    }
}
