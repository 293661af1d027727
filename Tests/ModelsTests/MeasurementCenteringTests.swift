import Testing
import Frames
import Linalg
@testable import Models
import TestSupport

/// School means joined onto pupils, centering and the contextual effect, on multilevel's `bh1996`
/// (HRS = work hours of 7,382 soldiers in 99 companies), checked against R and the dataset's own
/// group-mean (`G.HRS`) and within-centered (`W.HRS`) columns.
@Suite("Centering: school means, CWC, CGM and the contextual effect")
struct MeasurementCenteringTests {
    static let bh = try! NumericCSV("measurement/bh1996.csv")
    static let ref = try! JSONFixture("measurement/bh1996_agreement.json")["centering"]

    static func decomposition() throws -> ClusterDecomposition {
        let g = Grouping(labels: bh.column("GRP").map { fmt($0) })
        return try ClusterDecomposition(variable: "HRS", values: bh.column("HRS"), grouping: g)
    }

    @Test("school means, SDs and counts match R's tapply and the dataset's G.HRS / W.HRS")
    func schoolMeans() throws {
        // R: tapply(bh$HRS, bh$GRP, mean); tapply(..., sd); tapply(..., length); mean(bh$HRS)
        let d = try Self.decomposition()
        #expect(d.groups.map(\.group) == Self.ref.strings("groups"))
        #expect(maxRelativeDifference(d.groups.map(\.mean), Self.ref.doubles("group_mean")) < 1e-12)
        #expect(maxRelativeDifference(d.groups.map(\.sd), Self.ref.doubles("group_sd")) < 1e-12)
        #expect(d.groups.map { Double($0.n) } == Self.ref.doubles("group_n"))
        #expect(isClose(d.grandMean, Self.ref.double("grand_mean"), rel: 1e-14))
        // The data ship their own group means and within-centered values, stored in bh1996 itself to
        // about 8-10 significant digits (hence the looser tolerance; R's tapply values above are exact).
        #expect(maxRelativeDifference(d.groupMean, Self.bh.column("G.HRS")) < 1e-9)
        #expect(maxAbsoluteDifference(d.withinCentered, Self.bh.column("W.HRS")) < 1e-7)
        // R: head(bh$HRS - ave(bh$HRS, bh$GRP), 50); head(bh$HRS - mean(bh$HRS), 50)
        #expect(maxAbsoluteDifference(Array(d.withinCentered.prefix(50)), Self.ref.doubles("cwc_head")) < 1e-12)
        #expect(maxAbsoluteDifference(Array(d.grandMeanCentered.prefix(50)), Self.ref.doubles("cgm_head")) < 1e-12)
    }

    @Test("the contextual effect and its SE from vcov equal R's, and equal the school-mean coefficient under CGM")
    func contextualEffect() throws {
        // R: m1 <- lm(WBEING ~ cwc + gm); coef(m1)["gm"] - coef(m1)["cwc"];
        //    sqrt(V["gm","gm"] + V["cwc","cwc"] - 2 V["gm","cwc"]) with V <- vcov(m1)
        let m = Self.ref["model_cwc"]
        let terms = m.strings("terms")
        let v = (m.object["vcov"] as! [[Any]]).map { $0.map { ($0 as! Double) } }
        let cov = Matrix(rowMajor: v)
        let c = try ContextualEffect(terms: terms, estimates: m.doubles("coef"), covariance: cov, between: "gm", within: "cwc")
        #expect(isClose(c.estimate, Self.ref["contextual"].double("estimate"), rel: 1e-10))
        #expect(isClose(c.stdError, Self.ref["contextual"].double("std_error"), rel: 1e-10))
        // R: m2 <- lm(WBEING ~ cgm + gm); coef(m2)["gm"] and its SE: the same quantity.
        #expect(isClose(c.estimate, Self.ref["model_cgm"].double("gm_estimate"), rel: 1e-8))
        #expect(isClose(c.stdError, Self.ref["model_cgm"].double("gm_std_error"), rel: 1e-8))
        #expect(c.pValue < 1e-20)
        let rows = zip(terms, m.doubles("coef")).map {
            Coefficient(term: $0, estimate: $1, stdError: .nan, statistic: .nan, pValue: .nan, confLow: .nan, confHigh: .nan)
        }
        #expect(try ContextualEffect(coefficients: rows, covariance: cov, between: "gm", within: "cwc") == c)
        #expect(throws: MeasurementError.unknownTerm("school_mean", available: terms)) {
            try ContextualEffect(terms: terms, estimates: m.doubles("coef"), covariance: cov, between: "school_mean", within: "cwc")
        }
    }

    @Test("joining adds <x>_mean, _sd, _n, _cwc, _cgm; missing values and missing schools are counted")
    func joinAndMissing() throws {
        let table = try Table(columns: [
            Column(name: "school", values: .string(["a", "a", "a", "b", "b", "c", "c"]), missing: [false, false, false, false, false, false, true]),
            Column(name: "x", values: .double([1, 2, .nan, 4, 6, 5, 7]), missing: [false, false, true, false, false, false, false]),
        ])
        let d = try ClusterDecomposition(table: table, variable: "x", group: "school")
        #expect(d.missingValues == 1 && d.missingGroups == 1)
        #expect(d.groups.map(\.n) == [2, 2, 1] && d.groups.map(\.missing) == [1, 0, 0])
        #expect(d.grandMean == (1 + 2 + 4 + 6 + 5) / 5.0)
        let joined = try d.joined(to: table)
        let mean = try joined.column("x_mean").doubles!
        #expect(mean[0] == 1.5 && mean[2] == 1.5 && mean[3] == 5 && mean[5] == 5 && mean[6].isNaN)
        #expect(try joined.column("x_cwc").doubles![2].isNaN)            // missing x keeps the mean, no CWC
        #expect(try joined.column("x_sd").doubles![5].isNaN)              // one pupil: no SD
        #expect(try joined.column("x_n").values == .integer([2, 2, 2, 2, 2, 1, 0]))
        #expect(try joined.column("x_cgm").doubles![4] == 6 - d.grandMean)
        // School means 1.5, 5, 5 (each school once): centre 23/6; a pupil without a school gets none.
        #expect(Swift.abs(d.meanOfGroupMeans - (1.5 + 5 + 5) / 3) < 1e-15)
        let meanC = try joined.column("x_mean_c").doubles!
        #expect(Swift.abs(meanC[0] - (1.5 - d.meanOfGroupMeans)) < 1e-15 && meanC[6].isNaN)
    }

    @Test("ICC from variance components, and Spearman–Brown ICC(2)")
    func iccHook() throws {
        #expect(try IntraclassCorrelation.fromVarianceComponents(between: 1, within: 3) == 0.25)
        let latent = try IntraclassCorrelation.fromVarianceComponents(between: 0.4, within: Double.pi * Double.pi / 3)
        #expect(isClose(latent, 0.4 / (0.4 + 3.289868133696453), rel: 1e-14))
        #expect(throws: MeasurementError.self) { try IntraclassCorrelation.fromVarianceComponents(between: -1, within: 1) }
        // R: k * ICC1 / (1 + (k - 1) * ICC1) with multilevel's k = N/G equals ICC(2) from the same ANOVA
        let g = Grouping(labels: Self.bh.column("GRP").map { fmt($0) })
        let icc = try IntraclassCorrelation(variable: "HRS", values: Self.bh.column("HRS"), grouping: g)
        #expect(isClose(IntraclassCorrelation.spearmanBrown(icc1: icc.icc1, groupSize: icc.meanGroupSize), icc.icc2, rel: 1e-12))
    }
}
