import Foundation
import Testing
import Frames
import Linalg
@testable import Formula

/// `ModelFrame.build` scans numeric main effects for missing values through the design's column sums
/// (`ModelFrameBuilder.build(deferScans:)`): the frame, or the error, must be that of the scan of every
/// variable first, whatever the missing and infinite values.
@Suite struct ModelFrameDeferredScanTests {
    func table(x: [Double], z: [Double]) throws -> Table {
        let n = x.count
        return try Table(columns: [
            Column(name: "time", values: .double((0..<n).map { Double(1 + $0 % 4) })),
            Column(name: "event", values: .integer((0..<n).map { $0 % 3 == 0 ? 0 : 1 })),
            Column(name: "y", values: .double((0..<n).map { Double($0) * 0.5 - 1 })),
            Column(name: "x", values: .double(x)),
            Column(name: "z", values: .double(z)),
            Column(name: "g", values: .string((0..<n).map { ["a", "b", "c"][$0 % 3] })),
        ])
    }

    /// The frame's parts that the two builds must agree on (ModelFrame itself is not Equatable).
    func same(_ a: ModelFrame, _ b: ModelFrame) -> Bool {
        // Bit for bit: an infinite value kept in a column makes NaN products in its interactions.
        func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }
        func bits(_ s: [DesignColumnSums]?) -> [UInt64]? { s.map { $0.flatMap { [$0.sum.bitPattern, $0.spread.bitPattern] } } }
        guard bits(Array(a.fixed.matrix.storage)) == bits(Array(b.fixed.matrix.storage)), a.fixed.columnNames == b.fixed.columnNames,
              a.fixed.assign == b.fixed.assign, a.fixed.hasIntercept == b.fixed.hasIntercept,
              bits(a.fixed.columnSums) == bits(b.fixed.columnSums), a.nObs == b.nObs, a.nDropped == b.nDropped,
              a.rowsUsed == b.rowsUsed, a.offset == b.offset, a.strata == b.strata, a.randomTerms == b.randomTerms else { return false }
        switch (a.response, b.response) {
        case let (.vector(n1, v1), .vector(n2, v2)): return n1 == n2 && v1.elementsEqual(v2) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case let (.survival(s1), .survival(s2)): return s1 == s2
        default: return false
        }
    }

    func agree(_ formula: String, _ t: Table) throws {
        let builder = ModelFrameBuilder(formula: try Formula(formula), data: t, options: ModelFrameOptions())
        let full = Result { try builder.build(deferScans: false) }
        let quick = Result { try builder.build() }
        switch (full, quick) {
        case let (.success(a), .success(b)): #expect(same(a, b), "\(formula)")
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)", "\(formula)")
        default: Issue.record("\(formula): one build failed, the other did not: \(full) / \(quick)")
        }
    }

    @Test func framesEqualTheFullScan() throws {
        let n = 40
        let clean = (0..<n).map { Double($0 % 7) - 2.5 }
        var xNaN = clean; xNaN[5] = .nan; xNaN[30] = .nan
        var xInf = clean; xInf[8] = .infinity
        var zNaN = clean; zNaN[5] = .nan                     // the same row as one of x's
        var zOther = clean; zOther[12] = .nan
        let allNaN = [Double](repeating: .nan, count: n)
        let cases: [([Double], [Double])] = [(clean, clean), (xNaN, clean), (xInf, clean), (xNaN, zNaN), (xNaN, zOther),
                                             (allNaN, clean), (clean, zOther)]
        let formulas = ["y ~ x + z", "y ~ x + g + x:g", "Surv(time, event) ~ x + z + strata(g)", "y ~ x:z + z",
                        "y ~ log(z + 10) + x", "y ~ x + offset(z)", "y ~ 0 + x", "y ~ x - x + z", "x ~ z + x"]
        for (x, z) in cases {
            let t = try table(x: x, z: z)
            for f in formulas { try agree(f, t) }
        }
    }

    /// A missing value in a main effect still drops its row (the design's sum finds it; the frame is built again).
    @Test func aMissingMainEffectDropsItsRow() throws {
        var x = (0..<20).map { Double($0) }
        x[3] = .nan
        let frame = try ModelFrame.build(formula: "y ~ x + z", data: try table(x: x, z: x.map { $0.isNaN ? 1 : $0 * 2 }))
        #expect(frame.nObs == 19 && frame.nDropped == 1 && !frame.rowsUsed.contains(3))
        #expect(frame.fixed.matrix.storage.allSatisfy { $0.isFinite })
    }
}
