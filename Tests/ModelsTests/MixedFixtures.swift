import Foundation
import Testing
import Formula
import Linalg
import Models
import TestSupport

/// A model frame and lme4's reference fits, read from `Tests/Fixtures/mixed/<name>.json`
/// (written by `Scripts/reference/mixed.R`).
struct MixedFixture {
    let frame: ModelFrame
    let fits: [String: [String: Any]]

    init(_ name: String) throws {
        guard let root = try Fixtures.json("mixed/\(name).json") as? [String: Any],
              let f = root["frame"] as? [String: Any], let fits = root["fits"] as? [String: [String: Any]] else {
            throw FixtureError.malformed(name)
        }
        let n = f["n"] as! Int, p = f["p"] as! Int
        let X = Matrix(rows: n, columns: p, columnMajor: MixedFixture.doubles(f["X"]))
        let xnames = MixedFixture.strings(f["xnames"])
        let design = DesignMatrix(matrix: X, columnNames: xnames, assign: Array(0..<p), termLabels: Array(xnames.dropFirst()),
                                  hasIntercept: xnames.first == "(Intercept)")
        var terms: [RandomTermDesign] = []
        for t in f["terms"] as! [[String: Any]] {
            let codes = (t["codes"] as! [Any]).map { Int32(($0 as! NSNumber).intValue) }
            let levels = MixedFixture.strings(t["levels"])
            let znames = MixedFixture.strings(t["znames"])
            let z = Matrix(rows: n, columns: znames.count, columnMajor: MixedFixture.doubles(t["z"]))
            terms.append(RandomTermDesign(grouping: GroupingFactor(name: t["group"] as! String, codes: codes, levels: levels),
                                          z: z, columnNames: znames, correlated: t["correlated"] as! Bool))
        }
        let response: Response
        if let s = f["successes"], !(s is NSNull) {
            response = .binomial(name: "y", successes: MixedFixture.doubles(s), failures: MixedFixture.doubles(f["failures"]))
        } else {
            response = .vector(name: "y", values: MixedFixture.doubles(f["y"]))
        }
        let offset = f["offset"].flatMap { $0 is NSNull ? nil : MixedFixture.doubles($0) }
        let weights = f["weights"].flatMap { $0 is NSNull ? nil : MixedFixture.doubles($0) }
        frame = ModelFrame(response: response, fixed: design, randomTerms: terms, offset: offset, weights: weights,
                           nObs: n, nDropped: 0, rowsUsed: Array(0..<n))
        self.fits = fits
    }

    func fit(_ key: String) -> RefFit { RefFit(values: fits[key]!) }

    static func doubles(_ v: Any?) -> [Double] {
        if let a = v as? [Any] { return a.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        if let x = v as? NSNumber { return [x.doubleValue] }
        return []
    }
    static func strings(_ v: Any?) -> [String] {
        if let a = v as? [String] { return a }
        if let s = v as? String { return [s] }
        return []
    }
}

enum FixtureError: Error { case malformed(String) }

/// One lme4 fit's reference values.
struct RefFit {
    let values: [String: Any]
    func d(_ k: String) -> Double { (values[k] as? NSNumber)?.doubleValue ?? .nan }
    func v(_ k: String) -> [Double] { MixedFixture.doubles(values[k]) }
    var theta: [Double] { v("theta") }
    var fixef: [Double] { v("fixef") }
    var se: [Double] { v("se") }
    var seRX: [Double] { v("se_rx") }
    var logLik: Double { d("logLik") }
    var sigma: Double { d("sigma") }
    /// (group, var1, var2, vcov, sdcor) rows of `as.data.frame(VarCorr(fit))`.
    var varcorr: [(String, String, String, Double, Double)] {
        (values["varcorr"] as! [[String: Any]]).map {
            ($0["grp"] as! String, $0["var1"] as! String, $0["var2"] as! String,
             ($0["vcov"] as! NSNumber).doubleValue, ($0["sdcor"] as! NSNumber).doubleValue)
        }
    }
    /// Per group: (names, levels, modes per level, condsd per level).
    var ranef: [(group: String, levels: [String], modes: [[Double]], condsd: [[Double]])] {
        (values["ranef"] as! [[String: Any]]).map {
            ($0["group"] as! String, MixedFixture.strings($0["levels"]),
             ($0["modes"] as! [Any]).map { MixedFixture.doubles($0) },
             ($0["condsd"] as! [Any]).map { MixedFixture.doubles($0) })
        }
    }
}

/// The SD of (group, term) in a fit, or the residual SD for group "Residual".
func fittedSD(_ fit: MixedModelFit, group: String, term: String) -> Double? {
    fit.randomEffects.first { $0.group == group && $0.term == term }?.sd
}

/// Checks a fit's variance components, correlations, conditional modes and conditional SDs against lme4's
/// `as.data.frame(VarCorr(fit))` and `ranef(fit, condVar = TRUE)`. `rel` is the relative tolerance of all four;
/// absolute floors: SDs and conditional SDs 1e-6, modes 1e-5, correlations `correlationAbs`. The `Residual` row is
/// left to the caller, and lme4's `Subject.1` (the second term of `(Days || Subject)`) is Truant's one term `Subject`.
func checkRandomEffects(_ fit: MixedModelFit, _ ref: RefFit, rel: Double, correlationAbs: Double,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    for (grp0, v1, v2, _, sdcor) in ref.varcorr {
        if grp0 == "Residual" { continue }
        let grp = grp0.hasSuffix(".1") ? String(grp0.dropLast(2)) : grp0
        if v2.isEmpty {
            let sd = fittedSD(fit, group: grp, term: v1)
            #expect(sd != nil && isClose(sd ?? .nan, sdcor, rel: rel, abs: 1e-6), "\(grp) \(v1) sd \(String(describing: sd)) vs \(sdcor)",
                    sourceLocation: sourceLocation)
        } else {
            let c = fit.randomCorrelations.first { $0.group == grp && $0.term1 == v1 && $0.term2 == v2 }?.corr
            #expect(c != nil && isClose(c ?? .nan, sdcor, rel: rel, abs: correlationAbs), "corr \(String(describing: c)) vs \(sdcor)",
                    sourceLocation: sourceLocation)
        }
    }
    for r in ref.ranef {
        guard let cm = fit.conditionalModes.first(where: { $0.group == r.group }) else {
            Issue.record("no modes for \(r.group)", sourceLocation: sourceLocation); continue
        }
        for (i, lev) in r.levels.enumerated() {
            guard let li = cm.levels.firstIndex(of: lev) else { Issue.record("level \(lev)", sourceLocation: sourceLocation); continue }
            for c in 0..<cm.columnNames.count {
                #expect(isClose(cm.mode(level: li, column: c), r.modes[i][c], rel: rel, abs: 1e-5),
                        "\(r.group) \(lev) mode \(cm.mode(level: li, column: c)) vs \(r.modes[i][c])", sourceLocation: sourceLocation)
                #expect(isClose(cm.sd(level: li, column: c), r.condsd[i][c], rel: rel, abs: 1e-6),
                        "\(r.group) \(lev) condsd \(cm.sd(level: li, column: c)) vs \(r.condsd[i][c])", sourceLocation: sourceLocation)
            }
        }
    }
}
