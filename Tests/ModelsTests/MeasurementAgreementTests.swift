import Testing
import Linalg
@testable import Models
import TestSupport

/// Aggregation diagnostics on multilevel's `bh1996` (7,382 soldiers in 99 companies) and `lq2002`
/// (2,042 soldiers in 49 companies), checked against multilevel 2.7
/// (Scripts/reference/measurement.R → Tests/Fixtures/measurement/*_agreement.json).
@Suite("Aggregation: ICC(1), ICC(2), r_wg, r_wg(j) vs multilevel")
struct MeasurementAgreementTests {
    static let bh = try! NumericCSV("measurement/bh1996.csv")
    static let bhRef = try! JSONFixture("measurement/bh1996_agreement.json")
    static let lq = try! NumericCSV("measurement/lq2002.csv")
    static let lqRef = try! JSONFixture("measurement/lq2002_agreement.json")

    static func grouping(_ data: NumericCSV, _ name: String) -> Grouping {
        Grouping(labels: data.column(name).map { $0.isNaN ? nil : fmt($0) })
    }

    @Test("ICC(1) and ICC(2) of HRS, LEAD, COHES, WBEING match multilevel::ICC1/ICC2 within 1e-8")
    func iccBH1996() throws {
        // R: m <- aov(bh$HRS ~ as.factor(bh$GRP)); multilevel::ICC1(m); multilevel::ICC2(m)   (same for LEAD, COHES, WBEING)
        let g = Self.grouping(Self.bh, "GRP")
        for ref in Self.bhRef.array("icc") {
            let name = ref.object["var"] as! String
            let icc = try IntraclassCorrelation(variable: name, values: Self.bh.column(name), grouping: g)
            #expect(isClose(icc.icc1, ref.double("icc1"), rel: 1e-8), "\(name) ICC1")
            #expect(isClose(icc.icc2, ref.double("icc2"), rel: 1e-8), "\(name) ICC2")
            #expect(isClose(icc.meanSquareBetween, ref.double("msb"), rel: 1e-10))
            #expect(isClose(icc.meanSquareWithin, ref.double("msw"), rel: 1e-10))
            #expect(Double(icc.dfBetween) == ref.double("df_between") && Double(icc.dfWithin) == ref.double("df_within"))
            #expect(icc.groupCount == 99 && icc.n == 7382 && icc.excludedRows == 0)
        }
    }

    @Test("ICC(1) and ICC(2) on lq2002 match multilevel within 1e-8")
    func iccLQ2002() throws {
        // R: m <- aov(lq$TSIG01 ~ as.factor(lq$COMPID)); ICC1(m); ICC2(m)   (also LEAD01, HOSTIL01)
        let g = Self.grouping(Self.lq, "COMPID")
        for ref in Self.lqRef.array("icc") {
            let name = ref.object["var"] as! String
            let icc = try IntraclassCorrelation(variable: name, values: Self.lq.column(name), grouping: g)
            #expect(isClose(icc.icc1, ref.double("icc1"), rel: 1e-8), "\(name) ICC1")
            #expect(isClose(icc.icc2, ref.double("icc2"), rel: 1e-8), "\(name) ICC2")
        }
    }

    @Test("r_wg of LEAD and COHES (5 options) matches multilevel::rwg within 1e-8, group by group")
    func rwg() throws {
        // R: multilevel::rwg(bh$LEAD, bh$GRP, ranvar = 2)   (and COHES)
        let g = Self.grouping(Self.bh, "GRP")
        for ref in Self.bhRef.array("rwg") {
            let name = ref.object["var"] as! String
            let a = try WithinGroupAgreement(names: [name], columns: [Self.bh.column(name)], grouping: g,
                                             nullVariance: try WithinGroupAgreement.uniformNullVariance(options: 5))
            #expect(a.groups.map(\.group) == ref.strings("group"))
            #expect(a.groups.map { Double($0.n) } == ref.doubles("gsize"))
            #expect(maxRelativeDifference(a.groups.map { $0.value ?? .nan }, ref.doubles("rwg")) < 1e-8)
        }
    }

    @Test("r_wg(j) matches multilevel::rwg.j within 1e-8 (bh1996 LEAD+COHES; lq2002 TSIG, LEAD, HOSTIL scales)")
    func rwgJ() throws {
        // R: multilevel::rwg.j(bh[, c("LEAD", "COHES")], bh$GRP, ranvar = 2)
        let bhRef = Self.bhRef["rwg_j"]
        let a = try WithinGroupAgreement(names: ["LEAD", "COHES"], columns: [Self.bh.column("LEAD"), Self.bh.column("COHES")],
                                         grouping: Self.grouping(Self.bh, "GRP"), nullVariance: 2)
        #expect(a.groups.map(\.group) == bhRef.strings("group"))
        #expect(maxRelativeDifference(a.groups.map { $0.value ?? .nan }, bhRef.doubles("rwg_j")) < 1e-8)
        // R: multilevel::rwg.j(lq[, c("TSIG01","TSIG02","TSIG03")], lq$COMPID, ranvar = 2)   (and the 11 LEAD, 5 HOSTIL items)
        let g = Self.grouping(Self.lq, "COMPID")
        for key in ["tsig", "lead", "hostil"] {
            let ref = Self.lqRef[key]
            let vars = ref.strings("vars")
            let a = try WithinGroupAgreement(names: vars, columns: vars.map { Self.lq.column($0) }, grouping: g,
                                             nullVariance: try WithinGroupAgreement.uniformNullVariance(options: 5))
            #expect(a.groups.map(\.group) == ref.strings("group"), "\(key)")
            #expect(a.groups.map { Double($0.n) } == ref.doubles("gsize"), "\(key)")
            #expect(maxRelativeDifference(a.groups.map { $0.value ?? .nan }, ref.doubles("rwg_j")) < 1e-8, "\(key)")
            #expect(isClose(a.mean, ref.double("mean"), rel: 1e-8) && isClose(a.median, ref.double("median"), rel: 1e-8), "\(key)")
        }
    }

    @Test("the agreement report bundles ICCs, r_wg(j), group sizes and flags small groups")
    func report() throws {
        let g = Self.grouping(Self.lq, "COMPID")
        let vars = ["TSIG01", "TSIG02", "TSIG03"]
        let r = try AgreementReport(names: vars, columns: vars.map { Self.lq.column($0) }, grouping: g,
                                    groupVariable: "COMPID", options: 5, minimumGroupSize: 20)
        let ref = Self.lqRef["tsig"]
        #expect(r.groupCount == ref.strings("group").count)
        #expect(r.groupSizes.map { Double($0.n) } == ref.doubles("gsize"))
        let expectedSmall = zip(ref.strings("group"), ref.doubles("gsize")).filter { $0.1 < 20 }.map(\.0)
        #expect(r.smallGroups == expectedSmall && !expectedSmall.isEmpty)
        #expect(r.warnings.contains { $0.contains("fewer than 20 members") })
        #expect(isClose(r.intraclass[0].icc1, Self.lqRef.array("icc")[0].double("icc1"), rel: 1e-8))
    }
}
