import CKernels
import Foundation
import Testing
@testable import Models

/// The C kernel of one chunk of the Cox per-slot pass (`truant_cox_chunk`): its outputs against the definition
/// computed here in Swift, and its AVX2 and baseline variants against each other.
@Suite struct SurvivalCoxChunkKernelTests {
    struct Output: Equatable {
        var eta: [Double], risk: [Double], z: [Double]
    }

    /// Runs the kernel on rows `at ..< at + m` of a column-major n x p matrix.
    func run(_ x: [Double], n: Int, p: Int, w: Int, at: Int, m: Int, beta: [Double], offset: [Double]?,
             rootWeight: [Double]?, atZero: Bool, baseline: Bool) -> Output {
        var out = Output(eta: [Double](repeating: .nan, count: m), risk: [Double](repeating: .nan, count: m),
                         z: [Double](repeating: .nan, count: m * w))
        x.withUnsafeBufferPointer { xs in
        beta.withUnsafeBufferPointer { b in
        out.eta.withUnsafeMutableBufferPointer { e in
        out.risk.withUnsafeMutableBufferPointer { r in
        out.z.withUnsafeMutableBufferPointer { z in
            let o = offset.map { Array($0[at...]) }, rw = rootWeight.map { Array($0[at...]) }
            o.withUnsafeBufferPointerIfPresent { op in
                rw.withUnsafeBufferPointerIfPresent { wp in
                    let f = baseline ? truant_cox_chunk_baseline : truant_cox_chunk
                    f(Int32(m), Int32(p), Int32(w), n, xs.baseAddress! + at, b.baseAddress!, op?.baseAddress, wp?.baseAddress, atZero ? 1 : 0,
                      e.baseAddress!, r.baseAddress!, z.baseAddress!)
                }
            }
        }}}}}
        return out
    }

    func data(n: Int, p: Int) -> (x: [Double], offset: [Double], rootWeight: [Double]) {
        var s: UInt64 = 12345
        func next() -> Double {
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(s >> 11) / Double(1 << 53)
        }
        let x = (0..<(n * p)).map { _ in next() * 4 - 2 }
        let offset = (0..<n).map { _ in next() - 0.5 }
        let rootWeight = (0..<n).map { _ in (0.5 + next()).squareRoot() }
        return (x, offset, rootWeight)
    }

    @Test(arguments: [false, true])
    func matchesItsDefinition(weighted: Bool) {
        let n = 1_000, p = 5, w = 8, at = 101, m = 611   // m % 4 == 3: a scalar tail
        let d = data(n: n, p: p)
        let beta = [0.3, 0, -0.7, 0.05, 1.1]             // a zero coefficient is skipped
        let out = run(d.x, n: n, p: p, w: w, at: at, m: m, beta: beta, offset: weighted ? d.offset : nil,
                      rootWeight: weighted ? d.rootWeight : nil, atZero: false, baseline: false)
        for k in 0..<m {
            var eta = weighted ? d.offset[at + k] : 0
            // The kernel's η: fused multiply-adds in j order (Double.addingProduct rounds once, as fma does).
            for j in 0..<p where beta[j] != 0 { eta = eta.addingProduct(beta[j], d.x[j * n + at + k]) }
            #expect(Swift.abs(out.eta[k] - eta) <= 1e-15 * (1 + Swift.abs(eta)))
            let s = Foundation.exp(eta / 2) * (weighted ? d.rootWeight[at + k] : 1)
            #expect(Swift.abs(out.z[k] - s) <= 8e-16 * s)   // η may differ by rounding on a machine without FMA
            #expect(Swift.abs(out.risk[k] - s * s) <= 1e-15 * s * s)
            for j in 0..<p { #expect(Swift.abs(out.z[(j + 1) * m + k] - s * d.x[j * n + at + k]) <= 1e-15 * s * 2) }
            for j in (p + 1)..<w { #expect(out.z[j * m + k] == 0) }
        }
    }

    @Test func atZeroGivesUnitRisksTimesTheWeights() {
        let n = 50, p = 3, w = 4
        let d = data(n: n, p: p)
        let out = run(d.x, n: n, p: p, w: w, at: 0, m: n, beta: [0, 0, 0], offset: nil, rootWeight: d.rootWeight,
                      atZero: true, baseline: false)
        for k in 0..<n {
            #expect(out.eta[k] == 0)
            #expect(out.z[k] == d.rootWeight[k])
            #expect(out.risk[k] == d.rootWeight[k] * d.rootWeight[k])
        }
    }

    @Test func withoutARiskBufferTheOtherOutputsAreTheSame() {
        let n = 200, p = 4, w = 8
        let d = data(n: n, p: p)
        let beta = [0.2, -0.1, 0.4, 0.3]
        let full = run(d.x, n: n, p: p, w: w, at: 3, m: 150, beta: beta, offset: d.offset, rootWeight: d.rootWeight,
                       atZero: false, baseline: false)
        var eta = [Double](repeating: .nan, count: 150), z = [Double](repeating: .nan, count: 150 * w)
        d.x.withUnsafeBufferPointer { xs in
        beta.withUnsafeBufferPointer { b in
        d.offset.withUnsafeBufferPointer { o in
        d.rootWeight.withUnsafeBufferPointer { rw in
        eta.withUnsafeMutableBufferPointer { e in
        z.withUnsafeMutableBufferPointer { zp in
            truant_cox_chunk(150, Int32(p), Int32(w), n, xs.baseAddress! + 3, b.baseAddress!, o.baseAddress! + 3,
                             rw.baseAddress! + 3, 0, e.baseAddress!, nil, zp.baseAddress!)
        }}}}}}
        #expect(eta.map(\.bitPattern) == full.eta.map(\.bitPattern))
        #expect(z.map(\.bitPattern) == full.z.map(\.bitPattern))
    }

    /// A panel narrower than the intercept column and the covariates (w < p + 1) is refused: nothing written.
    @Test func aPanelTooNarrowWritesNothing() {
        let n = 40, p = 4
        let d = data(n: n, p: p)
        let beta = [0.1, 0.2, 0.3, 0.4]
        var eta = [Double](repeating: 7, count: n), risk = eta, z = [Double](repeating: 7, count: n * 4)
        d.x.withUnsafeBufferPointer { xs in
        beta.withUnsafeBufferPointer { b in
        eta.withUnsafeMutableBufferPointer { e in
        risk.withUnsafeMutableBufferPointer { r in
        z.withUnsafeMutableBufferPointer { zp in
            truant_cox_chunk(Int32(n), Int32(p), 4, n, xs.baseAddress!, b.baseAddress!, nil, nil, 0, e.baseAddress!,
                             r.baseAddress!, zp.baseAddress!)
            truant_cox_chunk_baseline(Int32(n), Int32(p), 4, n, xs.baseAddress!, b.baseAddress!, nil, nil, 0,
                                      e.baseAddress!, r.baseAddress!, zp.baseAddress!)
        }}}}}
        #expect(eta.allSatisfy { $0 == 7 } && risk.allSatisfy { $0 == 7 } && z.allSatisfy { $0 == 7 })
    }

    @Test func variantsAgree() {
        let n = 3_000, p = 11, w = 12
        let d = data(n: n, p: p)
        let beta = (0..<p).map { Double($0) * 0.13 - 0.6 }
        for (offset, weights) in [(nil, nil), (d.offset, d.rootWeight)] as [([Double]?, [Double]?)] {
            let a = run(d.x, n: n, p: p, w: w, at: 7, m: 2_047, beta: beta, offset: offset, rootWeight: weights,
                        atZero: false, baseline: false)
            let b = run(d.x, n: n, p: p, w: w, at: 7, m: 2_047, beta: beta, offset: offset, rootWeight: weights,
                        atZero: false, baseline: true)
            // The AVX2 variant fuses the linear predictor's multiply-adds, the baseline one does not: equal up to
            // rounding (and the rest of the arithmetic is the same).
            #expect(zip(a.eta, b.eta).allSatisfy { Swift.abs($0 - $1) <= 1e-14 * (1 + Swift.abs($1)) })
            #expect(zip(a.risk, b.risk).allSatisfy { Swift.abs($0 - $1) <= 1e-13 * Swift.abs($1) })
            #expect(zip(a.z, b.z).allSatisfy { Swift.abs($0 - $1) <= 1e-13 * (1e-300 + Swift.abs($1)) + 1e-300 })
        }
    }
}
