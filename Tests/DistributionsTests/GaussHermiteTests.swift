import Foundation
import Testing
import TestSupport
import Linalg
@testable import Distributions

// Tests/Fixtures/distributions/ghrule.json holds lme4::GHrule(k)[, c("z", "w")] for
// k = 1, 2, 3, 7, 10, 25, 50, 100 (lme4 1.1-x, written by Scripts/reference/distributions.R).

struct GHReference: CustomStringConvertible {
    let k: Int
    let z: [Double]
    let w: [Double]
    var description: String { "GHrule(\(k))" }
}

func loadGHRules() throws -> [GHReference] {
    guard let root = try Fixtures.json("distributions/ghrule.json") as? [String: Any],
          let rules = root["rules"] as? [[String: Any]] else { throw FixtureError("bad ghrule.json") }
    return try rules.map { r in
        guard let k = r["k"] as? Int else { throw FixtureError("bad k") }
        return GHReference(k: k, z: try parseRArray(r["z"]), w: try parseRArray(r["w"]))
    }
}

/// (2m − 1)!! = E[Z^(2m)] for Z ~ N(0, 1).
func doubleFactorial(oddUpTo m: Int) -> Double {
    var r = 1.0
    var j = 1
    while j <= 2 * m - 1 { r *= Double(j); j += 2 }
    return r
}

@Suite("Gauss–Hermite rules (Golub–Welsch)")
struct GaussHermiteTests {
    static let references: [GHReference] = (try? loadGHRules()) ?? []

    @Test("fixture has the orders asked for")
    func fixtureComplete() {
        #expect(Self.references.map(\.k) == [1, 2, 3, 7, 10, 25, 50, 100])
    }

    @Test("nodes and weights equal lme4::GHrule(k): nodes to 1e-12 absolute, weights to 1e-12 relative",
          arguments: GaussHermiteTests.references)
    func matchesLme4(_ ref: GHReference) throws {
        let rule = try GaussHermite(order: ref.k)
        #expect(rule.nodes.count == ref.k)
        var nodeAbs = 0.0
        for (a, b) in zip(rule.nodes, ref.z) { nodeAbs = max(nodeAbs, abs(a - b)) }
        let weightRel = maxRelativeDifference(rule.weights, ref.w)
        print("GaussHermite(\(ref.k)) vs lme4::GHrule: max |Δz| = \(nodeAbs), max rel Δw = \(weightRel)")
        #expect(nodeAbs <= 1e-12)
        #expect(weightRel <= 1e-12)
    }

    @Test("exact symmetry, ascending nodes, weights summing to 1", arguments: [1, 2, 3, 4, 7, 10, 25, 50, 99, 100])
    func symmetry(_ k: Int) throws {
        let rule = try GaussHermite(order: k)
        for i in 0..<k {
            #expect(rule.nodes[i] == -rule.nodes[k - 1 - i])
            #expect(rule.weights[i] == rule.weights[k - 1 - i])
            #expect(rule.weights[i] > 0)
        }
        for i in 1..<max(k, 1) { #expect(rule.nodes[i - 1] < rule.nodes[i]) }
        if k % 2 == 1 { #expect(rule.nodes[k / 2] == 0) }
        #expect(abs(rule.weights.reduce(0, +) - 1) <= 1e-14)
    }

    @Test("high orders integrate even moments E[z^(2m)] = (2m-1)!! exactly and odd moments to 0",
          arguments: [50, 100])
    func momentsHighOrder(_ k: Int) throws {
        let rule = try GaussHermite(order: k)
        // Exact for degree <= 2k − 1; check m up to 15 (degree 30), where the sum is still well conditioned.
        for m in 1...15 {
            let got = rule.integrate { z in var p = 1.0; for _ in 0..<(2 * m) { p *= z }; return p }
            let want = doubleFactorial(oddUpTo: m)
            #expect(abs(got - want) <= 1e-12 * want, "E[z^\(2 * m)] = \(got), want \(want)")
            let odd = rule.integrate { z in var p = z; for _ in 0..<(2 * m) { p *= z }; return p }
            let scale = rule.integrate { z in var p = Swift.abs(z); for _ in 0..<(2 * m) { p *= Swift.abs(z) }; return p }
            #expect(abs(odd) <= 1e-14 * scale, "E[z^\(2 * m + 1)] = \(odd)")   // symmetric pairs cancel
        }
        // E[cos z] = exp(-1/2) — a smooth non-polynomial check.
        #expect(abs(rule.integrate { Foundation.cos($0) } - 0.60653065971263342) <= 1e-14)
    }

    @Test("low orders: exact for degree 2k - 1", arguments: [1, 2, 3, 5])
    func exactDegree(_ k: Int) throws {
        let rule = try GaussHermite(order: k)
        for m in 0..<k {   // degree 2m <= 2k − 2
            let got = rule.integrate { z in var p = 1.0; for _ in 0..<(2 * m) { p *= z }; return p }
            #expect(abs(got - doubleFactorial(oddUpTo: m)) <= 1e-13 * doubleFactorial(oddUpTo: m))
        }
    }

    @Test("the physicists' form integrates against exp(-x^2)")
    func physicists() throws {
        let rule = try GaussHermite(order: 2, weightFunction: .physicists)
        // Abramowitz & Stegun 25.4.46: n = 2, x = ±1/√2, w = √π / 2.
        #expect(abs(rule.nodes[1] - 0.70710678118654752) <= 1e-16)
        #expect(abs(rule.weights[0] - 0.88622692545275801) <= 2e-16)
        let big = try GaussHermite(order: 20, weightFunction: .physicists)
        let rootPi = Double.pi.squareRoot()
        #expect(abs(big.weights.reduce(0, +) - rootPi) <= 1e-14)
        // ∫ x^4 exp(-x^2) dx = 3√π/4
        #expect(abs(big.integrate { $0 * $0 * $0 * $0 } - 3 * rootPi / 4) <= 1e-14)
        // A&S 25.4.46, n = 10, largest node 3.436159118837737603327
        let ten = try GaussHermite(order: 10, weightFunction: .physicists)
        #expect(abs(ten.nodes[9] - 3.436159118837737603327) <= 1e-14)
    }

    @Test("orders outside 1...100 are rejected", arguments: [0, -3, 101, 1000])
    func badOrder(_ k: Int) {
        #expect(throws: DistributionError.self) { try GaussHermite(order: k) }
    }
}

@Suite("SymmetricTridiagonal eigen-solver (LAPACK dstev)")
struct SymmetricTridiagonalTests {
    @Test("eigenvalues of the 1-2-1 matrix are 2 - 2 cos(j π / (n + 1))")
    func knownSpectrum() throws {
        let n = 6
        let t = try SymmetricTridiagonal(diagonal: [Double](repeating: 2, count: n),
                                         offDiagonal: [Double](repeating: -1, count: n - 1))
        let values = try t.eigenvalues()
        for j in 1...n {
            let angle = Double(j) * Double.pi / Double(n + 1)
            let expected: Double = 2 - 2 * Foundation.cos(angle)
            #expect(abs(values[j - 1] - expected) <= 1e-14)
        }
    }

    @Test("eigenvectors are orthonormal and T v = λ v; squared first components are the Golub–Welsch weights")
    func vectors() throws {
        let k = 10
        let t = try SymmetricTridiagonal(diagonal: [Double](repeating: 0, count: k),
                                         offDiagonal: (1..<k).map { Double($0).squareRoot() })
        let e = try t.eigen()
        for j in 0..<k {
            let v = e.vectors.column(j)
            #expect(abs(v.map { $0 * $0 }.reduce(0, +) - 1) <= 1e-14)
            for i in 0..<k {
                var tv = t.diagonal[i] * v[i]
                if i > 0 { tv += t.offDiagonal[i - 1] * v[i - 1] }
                if i < k - 1 { tv += t.offDiagonal[i] * v[i + 1] }
                #expect(abs(tv - e.values[j] * v[i]) <= 1e-13)
            }
        }
        let rule = try GaussHermite(order: k)
        for (w, f) in zip(rule.weights, e.firstComponents) { #expect(abs(w - f * f) <= 1e-14) }
    }

    @Test("mismatched lengths throw; an empty matrix has no eigenvalues")
    func edges() throws {
        #expect(throws: LinalgError.self) { try SymmetricTridiagonal(diagonal: [1, 2], offDiagonal: []) }
        #expect(try SymmetricTridiagonal(diagonal: [], offDiagonal: []).eigenvalues().isEmpty)
        #expect(try SymmetricTridiagonal(diagonal: [3], offDiagonal: []).eigen().values == [3])
    }
}
