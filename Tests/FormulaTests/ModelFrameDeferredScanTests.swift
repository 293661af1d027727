import Foundation
import Testing
import Frames
import Linalg
@testable import Formula

/// `ModelFrame.build` scans numeric main effects for missing values through the design's column sums
/// (`ModelFrameBuilder.build(deferScans:)`): the frame, or the error, must be that of the scan of every
/// variable first, whatever the missing and infinite values.
@Suite struct ModelFrameDeferredScanTests {
    func table(x: [Double], z: [Double], y: [Double]? = nil) throws -> Table {
        let n = x.count
        return try Table(columns: [
            Column(name: "time", values: .double((0..<n).map { Double(1 + $0 % 4) })),
            Column(name: "event", values: .integer((0..<n).map { $0 % 3 == 0 ? 0 : 1 })),
            Column(name: "y", values: .double(y ?? (0..<n).map { Double($0) * 0.5 - 1 })),
            Column(name: "w", values: .double((0..<n).map { 1 + Double($0 % 5) / 4 })),
            Column(name: "school", values: .integer((0..<n).map { $0 % 6 })),
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
              a.rowsUsed == b.rowsUsed, a.offset == b.offset, a.weights == b.weights, a.strata == b.strata,
              a.cluster == b.cluster, a.frailty == b.frailty, a.randomTerms == b.randomTerms else { return false }
        switch (a.response, b.response) {
        case let (.vector(n1, v1), .vector(n2, v2)): return n1 == n2 && v1.elementsEqual(v2) { $0 == $1 || ($0.isNaN && $1.isNaN) }
        case let (.survival(s1), .survival(s2)): return s1 == s2
        default: return false
        }
    }

    /// What the deferring build alone gave: a frame, `nil` (a missing value in a deferred column), or an error.
    enum Deferring { case frame, rescan, error }

    /// Checks `build()` against the full scan and returns what its deferring first build did.
    @discardableResult
    func agree(_ formula: String, _ t: Table, options: ModelFrameOptions = ModelFrameOptions()) throws -> Deferring {
        let builder = ModelFrameBuilder(formula: try Formula(formula), data: t, options: options)
        var cache: [String: VariableValue] = [:], deferred = false
        let full = Result { () throws -> ModelFrame in
            guard let f = try builder.build(deferScans: false, cache: &cache, deferred: &deferred) else {
                throw FormulaError(kind: .invalid, position: 0, message: "no frame without deferral", formula: formula)
            }
            return f
        }
        #expect(!deferred)
        var cache2: [String: VariableValue] = [:]
        let first = Result { try builder.build(deferScans: true, cache: &cache2, deferred: &deferred) }
        let quick = Result { try builder.build() }
        switch (full, quick) {
        case let (.success(a), .success(b)): #expect(same(a, b), "\(formula)")
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)", "\(formula)")
        default: Issue.record("\(formula): one build failed, the other did not: \(full) / \(quick)")
        }
        switch first {
        case .success(let f?):
            if case .success(let a) = full { #expect(same(a, f), "\(formula): the deferring build's own frame") }
            return .frame
        case .success(nil): return .rescan
        case .failure: return .error
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
                        "y ~ log(z + 10) + x", "y ~ x + offset(z)", "y ~ 0 + x", "y ~ x - x + z", "x ~ z + x",
                        "Surv(time, event) ~ x + z + cluster(school)", "Surv(time, event) ~ x + frailty(school)",
                        "y ~ x + (x | g)", "y ~ x + (1 | g)", "y ~ .", "y ~ (x) + I(x) + z"]
        for (x, z) in cases {
            let t = try table(x: x, z: z)
            for f in formulas { try agree(f, t) }
            try agree("y ~ x + z", t, options: ModelFrameOptions(weights: "x"))
            try agree("y ~ x + z", t, options: ModelFrameOptions(offset: "z"))
            try agree("y ~ x + z", t, options: ModelFrameOptions(weights: "w", offset: "x"))
            // `truant fit`'s Cox frames: the design kept as its variables, whose sums the deferred scan reads.
            let cox = ModelFrameOptions(interceptColumn: false, deferNumericDesign: true)
            for f in ["Surv(time, event) ~ x + z", "Surv(time, event) ~ x + z + cluster(school)", "Surv(time, event) ~ x + school"] {
                try agree(f, t, options: cox)
                // (All-missing x leaves no row: an error, the same as the full scan's above.)
                if let frame = try? ModelFrame.build(formula: f, data: t, options: cox) {
                    #expect(frame.fixed.variableColumns != nil, "\(f)")
                }
            }
        }
    }

    /// Which path the deferring build takes: its own frame on clean data, with an infinite value, or with a
    /// missing value in a row another variable drops anyway; `nil` (the full scan follows) when a deferred
    /// column has the only missing value of its row.
    @Test func theDeferringBuildKeepsItsFrameUnlessAMissingValueIsItsOwn() throws {
        let n = 30
        let clean = (0..<n).map { Double($0 % 5) - 1.5 }
        var xNaN = clean; xNaN[4] = .nan
        var xInf = clean; xInf[7] = -.infinity
        var y = (0..<n).map { Double($0) }; y[4] = .nan         // drops row 4 by the (scanned) response
        #expect(try agree("y ~ x + z", try table(x: clean, z: clean)) == .frame)
        #expect(try agree("y ~ x + z", try table(x: xInf, z: clean)) == .frame)
        #expect(try agree("y ~ x + z", try table(x: xNaN, z: clean, y: y)) == .frame)
        #expect(try agree("y ~ x + z", try table(x: xNaN, z: clean)) == .rescan)
        #expect(try agree("y ~ x:z", try table(x: xNaN, z: clean)) == .frame)   // no main effect: x scanned, nothing deferred
        let allNaN = [Double](repeating: .nan, count: n)
        #expect(try agree("y ~ x + z", try table(x: allNaN, z: clean)) == .rescan)
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
