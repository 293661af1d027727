import CKernels
import Foundation
import Testing
@testable import Linalg

/// The C panel cross-product against a plain sum, and its AVX2 and baseline variants against each other.
@Suite struct PanelCrossProductTests {
    /// A reproducible m x w panel (column-major), values in [-2, 2).
    func panel(rows m: Int, columns w: Int, seed: UInt64) -> [Double] {
        var s = seed
        return (0..<(m * w)).map { _ in
            s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(s >> 11) / Double(1 << 53) * 4 - 2
        }
    }

    @Test(arguments: [(1, 4), (3, 4), (5, 8), (1003, 12), (2048, 12), (257, 16), (130, 36)])
    func addsTheUpperTriangleOfZTransposeZ(m: Int, w: Int) {
        let z = panel(rows: m, columns: w, seed: UInt64(m * 100 + w))
        // C starts at 1 everywhere: the kernel adds to the upper triangle and leaves the lower one alone.
        var c = [Double](repeating: 1, count: w * w)
        z.withUnsafeBufferPointer { zp in
            c.withUnsafeMutableBufferPointer { PanelCrossProduct.addUpper(columns: w, rows: m, zp.baseAddress!, into: $0.baseAddress!) }
        }
        for b in 0..<w {
            for a in 0..<w {
                if a > b { #expect(c[a + b * w] == 1); continue }
                var sum = 0.0, scale = 0.0
                for k in 0..<m { sum += z[k + a * m] * z[k + b * m]; scale += Swift.abs(z[k + a * m] * z[k + b * m]) }
                #expect(Swift.abs(c[a + b * w] - (1 + sum)) <= 1e-13 * (1 + scale))
            }
        }
    }

    @Test(arguments: [(1003, 12), (4099, 12), (130, 36)])
    func variantsAgree(m: Int, w: Int) {
        let z = panel(rows: m, columns: w, seed: 7)
        var a = [Double](repeating: 0.5, count: w * w), b = a
        z.withUnsafeBufferPointer { zp in
            a.withUnsafeMutableBufferPointer { PanelCrossProduct.addUpper(columns: w, rows: m, zp.baseAddress!, into: $0.baseAddress!) }
            b.withUnsafeMutableBufferPointer {
                PanelCrossProduct.addUpperBaseline(columns: w, rows: m, zp.baseAddress!, into: $0.baseAddress!)
            }
        }
        // The AVX2 variant fuses its multiply-adds, the baseline one does not: equal up to rounding.
        let scale = a.map(Swift.abs).max() ?? 1
        #expect(zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-13 * scale })
    }

    /// The prefetching form is a hint only: the same bits as the plain one, whatever it is asked to fetch
    /// (another array's columns, a NULL pointer, a single row, more columns than the panel has).
    @Test(arguments: [(1003, 12), (257, 16), (3, 4)])
    func prefetchingChangesNoValue(m: Int, w: Int) {
        let z = panel(rows: m, columns: w, seed: 11)
        let next = panel(rows: 500, columns: 10, seed: 12)
        var plain = [Double](repeating: 0.25, count: w * w)
        z.withUnsafeBufferPointer { zp in
            plain.withUnsafeMutableBufferPointer { PanelCrossProduct.addUpper(columns: w, rows: m, zp.baseAddress!, into: $0.baseAddress!) }
        }
        for (rows, columns, useNext) in [(300, 10, true), (1, 1, true), (50, 10, false), (0, 3, true)] {
            var c = [Double](repeating: 0.25, count: w * w)
            z.withUnsafeBufferPointer { zp in
                next.withUnsafeBufferPointer { np in
                    c.withUnsafeMutableBufferPointer {
                        PanelCrossProduct.addUpper(columns: w, live: w, rows: m, zp.baseAddress!, into: $0.baseAddress!,
                                                   prefetching: useNext ? np.baseAddress : nil, rows: rows,
                                                   columns: columns, stride: 500)
                    }
                }
            }
            #expect(c == plain)
        }
    }

    /// Columns `live ..< w` (the Cox panel's zero padding) are not read by the live form and their entries are
    /// left alone: with them NaN, the live entries are the same bits as the full-width form on zeros there, and
    /// every other entry keeps its value. Every live width of 4 to 36 columns, so every tile shape (triangles of 1
    /// to 4 columns, rectangles of 1 and 2) and the path for more than 32 live columns are run; row counts that
    /// are and are not multiples of 4.
    @Test(arguments: [(1003, 12), (258, 4), (96, 8), (130, 36), (5, 16)])
    func liveColumnsReadAndWriteOnlyTheLiveEntries(m: Int, w: Int) {
        for live in 0...w {
            var zeros = panel(rows: m, columns: w, seed: UInt64(31 * live + w)), nans = zeros
            for k in (live * m)..<(w * m) { zeros[k] = 0; nans[k] = .nan }
            var full = [Double](repeating: 0.5, count: w * w), part = full
            zeros.withUnsafeBufferPointer { zp in
                full.withUnsafeMutableBufferPointer { PanelCrossProduct.addUpper(columns: w, rows: m, zp.baseAddress!, into: $0.baseAddress!) }
            }
            nans.withUnsafeBufferPointer { zp in
                part.withUnsafeMutableBufferPointer {
                    PanelCrossProduct.addUpper(columns: w, live: live, rows: m, zp.baseAddress!, into: $0.baseAddress!,
                                               prefetching: nil, rows: 0, columns: 0, stride: m)
                }
            }
            for b in 0..<w {
                for a in 0..<w {
                    let k = a + b * w
                    if a <= b && b < live {
                        #expect(part[k] == full[k], "w \(w), live \(live), m \(m), entry (\(a), \(b))")
                    } else {
                        #expect(part[k] == 0.5, "w \(w), live \(live), m \(m), entry (\(a), \(b))")
                    }
                }
            }
        }
    }

    /// The C entry points refuse what the Swift wrapper stops on a precondition: a width that is not a multiple
    /// of 4, negative sizes, or live columns outside 0...w, leave C untouched.
    @Test func theKernelWritesNothingForABadWidth() {
        let z = [Double](repeating: 3, count: 60)
        for (w, m) in [(6, 10), (0, 10), (-4, 10), (4, -1)] {
            var c = [Double](repeating: 2, count: 36)
            z.withUnsafeBufferPointer { zp in
                c.withUnsafeMutableBufferPointer {
                    truant_cross_upper(Int32(w), Int32(m), zp.baseAddress, $0.baseAddress)
                    truant_cross_upper_baseline(Int32(w), Int32(m), zp.baseAddress, $0.baseAddress)
                    truant_cross_upper_prefetch(Int32(w), Int32(w), Int32(m), zp.baseAddress, $0.baseAddress, nil, 0, 0, 0)
                }
            }
            #expect(c.allSatisfy { $0 == 2 })
        }
        // Live columns outside 0...w.
        for live in [-1, 5] {
            var c = [Double](repeating: 2, count: 16)
            z.withUnsafeBufferPointer { zp in
                c.withUnsafeMutableBufferPointer {
                    truant_cross_upper_prefetch(4, Int32(live), 10, zp.baseAddress, $0.baseAddress, nil, 0, 0, 0)
                }
            }
            #expect(c.allSatisfy { $0 == 2 })
        }
    }

    @Test func noRowsAddNothing() {
        let z = [Double](repeating: 3, count: 8)
        var c = [Double](repeating: 2, count: 16)
        z.withUnsafeBufferPointer { zp in
            c.withUnsafeMutableBufferPointer { PanelCrossProduct.addUpper(columns: 4, rows: 0, zp.baseAddress!, into: $0.baseAddress!) }
        }
        #expect(c.allSatisfy { $0 == 2 })
    }
}
