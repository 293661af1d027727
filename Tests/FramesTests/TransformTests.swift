import Foundation
import Testing
import TestSupport
@testable import Frames

/// The pupils fixture (10 pupils in 4 schools, one with a missing school).
func pupils() throws -> Table { try Table.read(path: Fixtures.path("frames/pupils.csv")) }

/// A JSON number or `null` as a double (`NaN` for null).
func num(_ x: Any?) -> Double { (x as? Double) ?? .nan }

@Suite("Transforms")
struct TransformTests {
    @Test("select keeps the order given and rejects unknown names with a suggestion")
    func select() throws {
        let t = try pupils().select(["score", "pupil"])
        #expect(t.columnNames == ["score", "pupil"])
        #expect(throws: FrameError.unknownColumn(name: "scor", suggestions: ["score"])) { try pupils().select(["scor"]) }
    }

    @Test("filter by predicate and by mask")
    func filter() throws {
        let p = try pupils()
        let older = try p.filter { try (p.double("age", $0) ?? 0) >= 14 }
        #expect(try older.column("pupil").values == .integer([4, 7, 9]))
        let first = try p.filter(mask: (0..<10).map { $0 < 2 })
        #expect(first.rowCount == 2)
        #expect(throws: FrameError.self) { try p.filter(mask: [true]) }
    }

    @Test("derive a column; missing inputs give missing outputs")
    func derive() throws {
        let p = try pupils()
        let t = try p.deriving("score_per_year") { i in
            guard let s = try p.double("score", i), let a = try p.double("age", i) else { return nil }
            return s / a
        }
        let c = try t.column("score_per_year")
        #expect(c.missing[2] && !c.missing[0])
        #expect(c.doubles?[0] == 55.5 / 12)
    }

    @Test("group aggregate equals R (na.rm = TRUE) and hand computation")
    func aggregate() throws {
        // R: see Scripts/reference/frames.R — mean/sd/min/max of score by school, na.rm = TRUE
        let ref = try #require(try Fixtures.json("frames/reference.json") as? [String: Any])
        let rows = try #require(ref["aggregate"] as? [[String: Any]])
        let a = try pupils().aggregate(by: ["school"], [
            Aggregate("score", .count), Aggregate("score", .nonMissing), Aggregate("score", .mean),
            Aggregate("score", .sd), Aggregate("score", .min), Aggregate("score", .max),
        ])
        // Four schools plus the missing-school group, last.
        #expect(a.rowCount == 5)
        #expect(try a.column("school").missing == [false, false, false, false, true])
        #expect(try a.column("n").values == .integer([3, 2, 3, 1, 1]))
        #expect(try a.column("score_nonMissing").values == .integer([2, 2, 3, 1, 1]))
        for (k, r) in rows.enumerated() {
            #expect(try a.column("school").text(at: k) == r["school"] as? String)
            for f in ["mean", "sd", "min", "max"] {
                let mine = try a.column("score_\(f)").doubles?[k] ?? .infinity
                #expect(isClose(mine, num(r["score_\(f)"]), rel: 1e-13), "\(f) \(k)")
            }
        }
        // By hand: S01 scores 55.5, 61.25 (one missing): mean 58.375, sd |61.25-55.5|/sqrt(2).
        #expect(try a.column("score_mean").doubles?[0] == 58.375)
        #expect(isClose(try a.column("score_sd").doubles?[0] ?? 0, 5.75 / 2.0.squareRoot(), rel: 1e-15))
    }

    @Test("aggregating a string column is an error")
    func aggregateString() throws {
        #expect(throws: FrameError.self) { try pupils().aggregate(by: ["school"], [Aggregate("track", .mean)]) }
    }

    @Test("join school data onto pupils: unmatched keys give missing cells and are counted")
    func join() throws {
        // R: merge(p, s, by = "school", all.x = TRUE)
        let schools = try Table.read(path: Fixtures.path("frames/schools.csv"))
        let (j, report) = try pupils().leftJoin(schools, on: ["school"])
        #expect(j.rowCount == 10)
        #expect(try j.column("pupil").values == .integer(Array(1...10)))
        let ref = try #require(try Fixtures.json("frames/reference.json") as? [String: Any])
        let rj = try #require(ref["join"] as? [String: Any])
        let size = (rj["size"] as? [Any] ?? []).map(num)
        #expect(maxRelativeDifference(try j.column("size").doubles ?? [], size) == 0)
        #expect(try j.column("urban").missing == [false, false, false, false, false, false, false, false, true, true])
        #expect(report.matchedRows == 8 && report.unmatchedRows == 2)
        #expect(report.unmatchedKeys == ["NA", "S04"])
        #expect(report.unusedRightRows == 1)
    }

    @Test("join: duplicate keys on the right are an error; name clashes get a suffix")
    func joinErrors() throws {
        let dup = try csv("school,size\nS01,1\nS01,2\n")
        #expect(throws: FrameError.self) { try pupils().leftJoin(dup, on: ["school"]) }
        let clash = try csv("school,age\nS01,99\n")
        let (j, _) = try pupils().leftJoin(clash, on: ["school"])
        #expect(j.has("age") && j.has("age.y"))
    }

    @Test("sort is stable, missing last, descending on request")
    func sort() throws {
        let p = try pupils()
        let byAge = try p.sorted(by: [SortKey("age")])
        #expect(try byAge.column("pupil").values == .integer([1, 3, 6, 2, 5, 8, 10, 4, 9, 7]))
        let byScore = try p.sorted(by: [SortKey("score", descending: true)])
        #expect(try byScore.column("pupil").values == .integer([6, 9, 2, 10, 1, 8, 5, 4, 7, 3]))
        let two = try p.sorted(by: [SortKey("track"), SortKey("age", descending: true)])
        #expect(try two.column("pupil").values == .integer([9, 10, 1, 3, 6, 7, 4, 2, 5, 8]))
    }

    @Test("describe: mean and SD equal R's")
    func describe() throws {
        let ref = try #require(try Fixtures.json("frames/reference.json") as? [String: Any])
        let s = try #require(try pupils().describe().first { $0.name == "score" })
        #expect(s.n == 9 && s.missing == 1 && s.type == .double)
        #expect(isClose(s.mean ?? 0, num(ref["score_mean"]), rel: 1e-13))
        #expect(isClose(s.sd ?? 0, num(ref["score_sd"]), rel: 1e-13))
        let track = try #require(try pupils().describe().first { $0.name == "track" })
        #expect(track.levels?.map(\.level) == ["ASO", "BSO", "TSO"] && track.levels?.map(\.count) == [5, 2, 3])
    }
}
