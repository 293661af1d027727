import Foundation
import Testing
@testable import Linalg

/// The vector exponential against the C library's, value by value.
@Suite struct VectorExpTests {
    /// Distance in units in the last place between two positive finite doubles.
    func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let x = a.bitPattern, y = b.bitPattern
        return x > y ? x - y : y - x
    }

    @Test func matchesTheCLibraryWithinTwoUlp() {
        // A dense sweep of the range a Cox or GLM linear predictor lives in, and the reduction's edges.
        var values: [Double] = []
        var x = -40.0
        while x <= 40 { values.append(x); x += 0.000_731 }
        for k in -30...30 { let c = Double(k) * M_LN2 * 0.5; values += [c, c.nextUp, c.nextDown] }
        values += [0, -0.0, 1e-300, -1e-300, 700, -700, 708.9, -707.9]
        var out = values
        out.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: $0.count) }
        var worst: UInt64 = 0
        for (v, e) in zip(values, out) { worst = max(worst, ulps(e, Foundation.exp(v))) }
        #expect(worst <= 2)
    }

    @Test func outOfRangeAndSpecialValuesFollowTheCLibrary() {
        let values: [Double] = [800, -800, 709.5, -745.2, .infinity, -.infinity, .nan, 1, 2, 3, -1000, 710]
        var out = values
        out.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: $0.count) }
        for (v, e) in zip(values, out) {
            let c = Foundation.exp(v)
            if c.isNaN { #expect(e.isNaN) } else if !c.isFinite || c < 1e-300 { #expect(e == c) } else { #expect(ulps(e, c) <= 2) }
        }
    }

    @Test func tailsShorterThanFourAreExact() {
        for count in 0..<7 {
            var v = (0..<count).map { Double($0) * 0.37 - 1 }
            let expected = v.map { Foundation.exp($0) }
            v.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: count) }
            for (k, (a, b)) in zip(v, expected).enumerated() {
                // The last count % 4 values are the C library's own; the groups of four within 2 ulp.
                if k >= count - count % 4 { #expect(a == b) } else { #expect(ulps(a, b) <= 2) }
            }
        }
    }
}

extension VectorExpTests {
    @Test func baselineAndDispatchedVariantsGiveTheSameBits() {
        var values: [Double] = []
        var x = -60.0
        while x <= 60 { values.append(x); x += 0.003_17 }
        values += [800, -800, .nan, 1, 2]
        var a = values, b = values
        a.withUnsafeMutableBufferPointer { VectorExp.exponentiate($0.baseAddress!, count: $0.count) }
        b.withUnsafeMutableBufferPointer { VectorExp.exponentiateBaseline($0.baseAddress!, count: $0.count) }
        #expect(zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
