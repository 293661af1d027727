import Foundation
import Testing
import Frames
import TestSupport
@testable import Formula

/// lme4's random-effects structure (Tests/Fixtures/formula/random.json, from
/// `lFormula(formula, data)$reTrms` in Scripts/reference/formula.R): group names, column names,
/// level order and per-row level codes.
@Test("random-effects terms match lme4's reTrms", arguments: ["slope", "uncorrelated", "nested"])
func randomTermsMatchLme4(_ id: String) throws {
    let all = try #require(try Fixtures.json("formula/random.json") as? [[String: Any]])
    let c = try #require(all.first { $0["id"] as? String == id })
    let table = try FixtureTables.load(try #require(c["data"] as? String))
    let mf = try ModelFrame.build(formula: try #require(c["formula"] as? String), data: table)
    let terms = try #require(c["terms"] as? [[String: Any]])
    #expect(mf.randomTerms.count == terms.count)
    #expect(mf.fixed.columnNames == (c["x_colnames"] as? [String]))
    for (mine, r) in zip(mf.randomTerms, terms) {
        #expect(mine.grouping.name == r["group"] as? String, "\(c["call"] ?? "")")
        let cols = (r["columns"] as? [String]) ?? [(r["columns"] as? String) ?? ""]
        #expect(mine.columnNames == cols)
        #expect(mine.grouping.levels == r["levels"] as? [String])
        let codes = (r["codes"] as? [NSNumber])?.map { Int32($0.intValue) }
        #expect(mine.grouping.codes == codes)
        #expect(mine.z.rows == mf.nObs && mine.z.columns == cols.count)
    }
}

@Test("random slopes: z holds a column of ones and the covariate; || marks terms uncorrelated")
func randomSlopeDesign() throws {
    let table = try FixtureTables.load("sleepstudy")
    let days = try #require(table["Days"]?.doubles)
    let mf = try ModelFrame.build(formula: "Reaction ~ Days + (Days | Subject)", data: table)
    let t = try #require(mf.randomTerms.first)
    #expect(t.z.column(0) == [Double](repeating: 1, count: 180))
    #expect(t.z.column(1) == days)
    #expect(t.correlated)
    let u = try ModelFrame.build(formula: "Reaction ~ Days + (Days || Subject)", data: table)
    #expect(u.randomTerms.map(\.correlated) == [false, false])
    #expect(u.randomTerms[1].z.column(0) == days)
}
