import Foundation
import Testing
import Frames
import Linalg
import TestSupport
@testable import Formula

/// One case of Tests/Fixtures/formula/cases.json (written by Scripts/reference/formula.R).
struct MatrixCase: CustomStringConvertible {
    let raw: [String: Any]
    var id: String { raw["id"] as? String ?? "?" }
    var formula: String { raw["formula"] as? String ?? "" }
    var data: String { raw["data"] as? String ?? "" }
    var description: String { id }

    static func all() -> [MatrixCase] {
        guard let list = try? Fixtures.json("formula/cases.json") as? [[String: Any]] else { return [] }
        return list.map(MatrixCase.init)
    }
    static var ids: [String] { all().map(\.id) }
    static func named(_ id: String) -> MatrixCase? { all().first { $0.id == id } }

    func strings(_ key: String) -> [String] {
        if let a = raw[key] as? [String] { return a }
        if let s = raw[key] as? String { return [s] }
        return []
    }
    func doubles(_ key: String) -> [Double]? {
        if let a = raw[key] as? [NSNumber] { return a.map(\.doubleValue) }
        if let a = raw[key] as? [Any] { return a.map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
        if let x = raw[key] as? NSNumber { return [x.doubleValue] }
        return nil
    }
    func ints(_ key: String) -> [Int] { (doubles(key) ?? []).map { Int($0) } }

    var options: ModelFrameOptions {
        var o = ModelFrameOptions()
        if let c = raw["contrasts"] as? [String: String] {
            for (k, v) in c { o.contrasts[k] = v == "contr.sum" ? .sum : .treatment }
        }
        if let r = raw["reference"] as? [String: String] { o.reference = r }
        return o
    }
}

/// Each R `model.matrix` case: same column names in the same order, same `assign`, same term
/// labels, same rows dropped, and the same values (exact for codings, 1e-12 relative otherwise).
@Test("model matrices match R's model.matrix", arguments: MatrixCase.ids)
func modelMatrixMatchesR(_ id: String) throws {
    let c = try #require(MatrixCase.named(id))
    let table = try FixtureTables.load(c.data)
    let mf = try ModelFrame.build(formula: c.formula, data: table, options: c.options)
    // R: see c.raw["call"]
    #expect(mf.fixed.columnNames == c.strings("colnames"), "\(c.id): \(c.raw["call"] ?? "")")
    #expect(mf.fixed.assign == c.ints("assign"), "\(c.id)")
    #expect(mf.fixed.termLabels == c.strings("term_labels"), "\(c.id)")
    #expect(mf.fixed.hasIntercept == (c.ints("intercept").first == 1), "\(c.id)")
    #expect(mf.nObs == c.ints("nrow").first, "\(c.id)")
    #expect(mf.nDropped == c.ints("n_dropped").first, "\(c.id)")
    #expect(mf.rowsUsed == c.ints("rows_used"), "\(c.id)")
    let x = c.doubles("x") ?? []
    #expect(!x.isEmpty && !c.strings("colnames").isEmpty && c.ints("rows_used").count == mf.nObs, "\(c.id): fixture fields present")
    #expect(mf.fixed.matrix.storage.count == x.count, "\(c.id)")
    print("formula fixture \(c.id): max relative difference \(maxRelativeDifference(mf.fixed.matrix.storage, x))")
    // Relative 1e-12, or absolute 1e-12 for entries R computes as rounding noise around 0 (contr.poly).
    let close = zip(mf.fixed.matrix.storage, x).allSatisfy { isClose($0, $1, rel: 1e-12, abs: 1e-12) }
    #expect(close && mf.fixed.matrix.storage.count == x.count, "\(c.id): max relative difference \(maxRelativeDifference(mf.fixed.matrix.storage, x))")
    if let y = c.doubles("response") {
        guard case .vector(_, let values) = mf.response else { Issue.record("\(c.id): expected a numeric response"); return }
        #expect(maxRelativeDifference(values, y) <= 1e-15, "\(c.id)")
    }
    if let o = c.doubles("offset") {
        #expect(maxRelativeDifference(mf.offset ?? [], o) <= 1e-14, "\(c.id)")
    }
    if let t = c.doubles("surv_time"), let s = c.doubles("surv_status") {
        guard case .survival(let surv) = mf.response else { Issue.record("\(c.id): expected Surv"); return }
        #expect(surv.stop == t)
        #expect(surv.status == s.map { Int($0) }, "R's Surv maps status 1/2 to 0/1")
        #expect(surv.text == "Surv(time, status)")
    }
    if let s = c.doubles("successes"), let f = c.doubles("failures") {
        guard case .binomial(let name, let ss, let ff) = mf.response else { Issue.record("\(c.id): expected cbind"); return }
        #expect(name == "cbind(ncases, ncontrols)")
        #expect(ss == s && ff == f)
    }
}

@Test("the fixtures hold all the cases the R script writes")
func fixtureCount() {
    #expect(MatrixCase.all().count == 37)
}

/// The same cases with the tables read by Frames' CSV reader (the integration path of `truant fit`).
@Test("model matrices match R's model.matrix with tables from the Frames CSV reader", arguments: MatrixCase.ids)
func modelMatrixFromCSVReader(_ id: String) throws {
    let c = try #require(MatrixCase.named(id))
    let mf = try ModelFrame.build(formula: c.formula, data: FixtureTables.loadWithReader(c.data), options: c.options)
    #expect(mf.fixed.columnNames == c.strings("colnames"), "\(c.id)")
    #expect(mf.nDropped == c.ints("n_dropped").first, "\(c.id)")
    let x = c.doubles("x") ?? []
    let close = zip(mf.fixed.matrix.storage, x).allSatisfy { isClose($0, $1, rel: 1e-12, abs: 1e-12) }
    #expect(close && mf.fixed.matrix.storage.count == x.count, "\(c.id)")
}
