import Foundation
import Formula
import Linalg
@testable import Models
import Testing
import TestSupport

/// The blocked factor picks its storage from the data: nested factors keep L block diagonal, crossed
/// factors get a dense block only for the smaller factor.
@Suite("Mixed-model storage structure")
struct MixedStructureTests {
    func system(_ name: String) throws -> BlockedSystem {
        let fx = try MixedFixture(name)
        let s = try RandomEffectsStructure(fx.frame.randomTerms, nObs: fx.frame.nObs)
        return BlockedSystem(terms: s.terms, n: fx.frame.nObs, cols: 1)
    }

    // (1 | batch/cask) in Pastes: 30 casks within 10 batches.
    @Test func nestedFactorsStayBlockDiagonal() throws {
        let s = try system("pastes")
        #expect(s.terms.map(\.group) == ["cask:batch", "batch"])
        #expect(s.nestedTail)
        #expect(s.l22.count == 10)          // 10 1x1 blocks, not 10 x 10
        #expect(s.rowIndex.count == 30)     // one entry of L21 per cask
    }

    // (1 | plate) + (1 | sample) in Penicillin: 24 plates crossed with 6 samples.
    @Test func crossedFactorsGetADenseBlockForTheSmallerFactor() throws {
        let s = try system("penicillin")
        #expect(s.terms.map(\.group) == ["plate", "sample"])
        #expect(!s.nestedTail)
        #expect(s.q1 == 24 && s.q2 == 6)
        #expect(s.l22.count == 36)
    }

    // (Days | Subject): one term, 18 2x2 blocks and no second block at all.
    @Test func singleVectorTermHasOnlyDiagonalBlocks() throws {
        let s = try system("sleepstudy_slope")
        #expect(s.k1 == 2 && s.m1 == 18 && s.q2 == 0)
        #expect(s.l11.count == 18 * 4)
    }

    // theta layout follows lme4: lower triangle by columns, diagonal bounded below by 0.
    @Test func thetaLayoutAndBounds() throws {
        let fx = try MixedFixture("sleepstudy_slope")
        let s = try RandomEffectsStructure(fx.frame.randomTerms, nObs: fx.frame.nObs)
        #expect(s.thetaCount == 3)
        #expect(s.start == [1, 0, 1])
        #expect(s.lowerBounds == [0, -.infinity, 0])
        #expect(s.terms[0].lambda([2, 3, 4]) == [2, 3, 0, 4])
        let un = try RandomEffectsStructure(try MixedFixture("sleepstudy_uncorrelated").frame.randomTerms, nObs: 180)
        #expect(un.thetaCount == 2 && un.terms[0].lambda([2, 4]) == [2, 0, 0, 4])
    }

    // Gauss-Hermite rule for N(0, 1): weights sum to 1, second moment 1, fourth moment 3.
    @Test func gaussHermiteRule() throws {
        let (z, w) = try GaussHermite.rule(7)
        #expect(abs(w.reduce(0, +) - 1) < 1e-13)
        #expect(abs(zip(z, w).map { $0 * $0 * $1 }.reduce(0, +) - 1) < 1e-12)
        #expect(abs(zip(z, w).map { $0 * $0 * $0 * $0 * $1 }.reduce(0, +) - 3) < 1e-11)
    }

    // The closed-form PIRLS for (1 | region) + (1 | nation) (regions nested in nations, Mmmec) gives the same
    // Laplace deviance and modes as the general blocked PIRLS.
    @Test func nestedPairFastPathAgreesWithGeneralPath() throws {
        let fx = try MixedFixture("mmmec")
        let f = fx.frame
        let s = try RandomEffectsStructure(f.randomTerms, nObs: f.nObs)
        func engine() throws -> GLMMEngine {
            let resp = try GLMMResponse(f.response, weights: nil, n: f.nObs, family: .poisson)
            let e = GLMMEngine(resp: resp, x: f.fixed.matrix.storage, p: f.fixed.matrix.columns, offset: f.offset,
                               structure: s, link: .log)
            e.sysU.setTheta([0.6, 0.4])
            e.setFixed([-0.05, -0.03])
            return e
        }
        let fast = try engine()
        #expect(fast.isNestedScalarPair)
        let a = try fast.pirlsU()
        let general = try engine()
        general.isNestedScalarPair = false
        let b = try general.pirlsU()
        #expect(abs(a - b) < 1e-8 * abs(b), "\(a) vs \(b)")
        #expect(maxRelativeDifference(fast.u, general.u) < 1e-6)
        #expect(abs(fast.sysU.logDetL2 - general.sysU.logDetL2) < 1e-9)
    }
}
